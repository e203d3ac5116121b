package dev.quarterdeck.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The report for machines: one JSON object, versioned by {@code "schema"}. Instants are ISO-8601 UTC,
 * durations both ISO-8601 and in seconds, values in the metric's own unit (a ratio for error rates, seconds for
 * latencies) with NaN as null. Fields are only ever added within a schema version; a change of meaning or a
 * removal is a new version. Written as it goes, never held whole.
 */
public final class JsonReport {
    public static final String SCHEMA = "quarterdeck/session-report/v1";

    private final JsonFactory factory = new JsonFactory();

    public void write(SessionReport report, Writer out) throws IOException {
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                    .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            pretty.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            json.setPrettyPrinter(pretty);
            json.writeStartObject();
            json.writeStringField("schema", SCHEMA);
            session(json, report);
            plan(json, report);
            environment(json, report);
            people(json, report);
            timing(json, report.timing());
            timeline(json, report);
            checklist(json, report);
            steps(json, report);
            gates(json, report);
            decisions(json, report);
            weights(json, report);
            aborts(json, report);
            rollbacks(json, report);
            metrics(json, report);
            followUps(json, report);
            json.writeArrayFieldStart("notes");
            for (SessionEvent.NoteAdded n : report.notes()) {
                json.writeStartObject();
                instant(json, "at", n.at());
                json.writeStringField("who", n.who().name());
                json.writeStringField("text", n.text());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("record");
            json.writeNumberField("events", report.events());
            strings(json, "gaps", report.gaps());
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static void session(JsonGenerator json, SessionReport report) throws IOException {
        SessionReport.Summary s = report.summary();
        json.writeObjectFieldStart("session");
        json.writeStringField("plan", s.plan());
        json.writeStringField("planVersion", s.planVersion());
        json.writeStringField("environment", s.environment());
        json.writeStringField("operator", s.operator());
        instant(json, "startedAt", s.startedAt());
        instant(json, "endedAt", s.endedAt());
        duration(json, "duration", s.duration());
        json.writeStringField("outcome", s.ending().key());
        json.writeStringField("why", s.why());
        json.writeStringField("finalStage", s.finalStage());
        json.writeStringField("mode", s.mode());
        json.writeNumberField("highestWeight", s.highestWeight());
        json.writeEndObject();
    }

    private static void plan(JsonGenerator json, SessionReport report) throws IOException {
        if (report.plan().isEmpty()) {
            json.writeNullField("plan");
            return;
        }
        SessionEvent.PlanLoaded p = report.plan().get();
        json.writeObjectFieldStart("plan");
        json.writeStringField("name", p.name());
        json.writeStringField("version", p.version());
        json.writeStringField("owner", p.owner());
        json.writeStringField("source", p.source());
        json.writeStringField("mode", p.mode().key());
        strings(json, "steps", p.steps());
        strings(json, "gates", p.gates());
        strings(json, "rollback", p.rollback());
        strings(json, "followUps", p.followUps());
        json.writeEndObject();
    }

    private static void environment(JsonGenerator json, SessionReport report) throws IOException {
        json.writeObjectFieldStart("environment");
        Optional<SessionEvent.EnvironmentDescribed> env = report.environment();
        json.writeStringField("name", env.map(SessionEvent.EnvironmentDescribed::environment)
                .orElse(report.summary().environment()));
        if (env.isPresent()) {
            json.writeStringField("router", env.get().router());
            json.writeStringField("context", env.get().context());
            json.writeStringField("server", env.get().server());
            json.writeStringField("namespace", env.get().namespace());
            json.writeStringField("user", env.get().user());
            json.writeStringField("holder", env.get().holder());
        }
        json.writeArrayFieldStart("checks");
        for (SessionEvent.EnvironmentChecked c : report.checks()) {
            json.writeStartObject();
            instant(json, "at", c.at());
            json.writeStringField("check", c.check());
            json.writeBooleanField("passed", c.passed());
            json.writeStringField("detail", c.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("permissions");
        for (SessionEvent.PreflightChecked.Access a : report.permissions()) {
            json.writeStartObject();
            json.writeStringField("permission", a.permission());
            json.writeStringField("purpose", a.purpose());
            json.writeBooleanField("allowed", a.allowed());
            json.writeStringField("reason", a.reason());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("leases");
        for (SessionEvent.LeaseChanged l : report.leases()) {
            json.writeStartObject();
            instant(json, "at", l.at());
            json.writeStringField("holder", l.holder());
            json.writeBooleanField("ours", l.ours());
            json.writeStringField("detail", l.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        map(json, "versions", env.map(SessionEvent.EnvironmentDescribed::versions).orElse(Map.of()));
        json.writeArrayFieldStart("lastKnownGood");
        for (SessionEvent.LastKnownGoodRecorded l : report.lastKnownGood()) {
            json.writeStartObject();
            instant(json, "at", l.at());
            json.writeStringField("deployment", l.deployment());
            map(json, "images", l.images());
            map(json, "featureFlags", l.featureFlags());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void people(JsonGenerator json, SessionReport report) throws IOException {
        json.writeArrayFieldStart("operators");
        for (SessionReport.Person p : report.people()) {
            json.writeStartObject();
            json.writeStringField("name", p.name());
            json.writeBooleanField("startedTheSession", p.operator());
            json.writeNumberField("events", p.actions());
            instant(json, "firstAt", p.firstAt());
            instant(json, "lastAt", p.lastAt());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void timing(JsonGenerator json, IncidentTiming t) throws IOException {
        json.writeObjectFieldStart("incident");
        moment(json, "impactBegan", t.impactAt(), t.impactBy(), IncidentTiming.IMPACT_MEANS);
        moment(json, "detected", t.detectedAt(), t.detectedBy(), IncidentTiming.DETECTED_MEANS);
        moment(json, "rollbackStarted", t.rollbackStartedAt(), t.rollbackBy(), "the first rollback started at or "
                + "after detection");
        moment(json, "mitigated", t.mitigatedAt(), t.mitigatedBy(), IncidentTiming.MITIGATED_MEANS);
        figure(json, "timeToDetect", t.timeToDetect(), IncidentTiming.DETECT_FORMULA);
        figure(json, "timeToMitigate", t.timeToMitigate(), IncidentTiming.MITIGATE_FORMULA);
        figure(json, "rollbackToZero", t.rollbackToZero(), "weight 0 read back − rollback started");
        json.writeEndObject();
    }

    private static void moment(JsonGenerator json, String name, Optional<Instant> at, String by, String means)
            throws IOException {
        json.writeObjectFieldStart(name);
        instant(json, "at", at.orElse(null));
        json.writeStringField("from", by);
        json.writeStringField("definition", means);
        json.writeEndObject();
    }

    private static void figure(JsonGenerator json, String name, Optional<Duration> d, String formula)
            throws IOException {
        json.writeObjectFieldStart(name);
        duration(json, "value", d.orElse(null));
        json.writeStringField("formula", formula);
        json.writeEndObject();
    }

    private static void timeline(JsonGenerator json, SessionReport report) throws IOException {
        json.writeArrayFieldStart("timeline");
        for (SessionReport.TimelineEntry e : report.timeline()) {
            json.writeStartObject();
            instant(json, "at", e.at());
            json.writeStringField("kind", e.kind());
            json.writeStringField("who", e.who());
            json.writeStringField("text", e.text());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void checklist(JsonGenerator json, SessionReport report) throws IOException {
        json.writeArrayFieldStart("checklist");
        for (SessionReport.ChecklistLine c : report.checklist()) {
            json.writeStartObject();
            json.writeStringField("id", c.id());
            json.writeStringField("title", c.title());
            json.writeStringField("phase", c.phase());
            json.writeBooleanField("required", c.required());
            json.writeStringField("probe", c.probe());
            json.writeStringField("evidenceWanted", c.evidenceWanted());
            json.writeStringField("status", c.status());
            json.writeStringField("by", c.by());
            instant(json, "at", c.at());
            json.writeStringField("note", c.note());
            json.writeStringField("evidence", c.evidence());
            json.writeArrayFieldStart("marks");
            for (SessionEvent.ChecklistItemMarked m : c.marks()) {
                json.writeStartObject();
                instant(json, "at", m.at());
                json.writeStringField("who", m.who().name());
                json.writeBooleanField("done", m.done());
                json.writeStringField("note", m.note());
                json.writeStringField("evidence", m.evidence());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void steps(JsonGenerator json, SessionReport report) throws IOException {
        json.writeArrayFieldStart("steps");
        for (SessionReport.StepLine s : report.steps()) {
            json.writeStartObject();
            json.writeNumberField("step", s.index() + 1);
            json.writeStringField("description", s.description());
            instant(json, "startedAt", s.startedAt());
            json.writeStringField("startedBy", s.startedBy());
            instant(json, "finishedAt", s.finishedAt());
            nullableBoolean(json, "succeeded", s.succeeded());
            json.writeStringField("detail", s.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void gates(JsonGenerator json, SessionReport report) throws IOException {
        json.writeArrayFieldStart("gates");
        for (SessionReport.GateHistory g : report.gates()) {
            json.writeStartObject();
            json.writeStringField("name", g.name());
            json.writeNumberField("judgements", g.judgements());
            json.writeStringField("finalVerdict", ReportText.verdict(g.finalVerdict()));
            json.writeArrayFieldStart("verdictChanges");
            for (GateJudged j : g.changes()) {
                judgement(json, j);
            }
            json.writeEndArray();
            json.writeFieldName("last");
            judgement(json, g.last());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void judgement(JsonGenerator json, GateJudged j) throws IOException {
        json.writeStartObject();
        instant(json, "at", j.at());
        json.writeStringField("verdict", ReportText.verdict(j.verdict()));
        duration(json, "heldFor", j.heldFor());
        duration(json, "holdFor", j.holdFor());
        json.writeNumberField("consecutiveFailures", j.consecutiveFailures());
        json.writeNumberField("maxFailures", j.maxFailures());
        json.writeArrayFieldStart("conditions");
        for (GateJudged.ConditionResult c : j.conditions()) {
            json.writeStartObject();
            json.writeStringField("condition", c.condition());
            json.writeStringField("outcome", ReportText.outcome(c.outcome()));
            number(json, "observed", c.observed());
            number(json, "threshold", c.threshold());
            number(json, "canary", c.canary());
            number(json, "stable", c.stable());
            json.writeStringField("detail", c.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void decisions(JsonGenerator json, SessionReport report) throws IOException {
        json.writeArrayFieldStart("decisions");
        for (SessionEvent.StageChanged s : report.decisions()) {
            json.writeStartObject();
            instant(json, "at", s.at());
            json.writeStringField("who", s.who().name());
            json.writeStringField("stage", s.stage().label());
            if (s.step() >= 0) {
                json.writeNumberField("step", s.step() + 1);
            } else {
                json.writeNullField("step");
            }
            json.writeStringField("why", s.why());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("overrides");
        for (SessionEvent.OverrideRecorded o : report.overrides()) {
            json.writeStartObject();
            instant(json, "at", o.at());
            json.writeStringField("who", o.who().name());
            json.writeStringField("command", o.command());
            json.writeStringField("refusal", o.refusal());
            json.writeStringField("reason", o.reason());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("refusals");
        for (SessionEvent.CommandRefused r : report.refusals()) {
            json.writeStartObject();
            instant(json, "at", r.at());
            json.writeStringField("who", r.who().name());
            json.writeStringField("command", r.command());
            json.writeStringField("reason", r.reason());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("approvals");
        for (SessionReport.ApprovalLine a : report.approvals()) {
            json.writeStartObject();
            json.writeNumberField("step", a.index() + 1);
            json.writeStringField("approver", a.approver());
            json.writeStringField("title", a.title());
            instant(json, "askedAt", a.askedAt());
            instant(json, "answeredAt", a.answer().map(SessionEvent::at).orElse(null));
            nullableBoolean(json, "approved", a.answer().map(SessionEvent.ApprovalAnswered::approved).orElse(null));
            json.writeStringField("recordedBy", a.answer().map(x -> x.recordedBy().name()).orElse(""));
            json.writeStringField("note", a.answer().map(SessionEvent.ApprovalAnswered::note).orElse(""));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void weights(JsonGenerator json, SessionReport report) throws IOException {
        json.writeArrayFieldStart("weights");
        for (SessionEvent.WeightApplied w : report.weights()) {
            json.writeStartObject();
            instant(json, "at", w.at());
            json.writeNumberField("percent", w.percent());
            if (w.requestedPercent() == SessionEvent.WeightApplied.PLAIN_READ) {
                json.writeNullField("requested");
            } else {
                json.writeNumberField("requested", w.requestedPercent());
            }
            json.writeStringField("router", w.router());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("weightFailures");
        for (SessionEvent.WeightChangeFailed f : report.weightFailures()) {
            json.writeStartObject();
            instant(json, "at", f.at());
            json.writeNumberField("requested", f.requestedPercent());
            json.writeStringField("router", f.router());
            json.writeStringField("error", f.error());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void aborts(JsonGenerator json, SessionReport report) throws IOException {
        json.writeArrayFieldStart("aborts");
        for (SessionReport.AbortLine a : report.aborts()) {
            json.writeStartObject();
            instant(json, "at", a.at());
            json.writeStringField("severity", a.severity());
            json.writeStringField("response", a.response().key());
            json.writeStringField("rule", a.rule());
            number(json, "observed", a.observed());
            number(json, "threshold", a.threshold());
            instant(json, "clearedAt", a.clearedAt().orElse(null));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void rollbacks(JsonGenerator json, SessionReport report) throws IOException {
        json.writeArrayFieldStart("rollbacks");
        for (SessionReport.Rollback r : report.rollbacks()) {
            json.writeStartObject();
            instant(json, "startedAt", r.started().at());
            json.writeStringField("who", r.started().who().name());
            json.writeStringField("reason", r.started().reason());
            json.writeNumberField("plannedSteps", r.started().steps());
            json.writeArrayFieldStart("steps");
            for (SessionReport.RollbackStepLine s : r.steps()) {
                json.writeStartObject();
                json.writeNumberField("step", s.index() + 1);
                json.writeStringField("description", s.step());
                instant(json, "startedAt", s.startedAt());
                strings(json, "progress", s.progress());
                instant(json, "finishedAt", s.finishedAt());
                nullableBoolean(json, "succeeded", s.succeeded());
                json.writeStringField("detail", s.detail());
                json.writeEndObject();
            }
            json.writeEndArray();
            instant(json, "finishedAt", r.finished().map(SessionEvent::at).orElse(null));
            nullableBoolean(json, "succeeded", r.finished().map(SessionEvent.RollbackFinished::succeeded).orElse(null));
            if (r.finished().isPresent() && r.finished().get().weight() >= 0) {
                json.writeNumberField("weight", r.finished().get().weight());
            } else {
                json.writeNullField("weight");
            }
            json.writeStringField("detail", r.finished().map(SessionEvent.RollbackFinished::detail).orElse(""));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void metrics(JsonGenerator json, SessionReport report) throws IOException {
        json.writeArrayFieldStart("metrics");
        for (MetricSeries m : report.metrics()) {
            json.writeStartObject();
            json.writeStringField("track", m.track().label());
            json.writeStringField("metric", m.metric().key());
            json.writeStringField("unit", m.metric().unit().name().toLowerCase(java.util.Locale.ROOT));
            json.writeNumberField("samples", m.samples());
            json.writeNumberField("withoutValue", m.withoutValue());
            number(json, "min", m.min());
            number(json, "mean", m.mean());
            number(json, "max", m.max());
            number(json, "last", m.last());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("bounds");
        for (SessionReport.Bound b : report.bounds()) {
            json.writeStartObject();
            json.writeStringField("source", b.source());
            json.writeStringField("condition", b.condition());
            json.writeStringField("track", b.track().label());
            json.writeStringField("metric", b.metric().key());
            json.writeStringField("bound", b.max() ? "max" : "min");
            number(json, "threshold", b.threshold());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void followUps(JsonGenerator json, SessionReport report) throws IOException {
        json.writeArrayFieldStart("followUps");
        for (SessionReport.FollowUpLine f : report.followUps()) {
            json.writeStartObject();
            json.writeNumberField("index", f.index() + 1);
            json.writeStringField("title", f.title());
            instant(json, "dueAt", f.dueAt().orElse(null));
            instant(json, "closedAt", f.finished().map(SessionEvent::at).orElse(null));
            nullableBoolean(json, "passed", f.finished().map(SessionEvent.FollowUpFinished::passed).orElse(null));
            json.writeStringField("by", f.finished().map(x -> x.who().name()).orElse(""));
            json.writeStringField("detail", f.finished().map(SessionEvent.FollowUpFinished::detail).orElse(""));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void instant(JsonGenerator json, String name, Instant at) throws IOException {
        if (at == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, at.toString());
        }
    }

    /** {@code "name": "PT1M30S", "nameSeconds": 90}: one for people and parsers, one for arithmetic. */
    private static void duration(JsonGenerator json, String name, Duration d) throws IOException {
        if (d == null) {
            json.writeNullField(name);
            json.writeNullField(name + "Seconds");
        } else {
            json.writeStringField(name, d.toString());
            json.writeNumberField(name + "Seconds", d.toMillis() / 1000.0);
        }
    }

    private static void number(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }

    private static void nullableBoolean(JsonGenerator json, String name, Boolean value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeBooleanField(name, value);
        }
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    private static void map(JsonGenerator json, String name, Map<String, String> map) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            json.writeStringField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
    }
}
