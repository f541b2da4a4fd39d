package io.asmdr.ops;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The recovery series' settings at exactly their limits (allowed) and a step past each (refused, naming the flag and the value). */
class RecoveryProbeSettingsTest {
    static final URI URL = URI.create("http://127.0.0.1/productpage");
    static final Duration WINDOW = Duration.ofSeconds(RecoveryTimeline.WINDOW_SECONDS);

    static RecoveryProbe.Settings settings(double target, Duration observe, int rate, int concurrency, Duration maxRto) {
        return new RecoveryProbe.Settings(URL, target, observe, rate, concurrency, Duration.ofSeconds(2), maxRto);
    }

    static String refused(double target, Duration observe, int rate, int concurrency, Duration maxRto) {
        return assertThrows(IllegalArgumentException.class, () -> settings(target, observe, rate, concurrency, maxRto)).getMessage();
    }

    @Test
    void everyLimitIsAllowedExactly() {
        assertDoesNotThrow(() -> settings(1.0, WINDOW, 1, 1, Duration.ZERO));
        assertDoesNotThrow(() -> settings(Double.MIN_VALUE, Duration.ofHours(1), 1000, LoadRunner.Settings.MAX_CONCURRENCY, Duration.ofHours(1)));
        assertDoesNotThrow(() -> settings(0.99, WINDOW, 20, 8, WINDOW));
    }

    @Test
    void aStepPastEachLimitIsRefused() {
        assertEquals("--target must be a success rate above 0 and at most 1 (0.99 for 99%), got 0.0", refused(0.0, WINDOW, 20, 8, null));
        assertEquals("--target must be a success rate above 0 and at most 1 (0.99 for 99%), got 1.0000001", refused(1.0000001, WINDOW, 20, 8, null));
        assertEquals("--observe must lie between 10s and 1h, got 9999 ms", refused(0.99, WINDOW.minusMillis(1), 20, 8, null));
        assertEquals("--observe must lie between 10s and 1h, got 3601 s", refused(0.99, Duration.ofSeconds(3601), 20, 8, null));
        assertEquals("--rate must be 1..1000 requests a second, got 0", refused(0.99, WINDOW, 0, 8, null));
        assertEquals("--rate must be 1..1000 requests a second, got 1001", refused(0.99, WINDOW, 1001, 8, null));
        assertEquals("--concurrency must be 1..64, got 0", refused(0.99, WINDOW, 20, 0, null));
        assertEquals("--concurrency must be 1..64, got 65", refused(0.99, WINDOW, 20, 65, null));
        assertEquals("--max-rto must lie between 0s and --observe (10 s), got -1 ms", refused(0.99, WINDOW, 20, 8, Duration.ofMillis(-1)));
        assertEquals("--max-rto must lie between 0s and --observe (10 s), got 10001 ms", refused(0.99, WINDOW, 20, 8, WINDOW.plusMillis(1)));
    }
}
