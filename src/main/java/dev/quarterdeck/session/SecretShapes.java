package dev.quarterdeck.session;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What secrets look like in text, and what is kept of each when it is taken out: the name of a field, the
 * scheme of a header, the host of a URL stay, so a reader still sees that something was there and what.
 * Rules are applied in order; each leaves {@link Redactor#MARK} where a secret was. Erring towards taking
 * out too much: a note that loses a word is better than a record that leaks a token.
 *
 * <p>Every string of every event passes through here, some of them long (a note, a probe's body). A rule's
 * expression runs only when the text holds one of its trigger words, found by a plain search of the text in
 * lower case: most text holds none, and costs a lower-casing and a few searches.
 */
final class SecretShapes {
    private static final String M = Redactor.MARK;
    /** A quoted value (double or single) or a bare one up to a separator: groups 4, 5 and 6 of a rule. */
    private static final String VALUE = "(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([^\\s\"',;&}\\]]+))";
    /**
     * A key that names a secret, from its telling word on ({@code secret} of {@code client_secret}: what comes
     * before it stays as it is). Starting at the word rather than at the key's start keeps the search linear:
     * a greedy prefix backtracks through every character of a long word.
     */
    private static final String SECRET_KEY = "(?:passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key"
            + "|private[_-]?key|client[_-]?key[_-]?data|credentials?|session[_-]?id|cookie)[\\w.-]*|(?<![\\w-])auth";
    private static final List<String> SECRET_KEY_WORDS = List.of("passw", "passphrase", "pwd", "secret", "token",
            "api", "access", "private", "client", "credential", "session", "cookie", "auth");

    /** An expression, what replaces each match, and the lower-case words without which it cannot match. */
    private record Rule(Pattern pattern, Function<MatchResult, String> replacement, List<String> triggers) {
        boolean worthTrying(String lowerCase) {
            for (String trigger : triggers) {
                if (lowerCase.contains(trigger)) {
                    return true;
                }
            }
            return false;
        }

        String apply(String text) {
            Matcher m = pattern.matcher(text);
            return m.find() ? m.replaceAll(r -> Matcher.quoteReplacement(replacement.apply(r))) : text;
        }
    }

    private static final List<Rule> RULES = List.of(
            // PEM private keys, whole (or to the end of the text when cut off).
            new Rule(Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----(?:.*?-----END \\1PRIVATE KEY-----|.*)",
                    Pattern.DOTALL), r -> "-----BEGIN " + r.group(1) + "PRIVATE KEY-----" + M + "-----END "
                            + r.group(1) + "PRIVATE KEY-----", List.of("private key")),
            // Authorization headers: the whole value, scheme included, to the end of the line or the quote.
            new Rule(Pattern.compile("(?i)([\"']?)\\b((?:proxy-)?authorization)\\1(\\s*[:=]\\s*)(?:\"((?:[^\"\\\\]|\\\\.)*)\""
                    + "|'([^']*)'|([^\\r\\n]+))"), SecretShapes::keepNameAndQuotes, List.of("authorization")),
            // Credentials in URLs: scheme://user:password@host, scheme://token@host.
            new Rule(Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^\\s/?#@\"'<>]+@"), r -> r.group(1) + M + "@",
                    List.of("@")),
            // Webhook URLs: the path is the secret.
            new Rule(Pattern.compile("(?i)(https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/)[^\\s\"'<>]+"),
                    r -> r.group(1) + M, List.of("hooks.slack.com")),
            new Rule(Pattern.compile("(?i)(https?://(?:[a-z]+\\.)?discord(?:app)?\\.com/api/(?:v\\d+/)?webhooks/)"
                    + "[^\\s\"'<>]+"), r -> r.group(1) + M, List.of("discord")),
            new Rule(Pattern.compile("(?i)(https?://[^\\s/\"'<>]*(?:webhook\\.office\\.com|outlook\\.office\\.com)/)"
                    + "[^\\s\"'<>]+"), r -> r.group(1) + M, List.of("office.com")),
            new Rule(Pattern.compile("(?i)(https?://[^\\s/\"'<>]+(?:/[^\\s/\"'<>?#]+)*?/(?:hooks?|webhooks?)/)"
                    + "[^\\s\"'<>?#]{16,}"), r -> r.group(1) + M, List.of("hook")),
            // Bearer and Basic credentials wherever they appear.
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9\\-._~+/]{8,}=*"),
                    r -> r.group(1) + r.group(2) + M, List.of("bearer", "basic")),
            // password=..., "token": "...", client-key-data: ..., ?access_token=...&
            new Rule(Pattern.compile("(?i)(" + SECRET_KEY + ")([\"']?)(\\s*[:=]\\s*)" + VALUE), SecretShapes::keepKey,
                    SECRET_KEY_WORDS),
            // Well-known token formats, with no name beside them: JWTs, GitHub, Slack, AWS access key ids.
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), r -> M,
                    List.of("eyj")),
            new Rule(Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"), r -> M,
                    List.of("gh", "github_pat_")),
            new Rule(Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), r -> M, List.of("xox")),
            new Rule(Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"), r -> M, List.of("akia")));

    private SecretShapes() {}

    static String redact(String text) {
        String out = text;
        String lowerCase = text.toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (rule.worthTrying(lowerCase)) {
                String redacted = rule.apply(out);
                if (!redacted.equals(out)) {
                    out = redacted;
                    lowerCase = out.toLowerCase(Locale.ROOT);
                }
            }
        }
        return out;
    }

    /** For the key rule's groups (key, closing quote, separator, "value", 'value', value): the value out. */
    private static String keepKey(MatchResult r) {
        String mark = r.group(4) != null ? "\"" + M + "\"" : r.group(5) != null ? "'" + M + "'" : M;
        return r.group(1) + r.group(2) + r.group(3) + mark;
    }

    /** For a rule with groups (quote, name, separator, "value", 'value', value): the name kept, the value out. */
    private static String keepNameAndQuotes(MatchResult r) {
        String mark = r.group(4) != null ? "\"" + M + "\"" : r.group(5) != null ? "'" + M + "'" : M;
        return r.group(1) + r.group(2) + r.group(1) + r.group(3) + mark;
    }
}
