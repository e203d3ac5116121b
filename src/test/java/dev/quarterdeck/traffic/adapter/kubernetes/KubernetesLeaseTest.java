package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.testing.Shop;
import static dev.quarterdeck.testing.Shop.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.testing.KubernetesTestCluster;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.EnvironmentLease.State.Held;
import dev.quarterdeck.traffic.EnvironmentLease.State.HeldByOther;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two consoles, ana's and bob's, contend for the production lease on a real HTTP API; the clock is the
 * test's, so expiry is decided without waiting.
 */
class KubernetesLeaseTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123456Z");
    private static final String PATH = "/apis/coordination.k8s.io/v1/namespaces/shop/leases/quarterdeck-prod";

    private final KubernetesTestCluster cluster = KubernetesTestCluster.start();
    private final KubernetesClient client = Clients.withoutRetries(cluster);
    private final TestClock clock = new TestClock(T0);
    private final KubernetesLease ana = new KubernetesLease(client, NAMESPACE, "prod", clock);
    private final KubernetesLease bob = new KubernetesLease(client, NAMESPACE, "prod", clock);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void aFreeLeaseIsCreatedForItsFirstHolder() throws Exception {
        assertThat(ana.acquire("ana@laptop")).isEqualTo(new Held("ana@laptop", T0.plusSeconds(30)));

        Lease lease = lease();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("ana@laptop");
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(30);
        assertThat(lease.getSpec().getAcquireTime().toInstant()).isEqualTo(T0);
        assertThat(lease.getSpec().getRenewTime().toInstant()).isEqualTo(T0);
        assertThat(lease.getSpec().getLeaseTransitions()).isZero();
        var kubectl = cluster.kubectl(cluster.writeKubeconfig(dir, "test", "ana"));
        assertThat(kubectl.run("get", "lease", "quarterdeck-prod", "-o",
                "jsonpath={.spec.holderIdentity} {.spec.renewTime}")).isEqualTo("ana@laptop 2026-11-22T10:00:00.123456Z");
    }

    @Test
    void aSecondConsoleSeesWhoHoldsItAndUntilWhen() throws Exception {
        ana.acquire("ana@laptop");
        clock.advance(Duration.ofSeconds(10));

        assertThat(bob.acquire("bob@desk"))
                .isEqualTo(new HeldByOther("ana@laptop", T0, T0.plusSeconds(30)));
        clock.advance(Duration.ofSeconds(20)); // exactly at expiry: still ana's
        assertThat(bob.acquire("bob@desk")).isInstanceOf(HeldByOther.class);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("ana@laptop");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsFormerHolderLearnsSoOnRenew() throws Exception {
        ana.acquire("ana@laptop");
        clock.advance(Duration.ofSeconds(31));
        Instant takeover = T0.plusSeconds(31);

        assertThat(bob.acquire("bob@desk")).isEqualTo(new Held("bob@desk", takeover.plusSeconds(30)));
        assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
        assertThat(lease().getSpec().getAcquireTime().toInstant()).isEqualTo(takeover);

        assertThat(ana.renew()).isEqualTo(new HeldByOther("bob@desk", takeover, takeover.plusSeconds(30)));
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("bob@desk");
    }

    @Test
    void aLiveLeaseIsTakenOverOnlyWhenAskedAndItsHolderLearnsSoOnRenew() throws Exception {
        ana.acquire("ana@laptop");
        clock.advance(Duration.ofSeconds(5));
        Instant takeover = T0.plusSeconds(5);

        assertThat(bob.acquire("bob@desk")).isInstanceOf(HeldByOther.class);
        assertThat(bob.takeOver("bob@desk")).isEqualTo(new Held("bob@desk", takeover.plusSeconds(30)));
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("bob@desk");
        assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);

        assertThat(ana.renew()).isEqualTo(new HeldByOther("bob@desk", takeover, takeover.plusSeconds(30)));
    }

    @Test
    void renewingMovesTheExpiryOn() throws Exception {
        ana.acquire("ana@laptop");
        clock.advance(Duration.ofSeconds(10));

        assertThat(ana.renew()).isEqualTo(new Held("ana@laptop", T0.plusSeconds(40)));
        assertThat(lease().getSpec().getRenewTime().toInstant()).isEqualTo(T0.plusSeconds(10));
        assertThat(lease().getSpec().getAcquireTime().toInstant()).isEqualTo(T0);
        clock.advance(Duration.ofSeconds(25)); // 35 s after acquiring, 25 s after renewing
        assertThat(bob.acquire("bob@desk")).isInstanceOf(HeldByOther.class);
    }

    @Test
    void aReleasedLeaseIsFreeAtOnce() throws Exception {
        ana.acquire("ana@laptop");

        ana.release();

        assertThat(lease().getSpec().getHolderIdentity()).isNull();
        assertThat(bob.acquire("bob@desk")).isEqualTo(new Held("bob@desk", T0.plusSeconds(30)));
        assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
    }

    @Test
    void releasingALeaseSomeoneElseHoldsChangesNothing() throws Exception {
        ana.acquire("ana@laptop");
        bob.acquire("bob@desk");
        String version = lease().getMetadata().getResourceVersion();

        bob.release();

        assertThat(lease().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("ana@laptop");
    }

    @Test
    void aConflictOnRenewIsReadAgainAndTheLeaseRenewedWhenStillOurs() throws Exception {
        ana.acquire("ana@laptop");
        clock.advance(Duration.ofSeconds(10));
        cluster.expect().put().withPath(PATH).andReturn(409, Shop.status(409, "Conflict",
                "Operation cannot be fulfilled on leases.coordination.k8s.io \"quarterdeck-prod\"")).once();

        assertThat(ana.renew()).isEqualTo(new Held("ana@laptop", T0.plusSeconds(40)));
        assertThat(lease().getSpec().getRenewTime().toInstant()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aRenewThatLosesTheRaceToATakeoverReportsTheNewHolder() throws Exception {
        ana.acquire("ana@laptop");
        String anasLease = client.getKubernetesSerialization().asJson(lease());
        clock.advance(Duration.ofSeconds(31));
        bob.acquire("bob@desk");
        // Ana's console reads the lease just before bob's takeover lands; her write then meets the server's
        // real resourceVersion check and is refused with 409.
        cluster.expect().get().withPath(PATH).andReturn(200, anasLease).once();

        assertThat(ana.renew()).isEqualTo(new HeldByOther("bob@desk", T0.plusSeconds(31), T0.plusSeconds(61)));
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("bob@desk");
    }

    @Test
    void aDeletedLeaseIsTakenAgainOnRenew() throws Exception {
        ana.acquire("ana@laptop");
        client.leases().inNamespace(NAMESPACE).withName("quarterdeck-prod").delete();
        clock.advance(Duration.ofSeconds(5));

        assertThat(ana.renew()).isEqualTo(new Held("ana@laptop", T0.plusSeconds(35)));
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("ana@laptop");
    }

    @Test
    void aForbiddenLeaseIsNamedAndNotToBeRetried() {
        cluster.expect().get().withPath(PATH).andReturn(403, Shop.status(403, "Forbidden",
                "leases.coordination.k8s.io \"quarterdeck-prod\" is forbidden")).once();

        assertThatThrownBy(() -> ana.acquire("ana@laptop"))
                .isInstanceOf(ActionException.class)
                .hasMessageStartingWith("get leases.coordination.k8s.io/quarterdeck-prod in namespace shop: "
                        + "403 Forbidden")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isFalse());
    }

    @Test
    void renewingALeaseNeverAskedForIsAMistakeOfTheCaller() {
        assertThatThrownBy(ana::renew).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theLeaseIsNamedAfterTheEnvironment() {
        assertThat(KubernetesLease.leaseName("prod")).isEqualTo("quarterdeck-prod");
        assertThat(KubernetesLease.leaseName("Prod EU_1")).isEqualTo("quarterdeck-prod-eu-1");
    }

    private Lease lease() {
        return client.leases().inNamespace(NAMESPACE).withName("quarterdeck-prod").get();
    }
}
