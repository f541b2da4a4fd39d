package io.asmdr.ops;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The equivalence test's parts one at a time, on counts small enough to check by hand: the margins, each
 * one-sided exact test at its edges, how rows combine into a decision, and the page count that settles;
 * plus the tally those counts come from.
 */
class EquivalenceTest {
    private static final double ALPHA = 0.05;

    @Test
    void theMarginNeverReachesBelowHalfTheModelNorAboveOne() {
        assertEquals(0.81, Equivalence.lowerBound(0.86, 0.05), 1e-12);
        assertEquals(0.91, Equivalence.upperBound(0.86, 0.05), 1e-12);
        assertEquals(0.015, Equivalence.lowerBound(0.03, 0.05), 1e-12, "a 3 % row must still show half its share");
        assertEquals(0.08, Equivalence.upperBound(0.03, 0.05), 1e-12);
        assertEquals(1.0, Equivalence.upperBound(0.98, 0.05), 0.0);
        assertEquals(0.05, Equivalence.lowerBound(0.1, 0.05), 1e-12, "at twice the margin both rules agree");
    }

    @Test
    void eachOneSidedTestAtItsEdges() {
        assertTrue(Equivalence.shownAbove(0, 10, 0.0, ALPHA), "every share is above 0");
        assertTrue(Equivalence.shownAbove(0, 10, -0.1, ALPHA));
        assertFalse(Equivalence.shownAbove(10, 10, 1.0, ALPHA), "no share is shown above 1");
        assertTrue(Equivalence.shownBelow(10, 10, 1.0, ALPHA), "every share is below 1");
        assertFalse(Equivalence.shownBelow(0, 10, 0.0, ALPHA), "no share is shown below 0");
        // 10 of 10 against 0.7: P(X >= 10) = 0.7^10 = 0.028 <= 0.05; 9 of 10: 0.149 > 0.05
        assertTrue(Equivalence.shownAbove(10, 10, 0.7, ALPHA));
        assertFalse(Equivalence.shownAbove(9, 10, 0.7, ALPHA));
        // around the bound where P(X >= 10 | 10, p) = p^10 is alpha
        assertTrue(Equivalence.shownAbove(10, 10, Math.pow(ALPHA, 0.1) - 1e-9, ALPHA));
        assertFalse(Equivalence.shownAbove(10, 10, Math.pow(ALPHA, 0.1) + 1e-9, ALPHA));
        // 0 of 10 against 0.3: P(X <= 0) = 0.7^10 = 0.028; 1 of 10: 0.149
        assertTrue(Equivalence.shownBelow(0, 10, 0.3, ALPHA));
        assertFalse(Equivalence.shownBelow(1, 10, 0.3, ALPHA));
    }

    @Test
    void aRowPassesInsideFailsOutsideAndIsUndecidedBetween() {
        assertEquals(Equivalence.Decision.INCONCLUSIVE, Equivalence.decide(0, 0, 0.5, 0.05, ALPHA, 2));
        assertEquals(Equivalence.Decision.PASS, Equivalence.decide(500, 1000, 0.5, 0.05, ALPHA, 2));
        assertEquals(Equivalence.Decision.FAIL, Equivalence.decide(600, 1000, 0.5, 0.05, ALPHA, 2));
        assertEquals(Equivalence.Decision.FAIL, Equivalence.decide(400, 1000, 0.5, 0.05, ALPHA, 2));
        assertEquals(Equivalence.Decision.INCONCLUSIVE, Equivalence.decide(5, 10, 0.5, 0.05, ALPHA, 2), "ten pages show nothing");
        // 580 of 1000 against [0.45, 0.55]: P(X >= 580 | 0.55) is about 0.03, below alpha but not below alpha / 10
        var oneRow = Equivalence.decide(580, 1000, 0.5, 0.05, ALPHA, 1);
        var tenRows = Equivalence.decide(580, 1000, 0.5, 0.05, ALPHA, 10);
        assertEquals(Equivalence.Decision.FAIL, oneRow);
        assertEquals(Equivalence.Decision.INCONCLUSIVE, tenRows, "Bonferroni over ten rows: alpha / 10 is not reached");
    }

    @Test
    void anyFailingRowFailsTheRunAndEveryRowMustPassForAPass() {
        var pass = Equivalence.test(new double[] {0.5, 0.5}, new long[] {500, 500}, 0.05, ALPHA);
        assertEquals(Equivalence.Decision.PASS, pass.decision());
        assertEquals(List.of(1000L, 1000L), pass.rows().stream().map(Equivalence.Row::pages).toList());
        assertEquals(0.45, pass.rows().get(0).low(), 1e-12);
        assertEquals(0.55, pass.rows().get(0).high(), 1e-12);
        var fail = Equivalence.test(new double[] {0.9, 0.1}, new long[] {500, 500}, 0.05, ALPHA);
        assertEquals(Equivalence.Decision.FAIL, fail.decision());
        // one row shown inside, another undecided: not a pass
        var three = Equivalence.test(new double[] {0.5, 0.49, 0.01}, new long[] {1000, 990, 10}, 0.05, ALPHA);
        assertEquals(List.of(Equivalence.Decision.PASS, Equivalence.Decision.PASS, Equivalence.Decision.INCONCLUSIVE),
                three.rows().stream().map(Equivalence.Row::decision).toList());
        assertEquals(Equivalence.Decision.INCONCLUSIVE, three.decision());
        assertEquals(Equivalence.Decision.INCONCLUSIVE, Equivalence.test(new double[] {0.5, 0.5}, new long[] {0, 0}, 0.05, ALPHA).decision());
    }

    @Test
    void thePagesToSettleAreTheFewestThatDecide() {
        double[] model = {0.86, 0.14};
        for (var shares : List.of(new double[] {0.86, 0.14}, new double[] {0.5, 0.5}, new double[] {0.83, 0.17})) {
            long n = Equivalence.pagesToSettle(model, shares, 0.05, ALPHA, 1_000_000);
            assertTrue(n > 0, "settles: " + n);
            assertTrue(settles(model, shares, n), n + " pages decide");
            assertFalse(settles(model, shares, n - 1), (n - 1) + " pages do not");
        }
        assertEquals(-1, Equivalence.pagesToSettle(model, new double[] {0.81, 0.19}, 0.05, ALPHA, 5_000),
                "shares on the margin never settle within the cap");
        assertEquals(7, Equivalence.pagesToSettle(new double[] {0.5, 0.5}, new double[] {1.0, 0.0}, 0.05, ALPHA, 1_000),
                "all pages from one of two regions: 0.55^7 < alpha / 2 < 0.55^6, so seven pages FAIL and six do not");
    }

    private static boolean settles(double[] model, double[] shares, long n) {
        var counts = new long[shares.length];
        for (int i = 0; i < shares.length; i++) {
            counts[i] = Math.round(shares[i] * n);
        }
        return Equivalence.test(model, counts, 0.05, ALPHA).decision() != Equivalence.Decision.INCONCLUSIVE;
    }

    @Test
    void theTallyCountsPagesAndKeepsAFewShortSamples() {
        var tally = new Tally();
        tally.add(Outcome.REVIEWS_V1, 200);
        tally.add(Outcome.REVIEWS_V2, 200, 3L);
        tally.add(Outcome.REVIEWS_V3, 200);
        tally.add(Outcome.HTTP_ERROR, 503, "503 one");
        tally.add(Outcome.HTTP_ERROR, 503, "503 one");
        tally.add(Outcome.HTTP_ERROR, 500, "x".repeat(250));
        tally.add(Outcome.HTTP_ERROR, 502, "502");
        tally.add(Outcome.HTTP_ERROR, 504, "504");
        tally.add(Outcome.TIMEOUT, 0, null);
        tally.retried();
        assertEquals(5, tally.pages());
        assertEquals(11, tally.total());
        assertEquals(6, tally.failures());
        assertEquals(1, tally.retriedCount());
        assertEquals(Map.of(500, 1L, 502, 1L, 503, 2L, 504, 1L), tally.errorStatuses(), "error statuses only, by code");
        assertEquals(5, tally.count(Outcome.HTTP_ERROR));
        assertEquals(0, tally.count(Outcome.CONNECTION_ERROR));
        var samples = tally.samples().get(Outcome.HTTP_ERROR);
        assertEquals(Tally.SAMPLES_PER_OUTCOME, samples.size(), samples.toString());
        assertEquals("503 one", samples.get(0), "a repeated sample is kept once");
        assertEquals("x".repeat(200) + "...", samples.get(1), "a long one is cut at 200 characters");
        assertEquals("502", samples.get(2));
        assertEquals(List.of(), tally.samples().get(Outcome.TIMEOUT), "no sample given, none kept");
        assertEquals(1, tally.outcomes().get(Outcome.TIMEOUT));
    }

    /** A bound of 0 is exceeded by any count, even none; a bound of 1 is undercut by any count, even all. */
    @Test
    void theTestsAtTheEndsOfTheScale() {
        assertTrue(Equivalence.shownAbove(0, 100, 0.0, 0.05));
        assertTrue(Equivalence.shownBelow(100, 100, 1.0, 0.05));
        assertFalse(Equivalence.shownAbove(100, 100, 1.0, 0.05), "nothing shows a share above 1");
        assertFalse(Equivalence.shownBelow(0, 100, 0.0, 0.05), "nothing shows a share below 0");
    }
}
