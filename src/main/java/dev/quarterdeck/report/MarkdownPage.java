package dev.quarterdeck.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** GitHub-flavoured Markdown: pipe tables, {@code <br>} for a line break in a cell, HTML in text escaped. */
final class MarkdownPage implements Page {
    private final Writer out;

    MarkdownPage(Writer out) {
        this.out = out;
    }

    @Override
    public void title(String text, String lead, List<String[]> contents) throws IOException {
        out.write("# " + inline(text) + "\n\n");
        out.write("_" + inline(lead) + "_\n");
    }

    @Override
    public void section(String id, String title) throws IOException {
        out.write("\n## " + inline(title) + "\n");
    }

    @Override
    public void subsection(String title) throws IOException {
        out.write("\n### " + inline(title) + "\n");
    }

    @Override
    public void paragraph(String text) throws IOException {
        out.write("\n" + inline(text) + "\n");
    }

    @Override
    public void facts(List<String[]> rows) throws IOException {
        out.write("\n| | |\n|---|---|\n");
        for (String[] row : rows) {
            out.write("| **" + cell(row[0]) + "** | " + cell(row[1]) + " |\n");
        }
    }

    @Override
    public void table(List<String> headers, Iterable<List<String>> rows) throws IOException {
        out.write("\n|");
        for (String h : headers) {
            out.write(" " + cell(h) + " |");
        }
        out.write("\n|");
        for (int i = 0; i < headers.size(); i++) {
            out.write("---|");
        }
        out.write("\n");
        for (List<String> row : rows) {
            out.write("|");
            for (String c : row) {
                out.write(" " + cell(c) + " |");
            }
            out.write("\n");
        }
    }

    @Override
    public void bullets(List<String> items) throws IOException {
        out.write("\n");
        for (String item : items) {
            out.write("- " + inline(item).replace("\n", "\n  ") + "\n");
        }
    }

    @Override
    public void toBeWritten(String hint) throws IOException {
        out.write("\n_To be written: " + inline(hint) + "_\n");
    }

    @Override
    public void chart(Chart chart) throws IOException {
        // Markdown draws no charts: the HTML report has them, the numbers are in the tables.
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    /**
     * Text that Markdown, or HTML inside it, would otherwise read as markup. Underscores stay: GitHub-flavoured
     * Markdown does not read them inside words, and names like FEATURE_FLAGS stay readable in the raw file.
     */
    static String inline(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<':
                    b.append("&lt;");
                    break;
                case '\\':
                case '*':
                case '`':
                case '[':
                case ']':
                    b.append('\\').append(c);
                    break;
                case '\r':
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }

    private static String cell(String text) {
        String s = inline(text).replace("|", "\\|").replace("\n", "<br>");
        return s.isEmpty() ? " " : s;
    }
}
