package dev.quarterdeck.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every plan we ship loads, and passes the JSON Schema editors use: the two must not drift apart. */
class ExamplePlansTest {
    private static final Path PLANS = Path.of("resources", "plans");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> shippedPlans() throws IOException {
        try (Stream<Path> files = Files.walk(PLANS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedPlans")
    void shippedPlanLoadsAndMatchesTheSchema(Path plan) throws Exception {
        assertThat(PlanLoader.load(plan).metadata().name()).isNotBlank();
        assertThat(schemaErrors(Files.readString(plan))).isEmpty();
    }

    @Test
    void aPlanWithEveryKindOfRouterProbeAndStepMatchesTheSchema() throws Exception {
        Path everyKind = Path.of("src/test/resources/plans/every-kind.yaml");
        assertThat(PlanLoader.load(everyKind).environments()).hasSize(3);
        assertThat(schemaErrors(Files.readString(everyKind))).isEmpty();
    }

    @Test
    void aPlanWithoutACanaryRouterMatchesTheSchema() throws Exception {
        Path noRouter = Path.of("src/test/resources/plans/no-canary-router.yaml");
        assertThat(PlanLoader.load(noRouter).environments()).extracting(Environment::traffic)
                .containsExactly(new TrafficSpec.None());
        assertThat(schemaErrors(Files.readString(noRouter))).isEmpty();
    }

    @Test
    void thereAreShippedPlans() throws IOException {
        assertThat(shippedPlans()).isNotEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheLoaderRejects() throws Exception {
        String good = Files.readString(PLANS.resolve("sandbox.yaml"));
        List<String> mistakes = List.of(
                good.replace("protected: false", "protectd: false"),
                good.replace("setWeight: 10", "setWeight: 120"),
                good.replace("max: 250ms", "max: 250"),
                good.replace("phase: preflight", "phase: takeoff"),
                good.replace("pause: 30s", "pause: 30 seconds"),
                good.replace("sandbox:\n        requestsPerSecond: 50", "none:\n        requestsPerSecond: 50"));
        for (String mistake : mistakes) {
            assertThat(mistake).isNotEqualTo(good);
            assertThat(schemaErrors(mistake)).as("schema errors for a broken plan").isNotEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlanLoader.parse("broken.yaml", mistake))
                    .isInstanceOf(PlanException.class);
        }
    }

    private static Set<ValidationMessage> schemaErrors(String yaml) throws IOException {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Path.of("resources", "schema", "quarterdeck-plan.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        JsonNode plan = YAML.readTree(yaml);
        return schema.validate(plan);
    }
}
