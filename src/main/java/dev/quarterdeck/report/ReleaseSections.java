package dev.quarterdeck.report;

import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The postmortem's sections on how the release moved: its steps against the plan, its gates' verdicts with
 * the values judged, who moved it and why (overrides and refusals included), the canary weight and the rollback.
 */
final class ReleaseSections {
    private final SessionReport report;
    private final Page page;
    private final ReportText.Clock clock;

    ReleaseSections(SessionReport report, Page page, ReportText.Clock clock) {
        this.report = report;
        this.page = page;
        this.clock = clock;
    }

    void stepsAndGates() throws IOException {
        page.subsection("Canary steps");
        List<String> planned = report.plan().map(SessionEvent.PlanLoaded::steps).orElse(List.of());
        List<List<String>> rows = new ArrayList<>();
        int count = Math.max(planned.size(), report.steps().stream().mapToInt(s -> s.index() + 1).max().orElse(0));
        for (int i = 0; i < count; i++) {
            int index = i;
            List<SessionReport.StepLine> runs = report.steps().stream().filter(s -> s.index() == index).toList();
            if (runs.isEmpty()) {
                rows.add(List.of(Integer.toString(i + 1), planned.get(i), "", "", "", "not reached", ""));
            }
            for (SessionReport.StepLine s : runs) {
                Optional<Instant> rolledBack = s.finishedAt() != null || s.startedAt() == null ? Optional.empty()
                        : report.rollbacks().stream().map(r -> r.started().at()).filter(at -> !at.isBefore(
                                s.startedAt())).findFirst();
                rows.add(List.of(Integer.toString(i + 1), s.description(), clock.time(s.startedAt()), s.startedBy(),
                        rolledBack.isPresent() ? clock.time(rolledBack.get()) : clock.time(s.finishedAt()),
                        s.succeeded() != null ? (s.succeeded() ? "done" : "FAILED") : rolledBack.isPresent()
                                ? "cut short by the rollback" : "running when the record ends", s.detail()));
            }
        }
        if (rows.isEmpty()) {
            page.paragraph("The plan has no canary steps.");
        } else {
            page.table(List.of("#", "Step", "Started", "By", "Finished", "Result", "Detail"), rows);
        }
        List<String> plannedGates = report.plan().map(SessionEvent.PlanLoaded::gates).orElse(List.of());
        for (SessionReport.GateHistory g : report.gates()) {
            page.subsection("Gate " + g.name());
            Optional<String> asPlanned = plannedGates.stream().filter(p -> p.startsWith(g.name() + ":")).findFirst();
            if (asPlanned.isPresent()) {
                page.paragraph("As planned: " + asPlanned.get() + ".");
            }
            page.paragraph(Timeline.count(g.judgements(), "judgement") + "; the last, at " + clock.time(g.last().at())
                    + ", was " + ReportText.verdict(g.finalVerdict()) + ". Each change of verdict, with the values "
                    + "judged:");
            page.table(List.of("Time", "Verdict", "Burn-in held", "Failures in a row", "Values judged"),
                    g.changes().stream().map(this::judgement).toList());
        }
        List<String> neverJudged = plannedGates.stream().filter(p -> report.gates().stream()
                .noneMatch(g -> p.startsWith(g.name() + ":"))).toList();
        if (!neverJudged.isEmpty()) {
            page.subsection("Gates never judged");
            page.bullets(neverJudged);
        }
    }

    private List<String> judgement(GateJudged j) {
        return List.of(clock.time(j.at()), ReportText.verdict(j.verdict()), Durations.human(j.heldFor()) + " of "
                + Durations.human(j.holdFor()), j.consecutiveFailures() + " of " + j.maxFailures(),
                j.conditions().stream().map(c -> c.condition() + ": " + (c.detail().isBlank()
                        ? ReportText.outcome(c.outcome()) : c.detail()) + " → " + ReportText.outcome(c.outcome()))
                        .collect(Collectors.joining("\n")));
    }

    void decisions() throws IOException {
        page.subsection("Who moved the release, and why");
        if (report.decisions().isEmpty()) {
            page.paragraph("The release never left preflight.");
        } else {
            page.table(List.of("Time", "Who", "Stage", "Step", "Why"), report.decisions().stream().map(d -> List.of(
                    clock.time(d.at()), d.who().name(), d.stage().label(), d.step() < 0 ? "" : Integer.toString(
                            d.step() + 1), d.why())).toList());
        }
        page.subsection("Overrides");
        if (report.overrides().isEmpty()) {
            page.paragraph("None: nothing went past what the plan allows.");
        } else {
            page.table(List.of("Time", "Who", "Command", "Refused because", "Reason given"), report.overrides()
                    .stream().map(o -> List.of(clock.time(o.at()), o.who().name(), o.command(), o.refusal(),
                            o.reason())).toList());
        }
        page.subsection("Refused commands");
        if (report.refusals().isEmpty()) {
            page.paragraph("None.");
        } else {
            page.table(List.of("Time", "Who", "Command", "Why refused"), report.refusals().stream().map(r -> List.of(
                    clock.time(r.at()), r.who().name(), r.command(), r.reason())).toList());
        }
        if (!report.approvals().isEmpty()) {
            page.subsection("Approvals");
            page.table(List.of("Step", "Approver", "For", "Asked", "Answered", "Answer", "Recorded by", "Note"),
                    report.approvals().stream().map(a -> List.of(Integer.toString(a.index() + 1), a.approver(),
                            a.title(), clock.time(a.askedAt()), clock.time(a.answer().map(SessionEvent::at)
                                    .orElse(null)), a.answer().map(x -> x.approved() ? "approved" : "REFUSED")
                                    .orElse("no answer"), a.answer().map(x -> x.recordedBy().name()).orElse(""),
                            a.answer().map(SessionEvent.ApprovalAnswered::note).orElse(""))).toList());
        }
    }

    void traffic() throws IOException {
        Optional<Chart> chart = Charts.weight(report);
        if (chart.isPresent()) {
            page.chart(chart.get());
        }
        page.subsection("Weights read back");
        if (report.weights().isEmpty()) {
            page.paragraph("The router's weight was never read.");
        } else {
            page.table(List.of("Time", "Read back", "Requested", "Router"), report.weights().stream()
                    .map(w -> List.of(clock.time(w.at()), w.percent() + " %",
                            w.requestedPercent() == SessionEvent.WeightApplied.PLAIN_READ ? "(read)"
                                    : w.requestedPercent() + " %", w.router())).toList());
        }
        if (!report.weightFailures().isEmpty()) {
            page.subsection("Weight changes that failed");
            page.table(List.of("Time", "Requested", "Router", "Error"), report.weightFailures().stream()
                    .map(f -> List.of(clock.time(f.at()), f.requestedPercent() < 0 ? "(read)"
                            : f.requestedPercent() + " %", f.router(), f.error())).toList());
        }
        if (report.rollbacks().isEmpty()) {
            page.subsection("Rollback");
            page.paragraph("No rollback ran.");
        }
        int n = 0;
        for (SessionReport.Rollback r : report.rollbacks()) {
            n++;
            page.subsection("Rollback" + (report.rollbacks().size() > 1 ? " " + n : "") + ", started "
                    + clock.time(r.started().at()) + " by " + r.started().who());
            page.paragraph("Why: " + r.started().reason() + ".");
            page.table(List.of("#", "Step", "Started", "Finished", "Took", "Result", "Detail"), r.steps().stream()
                    .map(s -> List.of(Integer.toString(s.index() + 1), s.step(), clock.time(s.startedAt()),
                            clock.time(s.finishedAt()), s.startedAt() == null || s.finishedAt() == null ? ""
                                    : ReportText.duration(Duration.between(s.startedAt(), s.finishedAt())),
                            s.succeeded() == null ? "running when the record ends" : s.succeeded() ? "done" : "FAILED",
                            String.join("\n", join(s.progress(), s.detail())))).toList());
            page.paragraph(r.finished().map(f -> (f.succeeded() ? "Finished" : "FAILED") + " at " + clock.time(f.at())
                    + ", " + ReportText.duration(Duration.between(r.started().at(), f.at())) + " after it started; "
                    + "canary weight read back: " + (f.weight() < 0 ? "unknown" : f.weight() + " %")
                    + (f.detail().isBlank() ? "" : " (" + f.detail() + ")") + ".")
                    .orElse("The record ends before the rollback did."));
        }
    }

    private static List<String> join(List<String> first, String last) {
        List<String> all = new ArrayList<>(first);
        if (!last.isBlank()) {
            all.add(last);
        }
        return all;
    }
}
