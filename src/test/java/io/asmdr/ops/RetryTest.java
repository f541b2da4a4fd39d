package io.asmdr.ops;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restore's retries: backing off from 250 ms, ending before a wait would pass the deadline, keeping the last error. */
class RetryTest {
    @Test
    void triesBackOffAndStopBeforeAWaitWouldPassTheDeadline() {
        long start = System.nanoTime();
        var result = Retry.until(() -> false, Duration.ofMillis(600));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // a try at 0 ms, a wait of 250 ms, a try; the next wait (500 ms) would end after the deadline: no third try
        assertEquals(Map.of("ok", false, "tries", 2, "error", "the read-back did not show the original count"), result);
        assertTrue(millis >= 250 && millis < 600, "one wait of 250 ms, no wait past the deadline: " + millis + " ms");
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsKindAndASuccessEndsTheTries() {
        var failed = Retry.until(() -> {
            throw new IllegalStateException();
        }, Duration.ofMillis(100));
        assertEquals(Map.of("ok", false, "tries", 1, "error", "IllegalStateException"), failed);
        int[] tries = {0};
        assertEquals(Map.of("ok", true, "tries", 2), Retry.until(() -> ++tries[0] == 2, Duration.ofSeconds(5)));
    }

    @Test
    void anInterruptDoesNotAbandonTheTriesAndIsSetAgainAtTheEnd() {
        Thread.currentThread().interrupt();
        var result = Retry.until(() -> false, Duration.ofMillis(400));
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals(2, result.get("tries"), "the wait it cut short is not the end: " + result);
    }

    @Test
    void whatIsLeftOfADeadlineIsCappedAndNeverLessThanAMillisecond() {
        long now = System.nanoTime();
        assertEquals(Duration.ofSeconds(5), Retry.left(now + Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(5)));
        var left = Retry.left(now + Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(5));
        assertTrue(left.compareTo(Duration.ofSeconds(1)) <= 0 && left.compareTo(Duration.ofMillis(500)) > 0, left.toString());
        assertEquals(Duration.ofMillis(1), Retry.left(now - Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(5)));
    }
}
