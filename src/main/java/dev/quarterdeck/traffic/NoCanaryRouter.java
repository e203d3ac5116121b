package dev.quarterdeck.traffic;

import java.util.Objects;

/**
 * The router of an environment without one ({@code traffic: {none: {}}}): a rolling update or a platform deploy,
 * where the new version takes all traffic as its rollout completes. There is no weight to set or read, and this
 * router says so instead of pretending: a plan for such an environment has no weight steps (the plan loader
 * refuses them), so only a captain's slider or a stray command ever gets here.
 */
public final class NoCanaryRouter implements TrafficRouter {
    private final String environment;

    public NoCanaryRouter(String environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public String describe() {
        return "no canary router (the rollout itself moves all of " + environment + "'s traffic)";
    }

    @Override
    public WeightReading setCanaryWeight(CanaryWeight weight) throws ActionException {
        throw noWeight();
    }

    @Override
    public WeightReading readCanaryWeight() throws ActionException {
        throw noWeight();
    }

    /** Nothing to check: there is no router to be set up wrong. */
    @Override
    public void verify() {}

    @Override
    public WeightReading disableCanary() throws ActionException {
        throw noWeight();
    }

    private ActionException noWeight() {
        return new ActionException("environment '" + environment + "' has no canary router (traffic: none): there "
                + "is no canary weight to set or read; its release moves traffic by rolling out", false);
    }
}
