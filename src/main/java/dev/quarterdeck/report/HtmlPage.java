package dev.quarterdeck.report;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * One self-contained HTML file: its style inline, its charts inline SVG, nothing fetched from anywhere. Reads on
 * a screen and prints on A4: each section starts a page, charts and table rows are never cut, table headers
 * repeat on every page.
 */
final class HtmlPage implements Page {
    private static final Set<String> TIME_COLUMNS = Set.of("Time", "Started", "Finished", "Asked", "Answered", "Due",
            "Closed", "At", "Cleared", "Took");
    /** A word this long (a URL, an image) may break anywhere, or it would push a printed table off the page. */
    private static final java.util.regex.Pattern LONG_WORD = java.util.regex.Pattern.compile("\\S{28,}");
    private static final String STYLE = """
            :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --alt: #f6f8fa; --canary: #d9480f;
              --stable: #1971c2; --weight: #6741d9; --bound: #c92a2a; --marker: #495057; }
            * { box-sizing: border-box; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
              color: var(--fg); max-width: 1120px; margin: 24px auto; padding: 0 24px; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 19px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin: 32px 0 8px; }
            h3 { font-size: 15px; margin: 20px 0 6px; }
            p.lead { color: var(--muted); margin: 0 0 12px; }
            nav ol { columns: 3; margin: 8px 0 0; padding-left: 20px; color: var(--muted); }
            nav a { color: inherit; }
            table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
            th, td { border: 1px solid var(--line); padding: 3px 7px; text-align: left; vertical-align: top;
              overflow-wrap: break-word; }
            td.long { overflow-wrap: anywhere; }
            thead th { background: var(--alt); }
            td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
            table.facts th { width: 24%; background: var(--alt); font-weight: 600; }
            .todo { border: 1px dashed var(--line); color: var(--muted); padding: 10px 12px; min-height: 72px;
              margin: 8px 0; }
            figure.chart { margin: 12px 0 20px; }
            figure.chart svg { display: block; width: 100%; height: auto; }
            figcaption { color: var(--muted); font-size: 12px; }
            svg text { font: 10.5px system-ui, "DejaVu Sans", sans-serif; fill: var(--muted); }
            svg .plot { fill: #fff; stroke: var(--line); }
            svg .grid { stroke: #eef1f4; }
            svg .tick-line { stroke: var(--line); }
            svg .line { fill: none; stroke-width: 1.4; stroke-linejoin: round; }
            svg .canary { stroke: var(--canary); }
            svg .stable { stroke: var(--stable); }
            svg .weight { stroke: var(--weight); stroke-width: 2; }
            svg .level { stroke: var(--bound); stroke-dasharray: 5 4; stroke-width: 1; }
            svg text.level-label, svg text.marker-label { paint-order: stroke; stroke: #fff; stroke-width: 3px;
              stroke-linejoin: round; }
            svg text.level-label { fill: var(--bound); }
            svg .marker { stroke: var(--marker); stroke-dasharray: 2 3; }
            svg text.marker-label { fill: var(--fg); font-weight: 600; }
            svg text.legend { fill: var(--fg); }
            @page { size: A4; margin: 14mm 12mm; }
            @media print {
              body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
              nav { display: none; }
              section { break-before: page; }
              header + section { break-before: auto; }
              h2, h3 { break-after: avoid; }
              figure.chart, tr, .todo { break-inside: avoid; }
              thead { display: table-header-group; }
              table { font-size: 8.5pt; }
            }
            """;

    private final Writer out;
    private final SvgChart charts;
    private boolean inSection;

    HtmlPage(Writer out, ZoneId zone, SvgChart.Detail detail) {
        this.out = out;
        this.charts = new SvgChart(out, zone, detail);
    }

    @Override
    public void title(String text, String lead, List<String[]> contents) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"Quarterdeck\">\n<title>" + escape(text) + "</title>\n<style>\n"
                + STYLE + "</style>\n</head>\n<body>\n<header>\n<h1>" + escape(text) + "</h1>\n<p class=\"lead\">"
                + escape(lead) + "</p>\n<nav><ol>");
        for (String[] c : contents) {
            out.write("<li><a href=\"#" + c[0] + "\">" + escape(c[1]) + "</a></li>");
        }
        out.write("</ol></nav>\n</header>\n");
    }

    @Override
    public void section(String id, String title) throws IOException {
        closeSection();
        out.write("<section id=\"" + id + "\">\n<h2>" + escape(title) + "</h2>\n");
        inSection = true;
    }

    @Override
    public void subsection(String title) throws IOException {
        out.write("<h3>" + escape(title) + "</h3>\n");
    }

    @Override
    public void paragraph(String text) throws IOException {
        out.write("<p>" + escape(text) + "</p>\n");
    }

    @Override
    public void facts(List<String[]> rows) throws IOException {
        out.write("<table class=\"facts\">\n");
        for (String[] row : rows) {
            out.write("<tr><th scope=\"row\">" + escape(row[0]) + "</th><td"
                    + (LONG_WORD.matcher(row[1]).find() ? " class=\"long\">" : ">") + escape(row[1]) + "</td></tr>\n");
        }
        out.write("</table>\n");
    }

    @Override
    public void table(List<String> headers, Iterable<List<String>> rows) throws IOException {
        out.write("<table>\n<thead><tr>");
        boolean[] time = new boolean[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            time[i] = TIME_COLUMNS.contains(headers.get(i));
            out.write("<th>" + escape(headers.get(i)) + "</th>");
        }
        out.write("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.write("<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.write(i < time.length && time[i] ? "<td class=\"time\">"
                        : LONG_WORD.matcher(row.get(i)).find() ? "<td class=\"long\">" : "<td>");
                out.write(escape(row.get(i)));
                out.write("</td>");
            }
            out.write("</tr>\n");
        }
        out.write("</tbody>\n</table>\n");
    }

    @Override
    public void bullets(List<String> items) throws IOException {
        out.write("<ul>\n");
        for (String item : items) {
            out.write("<li>" + escape(item) + "</li>\n");
        }
        out.write("</ul>\n");
    }

    @Override
    public void toBeWritten(String hint) throws IOException {
        out.write("<div class=\"todo\">To be written: " + escape(hint) + "</div>\n");
    }

    @Override
    public void chart(Chart chart) throws IOException {
        charts.draw(chart);
    }

    @Override
    public void end() throws IOException {
        closeSection();
        out.write("</body>\n</html>\n");
        out.flush();
    }

    private void closeSection() throws IOException {
        if (inSection) {
            out.write("</section>\n");
            inSection = false;
        }
    }

    /** Text as HTML: markup characters escaped, a line break kept as {@code <br>}. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String r;
            switch (c) {
                case '<':
                    r = "&lt;";
                    break;
                case '>':
                    r = "&gt;";
                    break;
                case '&':
                    r = "&amp;";
                    break;
                case '"':
                    r = "&quot;";
                    break;
                case '\'':
                    r = "&#39;";
                    break;
                case '\n':
                    r = "<br>";
                    break;
                case '\r':
                    r = "";
                    break;
                default:
                    r = null;
            }
            if (r != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }
}
