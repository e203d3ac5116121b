package dev.quarterdeck.cli;

import dev.quarterdeck.plan.Action;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.rollout.Pacing;
import dev.quarterdeck.rollout.ReleaseEngine;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.traffic.ActionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quarterdeck rollback PLAN --env E}: the environment's rollback plan, headless, for CI and for a captain
 * without the console. It takes the environment's lease as any console would, prints every step as it runs,
 * answers approval steps only for the people named with {@code --approve}, and exits 0 when the rollback
 * finished, 1 when it stopped, 2 when it could not start.
 */
@Command(name = "rollback", description = {
        "Run a plan's rollback for one environment, headless. Prints each step as it runs.",
        "Exit 0 when the rollback finished, 1 when a step failed or was declined, 2 when it could not start."})
final class RollbackCommand implements Callable<Integer> {
    /** How long to wait for the environment's lease before giving up. */
    private static final Duration LEASE_WAIT = Duration.ofSeconds(30);

    @Mixin
    PlanAndEnvironment target;

    @Option(names = "--staged", description = "step the weight down with the plan's staged rollback")
    boolean staged;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the record (default: headless rollback)")
    String reason = "headless rollback";

    @Option(names = "--approve", paramLabel = "NAME",
            description = "answer approval steps waiting for NAME with yes (repeatable); other approvals are declined")
    List<String> approvers = new ArrayList<>();

    @Option(names = "--take-over", paramLabel = "REASON",
            description = "take the environment's lease from another console first, for this reason")
    String takeOver;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "give up waiting for the rollback after this long (default: 30m)")
    Duration timeout = Duration.ofMinutes(30);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = target.out();
        Optional<ReleasePlan> plan = target.plan();
        if (plan.isEmpty()) {
            return QuarterdeckCommand.ERROR;
        }
        Optional<Environment> declared = target.environment(plan.get());
        if (declared.isEmpty()) {
            return QuarterdeckCommand.ERROR;
        }
        if (staged && plan.get().rollback().staged().isEmpty()) {
            return target.error("plan '" + plan.get().metadata().name() + "' has no staged rollback");
        }
        List<Action> steps = staged ? plan.get().rollback().stagedSteps().orElseThrow() : plan.get().rollback().steps();
        for (Action step : steps) {
            if (step instanceof Action.SetImage set && set.lastKnownGood()) {
                return target.error("the rollback sets " + set.deployment() + " to its last known good image, which "
                        + "only the console session that started the release recorded: roll back from that console, "
                        + "or use a plan whose rollback names the image or undoes the rollout");
            }
        }
        Actor operator = Actor.currentUser();
        Clock clock = Clock.systemUTC();
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2))
                .retryOnConnectionFailure(false).build();
        SessionLog log = SessionLog.inMemory();
        CompletableFuture<SessionEvent.RollbackFinished> finished = new CompletableFuture<>();
        CompletableFuture<SessionEvent.LeaseChanged> lease = new CompletableFuture<>();
        try (EnvironmentAdapters adapters = EnvironmentAdapters.open(plan.get(), declared.get(), clock, http,
                System.getenv(), Path.of(System.getProperty("user.home")));
                ReleaseEngine engine = new ReleaseEngine(plan.get(), adapters.environment(), adapters.ports(),
                        adapters.requiredPermissions(), log, clock, Pacing.standard())) {
            log.subscribe(event -> {
                report(event, out);
                if (event instanceof SessionEvent.LeaseChanged changed) {
                    lease.complete(changed);
                } else if (event instanceof SessionEvent.ApprovalRequested asked) {
                    boolean yes = approvers.contains(asked.approver());
                    engine.answerApproval(asked.index(), new Actor(asked.approver()), operator, yes,
                            yes ? "approved on the command line (--approve)" : "no --approve " + asked.approver()
                                    + " on the command line");
                } else if (event instanceof SessionEvent.RollbackFinished done) {
                    finished.complete(done);
                }
            });
            engine.start(operator, LiveSession.leaseHolder(operator));
            if (adapters.ports().lease().isPresent()) {
                SessionEvent.LeaseChanged changed = lease.get(LEASE_WAIT.toSeconds(), TimeUnit.SECONDS);
                if (!changed.ours()) {
                    if (takeOver == null) {
                        out.flush();
                        return target.error(declared.get().name() + " is driven by " + changed.holder()
                                + "; pass --take-over REASON to take its lease");
                    }
                    engine.takeOverLease(operator, takeOver);
                    awaitOurs(log);
                }
            }
            if (staged) {
                engine.stagedRollback(operator, reason);
            } else {
                engine.rollback(operator, reason);
            }
            SessionEvent.RollbackFinished done = finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            out.println(done.succeeded() ? "rollback: DONE" : "rollback: STOPPED");
            out.flush();
            return done.succeeded() ? QuarterdeckCommand.OK : QuarterdeckCommand.FAILED;
        } catch (IOException | ActionException e) {
            return target.error("cannot reach " + declared.get().name() + ": " + e.getMessage());
        } catch (TimeoutException e) {
            out.flush();
            return target.error("the rollback did not finish within " + timeout.toSeconds() + " s");
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private static void awaitOurs(SessionLog log) throws Exception {
        CompletableFuture<Void> ours = new CompletableFuture<>();
        try (var subscription = log.subscribe(e -> {
            if (e instanceof SessionEvent.LeaseChanged changed && changed.ours()) {
                ours.complete(null);
            }
        })) {
            ours.get(LEASE_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** One line per event a person following the rollback needs. */
    private static void report(SessionEvent event, PrintWriter out) {
        String line = null;
        if (event instanceof SessionEvent.RollbackStarted s) {
            line = "rollback started by " + s.who() + " (" + s.reason() + "): " + s.steps() + " steps";
        } else if (event instanceof SessionEvent.RollbackStepStarted s) {
            line = "step " + (s.index() + 1) + ": " + s.step();
        } else if (event instanceof SessionEvent.RollbackStepProgress p) {
            line = "step " + (p.index() + 1) + ": " + p.progress();
        } else if (event instanceof SessionEvent.ApprovalRequested a) {
            line = "step " + (a.index() + 1) + " waits for " + a.approver() + ": " + a.title();
        } else if (event instanceof SessionEvent.ApprovalAnswered a) {
            line = "step " + (a.index() + 1) + (a.approved() ? " approved" : " declined") + " for " + a.approver()
                    + ": " + a.note();
        } else if (event instanceof SessionEvent.RollbackStepFinished f) {
            line = "step " + (f.index() + 1) + (f.succeeded() ? " done: " : " FAILED: ") + f.detail();
        } else if (event instanceof SessionEvent.RollbackFinished f) {
            line = (f.succeeded() ? "finished: " : "stopped: ") + f.detail()
                    + (f.weight() >= 0 ? " (canary weight " + f.weight() + "%)" : "");
        } else if (event instanceof SessionEvent.CommandRefused r) {
            line = "refused: " + r.command() + ": " + r.reason();
        } else if (event instanceof SessionEvent.LeaseChanged l) {
            line = l.ours() ? "lease held as " + l.holder() : "lease held by " + l.holder();
        }
        if (line != null) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }
}
