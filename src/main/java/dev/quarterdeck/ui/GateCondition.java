package dev.quarterdeck.ui;

/**
 * One condition of a gate as last judged: what it says ("canary error-rate ≤ 1%"), the value it was judged on
 * ("0.42%", "canary − stable 12 ms", "p = 0.31"), the engine's words for it, and how it came out.
 */
public record GateCondition(String condition, String value, String detail, Outcome outcome) {

    /** How a condition came out, as the strip marks it. */
    public enum Outcome {
        /** Not judged yet. */
        WAITING("·", Tone.MUTED),
        PASS("✓", Tone.SUCCESS),
        FAIL("✕", Tone.DANGER),
        /** Nothing to judge: never a pass. */
        NO_DATA("?", Tone.WARNING);

        private final String mark;
        private final Tone tone;

        Outcome(String mark, Tone tone) {
            this.mark = mark;
            this.tone = tone;
        }

        public String mark() {
            return mark;
        }

        public Tone tone() {
            return tone;
        }
    }
}
