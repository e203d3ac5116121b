package dev.quarterdeck.ui;

import dev.quarterdeck.plan.CanaryStep;
import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The plan's canary steps with the status each has reached in this release: started, finished well, failed,
 * gone past by an override, never run because the release was promoted first, stopped by a rollback.
 */
final class ReleaseSteps {
    private static final List<ReleaseStep.Status> SUMMARY_ORDER = List.of(ReleaseStep.Status.DONE,
            ReleaseStep.Status.CURRENT, ReleaseStep.Status.FAILED, ReleaseStep.Status.STOPPED,
            ReleaseStep.Status.SKIPPED, ReleaseStep.Status.PENDING);

    private final List<ReleaseStep> rows;

    ReleaseSteps(List<CanaryStep> steps) {
        List<ReleaseStep> list = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            list.add(new ReleaseStep(i, label(steps.get(i)), steps.get(i).describe()));
        }
        rows = List.copyOf(list);
    }

    /** A step in a few words ("10 %", "pause 30 s", "gate slo"); the tooltip and the headline say it in full. */
    static String label(CanaryStep step) {
        if (step instanceof CanaryStep.SetWeight weight) {
            return weight.percent() + " %";
        }
        if (step instanceof CanaryStep.Pause pause) {
            return pause.duration().map(d -> "pause " + Durations.human(d)).orElse("pause until advanced");
        }
        if (step instanceof CanaryStep.GateCheck gate) {
            return "gate " + gate.gate();
        }
        // "approval by release-captain: Canary built and started: docker compose …" is a line, not a chip: the
        // words before the first colon, cut to a chip's length.
        String described = step.describe();
        int colon = described.indexOf(": ");
        String head = colon > 0 ? described.substring(0, colon) : described;
        return head.length() <= CHIP_CHARACTERS ? head : head.substring(0, CHIP_CHARACTERS - 1).strip() + "…";
    }

    /** The longest label a chip shows: the steps stay a few per line in the narrowest middle column. */
    static final int CHIP_CHARACTERS = 36;

    List<ReleaseStep> rows() {
        return rows;
    }

    int size() {
        return rows.size();
    }

    ReleaseStep get(int index) {
        return rows.get(index);
    }

    void started(StepStarted started) {
        if (in(started.step())) {
            rows.get(started.step()).set(ReleaseStep.Status.CURRENT, "started by " + started.who().name());
        }
    }

    void finished(StepFinished finished) {
        if (!in(finished.step())) {
            return;
        }
        String text = finished.detail() == null ? "" : finished.detail();
        // The engine says "skipped: dana overrode (…)" for a step an override went past.
        ReleaseStep.Status status = finished.succeeded() ? ReleaseStep.Status.DONE
                : text.startsWith("skipped") ? ReleaseStep.Status.SKIPPED : ReleaseStep.Status.FAILED;
        rows.get(finished.step()).set(status, text);
    }

    void staged(StageChanged changed) {
        if (changed.stage() == ReleaseStage.ROLLING_BACK) {
            replace(ReleaseStep.Status.CURRENT, ReleaseStep.Status.STOPPED, "stopped by the rollback");
        } else if (changed.stage() == ReleaseStage.PROMOTING || changed.stage() == ReleaseStage.PROMOTED) {
            replace(ReleaseStep.Status.CURRENT, ReleaseStep.Status.SKIPPED, "not finished: the release was promoted");
            replace(ReleaseStep.Status.PENDING, ReleaseStep.Status.SKIPPED, "not run: the release was promoted first");
        }
    }

    private void replace(ReleaseStep.Status from, ReleaseStep.Status to, String detail) {
        for (ReleaseStep row : rows) {
            if (row.status() == from) {
                row.set(to, detail);
            }
        }
    }

    /** "8 steps · 2 done · 1 current · 5 pending", counting only the statuses present. */
    String summary() {
        Map<ReleaseStep.Status, Integer> counts = new EnumMap<>(ReleaseStep.Status.class);
        rows.forEach(row -> counts.merge(row.status(), 1, Integer::sum));
        StringBuilder out = new StringBuilder(rows.size() + (rows.size() == 1 ? " step" : " steps"));
        for (ReleaseStep.Status status : SUMMARY_ORDER) {
            Integer count = counts.get(status);
            if (count != null) {
                out.append(" · ").append(count).append(' ').append(status.label());
            }
        }
        return out.toString();
    }

    private boolean in(int step) {
        return step >= 0 && step < rows.size();
    }
}
