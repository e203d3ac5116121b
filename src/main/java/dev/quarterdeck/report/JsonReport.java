package dev.quarterdeck.report;

import static dev.quarterdeck.report.JsonFields.duration;
import static dev.quarterdeck.report.JsonFields.instant;
import static dev.quarterdeck.report.JsonFields.map;
import static dev.quarterdeck.report.JsonFields.nullableBoolean;
import static dev.quarterdeck.report.JsonFields.strings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.quarterdeck.session.SessionEvent;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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
            JsonRelease.checklist(json, report);
            JsonRelease.steps(json, report);
            JsonRelease.gates(json, report);
            JsonRelease.decisions(json, report);
            JsonRelease.weights(json, report);
            JsonRelease.aborts(json, report);
            JsonRelease.rollbacks(json, report);
            JsonRelease.metrics(json, report);
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
        json.writeBooleanField("finished", s.finished());
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

    /** {@code "name": "PT1M30S", "nameSeconds": 90}: one for people and parsers, one for arithmetic. */}
