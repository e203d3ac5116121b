package dev.quarterdeck.traffic.adapter.kong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.TrafficRouter;
import dev.quarterdeck.traffic.WeightReading;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Kong upstream target weights, through the Admin API: a canary share of p % is weight {@code 100 - p} on the
 * stable target and {@code p} on the canary target ({@code PATCH /upstreams/{upstream}/targets/{target}} with
 * {@code {"weight": N}}, targets addressed by their {@code target} string, e.g. {@code checkout-canary:3000}).
 * The weight is then read back from a separate {@code GET /upstreams/{upstream}/targets} (following {@code
 * next} pages): the share is {@code canary / (stable + canary)} in whole percent, whatever weights someone set
 * by hand.
 *
 * <p>Of the two writes, the one that ends with the larger weight goes first, so the upstream never passes
 * through "both targets at 0" (no traffic at all) on the way from 100 % to 0 %, the rollback.
 *
 * <p>The Admin API token, when the plan gives one ({@code ${env:KONG_ADMIN_TOKEN}}), is read from the
 * environment at each call and sent as {@code Kong-Admin-Token}; it appears in no message and not in
 * {@link #describe()}. Failures: 401, 403, 404 and a DB-less Kong (which rejects every write) are permanent;
 * 5xx, 408, 429, timeouts and refused connections are transient; an answer that is not JSON is permanent.
 */
public final class KongRouter implements TrafficRouter {
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);
    /** Kong pages 100 targets at a time; an upstream with more than 100 pages is a loop, not a fleet. */
    private static final int MOST_PAGES = 100;
    /** Kong's own bound on a target weight. */
    private static final int MOST_WEIGHT = 65_535;

    private final TrafficSpec.Kong spec;
    private final Clock clock;
    private final KongAdminApi api;

    /** With a 5 s timeout per call. */
    public KongRouter(TrafficSpec.Kong spec, OkHttpClient http, Clock clock, Function<String, String> environment) {
        this(spec, http, clock, environment, DEFAULT_CALL_TIMEOUT);
    }

    /**
     * @param spec the plan's Kong traffic: admin URL, upstream, the two targets, the optional token template
     * @param http the application's shared client (or the environment's insecure one); not closed here
     * @param clock stamps each {@link WeightReading}
     * @param environment looks up the token's {@code ${env:NAME}} references at each call, null when unset
     * @param callTimeout for each whole HTTP call (connect, write, read)
     * @throws IllegalArgumentException when the admin URL is not http(s) or both targets are the same
     */
    public KongRouter(TrafficSpec.Kong spec, OkHttpClient http, Clock clock, Function<String, String> environment,
            Duration callTimeout) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("call timeout must be positive, was " + callTimeout);
        }
        // Parsed now, so a mistyped admin URL fails when the environment is wired, not mid-release.
        HttpUrl base = HttpUrl.parse(spec.adminUrl().toString());
        if (base == null) {
            throw new IllegalArgumentException("Kong admin URL must be an absolute http or https URL (its scheme is "
                    + spec.adminUrl().getScheme() + ")");
        }
        if (spec.stableTarget().equals(spec.canaryTarget())) {
            throw new IllegalArgumentException("Kong stable and canary targets are both " + spec.stableTarget());
        }
        this.api = new KongAdminApi(base, http, callTimeout, spec.token(), environment);
    }

    /** "Kong upstream checkout at http://kong:8001". */
    @Override
    public String describe() {
        return "Kong upstream " + spec.upstream() + " at " + api.shownBase();
    }

    @Override
    public WeightReading setCanaryWeight(CanaryWeight weight) throws ActionException {
        Objects.requireNonNull(weight, "weight");
        Target canary = new Target("canary", spec.canaryTarget(), weight.percent());
        Target stable = new Target("stable", spec.stableTarget(), 100 - weight.percent());
        // The larger weight first: it is at least 50, so the upstream always has somewhere to send traffic.
        Target first = canary.weight() > stable.weight() ? canary : stable;
        Target second = first == canary ? stable : canary;
        write(first);
        try {
            write(second);
        } catch (ActionException e) {
            throw new ActionException(e.getMessage() + " (the " + first.role() + " target " + first.target()
                    + " already has weight " + first.weight() + ")", e.transientFailure(), e);
        }
        // The PATCH answers are not the read-back: only a separate read proves what Kong applies.
        return readCanaryWeight();
    }

    @Override
    public WeightReading readCanaryWeight() throws ActionException {
        Map<String, Integer> weights = targetWeights();
        requireBothTargets(weights);
        int stable = weights.get(spec.stableTarget());
        int canary = weights.get(spec.canaryTarget());
        if (stable + canary == 0) {
            throw new ActionException(describe() + " sends no traffic to either target: " + spec.stableTarget()
                    + " and " + spec.canaryTarget() + " both have weight 0", false);
        }
        return new WeightReading(CanaryWeight.of(share(canary, stable)), clock.instant());
    }

    /** The upstream exists and has both targets; says which is missing and which targets there are. */
    @Override
    public void verify() throws ActionException {
        api.get(api.url("upstreams", spec.upstream()), noUpstream());
        requireBothTargets(targetWeights());
    }

    /**
     * The canary's whole-percent share, rounded half up, except that a target with any weight is never
     * rounded away: 1 against 1000 is 1 %, not 0 %, so a rollback is never reported done while the canary
     * still gets traffic.
     */
    static int share(int canary, int stable) {
        long total = (long) canary + stable;
        int percent = (int) ((200L * canary + total) / (2 * total));
        if (canary > 0 && percent == 0) {
            return 1;
        }
        if (stable > 0 && percent == 100) {
            return 99;
        }
        return percent;
    }

    private record Target(String role, String target, int weight) {}

    private void write(Target target) throws ActionException {
        HttpUrl url = api.url("upstreams", spec.upstream(), "targets", target.target());
        api.patch(url, JsonNodeFactory.instance.objectNode().put("weight", target.weight()),
                "Kong has no target " + target.target() + " in upstream " + spec.upstream()
                        + " (or no upstream " + spec.upstream() + "); see what verify() finds");
    }

    /** Every target's weight, across all pages. */
    private Map<String, Integer> targetWeights() throws ActionException {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        Set<HttpUrl> seen = new HashSet<>();
        HttpUrl url = api.url("upstreams", spec.upstream(), "targets");
        while (url != null) {
            String what = "GET " + KongAdminApi.shown(url);
            if (!seen.add(url) || seen.size() > MOST_PAGES) {
                throw new ActionException(what + ": Kong's target pages do not end (over " + MOST_PAGES
                        + " pages or a page seen twice)", false);
            }
            JsonNode page = api.get(url, noUpstream());
            JsonNode data = page.get("data");
            if (data == null || !data.isArray()) {
                throw new ActionException(what + ": HTTP 200 but no \"data\" list of targets", false);
            }
            for (JsonNode target : data) {
                JsonNode name = target.get("target");
                if (name == null || !name.isTextual()) {
                    throw new ActionException(what + ": HTTP 200 but a target has no \"target\" name", false);
                }
                // Kong before 2.x kept a history of each target; the newest entry is the one that applies.
                JsonNode earlier = latest.get(name.asText());
                if (earlier == null || createdAt(target) >= createdAt(earlier)) {
                    latest.put(name.asText(), target);
                }
            }
            JsonNode next = page.get("next");
            url = next == null || !next.isTextual() || next.asText().isBlank() ? null : api.next(url, next.asText());
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> target : latest.entrySet()) {
            JsonNode weight = target.getValue().get("weight");
            if (weight == null || !weight.isIntegralNumber() || !weight.canConvertToInt() || weight.intValue() < 0
                    || weight.intValue() > MOST_WEIGHT) {
                throw new ActionException("GET " + KongAdminApi.shown(api.url("upstreams", spec.upstream(), "targets"))
                        + ": HTTP 200 but target " + target.getKey() + " has no weight 0..65535", false);
            }
            weights.put(target.getKey(), weight.intValue());
        }
        return weights;
    }

    private void requireBothTargets(Map<String, Integer> weights) throws ActionException {
        List<String> missing = new ArrayList<>();
        if (!weights.containsKey(spec.stableTarget())) {
            missing.add("stable target " + spec.stableTarget());
        }
        if (!weights.containsKey(spec.canaryTarget())) {
            missing.add("canary target " + spec.canaryTarget());
        }
        if (!missing.isEmpty()) {
            String existing = weights.isEmpty() ? "it has no targets" : "it has " + String.join(", ", weights.keySet());
            throw new ActionException(describe() + " has no " + String.join(" and no ", missing) + " (" + existing
                    + ")", false);
        }
    }

    private String noUpstream() {
        return "Kong has no upstream " + spec.upstream();
    }

    private static double createdAt(JsonNode target) {
        JsonNode created = target.get("created_at");
        return created != null && created.isNumber() ? created.asDouble() : Double.NEGATIVE_INFINITY;
    }
}
