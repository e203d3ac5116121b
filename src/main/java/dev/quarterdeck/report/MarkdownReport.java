package dev.quarterdeck.report;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.util.Objects;

/** The postmortem draft as GitHub-flavoured Markdown: to paste into a wiki or a pull request and fill in. */
public final class MarkdownReport {
    private final ZoneId zone;

    public MarkdownReport(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public void write(SessionReport report, Writer out) throws IOException {
        new PostmortemDocument(report, new MarkdownPage(out), zone).write();
    }
}
