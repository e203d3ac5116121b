package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.Action;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.Permission;
import dev.quarterdeck.traffic.TrafficRouter;
import dev.quarterdeck.traffic.WeightReading;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The release session's engine: a single-threaded actor. Session state is touched only on the engine thread,
 * so the domain needs no locks; commands and I/O results arrive there as messages. Router calls run on a
 * traffic lane, the session's opening checks on a setup lane, rollback on a lane of its own.
 *
 * <p>Weight requests coalesce: while one change is being applied, further requests replace each other and
 * only the latest is applied next, so dragging a slider does not queue a hundred router writes. Every write
 * first asks the {@link WriteGuard}; a refusal is recorded with its reason and nothing is half-applied. The
 * captain's commands wait for the session's opening ({@link SessionOpening}: lease, last known good, access,
 * router) before they are decided; rollback never waits.
 */
public final class ReleaseEngine implements ReleaseCommands, AutoCloseable {
    /** How often the environment's lease is renewed: a third of its usual 30 s, so one missed renewal is survivable. */
    static final Duration LEASE_RENEWAL = Duration.ofSeconds(10);
    /** How often time passes for the release: pauses end, gates are judged, follow-ups come due. */
    static final Duration TICK = Duration.ofMillis(250);
    /** The check, after a resume, that the router still applies the weight the session had. */
    public static final String WEIGHT_AFTER_RESUME = "weight after resume";

    private final ReleasePlan plan;
    private final Environment environment;
    private final EnvironmentPorts ports;
    private final TrafficRouter router;
    private final List<Permission> requiredPermissions;
    private final SessionLog log;
    private final Clock clock;
    private final WriteGuard guard;
    private final LastKnownGood lastKnownGood = new LastKnownGood();
    private final ScheduledExecutorService engine =
            Executors.newSingleThreadScheduledExecutor(Threads.named("quarterdeck-engine"));
    /** Canary steps' actions (set image, wait for rollout, approvals): they may take minutes, so not on the engine. */
    private final ExecutorService actionLane = Executors.newSingleThreadExecutor(Threads.named("quarterdeck-actions"));
    private final ExecutorService trafficLane = Executors.newSingleThreadExecutor(Threads.named("quarterdeck-traffic"));
    private final ScheduledExecutorService setupLane =
            Executors.newSingleThreadScheduledExecutor(Threads.named("quarterdeck-setup"));
    private final RollbackExecutor rollback;
    private final Approvals canaryApprovals = new Approvals();
    private final RollbackSteps canaryActions;
    private final ReleaseFlow flow;
    private final dev.quarterdeck.session.Subscription observing;
    /** The session's events recorded before this engine was built: a resumed session's journal. */
    private final List<SessionEvent> history;
    private volatile String leaseHolder = "";

    /** Bumped by every rollback; a weight request from an older epoch is dropped, a write that raced it undone. */
    private final AtomicLong epoch = new AtomicLong();

    /**
     * The captain's commands that arrived while the session opens, in order; null once it has opened (or when
     * it was never started). No change goes out before the lease, the last known good, access and the router
     * are known: a console that turns out to be read-only must not have written first.
     */
    private List<Runnable> waitingForOpening;
    private final Object opening = new Object();

    // Engine-thread state.
    private PendingWeight pending;
    private boolean applying;

    private record PendingWeight(int percent, long epoch) {}

    public ReleaseEngine(ReleasePlan plan, Environment environment, EnvironmentPorts ports,
            List<Permission> requiredPermissions, SessionLog log, Clock clock, Pacing pacing) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.router = ports.router();
        this.requiredPermissions = List.copyOf(requiredPermissions);
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.guard = new WriteGuard(environment);
        this.rollback = new RollbackExecutor(plan.rollback(), ports, lastKnownGood, log, clock, pacing);
        this.canaryActions = new RollbackSteps(ports, lastKnownGood, canaryApprovals, log, clock, pacing);
        this.flow = new ReleaseFlow(plan, environment.name(), clock, log::append, new FlowEffects(),
                EvidenceCheck.FILES);
        // What the flow learns from the rest of the session: samples, weights read back, rollback. What the log
        // already holds (a journal being resumed) is history, replayed into the flow at start, not acted on.
        List<SessionEvent> before = new java.util.ArrayList<>();
        boolean[] live = {false};
        this.observing = log.subscribe(event -> {
            if (!live[0]) {
                before.add(event);
            } else if (observedByFlow(event)) {
                onEngine(() -> flow.observe(event));
            }
        });
        live[0] = true;
        this.history = List.copyOf(before);
    }

    private static boolean observedByFlow(SessionEvent event) {
        return event instanceof SessionEvent.MetricSample || event instanceof SessionEvent.ProbeSample
                || event instanceof SessionEvent.WeightApplied || event instanceof SessionEvent.WeightChangeFailed
                || event instanceof SessionEvent.RollbackStarted || event instanceof SessionEvent.RollbackFinished;
    }

    /** Runs on the engine thread; after close, quietly nowhere. */
    private void onEngine(Runnable task) {
        try {
            engine.execute(task);
        } catch (RejectedExecutionException e) {
            // The engine is closed: nothing is listening for this any more.
        }
    }

    /** A captain's command: on the engine thread, after the session has opened. */
    private void command(Runnable task) {
        synchronized (opening) {
            if (waitingForOpening != null) {
                waitingForOpening.add(task);
            } else {
                onEngine(task);
            }
        }
    }

    /** The session has opened: the commands that waited go to the engine thread, in the order they came. */
    private void opened() {
        synchronized (opening) {
            if (waitingForOpening != null) {
                waitingForOpening.forEach(this::onEngine);
                waitingForOpening = null;
            }
        }
    }

    /** How the flow reaches the world: the weight path, the rollback lane, the action lane, the write guard. */
    private final class FlowEffects implements ReleaseFlow.Effects {
        @Override
        public void applyWeight(int percent, Actor who, String reason) {
            ReleaseEngine.this.applyWeight(percent, who, reason);
        }

        @Override
        public void rollback(Actor who, String reason, boolean staged) {
            startRollback(who, reason, staged);
        }

        @Override
        public void perform(int step, Action action) {
            actionLane.execute(() -> {
                String detail;
                boolean ok;
                try {
                    detail = canaryActions.runRetried(step, action);
                    ok = true;
                } catch (ActionException e) {
                    detail = e.getMessage();
                    ok = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    detail = "the action failed unexpectedly: " + e;
                    ok = false;
                }
                boolean succeeded = ok;
                String result = detail;
                onEngine(() -> flow.actionFinished(step, succeeded, result));
            });
        }

        @Override
        public Optional<String> writeRefusal() {
            return guard.refuseTrafficChange();
        }
    }

    /** An engine for an environment with nothing but a router, such as the sandbox. */
    public ReleaseEngine(ReleasePlan plan, Environment environment, TrafficRouter router, SessionLog log,
            Clock clock, Backoff backoff) {
        this(plan, environment, EnvironmentPorts.routerOnly(router), List.of(), log, clock,
                new Pacing(backoff, Pacing.standard().pollInterval()));
    }

    /**
     * Records the session's start (before returning, so whatever the caller records next follows it), or, when
     * the log already holds a session, replays it into the release flow and records the resumption; then, on
     * the setup lane, takes the lease as {@code leaseHolder}, records the last known good, runs the preflight,
     * checks the router and reads the weight it applies now.
     */
    public void start(Actor operator, String leaseHolder) {
        this.leaseHolder = leaseHolder;
        if (resuming()) {
            // The last known good is what the session saw when it first started, not what runs now.
            history.stream().filter(SessionEvent.LastKnownGoodRecorded.class::isInstance)
                    .map(SessionEvent.LastKnownGoodRecorded.class::cast)
                    .forEach(good -> lastKnownGood.record(good.deployment(), good.images()));
            onEngine(() -> {
                history.forEach(flow::apply);
                log.append(new SessionEvent.SessionResumed(clock.instant(), operator, history.size(), flow.stage(),
                        flow.step()));
            });
        } else {
            log.append(new SessionEvent.SessionStarted(clock.instant(), plan.metadata().name(),
                    plan.metadata().version(), environment.name(), operator));
            log.append(PlanSummary.of(plan, environment.name(), clock.instant()));
        }
        SessionOpening opening = new SessionOpening(plan, environment, ports, requiredPermissions, guard,
                lastKnownGood, log, clock);
        synchronized (this.opening) {
            waitingForOpening = new java.util.ArrayList<>();
        }
        setupLane.execute(() -> {
            try {
                opening.run(leaseHolder);
            } finally {
                opened();
            }
        });
        engine.scheduleWithFixedDelay(flow::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        // Held: renew it. Read-only: try again to take it, for the other console may have gone.
        ports.lease().ifPresent(lease -> setupLane.scheduleWithFixedDelay(
                () -> opening.record(lease, guard.readOnly() ? () -> lease.acquire(leaseHolder) : lease::renew),
                LEASE_RENEWAL.toMillis(), LEASE_RENEWAL.toMillis(), TimeUnit.MILLISECONDS));
        if (environment.traffic() instanceof dev.quarterdeck.plan.TrafficSpec.None) {
            return; // no canary router: there is no weight to read
        }
        trafficLane.execute(() -> {
            try {
                WeightReading reading = router.readCanaryWeight();
                log.append(new SessionEvent.WeightApplied(clock.instant(), reading.weight().percent(),
                        SessionEvent.WeightApplied.PLAIN_READ, router.describe()));
                lastAppliedBefore().ifPresent(before -> log.append(weightAfterResume(before,
                        reading.weight().percent())));
            } catch (ActionException e) {
                log.append(new SessionEvent.WeightChangeFailed(clock.instant(), -1, router.describe(),
                        "could not read the current weight: " + e.getMessage()));
            }
        });
    }

    /** The weight the router last read back in the journal being resumed; empty for a new session. */
    private Optional<Integer> lastAppliedBefore() {
        Integer last = null;
        for (SessionEvent event : history) {
            if (event instanceof SessionEvent.WeightApplied applied) {
                last = applied.percent();
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * Whether the router still applies what the resumed session left it at. A difference is shown, never
     * repaired: while the console was down someone may have rolled back by hand, and re-applying the journal's
     * weight would undo that. The captain sets the weight again or rolls back.
     */
    private SessionEvent.EnvironmentChecked weightAfterResume(int before, int now) {
        String router = this.router.describe();
        return before == now
                ? new SessionEvent.EnvironmentChecked(clock.instant(), WEIGHT_AFTER_RESUME, true,
                        router + " still applies " + now + " %, as the session left it")
                : new SessionEvent.EnvironmentChecked(clock.instant(), WEIGHT_AFTER_RESUME, false,
                        router + " applies " + now + " %, but the session had " + before + " % applied when it "
                                + "stopped: the weight was changed outside this session (or the router restarted). "
                                + "Nothing was re-applied: set the weight again, or roll back");
    }

    /** Whether this engine takes up a session its log already holds, rather than starting one. */
    public boolean resuming() {
        return history.stream().anyMatch(SessionEvent.SessionStarted.class::isInstance);
    }

    /** Starts the session as the operator, holding the lease under the operator's name. */
    public void start(Actor operator) {
        start(operator, operator.name());
    }

    @Override
    public void requestWeight(int percent, Actor who, String reason) {
        command(() -> flow.requestWeight(percent, who, reason, Optional.empty()));
    }

    @Override
    public void overrideWeight(int percent, Actor who, String reason) {
        command(() -> flow.requestWeight(percent, who, reason, Optional.ofNullable(reason)));
    }

    @Override
    public void advance(Actor who) {
        command(() -> flow.advance(who, Optional.empty()));
    }

    @Override
    public void overrideAdvance(Actor who, String reason) {
        command(() -> flow.advance(who, Optional.ofNullable(reason)));
    }

    @Override
    public void pause(Actor who) {
        command(() -> flow.pause(who));
    }

    @Override
    public void resume(Actor who) {
        command(() -> flow.resume(who));
    }

    @Override
    public void promote(Actor who) {
        command(() -> flow.promote(who, Optional.empty()));
    }

    @Override
    public void overridePromote(Actor who, String reason) {
        command(() -> flow.promote(who, Optional.ofNullable(reason)));
    }

    @Override
    public void setMode(Mode mode, Actor who) {
        command(() -> flow.setMode(mode, who));
    }

    @Override
    public void completeFollowUp(int index, Actor who, String note) {
        command(() -> flow.completeFollowUp(index, who, note));
    }

    /** Engine thread: a weight the flow allowed goes to the router, unless a rollback or the guard stops it. */
    private void applyWeight(int percent, Actor who, String reason) {
        String command = "set weight " + percent + "%";
        if (rollback.running()) {
            refuse(who, command, "a rollback is running; wait for it to finish");
            return;
        }
        Optional<String> refusal = guard.refuseTrafficChange();
        if (refusal.isPresent()) {
            refuse(who, command, refusal.get());
            return;
        }
        log.append(new SessionEvent.WeightRequested(clock.instant(), who, percent, reason));
        pending = new PendingWeight(percent, epoch.get());
        if (!applying) {
            applyPending();
        }
    }

    /** Engine thread: hands the latest pending weight to the traffic lane, if any. */
    private void applyPending() {
        PendingWeight next = pending;
        pending = null;
        if (next == null || next.epoch != epoch.get()) {
            applying = false;
            return;
        }
        applying = true;
        trafficLane.execute(() -> {
            WeightReading reading = null;
            String error = null;
            try {
                reading = router.setCanaryWeight(CanaryWeight.of(next.percent));
            } catch (ActionException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                // A bug in an adapter must fail this change, not leave the engine waiting for it forever.
                error = "the router failed unexpectedly: " + e;
            }
            WeightReading result = reading;
            String failure = error;
            engine.execute(() -> weightResult(next, result, failure));
        });
    }

    /** Engine thread: records what the router read back, and undoes a write that raced a rollback. */
    private void weightResult(PendingWeight wanted, WeightReading reading, String error) {
        if (reading != null) {
            log.append(new SessionEvent.WeightApplied(clock.instant(), reading.weight().percent(), wanted.percent,
                    router.describe()));
        } else {
            log.append(new SessionEvent.WeightChangeFailed(clock.instant(), wanted.percent, router.describe(), error));
        }
        if (wanted.epoch != epoch.get()) {
            rollback.reassert();
        }
        applyPending();
    }

    @Override
    public void rollback(Actor who, String reason) {
        // Not through the engine thread: rollback must not wait for anything queued there.
        startRollback(who, reason, false);
    }

    @Override
    public void stagedRollback(Actor who, String reason) {
        if (plan.rollback().staged().isEmpty()) {
            refuse(who, "staged rollback", "the plan has no staged rollback; use Rollback");
            return;
        }
        startRollback(who, reason, true);
    }

    @Override
    public void abort(Actor who, String reason) {
        startRollback(who, "release aborted" + (reason == null || reason.isBlank() ? "" : ": " + reason), false);
    }

    private void startRollback(Actor who, String reason, boolean staged) {
        Optional<String> refusal = guard.refuseRollback();
        if (refusal.isPresent()) {
            refuse(who, staged ? "staged rollback" : "rollback", refusal.get());
            return;
        }
        epoch.incrementAndGet();
        rollback.start(who, reason, staged);
    }

    @Override
    public void markChecklistItem(String itemId, boolean done, Actor who, String note, String evidence) {
        command(() -> flow.markChecklistItem(itemId, done, who, note, evidence));
    }

    @Override
    public void addNote(Actor who, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        command(() -> log.append(new SessionEvent.NoteAdded(clock.instant(), who, text.strip())));
    }

    @Override
    public void confirmProtectedEnvironment(String typedName, Actor who) {
        command(() -> {
            if (guard.confirmProtected(typedName)) {
                log.append(new SessionEvent.ProtectedEnvironmentConfirmed(clock.instant(), who, environment.name()));
            } else {
                refuse(who, "confirm " + environment.name(), "the typed name does not match the environment's");
            }
        });
    }

    @Override
    public void recordUnlock(Actor approver, Actor recordedBy, String note) {
        command(() -> {
            if (environment.lock().isEmpty()) {
                refuse(recordedBy, "unlock", environment.name() + " is not locked");
            } else if (guard.unlock(approver.name())) {
                log.append(new SessionEvent.EnvironmentUnlocked(clock.instant(), approver, recordedBy,
                        note == null ? "" : note));
            } else {
                refuse(recordedBy, "unlock", environment.name() + " waits for " + environment.lock().get().approver()
                        + ", not " + approver.name());
            }
        });
    }

    @Override
    public void answerApproval(int step, Actor approver, Actor recordedBy, boolean approved, String note) {
        Approvals.Answer answer = new Approvals.Answer(approver, recordedBy, approved, note == null ? "" : note);
        // A rollback's approval first; otherwise a canary step's.
        rollback.answer(step, answer)
                .flatMap(rollbackRefusal -> canaryApprovals.answer(step, answer).map(canary -> rollbackRefusal))
                .ifPresent(reason -> refuse(recordedBy, (approved ? "approve" : "decline") + " step " + (step + 1),
                        reason));
    }

    @Override
    public void takeOverLease(Actor who, String reason) {
        ports.lease().ifPresentOrElse(lease -> setupLane.execute(() -> {
            log.append(new SessionEvent.NoteAdded(clock.instant(), who, "took over the lease of " + environment.name()
                    + ": " + (reason == null || reason.isBlank() ? "no reason given" : reason)));
            new SessionOpening(plan, environment, ports, requiredPermissions, guard, lastKnownGood, log, clock)
                    .record(lease, () -> lease.takeOver(leaseHolder));
        }), () -> refuse(who, "take over", environment.name() + " has no lease to take over"));
    }

    private void refuse(Actor who, String command, String reason) {
        log.append(new SessionEvent.CommandRefused(clock.instant(), who, command, reason));
    }

    /** Where the release stands; for tests and the headless commands (the console follows the events). */
    public ReleaseStage stage() {
        return flowState(flow::stage);
    }

    private <T> T flowState(java.util.function.Supplier<T> read) {
        try {
            return engine.submit(read::get).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the release state", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not read the release state", e);
        }
    }

    /** True while a rollback runs. */
    public boolean rollingBack() {
        return rollback.running();
    }

    @Override
    public void close() {
        observing.close();
        rollback.close();
        canaryApprovals.abandonAll();
        actionLane.shutdownNow();
        setupLane.shutdownNow();
        ports.lease().ifPresent(lease -> {
            if (!guard.readOnly()) {
                try {
                    lease.release();
                } catch (ActionException e) {
                    // The lease expires by itself; a console that is closing has nobody to tell.
                }
            }
        });
        engine.shutdownNow();
        trafficLane.shutdownNow();
        try {
            engine.awaitTermination(5, TimeUnit.SECONDS);
            trafficLane.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
