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
    @Test
    void aSecondExactlyAtTheTargetIsGoodAndTheRtoSecondIsNotPartOfTheTransition() {
        var t = new RecoveryTimeline();
        t.add(Duration.ZERO, Outcome.REVIEWS_V1);
        second(t, 0, 0, 9);
        for (int s = 1; s <= 10; s++) {
            for (int i = 0; i < 99; i++) {
                t.add(Duration.ofMillis(s * 1000L + i), s == 1 ? Outcome.REVIEWS_V3 : Outcome.REVIEWS_V2);
            }
            t.add(Duration.ofMillis(s * 1000L + 999), Outcome.HTTP_ERROR);
        }
        assertEquals(Optional.of(1), t.rto(0.99), "99 of 100 is 99%: good at a 99% target");
        assertEquals(9, t.failedDuringTransition(0.99), "the failures of second 0; not those from the RTO on");
        assertEquals(Map.of("v2", 0.9, "v3", 0.1), t.sharesAfter(0.99), "pages from the RTO second on, not before it");
        assertEquals(Map.of(), new RecoveryTimeline().sharesAfter(0.99));
        var summary = t.summary(0.99);
        assertEquals(1, summary.get("rtoSeconds"));
        assertEquals(9L, summary.get("failedDuringTransition"));
        assertEquals(RecoveryTimeline.WINDOW_SECONDS, summary.get("windowSeconds"));
        assertEquals(Map.of("second", 0, "requests", 10L, "ok", 1L, "failures", Map.of("http_error", 9L)), ((List<?>) summary.get("series")).get(0));
        assertEquals(Map.of("second", 1, "requests", 100L, "ok", 99L, "failures", Map.of("http_error", 1L)), ((List<?>) summary.get("series")).get(1));
        assertEquals(null, new RecoveryTimeline().summary(0.99).get("rtoSeconds"), "no recovery: null, not 0");
    }

    @Test
    void theTableShowsEverySecondFoldsOnlyFullyGoodNeighboursAndMarksWhatIsBelow() {
        var t = new RecoveryTimeline();
        second(t, 0, 1, 9);
        second(t, 1, 10, 0);
        second(t, 2, 10, 0);
        second(t, 4, 10, 0); // second 3 saw no request
        assertEquals(List.of(
                "        0s      1/10       10.0%  ##..................  below target",
                "      1-2s     20/20      100.0%  ####################",
                "        3s      0/0         0.0%  ....................  below target",
                "        4s     10/10      100.0%  ####################"), t.table(0.99).lines().toList());
        var atTarget = new RecoveryTimeline();
        second(atTarget, 0, 99, 1);
        assertEquals(List.of("        0s     99/100      99.0%  ####################"), atTarget.table(0.99).lines().toList(),
                "at the target is not below it");
    }

    @Test
    void theBudgetAtItsEdges() {
        // exactly at the target with every answer in: not below, so a run from second 0 happened
        var atTarget = new RecoveryTimeline();
        for (int s = 0; s < 10; s++) {
            second(atTarget, s, 99, 1);
        }
        assertTrue(!atTarget.budgetLost(0.99, 0, 8, Duration.ofSeconds(30), TIMEOUT));
        // half the pages is below whatever the count
        var half = new RecoveryTimeline();
        for (int s = 0; s <= 10; s++) {
            second(half, s, 50, 50);
        }
        assertTrue(half.budgetLost(0.99, 0, 8, Duration.ofSeconds(30), TIMEOUT));
        // the run is ten seconds, not eleven: a bad eleventh second does not take back the run from 0
        var ten = new RecoveryTimeline();
        for (int s = 0; s < 10; s++) {
            second(ten, s, 20, 0);
        }
        second(ten, 10, 0, 20);
        assertTrue(!ten.budgetLost(0.99, 0, 8, Duration.ofSeconds(30), TIMEOUT));
        // an empty second is below from the moment its last request had its timeout (plus half a second), not later
        var empty = new RecoveryTimeline();
        assertTrue(empty.budgetLost(0.99, 0, 8, Duration.ofMillis(6_500), TIMEOUT));
        // 91 of 92 answered and 8 to come can still make exactly 99 of 100: not certainly below
        var exactly = new RecoveryTimeline();
        second(exactly, 0, 91, 1);
        assertTrue(!exactly.budgetLost(0.99, 0, 8, Duration.ofMillis(1_500), TIMEOUT));
        assertTrue(exactly.budgetLost(0.99, 0, 7, Duration.ofMillis(1_500), TIMEOUT), "with 7 to come it cannot");
    }

    /** A success rate exactly at the target counts as at it: half of each second at a target of 50 % recovers at once. */
    @Test
    void aSecondExactlyAtTheTargetCounts() {
        var t = new RecoveryTimeline();
        for (int s = 0; s < RecoveryTimeline.WINDOW_SECONDS; s++) {
            second(t, s, 1, 1);
        }
        assertEquals(Optional.of(0), t.rto(0.5));
        assertTrue(!t.table(0.5).contains("below target"), t.table(0.5));
        assertTrue(t.table(0.51).contains("below target"), t.table(0.51));
    }
}
