package dev.quarterdeck.report;

import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What secrets look like in text: the report's own conservative pass, applied to every text of every event
 * before a report sees it. The names of fields, the schemes of headers and the hosts of URLs stay, so a
 * reader still sees that something was there.
 *
 * <p>Interim: branch {@code journal} brings {@code session.Redactor} (shapes plus exact secret values the
 * console knows). Once it is on main, reports should take it through {@link Redaction#of} and this class can
 * go; the shapes here follow the same list (issue 5, item 4) so the two agree meanwhile.
 */
final class SecretText {
    static final String MARK = "REDACTED";

    private static final String VALUE = "(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([^\\s\"',;&}\\]]+))";
    private static final String SECRET_KEY = "[\\w.-]*(?:passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key"
            + "|apikey|access[_-]?key|private[_-]?key|client[_-]?key[_-]?data|credentials?|session[_-]?id|cookie)"
            + "[\\w.-]*|auth";

    /**
     * A shape of secret, and words (lower case) without one of which its pattern cannot match: most texts of a
     * long session ("3 of 3 available", "canary error-rate 0.2% within 0.5%") hold none, and skip the pattern.
     */
    private record Rule(Pattern pattern, Function<MatchResult, String> replacement, String... hints) {
        String apply(String text, String lower) {
            boolean hinted = false;
            for (String hint : hints) {
                if (lower.contains(hint)) {
                    hinted = true;
                    break;
                }
            }
            if (!hinted) {
                return text;
            }
            Matcher m = pattern.matcher(text);
            return m.find() ? m.replaceAll(r -> Matcher.quoteReplacement(replacement.apply(r))) : text;
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----(?:.*?-----END \\1PRIVATE KEY-----|.*)",
                    Pattern.DOTALL), r -> "-----BEGIN " + r.group(1) + "PRIVATE KEY-----" + MARK + "-----END "
                            + r.group(1) + "PRIVATE KEY-----", "private key"),
            // Authorization headers: the whole value, scheme included, to the end of the line or the quote.
            new Rule(Pattern.compile("(?i)([\"']?)\\b((?:proxy-)?authorization)\\1(\\s*[:=]\\s*)"
                    + "(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([^\\r\\n]+))"), SecretText::keepName,
                    "authorization"),
            // Credentials in URLs: scheme://user:password@host, scheme://token@host.
            new Rule(Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^\\s/?#@\"'<>]+@"), r -> r.group(1) + MARK + "@",
                    "://"),
            // Webhook URLs: the path is the secret.
            new Rule(Pattern.compile("(?i)(https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/)[^\\s\"'<>]+"),
                    r -> r.group(1) + MARK, "hooks.slack.com"),
            new Rule(Pattern.compile("(?i)(https?://(?:[a-z]+\\.)?discord(?:app)?\\.com/api/(?:v\\d+/)?webhooks/)"
                    + "[^\\s\"'<>]+"), r -> r.group(1) + MARK, "discord"),
            new Rule(Pattern.compile("(?i)(https?://[^\\s/\"'<>]*(?:webhook\\.office\\.com|outlook\\.office\\.com)/)"
                    + "[^\\s\"'<>]+"), r -> r.group(1) + MARK, "office.com"),
            new Rule(Pattern.compile("(?i)(https?://[^\\s/\"'<>]+(?:/[^\\s/\"'<>?#]+)*?/(?:hooks?|webhooks?)/)"
                    + "[^\\s\"'<>?#]{16,}"), r -> r.group(1) + MARK, "hook"),
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9\\-._~+/]{8,}=*"),
                    r -> r.group(1) + r.group(2) + MARK, "bearer", "basic"),
            // password=..., "token": "...", client-key-data: ..., ?access_token=...&
            new Rule(Pattern.compile("(?i)(?<![\\w.-])([\"']?)(" + SECRET_KEY + ")\\1(\\s*[:=]\\s*)" + VALUE),
                    SecretText::keepName, "pass", "pwd", "secret", "token", "key", "credential", "session", "cookie",
                    "auth"),
            // Well-known token formats with no name beside them: JWTs, GitHub, Slack, AWS access key ids.
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), r -> MARK,
                    "eyj"),
            new Rule(Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"), r -> MARK,
                    "gh"),
            new Rule(Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), r -> MARK, "xox"),
            new Rule(Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"), r -> MARK, "akia"));

    private SecretText() {}

    static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (Rule rule : RULES) {
            String next = rule.apply(out, lower);
            if (next != out) {
                out = next;
                lower = out.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return out;
    }

    /** For a rule with groups (quote, name, separator, "value", 'value', value): the name kept, the value out. */
    private static String keepName(MatchResult r) {
        String mark = r.group(4) != null ? "\"" + MARK + "\"" : r.group(5) != null ? "'" + MARK + "'" : MARK;
        return r.group(1) + r.group(2) + r.group(1) + r.group(3) + mark;
    }
}
