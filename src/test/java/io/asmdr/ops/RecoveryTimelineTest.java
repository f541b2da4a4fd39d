package io.asmdr.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryTimelineTest {
    /** {@code ok} pages and {@code failed} 503s sent in second {@code s}. */
    static void second(RecoveryTimeline t, int s, int ok, int failed) {
        for (int i = 0; i < ok; i++) {
            t.add(Duration.ofMillis(s * 1000L + i % 1000), Outcome.REVIEWS_V2);
        }
        for (int i = 0; i < failed; i++) {
            t.add(Duration.ofMillis(s * 1000L + i % 1000), Outcome.HTTP_ERROR);
        }
    }

    @Test
    void theRtoIsTheStartOfTheFirstTenGoodSecondsInARow() {
        var t = new RecoveryTimeline();
        second(t, 0, 20, 0);   // the old endpoints still answer
        second(t, 1, 5, 15);
        second(t, 2, 0, 20);
        for (int s = 3; s < 8; s++) {
            second(t, s, 20, 0);
        }
        second(t, 8, 19, 1);   // 95%: below 99%, the run starts again
        for (int s = 9; s < 25; s++) {
            second(t, s, 20, 0);
        }
        assertEquals(Optional.of(9), t.rto(0.99));
        assertEquals(Optional.of(3), t.rto(0.95), "at 95% second 8 is good enough");
        assertEquals(15 + 20 + 1, t.failedDuringTransition(0.99));
        assertEquals(Map.of("v2", 1.0), t.sharesAfter(0.99));
    }

    @Test
    void anEmptySecondBreaksARunAndNoRecoveryMeansNoRto() {
        var t = new RecoveryTimeline();
        for (int s = 0; s < 9; s++) {
            second(t, s, 10, 0);
        }
        second(t, 10, 10, 0); // second 9 saw no request: it shows nothing
        assertEquals(Optional.empty(), t.rto(0.99));
        assertEquals(11, t.series().size(), "empty seconds are listed");
        assertEquals(0, t.series().get(9).requests());
        for (int s = 11; s < 20; s++) {
            second(t, s, 10, 0);
        }
        assertEquals(Optional.of(10), t.rto(0.99));
        assertEquals(0, t.failedDuringTransition(0.99));
    }

    @Test
    void requestsBeforeTheScaleDownAreNotCountedAndTheTableFoldsGoodSeconds() {
        var t = new RecoveryTimeline();
        t.add(Duration.ofMillis(-5), Outcome.HTTP_ERROR);
        second(t, 0, 0, 4);
        for (int s = 1; s < 12; s++) {
            second(t, s, 4, 0);
        }
        assertEquals(Optional.of(1), t.rto(0.99));
        assertEquals(4, t.failedDuringTransition(0.99));
        var table = t.table(0.99);
        assertTrue(table.contains("1-11s") && table.contains("44/44") && table.contains("below target"), table);
        var summary = t.summary(0.99);
        assertEquals(1, summary.get("rtoSeconds"));
        assertEquals(12, ((List<?>) summary.get("series")).size());
    }
}
