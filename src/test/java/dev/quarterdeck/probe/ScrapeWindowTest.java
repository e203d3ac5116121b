package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeWindowTest {
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Map<String, String> OK = Map.of("code", "200");

    private static TrackScrape scrape(long second, double requests) {
        return new TrackScrape(T0.plusSeconds(second), Map.of(OK, requests), Map.of());
    }

    private static double requests(ScrapeWindow window) {
        return window.increase(TrackScrape::requests, labels -> true).value();
    }

    @Test
    void scrapesArrivingOutOfOrderAreKeptInTimeOrder() {
        ScrapeWindow window = new ScrapeWindow(Duration.ofMinutes(1), 100);
        window.add(scrape(0, 100));
        window.add(scrape(20, 300));
        window.add(scrape(10, 200));

        // In arrival order 300 -> 200 would read as a restart; in time order it is a steady 200.
        assertThat(requests(window)).isEqualTo(200);
        assertThat(window.span()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aClockSteppingBackPastTheWindowStartsTheWindowAgain() {
        ScrapeWindow window = new ScrapeWindow(Duration.ofSeconds(30), 100);
        window.add(scrape(100, 500));
        window.add(scrape(110, 600));
        window.add(scrape(10, 50));

        assertThat(window.size()).isEqualTo(1);
        assertThat(window.span()).isZero();
    }

    @Test
    void theWindowIsLeftOpenLikeAPrometheusRange() {
        ScrapeWindow window = new ScrapeWindow(Duration.ofSeconds(30), 100);
        window.add(scrape(0, 0));
        window.add(scrape(30, 30));

        // (30 s - 30 s, 30 s] excludes the scrape at exactly 0 s.
        assertThat(window.size()).isEqualTo(1);
    }

    @Test
    void theCountBoundHoldsWhenTicksComeFasterThanPlanned() {
        ScrapeWindow window = new ScrapeWindow(Duration.ofHours(1), 5);
        for (int s = 0; s < 1000; s++) {
            window.add(scrape(s, s));
        }

        assertThat(window.size()).isEqualTo(5);
        assertThat(requests(window)).isEqualTo(4);
    }
}
