package dev.quarterdeck.plan;

/** A place in a plan file, 1-based, as editors count. */
public record Location(int line, int column) {
    public static final Location START = new Location(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
