package dev.quarterdeck.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarterdeck.plan.ReleasePlan;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text before it is written anywhere that lasts: the journal applies it to every string
 * of every event (map keys included), and reports can apply it again to what they print.
 *
 * <p>Two kinds of rule. Shapes ({@link SecretShapes}): bearer tokens, {@code Authorization:} headers,
 * passwords and tokens as {@code key=value}, {@code key: value} or JSON, credentials in URLs, webhook URLs,
 * kubeconfig secrets, private keys, well-known token formats. And exact values registered while the console
 * runs: the values of the environment variables a plan reads its secrets from ({@link #addPlanSecrets}), or
 * any other value known to be secret ({@link #addSecret}). Every match becomes {@value #MARK}.
 *
 * <p>Values shorter than {@value #MIN_SECRET_LENGTH} characters are not registered: they are not secrets
 * worth the name, and replacing every "abc" in a session's record would make it unreadable.
 *
 * <p>Thread-safe: secrets may be added while events are being written.
 */
public final class Redactor {
    /** What a secret becomes. Plain letters, so a URL whose credentials were taken out is still a URL. */
    public static final String MARK = "REDACTED";
    public static final int MIN_SECRET_LENGTH = 4;
    private static final Pattern SECRET_LOOKING_NAME =
            Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?).*");

    private final Set<String> secrets = new LinkedHashSet<>();
    /** Registered values and their URL-encoded forms, longest first; replaced whole under {@code this}. */
    private volatile List<String> exact = List.of();
    private final EventCodec codec = new EventCodec();

    private Redactor() {}

    /** The shape rules only; add exact values as they become known. */
    public static Redactor standard() {
        return new Redactor();
    }

    /** Registers a value to be taken out wherever it appears. Returns whether it was registered. */
    public boolean addSecret(String value) {
        if (value == null || value.strip().length() < MIN_SECRET_LENGTH) {
            return false;
        }
        synchronized (this) {
            if (!secrets.add(value)) {
                return true;
            }
            Set<String> forms = new LinkedHashSet<>(exact);
            forms.add(value);
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            List<String> sorted = new ArrayList<>(forms);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            exact = List.copyOf(sorted);
        }
        return true;
    }

    /**
     * Registers the values of every environment variable the plan takes a secret from ({@code ${env:NAME}} in
     * a header or a token, and the variables an environment-variables probe checks). Returns the names of the
     * variables whose values were registered, for the console to say which secrets it protects.
     */
    public List<String> addPlanSecrets(ReleasePlan plan, Function<String, String> environment) {
        List<String> registered = new ArrayList<>();
        for (String name : PlanSecrets.variables(plan)) {
            if (addSecret(environment.apply(name))) {
                registered.add(name);
            }
        }
        return registered;
    }

    /**
     * Registers the values of variables whose names say they are secrets ({@code *_TOKEN}, {@code *_PASSWORD},
     * {@code *SECRET*}, {@code *API_KEY*}, ...): a safety net for secrets no plan mentions.
     */
    public List<String> addSecretLookingVariables(Map<String, String> environment) {
        List<String> registered = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (SECRET_LOOKING_NAME.matcher(name).matches() && addSecret(value)) {
                registered.add(name);
            }
        });
        registered.sort(null);
        return registered;
    }

    /** The text with every secret it holds replaced by {@value #MARK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : exact) {
            if (out.contains(secret)) {
                out = out.replace(secret, MARK);
            }
        }
        return SecretShapes.redact(out);
    }

    /** The same event with every text redacted, as it would be written to the journal. */
    public SessionEvent redact(SessionEvent event) {
        Objects.requireNonNull(event, "event");
        ObjectNode fields = codec.encode(event, this::redact);
        try {
            return codec.decode(EventCodec.kindOf(event), fields);
        } catch (EventFormatException e) {
            throw new IllegalStateException("redacting " + EventCodec.kindOf(event) + " made it unreadable: "
                    + e.getMessage(), e);
        }
    }
}
