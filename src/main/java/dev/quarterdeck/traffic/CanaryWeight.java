package dev.quarterdeck.traffic;

/** The share of traffic the canary gets, in whole percent, 0 to 100. */
public record CanaryWeight(int percent) {
    public static final CanaryWeight NONE = new CanaryWeight(0);
    public static final CanaryWeight ALL = new CanaryWeight(100);

    public CanaryWeight {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("canary weight must be 0..100 %, was " + percent);
        }
    }

    public static CanaryWeight of(int percent) {
        return new CanaryWeight(percent);
    }

    @Override
    public String toString() {
        return percent + "%";
    }
}
