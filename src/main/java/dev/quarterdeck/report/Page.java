package dev.quarterdeck.report;

import java.io.IOException;
import java.util.List;

/**
 * Where the postmortem's content goes: Markdown or HTML. {@link PostmortemDocument} says what is written, once,
 * so the two formats cannot drift apart; a page only says how. Text is plain: a page escapes it, and a line
 * break inside a cell is {@code \n}. Everything is written as it comes, nothing held whole.
 */
interface Page {
    /** The page's start: its title, a line under it, and (id, title) of every section to come. */
    void title(String text, String lead, List<String[]> contents) throws IOException;

    /** A top-level section; in print, a new page. */
    void section(String id, String title) throws IOException;

    void subsection(String title) throws IOException;

    void paragraph(String text) throws IOException;

    /** Rows of two cells: what, and its value. */
    void facts(List<String[]> rows) throws IOException;

    void table(List<String> headers, Iterable<List<String>> rows) throws IOException;

    void bullets(List<String> items) throws IOException;

    /** A section of the postmortem that people write: a placeholder saying so. */
    void toBeWritten(String hint) throws IOException;

    /** A chart, where the format can draw one. */
    void chart(Chart chart) throws IOException;

    void end() throws IOException;
}
