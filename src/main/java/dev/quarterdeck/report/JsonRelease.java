package dev.quarterdeck.report;

import static dev.quarterdeck.report.JsonFields.duration;
import static dev.quarterdeck.report.JsonFields.instant;
import static dev.quarterdeck.report.JsonFields.nullableBoolean;
import static dev.quarterdeck.report.JsonFields.number;
import static dev.quarterdeck.report.JsonFields.strings;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import java.io.IOException;

/** The JSON report's sections on how the release moved: checklist, steps, gates, decisions, traffic, metrics. */
final class JsonRelease {
    private JsonRelease() {}

    static void checklist(JsonGenerator json, SessionReport report) throws IOException {
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

    static void steps(JsonGenerator json, SessionReport report) throws IOException {
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

    static void gates(JsonGenerator json, SessionReport report) throws IOException {
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

    static void decisions(JsonGenerator json, SessionReport report) throws IOException {
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

    static void weights(JsonGenerator json, SessionReport report) throws IOException {
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

    static void aborts(JsonGenerator json, SessionReport report) throws IOException {
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

    static void rollbacks(JsonGenerator json, SessionReport report) throws IOException {
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

    static void metrics(JsonGenerator json, SessionReport report) throws IOException {
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
}
