package dev.quarterdeck.ui;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.Condition;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.AbortCleared;
import dev.quarterdeck.session.SessionEvent.AbortTriggered;
import dev.quarterdeck.session.SessionEvent.NoteAdded;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.Subscription;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What Quarterdeck does by itself, impossible to miss. A rule that rolls back (at once or in stages) raises the
 * red alarm across the window, "SEV1 — canary error-rate 9.8% breaches ≤ 5%: Quarterdeck rolled back
 * automatically", and so does any other rollback Quarterdeck starts by itself (a gate failed in automatic mode).
 * The alarm follows the rollback to its end and stays until a person acknowledges it (recorded as a note, so the
 * journal says who saw it). A rule that only alerts raises the amber alert recommending a rollback, with the button
 * to do it; it goes when the rule holds again, or when a rollback starts.
 */
public final class AbortViewModel implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    static final String ACKNOWLEDGED = "acknowledged: ";

    private final ReleasePlan plan;
    private final ReleaseCommands commands;
    private final Actor actor;
    private final ZoneId zone;
    private final Banner alarm = new Banner(Tone.DANGER);
    private final Banner alert = new Banner(Tone.WARNING);
    /** Alerting rules in breach, by severity and rule, with the sentence that says so; the latest shows. */
    private final Map<String, String> alerts = new LinkedHashMap<>();
    private final Subscription subscription;

    /** When the alarm's cause happened; null while no alarm stands. */
    private Instant alarmAt;
    /** What set the alarm off: a rule's breach, or the reason Quarterdeck gave for rolling back. */
    private String alarmCause = "";
    private boolean alarmByRule;
    private boolean staged;
    private boolean rollbackSeen;
    private boolean rollbackDone;

    public AbortViewModel(ReleasePlan plan, ReleaseCommands commands, Actor actor, ZoneId zone, FxBridge events) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.zone = Objects.requireNonNull(zone, "zone");
        subscription = events.listen(this::onEvents);
    }

    /** The red alarm: an abort rule rolled back (or is rolling back) by itself. */
    public Banner alarm() {
        return alarm;
    }

    /** The amber alert: an alerting rule is in breach; a rollback is recommended. */
    public Banner alert() {
        return alert;
    }

    /** The captain has seen the alarm: it goes, and the session records who acknowledged what. */
    public void acknowledge() {
        if (!alarm.shownProperty().get()) {
            return;
        }
        String text = alarm.textProperty().get();
        clearAlarm();
        commands.addNote(actor, ACKNOWLEDGED + text);
    }

    /** Does what the alert recommends: rolls back now, naming the breach as the reason. */
    public void rollBack() {
        if (alerts.isEmpty()) {
            return;
        }
        String breach = latestAlert();
        alert.detail("rollback requested…", Tone.MUTED);
        commands.rollback(actor, breach);
    }

    private void onEvents(List<SessionEvent> batch) {
        for (SessionEvent event : batch) {
            if (event instanceof AbortTriggered triggered) {
                triggered(triggered);
            } else if (event instanceof AbortCleared cleared) {
                alerts.remove(key(cleared.severity(), cleared.rule()));
                showAlert();
            } else if (event instanceof RollbackStarted started) {
                // The recommendation has been taken, by someone; the rollback shows its own progress.
                alerts.clear();
                showAlert();
                rollbackStarted(started);
            } else if (event instanceof RollbackFinished finished && alarmAt != null && rollbackSeen) {
                rollbackSeen = false;
                rollbackDone = true;
                if (finished.succeeded()) {
                    alarm.show(sentence(staged ? "rolled back in stages" : "rolled back automatically"));
                    alarm.detail(when() + " · rollback finished" + (finished.weight() >= 0
                            ? ", canary at " + finished.weight() + " %" : ""), Tone.NEUTRAL);
                } else {
                    alarm.show(sentence("'s automatic rollback FAILED — roll back by hand"));
                    alarm.detail(when() + " · " + finished.detail(), Tone.NEUTRAL);
                }
            } else if (event instanceof NoteAdded note && alarm.shownProperty().get()
                    && note.text().equals(ACKNOWLEDGED + alarm.textProperty().get())) {
                // Acknowledged at another console, or before this one was restarted on the journal.
                clearAlarm();
            }
        }
    }

    private void triggered(AbortTriggered triggered) {
        String breach = breach(triggered);
        if (triggered.response() == AbortRule.Response.ALERT) {
            alerts.remove(key(triggered.severity(), triggered.rule()));
            alerts.put(key(triggered.severity(), triggered.rule()), breach);
            showAlert();
            return;
        }
        raise(triggered.at(), breach, true, triggered.response() == AbortRule.Response.STAGED_ROLLBACK);
    }

    /**
     * A rollback Quarterdeck started by itself is an alarm too, whatever set it off: an abort rule (already
     * raised), or a gate that failed in automatic mode. A person's own rollback is not: they know.
     */
    private void rollbackStarted(RollbackStarted started) {
        if (!started.who().equals(Actor.quarterdeck())) {
            return;
        }
        // The rollback a rule just set off belongs to that rule's alarm; any other is an alarm of its own.
        boolean rulesOwn = alarmAt != null && alarmByRule && !rollbackSeen && !rollbackDone;
        if (!rulesOwn) {
            raise(started.at(), started.reason(), false, false);
        }
        rollbackSeen = true;
        alarm.detail(when() + " · rolling back…", Tone.NEUTRAL);
    }

    private void raise(Instant at, String cause, boolean byRule, boolean inStages) {
        alarmAt = at;
        alarmCause = cause;
        alarmByRule = byRule;
        staged = inStages;
        rollbackSeen = false;
        rollbackDone = false;
        alarm.show(sentence(staged ? "is rolling back in stages" : "is rolling back automatically"));
        alarm.detail(when(), Tone.NEUTRAL);
    }

    /**
     * "SEV1 — canary error-rate 9.8% breaches ≤ 5%: Quarterdeck rolled back automatically"; for a rollback without
     * a rule, "Quarterdeck rolled back automatically — automatic mode: gate slo failed".
     */
    private String sentence(String what) {
        String quarterdeck = "Quarterdeck" + (what.startsWith("'") ? "" : " ") + what;
        return alarmByRule ? alarmCause + ": " + quarterdeck : quarterdeck + " — " + alarmCause;
    }

    private void clearAlarm() {
        alarm.hide();
        alarmAt = null;
        alarmCause = "";
        rollbackSeen = false;
    }

    private void showAlert() {
        if (alerts.isEmpty()) {
            alert.hide();
            return;
        }
        alert.show(latestAlert() + ": Quarterdeck recommends rolling back");
        alert.detail("", Tone.MUTED);
    }

    private String latestAlert() {
        String latest = "";
        for (String breach : alerts.values()) {
            latest = breach;
        }
        return latest;
    }

    private String when() {
        return (alarmByRule ? "breached at " : "at ") + TIME.format(alarmAt.atZone(zone));
    }

    /** "SEV1 — canary error-rate 9.8% breaches ≤ 5%", in the metric's own unit. */
    String breach(AbortTriggered triggered) {
        String severity = triggered.severity().toUpperCase(Locale.ROOT);
        for (AbortRule rule : plan.abortRules()) {
            Condition.Threshold c = rule.condition();
            if (rule.severity().equals(triggered.severity()) && c.describe().equals(triggered.rule())) {
                Metric metric = c.metric();
                return severity + " — " + c.track().label() + " " + metric.key() + " " + metric.format(
                        triggered.observed()) + " breaches " + c.bound().symbol() + " " + metric.format(c.threshold());
            }
        }
        return severity + " — " + triggered.rule() + " breached (observed " + Metric.Unit.trim(triggered.observed())
                + ")";
    }

    private static String key(String severity, String rule) {
        return severity + " " + rule;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
