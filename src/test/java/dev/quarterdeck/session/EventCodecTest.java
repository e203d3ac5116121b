package dev.quarterdeck.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = codec.mapper();

    @Test
    void everyKindOfEventComesBackEqualThroughTheBytesOfALine() throws Exception {
        List<SessionEvent> samples = SampleEvents.everyKind();
        assertThat(samples).hasSize(SampleEvents.kinds(SessionEvent.class).size()).hasSizeGreaterThan(20);
        assertThat(codec.kinds()).hasSize(samples.size());

        for (SessionEvent event : samples) {
            String kind = EventCodec.kindOf(event);
            byte[] bytes = json.writeValueAsBytes(codec.encode(event, UnaryOperator.identity()));
            SessionEvent back = codec.decode(kind, json.readTree(bytes));
            assertThat(back).as(kind + " as " + new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(event);
        }
    }

    @Test
    void doublesThatJsonCannotWriteAsNumbersComeBackExactly() throws Exception {
        double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
            Double.MAX_VALUE, 0.1 + 0.2};
        for (double value : values) {
            SessionEvent event = new SessionEvent.MetricSample(T0, Track.CANARY, Metric.P99_LATENCY, value,
                    Outcome.PASS, "");
            JsonNode fields = json.readTree(json.writeValueAsBytes(codec.encode(event, UnaryOperator.identity())));
            SessionEvent.MetricSample back = (SessionEvent.MetricSample) codec.decode("MetricSample", fields);
            assertThat(Double.doubleToRawLongBits(back.value())).as("%s", value)
                    .isEqualTo(Double.doubleToRawLongBits(value));
        }
        JsonNode nan = codec.encode(new SessionEvent.MetricSample(T0, Track.STABLE, Metric.ERROR_RATE, Double.NaN,
                Outcome.NO_DATA, "no series"), UnaryOperator.identity());
        assertThat(nan.get("value").textValue()).isEqualTo("NaN");
    }

    @Test
    void fieldsMissingFromAnOlderLineReadAsNeutralValues() throws Exception {
        SessionEvent.LastKnownGoodRecorded lkg = (SessionEvent.LastKnownGoodRecorded) codec.decode(
                "LastKnownGoodRecorded", json.readTree(
                        "{\"at\":\"2026-11-22T10:00:00Z\",\"deployment\":\"shop\",\"images\":{\"app\":\"shop:1.4\"}}"));
        assertThat(lkg.featureFlags()).isEmpty();
        assertThat(lkg.images()).containsEntry("app", "shop:1.4");

        SessionEvent.PreflightChecked preflight = (SessionEvent.PreflightChecked) codec.decode("PreflightChecked",
                json.readTree("{\"at\":\"2026-11-22T10:00:00Z\",\"results\":[{\"permission\":\"patch ingresses\","
                        + "\"allowed\":true}]}"));
        assertThat(preflight.results()).containsExactly(
                new SessionEvent.PreflightChecked.Access("patch ingresses", "", true, "", false));

        SessionEvent.MetricSample sample = (SessionEvent.MetricSample) codec.decode("MetricSample",
                json.readTree("{\"at\":\"2026-11-22T10:00:00Z\",\"track\":\"CANARY\",\"metric\":\"ERROR_RATE\","
                        + "\"outcome\":\"NO_DATA\"}"));
        assertThat(sample.value()).isNaN();
        assertThat(sample.detail()).isEmpty();

        SessionEvent.ProbeSample probe = (SessionEvent.ProbeSample) codec.decode("ProbeSample",
                json.readTree("{\"at\":\"2026-11-22T10:00:00Z\",\"probe\":\"health\",\"outcome\":\"PASS\"}"));
        assertThat(probe.took()).isEqualTo(Duration.ZERO);

        SessionEvent.NoteAdded note = (SessionEvent.NoteAdded) codec.decode("NoteAdded",
                json.readTree("{\"at\":\"2026-11-22T10:00:00Z\",\"text\":\"who wrote this?\"}"));
        assertThat(note.who()).isEqualTo(new Actor("unknown"));
        SessionEvent.WeightApplied applied = (SessionEvent.WeightApplied) codec.decode("WeightApplied",
                json.readTree("{\"at\":\"2026-11-22T10:00:00Z\",\"percent\":25}"));
        assertThat(applied.requestedPercent()).isZero();
        assertThat(applied.router()).isEmpty();
    }

    @Test
    void fieldsFromANewerVersionAreIgnored() throws Exception {
        SessionEvent note = codec.decode("NoteAdded", json.readTree("{\"at\":\"2026-11-22T10:00:00Z\","
                + "\"who\":{\"name\":\"ana\",\"role\":\"captain\"},\"text\":\"hi\",\"mood\":\"calm\"}"));
        assertThat(note).isEqualTo(new SessionEvent.NoteAdded(T0, new Actor("ana"), "hi"));
    }

    @Test
    void aFieldOfTheWrongKindIsNamedByItsPath() {
        assertThatThrownBy(() -> codec.decode("PreflightChecked", json.readTree("{\"at\":\"2026-11-22T10:00:00Z\","
                + "\"results\":[{\"permission\":\"a\",\"allowed\":true},{\"permission\":\"b\",\"allowed\":\"yes\"}]}")))
                .isInstanceOf(EventFormatException.class)
                .hasMessage("PreflightChecked.results[1].allowed: expected true or false, found \"yes\"");
        assertThatThrownBy(() -> codec.decode("ProbeSample", json.readTree("{\"at\":\"2026-11-22T10:00:00Z\","
                + "\"probe\":\"p\",\"outcome\":\"MAYBE\",\"observed\":\"\",\"took\":\"PT1S\"}")))
                .hasMessageContaining("ProbeSample.outcome: no Outcome named \"MAYBE\"");
        assertThatThrownBy(() -> codec.decode("NoteAdded", json.readTree("{\"at\":\"yesterday\"}")))
                .hasMessage("NoteAdded.at: not a valid Instant: \"yesterday\"");
        assertThatThrownBy(() -> codec.decode("ProbeSample", json.readTree("{\"at\":\"2026-11-22T10:00:00Z\","
                + "\"probe\":\"p\",\"outcome\":null}")))
                .hasMessageContaining("ProbeSample refused its values").hasMessageContaining("outcome");
    }

    /** Shapes no event has yet, but one may tomorrow. */
    sealed interface Shape {
        record Circle(double radius) implements Shape {}

        record Label(String text, Optional<Instant> since) implements Shape {}
    }

    record Everything(Optional<String> name, Optional<Duration> delay, Optional<String> none, OptionalInt count,
            OptionalDouble ratio, List<Map<String, Double>> series, Map<Track, List<Shape>> shapes, Actor who,
            SessionEvent.PreflightChecked.Access access, List<Outcome> outcomes, float f, long big, char c) {}

    @Test
    void optionalsNestedCollectionsSealedMembersAndRecordsComeBack() throws Exception {
        RecordShapes shapes = new RecordShapes();
        JsonValues writing = new JsonValues(shapes);
        JsonReading reading = new JsonReading(shapes, writing.fallback());
        Everything value = new Everything(Optional.of("x"), Optional.of(Duration.ofNanos(1)), Optional.empty(),
                OptionalInt.of(-4), OptionalDouble.of(Double.NEGATIVE_INFINITY),
                List.of(Map.of("a", Double.NaN, "b", 2.5), Map.of()),
                Map.of(Track.CANARY, List.of(new Shape.Circle(Double.POSITIVE_INFINITY),
                        new Shape.Label("l", Optional.of(T0)), new Shape.Label("m", Optional.empty()))),
                new Actor("ana"), new SessionEvent.PreflightChecked.Access("p", "q", false, "r", true),
                List.of(Outcome.ERROR, Outcome.PASS), Float.NaN, Long.MIN_VALUE, 'é');

        JsonNode node = json.readTree(json.writeValueAsBytes(writing.writeRecord(value, UnaryOperator.identity())));
        assertThat(reading.readRecord(node, Everything.class, "Everything")).isEqualTo(value);
        assertThat(node.get("shapes").get("CANARY").get(1).get("@type").textValue()).isEqualTo("Label");
        assertThat(node.get("none").isNull()).isTrue();

        Object defaults = reading.readRecord(json.readTree("{}"), Everything.class, "Everything");
        assertThat(defaults).isEqualTo(new Everything(Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalDouble.empty(), List.of(), Map.of(), new Actor("unknown"),
                new SessionEvent.PreflightChecked.Access("", "", false, "", false), List.of(), Float.NaN, 0L,
                '\0'));
    }

    @Test
    void mapsAreWrittenInKeyOrderSoAnEventIsAlwaysTheSameBytes() throws Exception {
        SessionEvent a = new SessionEvent.LastKnownGoodRecorded(T0, "shop", Map.of("z", "1", "a", "2", "m", "3"));
        String written = json.writeValueAsString(codec.encode(a, UnaryOperator.identity()));
        assertThat(written).contains("\"images\":{\"a\":\"2\",\"m\":\"3\",\"z\":\"1\"}");
    }
}
