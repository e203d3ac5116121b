package dev.quarterdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The split's promise: any run of requests is within one request of the exact share. */
class CanarySplitTest {

    @ParameterizedTest(name = "weight {0}")
    @ValueSource(ints = {0, 1, 5, 20, 33, 50, 67, 99, 100})
    void everyWindowOfRequestsIsWithinOneOfTheExactShare(int weight) {
        CanarySplit split = new CanarySplit(weight);
        int n = 1_000;
        int[] canarySoFar = new int[n + 1];
        for (int i = 0; i < n; i++) {
            canarySoFar[i + 1] = canarySoFar[i] + (split.next() == Track.CANARY ? 1 : 0);
        }
        for (int from = 0; from < n; from += 7) {
            for (int to = from + 1; to <= n; to += 13) {
                double exact = (to - from) * weight / 100.0;
                assertThat((double) canarySoFar[to] - canarySoFar[from])
                        .as("requests %d..%d at %d %%", from, to, weight)
                        .isBetween(exact - 1, exact + 1);
            }
        }
    }

    @Test
    void fiveThousandAtTwentyPercentIsExactlyOneThousand() {
        CanarySplit split = new CanarySplit(20);
        long canary = 0;
        for (int i = 0; i < 5_000; i++) {
            canary += split.next() == Track.CANARY ? 1 : 0;
        }
        assertThat(canary).isEqualTo(1_000);
    }

    @Test
    void aNewWeightIsExactFromItsFirstRequest() {
        CanarySplit split = new CanarySplit(100);
        split.next();
        split.setWeight(10);

        long canary = 0;
        for (int i = 0; i < 10; i++) {
            canary += split.next() == Track.CANARY ? 1 : 0;
        }
        assertThat(canary).isEqualTo(1);
        assertThat(split.weight()).isEqualTo(10);
    }

    @Test
    void concurrentCallersStillGetTheExactShare() throws Exception {
        CanarySplit split = new CanarySplit(30);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                counts.add(callers.submit(() -> {
                    int canary = 0;
                    for (int i = 0; i < 2_500; i++) {
                        canary += split.next() == Track.CANARY ? 1 : 0;
                    }
                    return canary;
                }));
            }
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            assertThat(total).isEqualTo(3_000);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aWeightOutside0To100IsRefused() {
        CanarySplit split = new CanarySplit(0);
        assertThatThrownBy(() -> split.setWeight(101)).hasMessageContaining("0..100");
        assertThatThrownBy(() -> split.setWeight(-1)).hasMessageContaining("0..100");
    }
}
