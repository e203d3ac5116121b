package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.ProbeSpec.KubernetesCheck;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each Kubernetes check, passing and failing, said as a captain would read it; a failed read is an ERROR. */
class KubernetesProbeTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String API_1_5 = "gcr.io/shop/api:1.5.0";
    private static final String D5 = "sha256:5555555555555555555555555555555555555555555555555555555555555555";
    private static final String D4 = "sha256:4444444444444444444444444444444444444444444444444444444444444444";

    private final ManualClock clock = new ManualClock(NOW);
    private final FakeCluster cluster = new FakeCluster();

    @Test
    void rolloutCompletePassesWhenKubectlWouldSaySuccessfullyRolledOut() {
        cluster.deployments.put("api", reading(1, 1, 3, 3, 3, 3, 3, false, List.of()));

        ProbeSample sample = run(new KubernetesCheck.RolloutComplete("api"));

        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
        assertThat(sample.observed()).isEqualTo("deployment api rolled out: 3/3 ready, image " + API_1_5);
        assertThat(sample.probe()).isEqualTo("check");
        assertThat(sample.at()).isEqualTo(NOW);
    }

    @Test
    void rolloutCompleteFailsWhileProgressingAndWhenPastTheDeadline() {
        cluster.deployments.put("api", reading(2, 2, 3, 3, 3, 2, 2, false, List.of()));
        assertThat(run(new KubernetesCheck.RolloutComplete("api"))).satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(s.observed()).isEqualTo("deployment api rolling out: 2 of 3 updated replicas are available "
                    + "(2/3 ready, image " + API_1_5 + ")");
        });

        cluster.deployments.put("api", reading(2, 2, 3, 3, 1, 0, 0, true, List.of()));
        assertThat(run(new KubernetesCheck.RolloutComplete("api"))).satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(s.observed()).isEqualTo("deployment \"api\" exceeded its progress deadline (0/3 ready, image "
                    + API_1_5 + ")");
        });
    }

    @Test
    void replicasNeedThatManyReadyAndAvailable() {
        cluster.deployments.put("api", reading(1, 1, 3, 3, 3, 3, 2, false, List.of()));

        assertThat(run(new KubernetesCheck.Replicas("api", 2))).satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.PASS);
            assertThat(s.observed()).isEqualTo("deployment api: 3/3 ready, 2 available");
        });
        assertThat(run(new KubernetesCheck.Replicas("api", 3))).satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(s.observed()).isEqualTo("deployment api: 3/3 ready, 2 available; at least 3 needed");
        });
    }

    @Test
    void imagePassesOnTheTagAndWithADigestOnlyWhenEveryPodRunsIt() {
        cluster.deployments.put("api", reading(1, 1, 2, 2, 2, 2, 2, false, List.of(
                new DeploymentReading.RunningImage("api-1", "api", "gcr.io/shop/api@" + D5),
                new DeploymentReading.RunningImage("api-1", "envoy", "docker.io/envoyproxy/envoy@sha256:eeee"),
                new DeploymentReading.RunningImage("api-2", "api", "docker-pullable://gcr.io/shop/api@" + D5))));

        assertThat(run(new KubernetesCheck.Image("api", Optional.of("api"), API_1_5, Optional.empty())))
                .satisfies(s -> {
                    assertThat(s.outcome()).isEqualTo(Outcome.PASS);
                    assertThat(s.observed()).isEqualTo("deployment api/api runs image " + API_1_5);
                });
        assertThat(run(new KubernetesCheck.Image("api", Optional.of("api"), API_1_5, Optional.of(D5))))
                .satisfies(s -> {
                    assertThat(s.outcome()).as("the sidecar's digest is not the application's").isEqualTo(Outcome.PASS);
                    assertThat(s.observed()).isEqualTo("deployment api/api runs image " + API_1_5
                            + ", 2/2 pods run sha256:555555555555…");
                });
    }

    @Test
    void imageFailsSayingWhatRunsInstead() {
        cluster.deployments.put("api", reading(1, 1, 3, 3, 3, 3, 3, false, List.of(
                new DeploymentReading.RunningImage("api-1", "api", "gcr.io/shop/api@" + D5),
                new DeploymentReading.RunningImage("api-2", "api", "gcr.io/shop/api@" + D4),
                new DeploymentReading.RunningImage("api-3", "api", ""))));

        assertThat(run(new KubernetesCheck.Image("api", Optional.of("api"), "gcr.io/shop/api:1.6.0", Optional.empty())))
                .satisfies(s -> {
                    assertThat(s.outcome()).isEqualTo(Outcome.FAIL);
                    assertThat(s.observed()).isEqualTo("deployment api/api runs image " + API_1_5
                            + ", expected gcr.io/shop/api:1.6.0");
                });
        assertThat(run(new KubernetesCheck.Image("api", Optional.of("api"), API_1_5, Optional.of(D5))))
                .satisfies(s -> {
                    assertThat(s.outcome()).isEqualTo(Outcome.FAIL);
                    assertThat(s.observed()).isEqualTo("deployment api/api runs image " + API_1_5 + ", but 1 of 3 "
                            + "pods runs sha256:444444444444… and 1 has not started; expected sha256:555555555555…");
                });
        assertThat(run(new KubernetesCheck.Image("api", Optional.of("web"), API_1_5, Optional.empty())))
                .satisfies(s -> {
                    assertThat(s.outcome()).isEqualTo(Outcome.FAIL);
                    assertThat(s.observed()).isEqualTo("deployment api has no container 'web' (containers: api, envoy)");
                });
    }

    @Test
    void aDigestCheckWithNoPodsRunningIsNotAPass() {
        cluster.deployments.put("api", reading(1, 1, 3, 0, 0, 0, 0, false, List.of()));

        ProbeSample sample = run(new KubernetesCheck.Image("api", Optional.of("api"), API_1_5, Optional.of(D5)));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).endsWith("but no pod reports the image it runs yet; expected sha256:555555555555…");
    }

    @Test
    void readyPods() {
        cluster.pods.put("app=api", new ClusterState.PodCount(3, 2));

        assertThat(run(new KubernetesCheck.ReadyPods("app=api", 2))).satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.PASS);
            assertThat(s.observed()).isEqualTo("2/3 pods ready (app=api)");
        });
        assertThat(run(new KubernetesCheck.ReadyPods("app=api", 3))).satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(s.observed()).isEqualTo("2/3 pods ready (app=api); at least 3 needed");
        });
    }

    @Test
    void cronJobSuspended() {
        cluster.suspended.put("nightly-reindex", true);

        assertThat(run(new KubernetesCheck.CronJobSuspended("nightly-reindex", true))).satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.PASS);
            assertThat(s.observed()).isEqualTo("cronjob nightly-reindex is suspended");
        });
        assertThat(run(new KubernetesCheck.CronJobSuspended("nightly-reindex", false))).satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(s.observed()).isEqualTo("cronjob nightly-reindex is suspended, expected not suspended");
        });
    }

    @Test
    void secretExists() {
        cluster.secrets.put("db", true);
        cluster.secrets.put("payments-api-key", false);

        assertThat(run(new KubernetesCheck.SecretExists("db"))).satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.PASS);
            assertThat(s.observed()).isEqualTo("secret db exists");
        });
        assertThat(run(new KubernetesCheck.SecretExists("payments-api-key"))).satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(s.observed()).isEqualTo("secret payments-api-key does not exist");
        });
    }

    @Test
    void aReadThatFailsIsAnErrorNamingVerbAndResource() {
        cluster.failure = new ClusterReadException("get deployments.apps/api in namespace shop: 403 Forbidden "
                + "(the current user may not get deployments.apps)", false, null);

        for (KubernetesCheck check : List.of(new KubernetesCheck.RolloutComplete("api"),
                new KubernetesCheck.Replicas("api", 1),
                new KubernetesCheck.Image("api", Optional.empty(), API_1_5, Optional.empty()),
                new KubernetesCheck.ReadyPods("app=api", 1), new KubernetesCheck.CronJobSuspended("x", true),
                new KubernetesCheck.SecretExists("db"))) {
            ProbeSample sample = run(check);
            assertThat(sample.outcome()).as(check.toString()).isEqualTo(Outcome.ERROR);
            assertThat(sample.observed()).startsWith("get deployments.apps/api in namespace shop: 403 Forbidden");
        }
    }

    @Test
    void aMissedBeatIsAnError() {
        KubernetesProbe probe = probe(new KubernetesCheck.SecretExists("db"));

        assertThat(probe.missed(NOW, "previous run still running after 2 s; skipped"))
                .containsExactly(new ProbeSample(NOW, "check", Outcome.ERROR,
                        "previous run still running after 2 s; skipped", Duration.ZERO));
    }

    @Test
    void onlyKubernetesProbesAreTaken() {
        Probe http = new Probe("health", Duration.ofSeconds(5), Duration.ofSeconds(2),
                new ProbeSpec.Http("stable", "/health", 200));

        assertThatThrownBy(() -> new KubernetesProbe(http, cluster, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ProbeSample run(KubernetesCheck check) {
        List<ProbeSample> samples = probe(check).run();
        assertThat(samples).hasSize(1);
        return samples.get(0);
    }

    private KubernetesProbe probe(KubernetesCheck check) {
        return new KubernetesProbe(new Probe("check", Duration.ofSeconds(10), Duration.ofSeconds(5),
                new ProbeSpec.Kubernetes(check)), cluster, clock);
    }

    /** Deployment api: an api container (1.5.0) and, with running images, an envoy sidecar. */
    private static DeploymentReading reading(long generation, long observed, int spec, int replicas, int updated,
            int ready, int available, boolean deadline, List<DeploymentReading.RunningImage> running) {
        List<DeploymentReading.Container> containers = running.isEmpty()
                ? List.of(new DeploymentReading.Container("api", API_1_5, Map.of()))
                : List.of(new DeploymentReading.Container("api", API_1_5, Map.of()),
                        new DeploymentReading.Container("envoy", "docker.io/envoyproxy/envoy:v1.30.1", Map.of()));
        return new DeploymentReading("api", generation, observed, spec, replicas, updated, ready, available, deadline,
                containers, running.stream().map(DeploymentReading.RunningImage::imageId).toList(), running);
    }

    /** Cluster state as the test sets it; every read fails with {@code failure} when one is set. */
    private static final class FakeCluster implements ClusterState {
        final Map<String, DeploymentReading> deployments = new HashMap<>();
        final Map<String, PodCount> pods = new HashMap<>();
        final Map<String, Boolean> suspended = new HashMap<>();
        final Map<String, Boolean> secrets = new HashMap<>();
        ClusterReadException failure;

        @Override
        public DeploymentReading deployment(String name) throws ClusterReadException {
            failIfSet();
            return deployments.get(name);
        }

        @Override
        public boolean cronJobSuspended(String name) throws ClusterReadException {
            failIfSet();
            return suspended.get(name);
        }

        @Override
        public boolean secretExists(String name) throws ClusterReadException {
            failIfSet();
            return secrets.get(name);
        }

        @Override
        public PodCount pods(String labelSelector) throws ClusterReadException {
            failIfSet();
            return pods.get(labelSelector);
        }

        private void failIfSet() throws ClusterReadException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
