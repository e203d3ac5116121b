package dev.quarterdeck.report;

import dev.quarterdeck.session.SessionEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The postmortem draft's content, section by section, written once for Markdown and HTML alike: what the record
 * says, then the sections people write (root cause, action items), left open. Every figure says what it was
 * worked out from.
 */
final class PostmortemDocument {
    static final List<String[]> SECTIONS = List.of(
            new String[] {"summary", "Summary"},
            new String[] {"environment", "Environment"},
            new String[] {"detect-and-mitigate", "Time to detect and time to mitigate"},
            new String[] {"timeline", "Timeline"},
            new String[] {"checklist", "Checklist"},
            new String[] {"steps-and-gates", "Canary steps and gates"},
            new String[] {"decisions", "Decisions and overrides"},
            new String[] {"traffic", "Canary weight and rollback"},
            new String[] {"metrics", "Metrics and abort rules"},
            new String[] {"follow-ups-and-notes", "Follow-ups and notes"},
            new String[] {"postmortem", "Postmortem"},
            new String[] {"record", "About this record"});

    private final SessionReport report;
    private final Page page;
    private final ReportText.Clock clock;

    PostmortemDocument(SessionReport report, Page page, java.time.ZoneId zone) {
        this.report = report;
        this.page = page;
        this.clock = new ReportText.Clock(zone, report.summary().startedAt(), report.summary().endedAt());
    }

    void write() throws IOException {
        SessionReport.Summary s = report.summary();
        page.title("Postmortem draft: " + s.plan() + " " + s.planVersion() + " to " + s.environment(),
                "Drafted by Quarterdeck from the session's record on " + clock.full(s.startedAt()).substring(0, 10)
                        + ". Times are " + clock.zone() + ". Everything here is the record, except the sections "
                        + "marked \"to be written\".", SECTIONS);
        summary();
        environment();
        timing();
        timeline();
        checklist();
        ReleaseSections release = new ReleaseSections(report, page, clock);
        section(5);
        release.stepsAndGates();
        section(6);
        release.decisions();
        section(7);
        release.traffic();
        metrics();
        followUpsAndNotes();
        postmortem();
        record();
        page.end();
    }

    private void section(int index) throws IOException {
        page.section(SECTIONS.get(index)[0], SECTIONS.get(index)[1]);
    }

    private void summary() throws IOException {
        section(0);
        SessionReport.Summary s = report.summary();
        IncidentTiming t = report.timing();
        List<String[]> facts = new ArrayList<>();
        facts.add(fact("Outcome", capital(s.ending().label()) + (s.why().isBlank() ? "" : " — " + s.why())));
        facts.add(fact("Plan", report.plan().map(p -> p.name() + " " + p.version() + ", owner " + p.owner()
                + ", " + p.mode().key() + " mode" + (p.source().isBlank() ? "" : ", from " + p.source()))
                .orElse(s.plan() + " " + s.planVersion())));
        facts.add(fact("Environment", s.environment() + report.environment().map(e -> " — " + e.router()
                + " router, context " + e.context() + ", namespace " + e.namespace()).orElse("")));
        facts.add(fact("When", clock.full(s.startedAt()) + " to " + clock.full(s.endedAt()) + " " + clock.zone()
                + " (" + ReportText.duration(s.duration()) + ")"));
        facts.add(fact("Session", s.finished() ? "finished: the journal was closed when the session ended, and this "
                + "is the whole record" : "still in progress, not finished: this report holds the record up to "
                + clock.time(s.endedAt()) + ", and more may follow"));
        facts.add(fact("Driven by", report.people().stream().map(p -> p.name() + (p.operator()
                ? " (opened the session; " : " (") + Timeline.count(p.actions(), "event") + ")")
                .collect(Collectors.joining(", "))));
        facts.add(fact("Highest canary weight", s.highestWeight() + " %"));
        facts.add(fact("Final stage", s.finalStage() + ", " + s.mode() + " mode at the end"));
        facts.add(fact("Detected", t.detectedAt().map(at -> clock.time(at) + " — " + t.detectedBy())
                .orElse(t.detectedBy())));
        facts.add(fact("Time to detect", ReportText.duration(t.timeToDetect()) + "   (" + IncidentTiming.DETECT_FORMULA
                + ")"));
        facts.add(fact("Time to mitigate", ReportText.duration(t.timeToMitigate()) + "   ("
                + IncidentTiming.MITIGATE_FORMULA + ")"));
        page.facts(facts);
        page.subsection("What happened");
        page.toBeWritten("two or three sentences for someone who was not there: what was released, what went "
                + "wrong, who noticed, what was done");
    }

    private void environment() throws IOException {
        section(1);
        Optional<SessionEvent.EnvironmentDescribed> env = report.environment();
        List<String[]> facts = new ArrayList<>();
        facts.add(fact("Environment", env.map(SessionEvent.EnvironmentDescribed::environment)
                .orElse(report.summary().environment())));
        if (env.isPresent()) {
            SessionEvent.EnvironmentDescribed e = env.get();
            facts.add(fact("Router", e.router()));
            facts.add(fact("Cluster context", e.context()));
            facts.add(fact("API server", e.server()));
            facts.add(fact("Namespace", e.namespace()));
            facts.add(fact("User", e.user()));
            facts.add(fact("Release held by", e.holder()));
            facts.add(fact("Versions", lines(e.versions())));
        } else {
            facts.add(fact("Described", "the record holds no description of the environment"));
        }
        page.facts(facts);
        page.subsection("Last known good");
        if (report.lastKnownGood().isEmpty()) {
            page.paragraph("Not recorded: the environment names no deployments to return to.");
        } else {
            page.table(List.of("Deployment", "Images", "Feature flags", "Time"), report.lastKnownGood().stream()
                    .map(l -> List.of(l.deployment(), lines(l.images()), l.featureFlags().isEmpty() ? "none"
                            : lines(l.featureFlags()), clock.time(l.at()))).toList());
        }
        if (!report.checks().isEmpty()) {
            page.subsection("Checks");
            page.table(List.of("Time", "Check", "Result", "Detail"), report.checks().stream().map(c -> List.of(
                    clock.time(c.at()), c.check(), c.passed() ? "passed" : "FAILED", c.detail())).toList());
        }
        if (!report.permissions().isEmpty()) {
            page.subsection("Permissions");
            page.table(List.of("Permission", "Needed to", "Allowed", "Why not"), report.permissions().stream()
                    .map(a -> List.of(a.permission(), a.purpose(), a.allowed() ? "yes" : "NO", a.reason())).toList());
        }
        if (!report.leases().isEmpty()) {
            page.subsection("Lease");
            page.table(List.of("Time", "Held by", "Detail"), report.leases().stream().map(l -> List.of(
                    clock.time(l.at()), l.holder() + (l.ours() ? " (this console)" : ""), l.detail())).toList());
        }
    }

    private void timing() throws IOException {
        section(2);
        IncidentTiming t = report.timing();
        page.table(List.of("Figure", "Value", "Formula"), List.of(
                List.of("Time to detect", ReportText.duration(t.timeToDetect()), IncidentTiming.DETECT_FORMULA),
                List.of("Time to mitigate", ReportText.duration(t.timeToMitigate()), IncidentTiming.MITIGATE_FORMULA),
                List.of("Rollback to weight 0", ReportText.duration(t.rollbackToZero()),
                        "weight 0 read back − rollback started")));
        page.table(List.of("Moment", "Time", "Taken from"), List.of(
                List.of("Impact began", time(t.impactAt()), t.impactBy()),
                List.of("Detected", time(t.detectedAt()), t.detectedBy()),
                List.of("Rollback started", time(t.rollbackStartedAt()), t.rollbackBy()),
                List.of("Mitigated", time(t.mitigatedAt()), t.mitigatedBy())));
        page.paragraph("How each moment is defined:");
        page.bullets(List.of(capital(IncidentTiming.IMPACT_MEANS) + ".", capital(IncidentTiming.DETECTED_MEANS) + ".",
                capital(IncidentTiming.MITIGATED_MEANS) + "."));
    }

    private void timeline() throws IOException {
        section(3);
        page.paragraph("One line per event a postmortem reads. Metric samples are in the charts; a probe, a gate "
                + "and the lease appear only when their outcome, verdict or holder changes.");
        page.table(List.of("Time", "Kind", "Who", "What"), () -> report.timeline().stream()
                .map(e -> List.of(clock.time(e.at()), e.kind(), e.who(), e.text())).iterator());
    }

    private void checklist() throws IOException {
        section(4);
        if (report.checklist().isEmpty()) {
            page.paragraph("The plan has no checklist for this environment.");
            return;
        }
        page.table(List.of("Item", "Phase", "Required", "Status", "By", "Time", "Evidence", "Note"),
                report.checklist().stream().map(c -> List.of(c.title() + " (" + c.id() + ")", c.phase(),
                        c.required() ? "yes" : "no", c.status(), c.probe().isBlank() ? c.by() : "probe " + c.probe(),
                        clock.time(c.at()), c.evidence().isBlank() ? (c.evidenceWanted().isBlank() ? "" : "none given "
                                + "(wants " + c.evidenceWanted() + ")") : c.evidence(), c.note())).toList());
        List<List<String>> unticked = new ArrayList<>();
        for (SessionReport.ChecklistLine c : report.checklist()) {
            if (c.marks().size() > 1) {
                for (SessionEvent.ChecklistItemMarked m : c.marks()) {
                    unticked.add(List.of(clock.time(m.at()), c.id(), m.done() ? "ticked" : "unticked", m.who().name(),
                            m.evidence(), m.note()));
                }
            }
        }
        if (!unticked.isEmpty()) {
            page.subsection("Items ticked more than once");
            page.table(List.of("Time", "Item", "Mark", "By", "Evidence", "Note"), unticked);
        }
    }

    private void metrics() throws IOException {
        section(8);
        for (Chart chart : Charts.metrics(report)) {
            page.chart(chart);
        }
        if (report.metrics().isEmpty()) {
            page.paragraph("No metric was sampled.");
        } else {
            page.table(List.of("Track", "Metric", "Samples", "Without value", "Lowest", "Mean", "Highest", "Last"),
                    report.metrics().stream().map(m -> List.of(m.track().label(), m.metric().key(),
                            Integer.toString(m.samples()), Integer.toString(m.withoutValue()),
                            ReportText.value(m.metric(), m.min()), ReportText.value(m.metric(), m.mean()),
                            ReportText.value(m.metric(), m.max()), ReportText.value(m.metric(), m.last()))).toList());
        }
        page.subsection("Abort rules that fired");
        if (report.aborts().isEmpty()) {
            page.paragraph("None.");
        } else {
            page.table(List.of("Time", "Severity", "Rule", "Observed", "Response", "Cleared"), report.aborts().stream()
                    .map(a -> List.of(clock.time(a.at()), a.severity(), a.rule(), Timeline.observed(a.rule(),
                            a.observed()), a.response().key(), a.clearedAt().map(clock::time).orElse("")))
                    .toList());
        }
    }

    private void followUpsAndNotes() throws IOException {
        section(9);
        page.subsection("Follow-ups");
        if (report.followUps().isEmpty()) {
            page.paragraph("The plan has no follow-ups.");
        } else {
            page.table(List.of("#", "Follow-up", "Due", "Closed", "Result", "By", "Detail"), report.followUps()
                    .stream().map(f -> List.of(Integer.toString(f.index() + 1), f.title(),
                            f.dueAt().map(clock::time).orElse(""), f.finished().map(x -> clock.time(x.at())).orElse(""),
                            f.finished().map(x -> x.passed() ? "passed" : "FAILED").orElse(
                                    report.summary().ending() == SessionReport.Ending.PROMOTED || f.dueAt().isPresent()
                                            ? "open" : "not due: the release was not promoted"),
                            f.finished().map(x -> x.who().name()).orElse(""),
                            f.finished().map(SessionEvent.FollowUpFinished::detail).orElse(""))).toList());
        }
        page.subsection("Notes");
        if (report.notes().isEmpty()) {
            page.paragraph("No notes were added.");
        } else {
            page.table(List.of("Time", "Who", "Note"), report.notes().stream().map(n -> List.of(clock.time(n.at()),
                    n.who().name(), n.text())).toList());
        }
    }

    private void postmortem() throws IOException {
        section(10);
        page.subsection("Root cause");
        page.toBeWritten("what made the canary fail, and how we know; link the fix");
        page.subsection("Contributing factors");
        page.toBeWritten("what let it reach users, or made it worse or slower to see");
        page.subsection("What went well");
        page.toBeWritten("what worked: the gate, the abort rule, the rollback, the people");
        page.subsection("What went badly");
        page.toBeWritten("what did not, and where we were lucky");
        page.subsection("Action items");
        page.table(List.of("Action", "Owner", "Due", "Tracking"), List.of(List.of("", "", "", ""),
                List.of("", "", "", ""), List.of("", "", "", "")));
    }

    private void record() throws IOException {
        section(11);
        page.paragraph("Built from " + report.events() + " events of the session's journal, by Quarterdeck. Every "
                + "text was redacted for secrets (tokens, passwords, Authorization headers, credentials in URLs, "
                + "webhook URLs, kubeconfig keys) before this report was made; a redacted value reads REDACTED.");
        if (report.gaps().isEmpty()) {
            page.paragraph("The journal was read whole: no line was damaged or unknown.");
        } else {
            page.paragraph("Gaps in the record: these lines of the journal could not be read, and what they held "
                    + "is missing above.");
            page.bullets(report.gaps());
        }
    }

    private String time(Optional<Instant> at) {
        return at.map(clock::time).orElse("—");
    }

    private static String[] fact(String what, String value) {
        return new String[] {what, value};
    }

    private static String lines(Map<String, String> map) {
        return new TreeMap<>(map).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
