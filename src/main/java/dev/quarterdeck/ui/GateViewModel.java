package dev.quarterdeck.ui;

import dev.quarterdeck.plan.CanaryStep;
import dev.quarterdeck.plan.Condition;
import dev.quarterdeck.plan.Gate;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.GateJudged.ConditionResult;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import dev.quarterdeck.session.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The gate being judged, as a strip over the charts: its verdict (holding, pass, failing, fail, no data), the
 * burn-in ("burn-in 0:12 of 0:30") and the failures in a row, and the value each condition was judged on. Before
 * a gate step starts it shows the plan's next gate, not yet judged; after promotion, the soak's gate.
 *
 * <p>The engine judges a gate on every fresh sample, so the burn-in moves about once a second by itself; between
 * two judgements {@link #tick} lets a holding countdown run on for a few seconds, no further, so a gate that has
 * stopped being judged never looks as if it were still burning in.
 */
public final class GateViewModel implements AutoCloseable {
    /** How far past the last judgement a holding countdown may run on by itself. */
    static final Duration COAST = Duration.ofSeconds(3);

    private final ReleasePlan plan;
    private final Clock clock;
    private final Map<String, Condition> conditionsByText = new HashMap<>();
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<GateVerdict> verdict = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper verdictText = new ReadOnlyStringWrapper("not judged");
    private final ReadOnlyObjectWrapper<Tone> verdictTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final ReadOnlyStringWrapper burnIn = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper burnInProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper failures = new ReadOnlyStringWrapper("");
    private final ObservableList<GateCondition> conditions = FXCollections.observableArrayList();
    private final ObservableList<GateCondition> conditionsView = FXCollections.unmodifiableObservableList(conditions);
    private final Subscription subscription;

    private Gate gate;
    private GateJudged last;
    private boolean live;
    private boolean soak;
    /** The gate shown was gone past by an override before it passed: its last verdict is history. */
    private boolean skipped;

    public GateViewModel(ReleasePlan plan, Clock clock, FxBridge events) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Gate g : plan.gates()) {
            g.conditions().forEach(c -> conditionsByText.putIfAbsent(c.describe(), c));
        }
        shown.set(!plan.gates().isEmpty());
        firstGateStep().ifPresent(this::upcoming);
        refresh(clock.instant());
        subscription = events.listen(this::onEvents);
    }

    private Optional<Gate> firstGateStep() {
        return plan.steps().stream()
                .filter(CanaryStep.GateCheck.class::isInstance)
                .map(s -> ((CanaryStep.GateCheck) s).gate())
                .findFirst()
                .flatMap(plan::gate)
                .or(() -> plan.gates().stream().findFirst());
    }

    /** A gate not judged yet: its conditions, waiting. */
    private void upcoming(Gate next) {
        gate = next;
        last = null;
        verdict.set(null);
        conditions.setAll(next.conditions().stream()
                .map(c -> new GateCondition(c.describe(), "—", "not judged yet", GateCondition.Outcome.WAITING))
                .toList());
    }

    private void onEvents(List<SessionEvent> batch) {
        boolean changed = false;
        for (SessionEvent event : batch) {
            if (event instanceof GateJudged judged) {
                judged(judged);
                changed = true;
            } else if (event instanceof StepStarted started && started.step() >= 0
                    && started.step() < plan.steps().size()) {
                CanaryStep step = plan.steps().get(started.step());
                if (step instanceof CanaryStep.GateCheck check) {
                    plan.gate(check.gate()).ifPresent(this::upcoming);
                }
                live = step instanceof CanaryStep.GateCheck;
                skipped &= !live;
                changed = true;
            } else if (event instanceof StepFinished finished && !finished.succeeded()
                    && gateStep(finished.step()) && finished.detail() != null
                    && finished.detail().startsWith("skipped")) {
                // "skipped: dana overrode (…)": the engine's words for a step an override went past.
                skipped = true;
                live = false;
                changed = true;
            } else if (event instanceof StageChanged stage) {
                soak = stage.stage() == ReleaseStage.PROMOTED;
                if (stage.stage() == ReleaseStage.ROLLING_BACK || stage.stage() == ReleaseStage.ROLLED_BACK) {
                    live = false;
                }
                changed = true;
            }
        }
        if (changed) {
            refresh(clock.instant());
        }
    }

    private boolean gateStep(int index) {
        return index >= 0 && index < plan.steps().size() && plan.steps().get(index) instanceof CanaryStep.GateCheck;
    }

    private void judged(GateJudged judged) {
        skipped = false;
        if (gate == null || !gate.name().equals(judged.gate())) {
            gate = plan.gate(judged.gate()).orElse(gate);
        }
        last = judged;
        live = true;
        verdict.set(judged.verdict());
        conditions.setAll(judged.conditions().stream().map(this::condition).toList());
    }

    private GateCondition condition(ConditionResult result) {
        GateCondition.Outcome outcome;
        switch (result.outcome()) {
            case PASS:
                outcome = GateCondition.Outcome.PASS;
                break;
            case FAIL:
                outcome = GateCondition.Outcome.FAIL;
                break;
            default:
                outcome = GateCondition.Outcome.NO_DATA;
        }
        return new GateCondition(result.condition(), value(result), result.detail() == null ? "" : result.detail(),
                outcome);
    }

    /** The judged value in the condition's own unit: "0.42%", "+12 ms", "1.3×", "p = 0.310". */
    private String value(ConditionResult result) {
        double observed = result.observed();
        if (Double.isNaN(observed)) {
            return "no data";
        }
        Condition condition = conditionsByText.get(result.condition());
        if (condition instanceof Condition.Comparison comparison) {
            if (comparison.kind() == Condition.Comparison.Kind.CANARY_OVER_STABLE) {
                return Double.isInfinite(observed) ? "∞" : Metric.Unit.trim(observed) + "×";
            }
            return (observed > 0 ? "+" : "") + comparison.metric().format(observed);
        }
        if (condition instanceof Condition.Judgement) {
            return String.format(Locale.ROOT, "p = %.3f", observed);
        }
        if (condition != null) {
            return condition.metric().format(observed);
        }
        return Metric.Unit.trim(observed);
    }

    /** Lets a holding countdown run on between judgements; the window calls it every second. */
    public void tick() {
        refresh(clock.instant());
    }

    private void refresh(Instant now) {
        if (gate == null) {
            return;
        }
        title.set((soak ? "Soak · gate " : "Gate ") + gate.name());
        GateVerdict v = verdict.get();
        String said = v == null ? (live ? "waiting for samples" : "not judged yet")
                : v.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        verdictText.set(skipped ? "skipped by override" : said);
        verdictTone.set(skipped ? Tone.WARNING : tone(v));
        Duration holdFor = last == null ? gate.holdFor() : last.holdFor();
        Duration held = last == null ? Duration.ZERO : last.heldFor();
        if (last != null && v == GateVerdict.HOLDING && live) {
            Duration since = Duration.between(last.at(), now);
            if (!since.isNegative()) {
                held = held.plus(since.compareTo(COAST) > 0 ? COAST : since);
            }
            if (held.compareTo(holdFor) > 0) {
                held = holdFor;
            }
        }
        if (holdFor.isZero()) {
            burnIn.set("no burn-in: judged once");
            burnInProgress.set(v == GateVerdict.PASS ? 1 : 0);
        } else {
            burnIn.set("burn-in " + clockText(held, holdFor) + " of " + clockText(holdFor, holdFor));
            burnInProgress.set(Math.min(1, (double) held.toMillis() / holdFor.toMillis()));
        }
        int failed = last == null ? 0 : last.consecutiveFailures();
        int max = last == null ? gate.maxFailures() : last.maxFailures();
        failures.set(failed == 0 ? "" : failed + " of " + max + " failing judgements in a row");
    }

    private static Tone tone(GateVerdict v) {
        if (v == null) {
            return Tone.MUTED;
        }
        switch (v) {
            case PASS:
                return Tone.SUCCESS;
            case HOLDING:
                return Tone.NEUTRAL;
            case FAILING:
            case NO_DATA:
                return Tone.WARNING;
            default:
                return Tone.DANGER;
        }
    }

    /** "0:12", or "1:02:03" when the whole burn-in runs an hour or more. */
    static String clockText(Duration d, Duration scale) {
        long seconds = Math.max(0, d.toSeconds());
        if (scale.toSeconds() >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** False when the plan has no gates: the strip takes no room. */
    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** "Gate slo", or "Soak · gate slo" after promotion. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The last verdict; null before the first judgement of the gate shown. */
    public ReadOnlyObjectProperty<GateVerdict> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** "holding", "pass", "failing", "fail", "no data", or "not judged yet". */
    public ReadOnlyStringProperty verdictTextProperty() {
        return verdictText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> verdictToneProperty() {
        return verdictTone.getReadOnlyProperty();
    }

    /** "burn-in 0:12 of 0:30". */
    public ReadOnlyStringProperty burnInProperty() {
        return burnIn.getReadOnlyProperty();
    }

    /** How much of the burn-in has held, 0 to 1. */
    public ReadOnlyDoubleProperty burnInProgressProperty() {
        return burnInProgress.getReadOnlyProperty();
    }

    /** "1 of 3 failing judgements in a row", or empty. */
    public ReadOnlyStringProperty failuresProperty() {
        return failures.getReadOnlyProperty();
    }

    /** The gate's conditions with the values they were last judged on. */
    public ObservableList<GateCondition> conditions() {
        return conditionsView;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
