package dev.quarterdeck.report;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats a session exports to. */
public enum ReportFormat {
    /** {@value JsonReport#SCHEMA}, for tools. */
    JSON("json"),
    /** The postmortem draft in Markdown. */
    MARKDOWN("md"),
    /** The postmortem draft as self-contained HTML with charts, for reading and printing. */
    HTML("html");

    private final String key;

    ReportFormat(String key) {
        this.key = key;
    }

    /** {@code json}, {@code md}, {@code html}: as given on the command line, and as a file's extension. */
    public String key() {
        return key;
    }

    public static Optional<ReportFormat> byKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.key.equals(k) || (f == MARKDOWN && k.equals("markdown")))
                .findFirst();
    }

    public void write(SessionReport report, Writer out, ZoneId zone) throws IOException {
        switch (this) {
            case JSON:
                new JsonReport().write(report, out);
                break;
            case MARKDOWN:
                new MarkdownReport(zone).write(report, out);
                break;
            default:
                new HtmlReport(zone).write(report, out);
        }
        out.flush();
    }
}
