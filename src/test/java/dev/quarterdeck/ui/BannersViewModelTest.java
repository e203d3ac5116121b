package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.EnvironmentChecked;
import dev.quarterdeck.session.SessionEvent.EnvironmentUnlocked;
import dev.quarterdeck.session.SessionEvent.InsecureTlsInUse;
import dev.quarterdeck.session.SessionEvent.LeaseChanged;
import dev.quarterdeck.session.SessionEvent.ProtectedEnvironmentConfirmed;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionLog;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BannersViewModelTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Actor CAPTAIN = new Actor("dana");

    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();

    private BannersViewModel open(Environment environment) {
        FxBridge bridge = new FxBridge(Runnable::run);
        BannersViewModel banners = new BannersViewModel(environment, commands, CAPTAIN, ZoneOffset.UTC, bridge);
        bridge.connect(log);
        return banners;
    }

    static LeaseChanged heldBy(String holder, Instant at, String renewed) {
        return new LeaseChanged(at, holder, false, Instant.parse(renewed), at.plusSeconds(30),
                "held by " + holder + ": this console is read-only");
    }

    static LeaseChanged ours(Instant at) {
        return new LeaseChanged(at, "dana@laptop", true, at, at.plusSeconds(30), "held by this console until "
                + at.plusSeconds(30));
    }

    @Test
    void an_environment_without_guards_shows_no_banner() {
        BannersViewModel banners = open(TestPlans.staging());

        assertThat(List.of(banners.insecureTls(), banners.readOnly(), banners.locked(), banners.protectedEnvironment()))
                .allSatisfy(banner -> assertThat(banner.shownProperty().get()).isFalse());
    }

    @Test
    void insecure_tls_stands_from_the_event_on_and_names_the_endpoints() {
        BannersViewModel banners = open(TestPlans.staging());
        assertThat(banners.insecureTls().shownProperty().get()).isFalse();

        log.append(new InsecureTlsInUse(T0, "staging",
                List.of("https://prometheus.shop.example", "https://kong-admin.shop.example")));
        log.append(new WeightApplied(T0.plusSeconds(1), 0, 0, "sandbox"));
        log.append(ours(T0.plusSeconds(2)));

        assertThat(banners.insecureTls().shownProperty().get()).isTrue();
        assertThat(banners.insecureTls().textProperty().get()).isEqualTo("TLS certificates are not verified for "
                + "staging: https://prometheus.shop.example, https://kong-admin.shop.example");
        assertThat(banners.insecureTls().tone()).isEqualTo(Tone.WARNING);
    }

    @Test
    void read_only_names_the_holder_and_its_renewal_and_goes_when_the_lease_is_ours() {
        BannersViewModel banners = open(TestPlans.staging());

        log.append(heldBy("sam@console-2", T0, "2026-03-02T10:04:31Z"));
        assertThat(banners.readOnly().shownProperty().get()).isTrue();
        assertThat(banners.readOnly().textProperty().get())
                .isEqualTo("Read-only: staging is driven by sam@console-2 (renewed 10:04:31)");

        log.append(heldBy("sam@console-2", T0.plusSeconds(10), "2026-03-02T10:04:41Z"));
        assertThat(banners.readOnly().textProperty().get()).endsWith("(renewed 10:04:41)");

        log.append(ours(T0.plusSeconds(20)));
        assertThat(banners.readOnly().shownProperty().get()).isFalse();
    }

    @Test
    void take_over_needs_a_reason_and_sends_it_in_the_operators_name() {
        BannersViewModel banners = open(TestPlans.staging());
        log.append(heldBy("sam@console-2", T0, "2026-03-02T10:04:31Z"));

        banners.takeOver();
        assertThat(banners.canTakeOverProperty().get()).isFalse();
        banners.takeOverReasonProperty().set("  sam's console froze during the incident ");
        banners.takeOver();

        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("takeOverLease",
                List.of(CAPTAIN, "sam's console froze during the incident")));
        // Sent is not done: the banner stays until the session says the lease is ours.
        assertThat(banners.readOnly().shownProperty().get()).isTrue();
        assertThat(banners.readOnly().detailProperty().get()).isEqualTo("asking for the lease…");
    }

    @Test
    void a_take_over_that_fails_says_why_on_the_banner() {
        BannersViewModel banners = open(TestPlans.staging());
        log.append(heldBy("sam@console-2", T0, "2026-03-02T10:04:31Z"));
        banners.takeOverReasonProperty().set("incident");
        banners.takeOver();

        log.append(new EnvironmentChecked(T0.plusSeconds(1), "lease", false, "leases.coordination.k8s.io is forbidden"));

        assertThat(banners.readOnly().shownProperty().get()).isTrue();
        assertThat(banners.readOnly().detailProperty().get())
                .isEqualTo("could not take over: leases.coordination.k8s.io is forbidden");
        assertThat(banners.readOnly().detailToneProperty().get()).isEqualTo(Tone.DANGER);
    }

    @Test
    void a_lock_stands_from_the_start_until_its_approval_is_recorded() {
        BannersViewModel banners = open(TestPlans.guardedProduction());

        assertThat(banners.locked().shownProperty().get()).isTrue();
        assertThat(banners.locked().textProperty().get())
                .isEqualTo("Locked until leadership approves: release freeze until the Q3 review");
        assertThat(banners.approverProperty().get()).isEqualTo("leadership");

        banners.approvalNoteProperty().set("approved in #release-war-room at 09:58");
        banners.recordApproval();
        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("recordUnlock",
                List.of(new Actor("leadership"), CAPTAIN, "approved in #release-war-room at 09:58")));
        assertThat(banners.locked().shownProperty().get()).isTrue();

        log.append(new EnvironmentUnlocked(T0, new Actor("leadership"), CAPTAIN, "approved in #release-war-room"));
        assertThat(banners.locked().shownProperty().get()).isFalse();
    }

    @Test
    void an_unlock_for_the_wrong_person_is_refused_on_the_banner() {
        BannersViewModel banners = open(TestPlans.guardedProduction());
        banners.approverProperty().set("sam");
        banners.recordApproval();

        log.append(new CommandRefused(T0, CAPTAIN, "unlock", "production waits for leadership, not sam"));

        assertThat(banners.locked().shownProperty().get()).isTrue();
        assertThat(banners.locked().detailProperty().get()).isEqualTo("refused: production waits for leadership, not sam");
    }

    @Test
    void a_protected_environment_is_confirmed_by_typing_its_exact_name() {
        BannersViewModel banners = open(TestPlans.production());
        assertThat(banners.protectedEnvironment().shownProperty().get()).isTrue();
        assertThat(banners.protectedEnvironment().textProperty().get())
                .isEqualTo("Protected environment: type its name to allow changes");
        assertThat(banners.protectedEnvironment().tone()).isEqualTo(Tone.DANGER);

        banners.typedNameProperty().set("prod");
        banners.confirmProtected();
        assertThat(banners.canConfirmProperty().get()).isFalse();
        assertThat(commands.calls()).isEmpty();

        banners.typedNameProperty().set("production ");
        assertThat(banners.canConfirmProperty().get()).isTrue();
        banners.confirmProtected();
        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("confirmProtectedEnvironment", List.of("production", CAPTAIN)));
        assertThat(banners.protectedEnvironment().shownProperty().get()).isTrue();

        log.append(new ProtectedEnvironmentConfirmed(T0, CAPTAIN, "production"));
        assertThat(banners.protectedEnvironment().shownProperty().get()).isFalse();
    }

    @Test
    void each_guard_goes_on_its_own_event_and_the_others_stay() {
        BannersViewModel banners = open(TestPlans.guardedProduction());
        log.append(new InsecureTlsInUse(T0, "production", List.of("https://prometheus.shop.example")));
        log.append(heldBy("sam@console-2", T0, "2026-03-02T10:04:31Z"));
        assertThat(List.of(banners.insecureTls(), banners.readOnly(), banners.locked(), banners.protectedEnvironment()))
                .allSatisfy(banner -> assertThat(banner.shownProperty().get()).isTrue());

        log.append(ours(T0.plusSeconds(1)));
        log.append(new EnvironmentUnlocked(T0.plusSeconds(2), new Actor("leadership"), CAPTAIN, ""));
        assertThat(banners.readOnly().shownProperty().get()).isFalse();
        assertThat(banners.locked().shownProperty().get()).isFalse();
        assertThat(banners.protectedEnvironment().shownProperty().get()).isTrue();
        assertThat(banners.insecureTls().shownProperty().get()).isTrue();
    }
}
