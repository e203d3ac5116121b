package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.ChecklistItem;
import dev.quarterdeck.plan.Phase;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checklist of one environment as it stands: manual items as ticked (with their evidence), automatic items
 * as their probe last answered. Says what blocks a phase: required items that have not passed, and in a strict
 * plan also the warnings (optional items not done). Engine thread only.
 */
final class Checklist {
    private final List<ChecklistItem> items;
    private final boolean strict;
    private final EvidenceCheck evidence;
    private final Map<String, ChecklistItemMarked> marks = new HashMap<>();
    /** The evidence of each ticked item as it was when ticked: re-checked against the clock, not the disk. */
    private final Map<String, EvidenceCheck.Inspected> evidenceGiven = new HashMap<>();
    private final Map<String, Outcome> probes = new HashMap<>();

    Checklist(ReleasePlan plan, String environment, EvidenceCheck evidence) {
        this.items = plan.checklistFor(environment);
        this.strict = plan.strict();
        this.evidence = evidence;
    }

    Optional<ChecklistItem> item(String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    void apply(ChecklistItemMarked mark) {
        marks.put(mark.item(), mark);
        evidenceGiven.remove(mark.item());
        item(mark.item()).flatMap(ChecklistItem::evidence).filter(spec -> mark.done()).ifPresent(spec ->
                evidenceGiven.put(mark.item(), evidence.inspect(spec, mark.evidence(), mark.at())));
    }

    void apply(ProbeSample sample) {
        probes.put(sample.probe(), sample.outcome());
    }

    /** Why a tick with this evidence is refused, if it is. Unticking is always allowed. */
    Optional<String> refuseMark(ChecklistItem item, boolean done, String given, Instant now) {
        if (!done || item.evidence().isEmpty()) {
            return Optional.empty();
        }
        return evidence.problem(item.evidence().get(), given, now, now)
                .map(problem -> "'" + item.title() + "' " + problem);
    }

    /** Whether the item has passed: its probe's last answer, or a tick whose evidence still holds. */
    boolean passed(ChecklistItem item, Instant now) {
        return why(item, now).isEmpty();
    }

    /** Why the item has not passed, or empty when it has. */
    Optional<String> why(ChecklistItem item, Instant now) {
        if (item.automatic()) {
            Outcome outcome = probes.get(item.probe().orElseThrow());
            return outcome == Outcome.PASS ? Optional.empty() : Optional.of("'" + item.title() + "': probe "
                    + item.probe().get() + (outcome == null ? " has not answered yet" : " is " + outcome));
        }
        ChecklistItemMarked mark = marks.get(item.id());
        if (mark == null || !mark.done()) {
            return Optional.of("'" + item.title() + "' is not ticked");
        }
        return item.evidence().flatMap(spec -> evidenceGiven.get(item.id()).problemAt(spec, now))
                .map(problem -> "'" + item.title() + "' " + problem);
    }

    /** What keeps {@code phase} from passing: required items, and in a strict plan the optional ones too. */
    List<String> blocking(Phase phase, Instant now) {
        List<String> out = new ArrayList<>();
        for (ChecklistItem item : items) {
            if (item.phase() == phase && (item.required() || strict)) {
                why(item, now).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Optional items of {@code phase} that have not passed: warnings, which block only in a strict plan. */
    List<String> warnings(Phase phase, Instant now) {
        List<String> out = new ArrayList<>();
        for (ChecklistItem item : items) {
            if (item.phase() == phase && !item.required()) {
                why(item, now).ifPresent(w -> out.add("optional " + w));
            }
        }
        return out;
    }

    boolean strict() {
        return strict;
    }
}
