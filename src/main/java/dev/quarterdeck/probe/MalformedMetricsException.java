package dev.quarterdeck.probe;

/**
 * A {@code /metrics} page that is not valid Prometheus text. Says where (line and column, both from 1), what
 * the parser expected there, and what it found instead.
 */
public final class MalformedMetricsException extends Exception {
    private final int line;
    private final int column;
    private final String expected;
    private final String found;

    public MalformedMetricsException(int line, int column, String expected, String found) {
        super("line " + line + ", column " + column + ": expected " + expected + ", found " + found);
        this.line = line;
        this.column = column;
        this.expected = expected;
        this.found = found;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What would have been valid at that place, e.g. {@code '=' after label name "code"}. */
    public String expected() {
        return expected;
    }

    /** What was there instead, e.g. {@code '}'} or {@code end of line}. */
    public String found() {
        return found;
    }
}
