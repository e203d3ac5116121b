package dev.quarterdeck.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlF";
    private final Redactor redactor = Redactor.standard();

    @Test
    void authorizationHeadersAndBearerTokensKeepTheirNameOnly() {
        assertThat(redactor.redact("curl -H 'Authorization: Bearer " + JWT + "' https://api.internal/x"))
                .isEqualTo("curl -H 'Authorization: REDACTED");
        assertThat(redactor.redact("sent Authorization: Basic dXNlcjpwYXNzd29yZA==\nnext line stays"))
                .isEqualTo("sent Authorization: REDACTED\nnext line stays");
        assertThat(redactor.redact("{\"Authorization\": \"Bearer abc123def456\", \"Accept\": \"json\"}"))
                .isEqualTo("{\"Authorization\": \"REDACTED\", \"Accept\": \"json\"}");
        assertThat(redactor.redact("Proxy-Authorization=Negotiate YIIabc123")).isEqualTo("Proxy-Authorization=REDACTED");
        assertThat(redactor.redact("retrying with bearer 9f8e7d6c5b4a3921 after 401"))
                .isEqualTo("retrying with bearer REDACTED after 401");
    }

    @Test
    void passwordsAndTokensAsKeyValueOrJsonLoseTheirValue() {
        assertThat(redactor.redact("DB_PASSWORD=s3cr3t-pa55 user=app"))
                .isEqualTo("DB_PASSWORD=REDACTED user=app");
        assertThat(redactor.redact("{\"password\":\"hunter2 with spaces\",\"user\":\"ana\"}"))
                .isEqualTo("{\"password\":\"REDACTED\",\"user\":\"ana\"}");
        assertThat(redactor.redact("GET /api?access_token=abcdef123456&page=2"))
                .isEqualTo("GET /api?access_token=REDACTED&page=2");
        assertThat(redactor.redact("api-key: 1234-5678, client_secret='x y z'"))
                .isEqualTo("api-key: REDACTED, client_secret='REDACTED'");
        assertThat(redactor.redact("{\"auths\":{\"r.io\":{\"auth\":\"dXNlcjpwYXNz\"}}}"))
                .isEqualTo("{\"auths\":{\"r.io\":{\"auth\":\"REDACTED\"}}}");
        assertThat(redactor.redact("PAYMENTS_PRIMARY_DATABASE_REPLICA_READONLY_SERVICE_ACCOUNT_PASSWORD=Zx81-q"))
                .isEqualTo("PAYMENTS_PRIMARY_DATABASE_REPLICA_READONLY_SERVICE_ACCOUNT_PASSWORD=REDACTED");
        assertThat(redactor.redact("AUTHORIZATION: Bearer Zx81qqqq")).isEqualTo("AUTHORIZATION: REDACTED");
    }

    @Test
    void kubeconfigSecretsAndPrivateKeysAreTakenOut() {
        String kubeconfig = String.join("\n",
                "users:",
                "- name: admin",
                "  user:",
                "    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==",
                "    token: kubeconfig-sa-token-value-123",
                "    auth-provider:",
                "      config:",
                "        id-token: " + JWT,
                "        refresh-token: 1//0gRefresh");
        String out = redactor.redact(kubeconfig);
        assertThat(out).doesNotContain("LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==", "kubeconfig-sa-token-value-123",
                JWT, "1//0gRefresh");
        assertThat(out).contains("client-key-data: REDACTED", "token: REDACTED", "id-token: REDACTED", "- name: admin");

        String pem = "key follows -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY----- done";
        assertThat(redactor.redact(pem))
                .isEqualTo("key follows -----BEGIN RSA PRIVATE KEY-----REDACTED-----END RSA PRIVATE KEY----- done");
        assertThat(redactor.redact("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg cut off"))
                .isEqualTo("-----BEGIN PRIVATE KEY-----REDACTED-----END PRIVATE KEY-----");
    }

    @Test
    void credentialsInUrlsAndWebhookUrlsAreTakenOutButTheHostStays() {
        assertThat(redactor.redact("pulling from https://deploy:hunter2@registry.example.com/v2/shop"))
                .isEqualTo("pulling from https://REDACTED@registry.example.com/v2/shop");
        assertThat(redactor.redact("https://ghp_token@github.com/org/repo.git"))
                .isEqualTo("https://REDACTED@github.com/org/repo.git");
        assertThat(redactor.redact("posted to https://hooks.slack.com/services/T0A1B2C3D/B0A1B2C3D/abcdefABCDEF123456"))
                .isEqualTo("posted to https://hooks.slack.com/services/REDACTED");
        assertThat(redactor.redact("https://discord.com/api/webhooks/123456789012345678/abcDEF-ghiJKL_mnoPQR ok"))
                .isEqualTo("https://discord.com/api/webhooks/REDACTED ok");
        assertThat(redactor.redact("https://chat.example.com/hooks/9f8e7d6c5b4a39281726354433221100"))
                .isEqualTo("https://chat.example.com/hooks/REDACTED");
        assertThat(redactor.redact("https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456"))
                .isEqualTo("https://acme.webhook.office.com/REDACTED");
    }

    @Test
    void wellKnownTokenFormatsAreTakenOutWithoutAName() {
        assertThat(redactor.redact("token was ghp_abcdefghijklmnopqrstuvwxyz0123456789 then " + JWT + " and "
                + "xoxb-1234567890-abcdefghij and AKIAIOSFODNN7EXAMPLE"))
                .isEqualTo("token was REDACTED then REDACTED and REDACTED and REDACTED");
    }

    @Test
    void aSecretAtTheEndOfAVeryLongNoteIsStillFound() {
        String note = "holding at 25 % " + "x".repeat(200_000) + " password=hunter22";
        assertThat(redactor.redact(note)).endsWith(" password=REDACTED").hasSize(note.length());
    }

    @Test
    void ordinaryReleaseTextIsLeftAlone() {
        List<String> plain = List.of(
                "canary error-rate ≤ 1% held for 5m (observed 0.4%)",
                "weight 25 applied by ana, read back from ingress-nginx",
                "GET https://shop.example.com/health → HTTP 200 in 12 ms",
                "token bucket refilled; 3 tokens left",
                "the Authorization header was missing",
                "rollback step 2 of 3: kubectl rollout undo deployment/shop",
                "2026-11-22T10:00:00Z");
        for (String text : plain) {
            assertThat(redactor.redact(text)).isEqualTo(text);
        }
    }

    @Test
    void registeredValuesAreTakenOutWhereverTheyAppearAlsoUrlEncoded() {
        Redactor withSecret = Redactor.standard();
        assertThat(withSecret.addSecret("correct horse/battery")).isTrue();
        assertThat(withSecret.addSecret("abc")).as("too short to be a secret worth the name").isFalse();
        assertThat(withSecret.redact("the value correct horse/battery leaked, as correct+horse%2Fbattery too"))
                .isEqualTo("the value REDACTED leaked, as REDACTED too");
    }

    @Test
    void thePlansSecretsAreTheVariablesItReferencesAndTheirValuesAreRegistered() throws Exception {
        ReleasePlan plan = PlanLoader.loadResource("plans/every-kind.yaml");
        assertThat(PlanSecrets.variables(plan)).contains("KONG_ADMIN_TOKEN", "RELEASE_ADMIN_API_TOKEN")
                .as("a service's base URL from a variable is an address, not a secret")
                .doesNotContain("EDGE_ADMIN_URL");
        assertThat(plan.environments()).anySatisfy(e -> assertThat(e.serviceTemplates()).containsKey("admin"));

        Redactor withPlan = Redactor.standard();
        Map<String, String> env = Map.of("KONG_ADMIN_TOKEN", "kong-admin-5ecret", "RELEASE_ADMIN_API_TOKEN",
                "rel-adm-0987", "HOME", "/home/ana");
        assertThat(withPlan.addPlanSecrets(plan, env::get)).contains("KONG_ADMIN_TOKEN", "RELEASE_ADMIN_API_TOKEN");
        assertThat(withPlan.redact("Kong said 401 to kong-admin-5ecret; probe sent rel-adm-0987 from /home/ana"))
                .isEqualTo("Kong said 401 to REDACTED; probe sent REDACTED from /home/ana");
    }

    @Test
    void variablesNamedLikeSecretsCanBeRegisteredAsASafetyNet() {
        Redactor net = Redactor.standard();
        assertThat(net.addSecretLookingVariables(Map.of("GITHUB_TOKEN", "gh-value-1", "DB_PASSWORD", "pw-value-2",
                "PATH", "/usr/bin", "AWS_SECRET_ACCESS_KEY", "aws-value-3")))
                .containsExactly("AWS_SECRET_ACCESS_KEY", "DB_PASSWORD", "GITHUB_TOKEN");
        assertThat(net.redact("gh-value-1 pw-value-2 aws-value-3 /usr/bin")).isEqualTo("REDACTED REDACTED REDACTED /usr/bin");
    }

    @Test
    void aRedactedEventIsTheSameEventWithItsTextRedacted() {
        SessionEvent note = new SessionEvent.NoteAdded(Instant.parse("2026-11-22T10:00:00Z"), new Actor("ana"),
                "hook https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX password=x1y2z3");
        assertThat(redactor.redact(note)).isEqualTo(new SessionEvent.NoteAdded(note.at(), new Actor("ana"),
                "hook https://hooks.slack.com/services/REDACTED password=REDACTED"));
    }
}
