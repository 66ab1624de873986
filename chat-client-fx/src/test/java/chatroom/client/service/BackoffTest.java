package chatroom.client.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(30);

    private static List<Duration> delays(Backoff backoff, int count) {
        return IntStream.range(0, count).mapToObj(backoff::delay).toList();
    }

    @Test
    void withoutJitterTheDelayDoublesUpToThirtySeconds() {
        Backoff backoff = new Backoff(FIRST, MAX, () -> 0.0);
        assertEquals(List.of(1, 2, 4, 8, 16, 30, 30).stream().map(Duration::ofSeconds).toList(), delays(backoff, 7));
    }

    @Test
    void manyRetriesStayAtTheMaximumWithoutOverflowing() {
        Backoff backoff = new Backoff(FIRST, MAX, () -> 0.0);
        for (int attempt : new int[] {10, 20, 21, 63, 64, 1_000, Integer.MAX_VALUE}) {
            assertEquals(MAX, backoff.delay(attempt), "attempt " + attempt);
        }
    }

    @Test
    void fullJitterShortensEachDelayByAFifth() {
        Backoff backoff = new Backoff(FIRST, MAX, () -> 1.0);
        assertEquals(List.of(800, 1600, 3200, 6400, 12_800, 24_000, 24_000).stream().map(Duration::ofMillis).toList(),
                delays(backoff, 7));
    }

    @Test
    void halfJitterShortensByATenth() {
        Backoff backoff = new Backoff(FIRST, MAX, () -> 0.5);
        assertEquals(Duration.ofMillis(900), backoff.delay(0));
        assertEquals(Duration.ofMillis(27_000), backoff.delay(9));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.1, 0.25, 0.5, 0.75, 0.999, 1.0})
    void jitterNeverShortensByMoreThanTwentyPercent(double random) {
        Backoff jittered = new Backoff(FIRST, MAX, () -> random);
        Backoff plain = new Backoff(FIRST, MAX, () -> 0.0);
        for (int attempt = 0; attempt < 8; attempt++) {
            long full = plain.delay(attempt).toMillis();
            long delay = jittered.delay(attempt).toMillis();
            assertTrue(delay <= full && delay >= full * 8 / 10, "attempt " + attempt + ": " + delay + " ms of " + full);
        }
    }

    @Test
    void theStandardBackoffStartsAtOneSecondAndStopsAtThirty() {
        Backoff standard = Backoff.standard();
        assertEquals(FIRST, standard.first());
        assertEquals(MAX, standard.max());
        for (int attempt = 0; attempt < 12; attempt++) {
            long delay = standard.delay(attempt).toMillis();
            long full = Math.min(1000L << attempt, 30_000);
            assertTrue(delay <= full && delay >= full * 8 / 10, "attempt " + attempt + ": " + delay + " ms");
        }
    }
}
