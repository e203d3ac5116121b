package dev.quarterdeck.report;

import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.PlanLoaded;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each checklist item ended: a manual item by its last tick or untick (who, note, evidence), an item a
 * probe decides by that probe's last sample (the timeline has each change of its outcome). Items ticked that the
 * plan does not list (an older plan's) are kept too, after the plan's.
 */
final class Checklist {
    private final Map<String, List<ChecklistItemMarked>> marks = new LinkedHashMap<>();
    private final Map<String, ProbeSample> lastProbe = new HashMap<>();

    void add(SessionEvent event) {
        if (event instanceof ChecklistItemMarked e) {
            marks.computeIfAbsent(e.item(), k -> new ArrayList<>()).add(e);
        } else if (event instanceof ProbeSample e) {
            lastProbe.put(e.probe(), e);
        }
    }

    List<SessionReport.ChecklistLine> lines(PlanLoaded plan) {
        List<SessionReport.ChecklistLine> lines = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        if (plan != null) {
            for (PlanLoaded.PlannedItem item : plan.checklist()) {
                listed.add(item.id());
                lines.add(line(item.id(), item.title(), item.phase(), item.required(), item.probe(), item.evidence()));
            }
        }
        marks.keySet().stream().filter(id -> !listed.contains(id))
                .forEach(id -> lines.add(line(id, id, "—", false, "", "")));
        return lines;
    }

    private SessionReport.ChecklistLine line(String id, String title, String phase, boolean required, String probe,
            String evidenceWanted) {
        List<ChecklistItemMarked> history = marks.getOrDefault(id, List.of());
        if (probe != null && !probe.isBlank()) {
            ProbeSample last = lastProbe.get(probe);
            String status = last == null ? "not probed" : last.outcome() == Outcome.PASS ? "passing"
                    : ReportText.outcome(last.outcome());
            String note = last == null || last.observed().isBlank() ? "" : last.observed();
            return new SessionReport.ChecklistLine(id, title, phase, required, probe, evidenceWanted, status,
                    "probe", last == null ? null : last.at(), note, "", history);
        }
        if (history.isEmpty()) {
            return new SessionReport.ChecklistLine(id, title, phase, required, "", evidenceWanted, "not done", "",
                    null, "", "", history);
        }
        ChecklistItemMarked last = history.get(history.size() - 1);
        return new SessionReport.ChecklistLine(id, title, phase, required, "", evidenceWanted,
                last.done() ? "done" : "unticked", last.who().name(), last.at(), last.note(), last.evidence(), history);
    }
}
