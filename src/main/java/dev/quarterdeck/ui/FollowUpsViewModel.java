package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.FollowUpDue;
import dev.quarterdeck.session.SessionEvent.FollowUpFinished;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The follow-up checkpoints after promotion ("T0 + 1 day: check the error budget", a 48-hour soak): when each
 * is due, a soak's gate as it stands, and for a manual one, once due, a Complete button with a note. The list
 * shows from promotion on; before that there is nothing to follow up.
 */
public final class FollowUpsViewModel implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final String COMPLETE = "complete follow-up ";

    private final ReleaseCommands commands;
    private final Actor actor;
    private final Clock clock;
    private final List<FollowUpRow> rows;
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper();
    private final Subscription subscription;
    private Instant promotedAt;

    public FollowUpsViewModel(ReleasePlan plan, ReleaseCommands commands, Actor actor, Clock clock,
            FxBridge events) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.clock = Objects.requireNonNull(clock, "clock");
        List<FollowUpRow> list = new ArrayList<>();
        for (int i = 0; i < plan.followUps().size(); i++) {
            FollowUpRow row = new FollowUpRow(i, plan.followUps().get(i));
            row.when(Durations.human(row.followUp().after()) + " after promotion");
            list.add(row);
        }
        rows = List.copyOf(list);
        subscription = events.listen(this::onEvents);
    }

    public List<FollowUpRow> rows() {
        return rows;
    }

    /** True from promotion on, when the plan has follow-ups. */
    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Closes a due manual follow-up with the note typed on its row. */
    public void complete(FollowUpRow row) {
        if (!row.canCompleteProperty().get()) {
            return;
        }
        row.detail("completing…");
        commands.completeFollowUp(row.index(), actor, row.noteProperty().get() == null ? ""
                : row.noteProperty().get().strip());
    }

    /** Refreshes "in 9 min 12 s"; the window calls it every second. */
    public void tick() {
        Instant now = clock.instant();
        rows.forEach(row -> when(row, now));
    }

    private void onEvents(List<SessionEvent> batch) {
        for (SessionEvent event : batch) {
            if (event instanceof StageChanged changed && changed.stage() == ReleaseStage.PROMOTED
                    && promotedAt == null) {
                promotedAt = changed.at();
                rows.forEach(row -> row.due(promotedAt.plus(row.followUp().after())));
                shown.set(!rows.isEmpty());
            } else if (event instanceof FollowUpDue due && due.index() < rows.size()) {
                FollowUpRow row = rows.get(due.index());
                if (row.status() == FollowUpRow.Status.WAITING) {
                    row.set(FollowUpRow.Status.DUE);
                    if (row.manual()) {
                        row.detail("due: complete it with a note");
                    }
                }
            } else if (event instanceof FollowUpFinished finished && finished.index() < rows.size()) {
                FollowUpRow row = rows.get(finished.index());
                row.set(finished.passed() ? FollowUpRow.Status.PASSED : FollowUpRow.Status.FAILED);
                String by = finished.who().equals(Actor.quarterdeck()) ? "" : "completed by " + finished.who().name();
                String detail = finished.detail() == null ? "" : finished.detail();
                row.detail(by.isEmpty() ? detail : detail.isEmpty() ? by : by + " · " + detail);
            } else if (event instanceof GateJudged judged && promotedAt != null) {
                for (FollowUpRow row : rows) {
                    if (row.status() == FollowUpRow.Status.WAITING
                            && row.gate().filter(judged.gate()::equals).isPresent()) {
                        row.detail("soak: gate " + judged.gate() + " " + verdict(judged.verdict()) + ", held "
                                + Durations.human(Duration.ofSeconds(judged.heldFor().toSeconds())));
                    }
                }
            } else if (event instanceof CommandRefused refused && refused.command().startsWith(COMPLETE)) {
                refused(refused);
            }
        }
        tick();
    }

    private void refused(CommandRefused refused) {
        try {
            int index = Integer.parseInt(refused.command().substring(COMPLETE.length()).strip()) - 1;
            if (index >= 0 && index < rows.size()) {
                rows.get(index).detail("refused: " + refused.reason());
            }
        } catch (NumberFormatException e) {
            // Not one of ours.
        }
    }

    private void when(FollowUpRow row, Instant now) {
        if (row.due() == null) {
            return;
        }
        String at = "due " + TIME.format(row.due().atZone(clock.getZone()));
        if (row.status() == FollowUpRow.Status.WAITING && now.isBefore(row.due())) {
            row.when(at + " · in " + Durations.human(Duration.ofSeconds(
                    (Duration.between(now, row.due()).toMillis() + 999) / 1000)));
        } else {
            row.when(at);
        }
    }

    private static String verdict(GateVerdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    @Override
    public void close() {
        subscription.close();
    }
}
