package dev.quarterdeck.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuantitiesTest {
    @Test
    void durationsAreWrittenAsEditorsAndCaptainsWriteThem() {
        assertThat(Quantities.duration("500ms")).contains(Duration.ofMillis(500));
        assertThat(Quantities.duration("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Quantities.duration("2d")).contains(Duration.ofDays(2));
        assertThat(Quantities.duration("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(Quantities.duration("48h")).contains(Duration.ofHours(48));
        assertThat(Quantities.duration("5 min")).isEmpty();
        assertThat(Quantities.duration("10")).isEmpty();
        assertThat(Quantities.duration("")).isEmpty();
        assertThat(Quantities.duration("-1s")).isEmpty();
    }

    @Test
    void sharesArePercentagesOrFractions() {
        assertThat(Quantities.share("1%")).contains(0.01);
        assertThat(Quantities.share("0.5%")).contains(0.005);
        assertThat(Quantities.share("0.01")).contains(0.01);
        assertThat(Quantities.share("one percent")).isEmpty();
    }

    @Test
    void formatWritesTheShortestForm() {
        assertThat(Quantities.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Quantities.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Quantities.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Quantities.format(Duration.ofHours(2))).isEqualTo("2h");
    }
}
