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

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void theBudgetIsLostOnlyOnceNoRunThatStartsWithinItCanStillHappen() {
        var t = new RecoveryTimeline();
        for (int s = 0; s <= 10; s++) {
            second(t, s, 0, 20); // a mesh that never recovers, answering 503 at once
        }
        // --max-rto 10 s: a run starting at second 10 is still possible until second 10 is over and certainly below
        assertTrue(!t.budgetLost(0.99, 10, 8, Duration.ofMillis(10_500), TIMEOUT), "second 10 is still being sent");
        assertTrue(t.budgetLost(0.99, 10, 8, Duration.ofMillis(11_000), TIMEOUT), "20 failures and at most 8 answers to come: below 99%");
        // answers that have not come yet do not lose a budget: an empty second is below only once its requests had their timeout
        var slow = new RecoveryTimeline();
        for (int s = 0; s <= 2; s++) {
            second(slow, s, 0, 20);
        }
        assertTrue(!slow.budgetLost(0.99, 2, 8, Duration.ofMillis(2_500), TIMEOUT), "second 2 is still being sent: a run may start there");
        assertTrue(slow.budgetLost(0.99, 2, 8, Duration.ofSeconds(3), TIMEOUT), "seconds 0, 1 and 2 are over and certainly below");
        var empty = new RecoveryTimeline();
        assertTrue(!empty.budgetLost(0.99, 0, 8, Duration.ofSeconds(5), TIMEOUT), "second 0 has had no answer and no timeout yet");
        assertTrue(empty.budgetLost(0.99, 0, 8, Duration.ofMillis(6_600), TIMEOUT), "second 0 is over, every request had its timeout: empty");
        // a service that is back within the budget has not lost it
        var back = new RecoveryTimeline();
        second(back, 0, 0, 20);
        for (int s = 1; s <= 12; s++) {
            second(back, s, 20, 0);
        }
        assertTrue(!back.budgetLost(0.99, 1, 8, Duration.ofSeconds(13), TIMEOUT));
        assertTrue(back.budgetLost(0.99, 0, 8, Duration.ofSeconds(13), TIMEOUT), "--max-rto 0: second 0 was down");
        // a few successes still to come can lift a second over the target: 15 of 15 answered, 1 failure, 8 in flight is not certain
        var close = new RecoveryTimeline();
        second(close, 0, 199, 1);
        assertTrue(!close.budgetLost(0.99, 0, 8, Duration.ofMillis(1_500), TIMEOUT), "199 of 200 and 8 to come: may reach 99%");
    }
}
