package dev.quarterdeck.session;

/**
 * A journal line's event could not be read back: a field of the wrong kind, an enum constant this version
 * does not know, a value the event's record refuses. {@code path} names the field, e.g.
 * {@code GateJudged.conditions[1].outcome}.
 */
final class EventFormatException extends Exception {
    private final String path;

    EventFormatException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    String path() {
        return path;
    }
}
