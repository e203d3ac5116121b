package dev.quarterdeck.ui;

import dev.quarterdeck.plan.ChecklistItem;
import dev.quarterdeck.plan.Phase;
import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.Subscription;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The plan's checklist, grouped by phase. Manual items are ticked through {@link ReleaseCommands}, with a note
 * and the evidence the item asks for; the tick shows as done only once the session has recorded it, so the
 * screen never claims what the journal lacks, and a refusal (missing or stale evidence) shows on the item.
 * Automatic items mirror their probe's latest sample, and only a PASS counts as done.
 */
public final class ChecklistViewModel implements AutoCloseable {
    private final ReleaseCommands commands;
    private final Actor actor;
    private final Clock clock;
    private final List<ChecklistPhase> phases;
    private final Map<String, ChecklistRow> rowsById = new LinkedHashMap<>();
    private final Map<String, List<ChecklistRow>> rowsByProbe = new LinkedHashMap<>();
    private final Subscription subscription;

    /** {@code items}: the checklist of the environment being released (see {@code ReleasePlan.checklistFor}). */
    public ChecklistViewModel(
            List<ChecklistItem> items, ReleaseCommands commands, Actor actor, Clock clock, FxBridge events) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<Phase, List<ChecklistRow>> byPhase = new EnumMap<>(Phase.class);
        for (ChecklistItem item : items) {
            ChecklistRow row = new ChecklistRow(item);
            rowsById.put(item.id(), row);
            byPhase.computeIfAbsent(item.phase(), p -> new ArrayList<>()).add(row);
            item.probe().ifPresent(probe -> rowsByProbe.computeIfAbsent(probe, p -> new ArrayList<>()).add(row));
        }
        List<ChecklistPhase> grouped = new ArrayList<>();
        byPhase.forEach((phase, rows) -> grouped.add(new ChecklistPhase(phase, rows)));
        this.phases = List.copyOf(grouped);
        subscription = events.listen(this::onEvents);
    }

    /** Phases in release order, only those with items. */
    public List<ChecklistPhase> phases() {
        return phases;
    }

    /** Ticks or unticks a manual item in the captain's name. Automatic items are not the captain's to tick. */
    public void mark(String itemId, boolean done) {
        ChecklistRow row = manual(itemId);
        row.edit(false);
        row.markPending();
        commands.markChecklistItem(itemId, done, actor, "");
    }

    /** Opens the tick form under a manual item: a note, and the evidence it asks for. */
    public void edit(String itemId) {
        manual(itemId).edit(true);
    }

    /** Closes the tick form without ticking. */
    public void cancelEdit(String itemId) {
        manual(itemId).edit(false);
    }

    /**
     * Ticks the item with the form's note and evidence. The form keeps what was typed: should the engine refuse
     * (a stale file), it opens again with the refusal, to fix rather than retype.
     */
    public void submit(String itemId) {
        ChecklistRow row = manual(itemId);
        if (!row.canSubmitProperty().get()) {
            return;
        }
        row.edit(false);
        row.markPending();
        commands.markChecklistItem(itemId, true, actor, strip(row.noteProperty().get()),
                strip(row.evidenceProperty().get()));
    }

    private ChecklistRow manual(String itemId) {
        ChecklistRow row = rowsById.get(itemId);
        if (row == null || row.automatic()) {
            throw new IllegalArgumentException("not a manual checklist item: " + itemId);
        }
        return row;
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    /** Refreshes "12 s ago" texts and stale links; the window calls it every second. */
    public void tick() {
        rowsById.values().forEach(row -> row.refreshAge(clock.instant()));
        // A link that went stale no longer counts.
        phases.forEach(ChecklistPhase::recount);
    }

    private void onEvents(List<SessionEvent> batch) {
        boolean changed = false;
        for (SessionEvent event : batch) {
            if (event instanceof ProbeSample sample) {
                changed |= probed(sample);
            } else if (event instanceof ChecklistItemMarked marked) {
                changed |= marked(marked);
            } else if (event instanceof CommandRefused refused) {
                refused(refused);
            }
        }
        if (changed) {
            phases.forEach(ChecklistPhase::recount);
        }
    }

    private boolean probed(ProbeSample sample) {
        List<ChecklistRow> rows = rowsByProbe.get(sample.probe());
        if (rows == null) {
            return false;
        }
        ChecklistRow.Status status = ChecklistRow.Status.valueOf(sample.outcome().name());
        String observed = sample.observed() == null || sample.observed().isBlank()
                ? sample.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                : sample.observed();
        rows.forEach(row -> row.observed(status, observed, sample.at(), clock.instant()));
        return true;
    }

    private boolean marked(ChecklistItemMarked marked) {
        ChecklistRow row = rowsById.get(marked.item());
        if (row == null || row.automatic()) {
            return false;
        }
        String by = (marked.done() ? "ticked by " : "unticked by ") + marked.who().name();
        String note = marked.note() == null || marked.note().isBlank() ? "" : " · " + marked.note();
        String evidence = marked.evidence() == null || marked.evidence().isBlank() ? ""
                : " · evidence " + shortEvidence(marked.evidence());
        row.ticked(marked.done(), by + note + evidence, marked.at(), clock.instant());
        return true;
    }

    /** A link as given; a file by its name (the full path is in the journal). */
    static String shortEvidence(String evidence) {
        String text = evidence.strip();
        if (text.contains("://")) {
            return text;
        }
        try {
            Path name = Path.of(text).getFileName();
            return name == null ? text : name.toString();
        } catch (InvalidPathException e) {
            return text;
        }
    }

    /** The engine's commands for items are "tick ID" and "untick ID". */
    private void refused(CommandRefused refused) {
        String command = refused.command();
        boolean tick = command.startsWith("tick ");
        if (!tick && !command.startsWith("untick ")) {
            return;
        }
        ChecklistRow row = rowsById.get(command.substring(tick ? 5 : 7));
        if (row == null || row.automatic()) {
            return;
        }
        if (tick) {
            row.edit(true);
        }
        row.refused(refused.reason() == null || refused.reason().isBlank() ? "refused" : refused.reason());
    }

    @Override
    public void close() {
        subscription.close();
    }
}
