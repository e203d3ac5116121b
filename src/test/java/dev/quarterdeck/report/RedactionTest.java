package dev.quarterdeck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Secrets planted in every kind of text an event carries never reach a report, in any format, even when the
 * journal let them through; and text that looks like markup is shown, not run.
 */
class RedactionTest {
    private static final Instant T = Instant.parse("2026-11-22T09:00:00Z");
    private static final Actor ANA = new Actor("ana");

    /** The values that must not appear; each planted below in a different field. */
    private static final List<String> SECRETS = List.of(
            "ghp_0123456789abcdefghijABCDEFGHIJ0123456789",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJlLXZhbHVl",
            "hunter2-deploy-pass",
            "T0AAAAAAA/B0BBBBBBB/xoxosecretpathvalue1234",
            "s3cr3t-Passw0rd",
            "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=",
            "MIIEowIBAAKCAQEAsecretkeymaterial",
            "AKIAIOSFODNN7EXAMPLE",
            "xoxb-123456789012-abcdefghijkl",
            "correct-horse-battery-staple",
            "https://discord.com/api/webhooks/1234567/abcdefSECRETtoken");

    static List<SessionEvent> plantedSession() {
        List<SessionEvent> e = new ArrayList<>();
        e.add(new SessionEvent.SessionStarted(T, "checkout", "2.4.0", "production", ANA));
        e.add(new SessionEvent.PlanLoaded(T, "checkout", "2.4.0", "payments", "plans/checkout.yaml", Mode.MANUAL,
                List.of(new SessionEvent.PlanLoaded.PlannedItem("webhook", "Pager webhook works", "preflight", true,
                        "", "link")), List.of("set canary weight to 10%"), List.of(), List.of(), List.of()));
        e.add(new SessionEvent.EnvironmentDescribed(T, "production", "kong",
                "prod", "https://admin:s3cr3t-Passw0rd@k8s.example.com:6443", "shop", "ana",
                Map.of("canary", "registry.example.com/checkout:2.4.0"), "ana@laptop"));
        e.add(new SessionEvent.LastKnownGoodRecorded(T, "checkout", Map.of("app", "registry.example.com/checkout:2.3.9"),
                Map.of("FEATURE_PAYMENT_API", "api_key=ghp_0123456789abcdefghijABCDEFGHIJ0123456789")));
        e.add(new SessionEvent.ChecklistItemMarked(T.plusSeconds(10), ANA, "webhook", true, "tested",
                "https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/xoxosecretpathvalue1234"));
        e.add(new SessionEvent.OverrideRecorded(T.plusSeconds(20), ANA, "advance", "preflight is not done",
                "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJlLXZhbHVl' "
                        + "said 200"));
        e.add(new SessionEvent.CommandRefused(T.plusSeconds(25), ANA, "set weight 50%",
                "kubeconfig user ana: client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo="));
        e.add(new SessionEvent.NoteAdded(T.plusSeconds(30), ANA, "pasted by mistake:\n-----BEGIN RSA PRIVATE KEY-----\n"
                + "MIIEowIBAAKCAQEAsecretkeymaterial\n-----END RSA PRIVATE KEY-----"));
        e.add(new SessionEvent.NoteAdded(T.plusSeconds(31), ANA, "aws AKIAIOSFODNN7EXAMPLE and slack "
                + "xoxb-123456789012-abcdefghijkl, hook https://discord.com/api/webhooks/1234567/abcdefSECRETtoken"));
        e.add(new SessionEvent.NoteAdded(T.plusSeconds(32), ANA, "DB_PASSWORD=correct-horse-battery-staple"));
        e.add(new SessionEvent.NoteAdded(T.plusSeconds(33), ANA, "<script>alert('x')</script> | **not bold** [a](b)"));
        e.add(new SessionEvent.WeightApplied(T.plusSeconds(40), 10, 10, "kong"));
        e.add(new SessionEvent.MetricSample(T.plusSeconds(45), Track.CANARY, Metric.ERROR_RATE, 0.09, Outcome.PASS, ""));
        e.add(new SessionEvent.AbortTriggered(T.plusSeconds(45), "sev1", AbortRule.Response.ROLLBACK,
                "canary error-rate ≤ 5%", 0.09, 0.05));
        e.add(new SessionEvent.RollbackStarted(T.plusSeconds(45), Actor.quarterdeck(), "sev1", 1));
        e.add(new SessionEvent.RollbackStepStarted(T.plusSeconds(45), 0, "set canary weight to 0%"));
        e.add(new SessionEvent.RollbackStepFinished(T.plusSeconds(46), 0, "set canary weight to 0%", true,
                "PUT https://deployer:hunter2-deploy-pass@kong.example.com:8001/upstreams/checkout: 200"));
        e.add(new SessionEvent.WeightApplied(T.plusSeconds(46), 0, 0, "kong"));
        e.add(new SessionEvent.RollbackFinished(T.plusSeconds(46), true, 0, "1 of 1 steps done"));
        e.add(new SessionEvent.ProbeSample(T.plusSeconds(50), "health", Outcome.FAIL,
                "GET https://shop.example.com/health?access_token=ghp_0123456789abcdefghijABCDEFGHIJ0123456789: 500",
                Duration.ofMillis(5)));
        return e;
    }

    private static String render(ReportFormat format, Redaction redaction) throws IOException {
        StringWriter out = new StringWriter();
        format.write(ReportBuilder.build(plantedSession(), redaction), out, ZoneOffset.UTC);
        return out.toString();
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void noPlantedSecretReachesAReport(ReportFormat format) throws IOException {
        String report = render(format, Redaction.standard());

        for (String secret : SECRETS) {
            assertThat(report).as(format + " must not hold " + secret).doesNotContain(secret);
        }
        assertThat(report).contains("REDACTED").contains("k8s.example.com:6443").contains("hooks.slack.com/services/");
    }

    @Test
    void withoutRedactionTheSameSessionWouldLeak() throws IOException {
        assertThat(render(ReportFormat.MARKDOWN, Redaction.none())).contains(SECRETS.get(0), SECRETS.get(4));
    }

    @Test
    void theJournalsRedactorCanStandInForTheReportsOwn() throws IOException {
        // As session.Redactor will: exact values the console knows, e.g. read from a plan's ${env:...}.
        Redaction known = Redaction.of(text -> text.replace("checkout", "[known]"));
        assertThat(render(ReportFormat.JSON, known)).doesNotContain("checkout").contains("[known]");
    }

    @Test
    void markupInEventsIsShownNotRun() throws IOException {
        String html = render(ReportFormat.HTML, Redaction.standard());
        String md = render(ReportFormat.MARKDOWN, Redaction.standard());

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(md).doesNotContain("<script>").contains("&lt;script>alert('x')&lt;/script> \\| \\*\\*not bold\\*\\* "
                + "\\[a\\](b)");
        assertThat(md).contains("pasted by mistake:<br>-----BEGIN RSA PRIVATE KEY-----REDACTED-----END RSA PRIVATE "
                + "KEY-----");
    }

    @Test
    void anEventWithNothingToRedactIsLeftAsItIs() {
        SessionEvent.NoteAdded note = new SessionEvent.NoteAdded(T, ANA, "all quiet");
        assertThat(Redaction.standard().event(note)).isSameAs(note);
    }
}
