package io.asmdr.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SampleSize against a brute-force oracle: every count 0..n judged by {@link Equivalence}'s own tests,
 * each weighted by its binomial probability, no bisection and no ranges. SampleSize finds the passing
 * counts by bisection and sums them as CDF differences; the two must agree to rounding.
 */
class SampleSizeTest {
    private static final double EPS = 1e-9;

    @Test
    void noRequestsShowNothingAndABudgetOfEverythingAlwaysPasses() {
        assertEquals(0.0, SampleSize.failProbability(new double[] {0.9, 0.1}, 0, 0.05, 0.05), 0.0);
        assertEquals(0.0, SampleSize.errorPassProbability(0.0, 0, 0.01, 0.05), 0.0, "no request shows the errors below anything");
        assertEquals(1.0, SampleSize.errorPassProbability(0.5, 100, 1.0, 0.05), 0.0);
        // a budget of exactly everything passes even a mesh that fails every request
        assertEquals(1.0, SampleSize.errorPassProbability(1.0, 100, 1.0, 0.05), 0.0);
    }

    @Test
    void noPagesNeverFailEvenWhenNoRowCanBeShiftedByTwiceTheMargin() {
        // 0.5 ± 0.6 leaves [0, 1] both ways: with pages, nothing can fail that way (chance 1); with none, nothing fails at all
        assertEquals(0.0, SampleSize.failProbability(new double[] {0.5, 0.5}, 0, 0.3, 0.05), 0.0);
        assertEquals(1.0, SampleSize.failProbability(new double[] {0.5, 0.5}, 50, 0.3, 0.05), 0.0);
    }

    @Test
    void firstIsTheSmallestCountThatHoldsAndOnePastTheEndForNone() {
        assertEquals(0, SampleSize.first(10, x -> true));
        assertEquals(7, SampleSize.first(10, x -> x >= 7));
        assertEquals(10, SampleSize.first(10, x -> x >= 10), "a test that holds only at n");
        assertEquals(11, SampleSize.first(10, x -> false), "none: n + 1");
        assertEquals(1, SampleSize.first(0, x -> false));
    }

    @Test
    void passProbabilityIsExactForTwoRowsAndTheUnionBoundForMore() {
        for (var c : cases()) {
            assertEquals(oraclePass(c.expected, c.n, c.margin, c.alpha), SampleSize.passProbability(c.expected, c.n, c.margin, c.alpha), EPS, c.toString());
        }
    }

    @Test
    void failProbabilityIsTheSmallestChanceOverRowsAndDirections() {
        for (var c : cases()) {
            assertEquals(oracleFail(c.expected, c.n, c.margin, c.alpha), SampleSize.failProbability(c.expected, c.n, c.margin, c.alpha), EPS, c.toString());
        }
    }

    @Test
    void aShiftThatLandsExactlyOnZeroOrOneCounts() {
        // 0.1 - 2 × 0.05 is exactly 0 and 0.9 + 2 × 0.05 exactly 1: both shifts are judged, at every n
        double[] expected = {0.9, 0.1};
        for (long n : new long[] {3, 10, 40, 200}) {
            assertEquals(oracleFail(expected, n, 0.05, 0.05), SampleSize.failProbability(expected, n, 0.05, 0.05), EPS, "n=" + n);
        }
        // 0.8 + 2 × 0.1 is exactly 1, and at 30 pages a count of 30 out of 30 is not shown above 0.9: that shift is the worst
        double[] three = {0.8, 0.1, 0.1};
        for (long n : new long[] {10, 30}) {
            double fail = SampleSize.failProbability(three, n, 0.1, 0.05);
            assertEquals(oracleFail(three, n, 0.1, 0.05), fail, EPS, "n=" + n);
            assertEquals(0.0, fail, EPS, "the shift onto 1 cannot be shown at n=" + n);
        }
    }

    @Test
    void errorPassProbabilityIsTheChanceOfTheCountsShownBelowTheBudget() {
        for (double rate : new double[] {0.0, 0.002, 0.01, 0.02, 0.05}) {
            for (long sent : new long[] {1, 7, 100, 450, 2000}) {
                for (double allowed : new double[] {0.01, 0.03, 0.2}) {
                    double oracle = 0;
                    var binomial = BinomialDistribution.of((int) sent, rate);
                    for (long x = 0; x <= sent; x++) {
                        if (Verification.errorsShownBelow(x, sent, allowed, 0.05)) {
                            oracle += binomial.probability((int) x);
                        }
                    }
                    assertEquals(oracle, SampleSize.errorPassProbability(rate, sent, allowed, 0.05), EPS,
                            "rate " + rate + ", sent " + sent + ", allowed " + allowed);
                }
            }
        }
    }

    @Test
    void theFewestPagesAreEnoughAndOneFewerIsNot() {
        double[] expected = {0.9, 0.1};
        long pages = SampleSize.pages(expected, 0.05, 0.05, 100_000);
        assertTrue(pages > 1 && pages < 100_000, "pages " + pages);
        assertTrue(enough(expected, pages));
        // the search doubles, then bisects: it returns the first n at which the chances reach the target from below
        assertTrue(!enough(expected, pages - 1), "pages - 1 = " + (pages - 1) + " is already enough");
        long requests = SampleSize.requestsForErrors(0.001, 0.01, 0.05, 100_000);
        assertTrue(SampleSize.errorPassProbability(0.001, requests, 0.01, 0.05) >= SampleSize.TARGET);
        assertTrue(SampleSize.errorPassProbability(0.001, requests - 1, 0.01, 0.05) < SampleSize.TARGET);
    }

    @Test
    void whenEvenTheCapIsShortTheCapIsTheAnswer() {
        // a cap that is a power of two and one that is not: the doubling stops at it either way
        assertEquals(4, SampleSize.pages(new double[] {0.9, 0.1}, 0.05, 0.05, 4));
        assertEquals(5, SampleSize.pages(new double[] {0.9, 0.1}, 0.05, 0.05, 5));
        assertEquals(6, SampleSize.requestsForErrors(0.001, 0.01, 0.05, 6));
    }

    private static boolean enough(double[] expected, long n) {
        return SampleSize.passProbability(expected, n, 0.05, 0.05) >= SampleSize.TARGET
                && SampleSize.failProbability(expected, n, 0.05, 0.05) >= SampleSize.TARGET;
    }

    private record Case(double[] expected, long n, double margin, double alpha) {
        @Override
        public String toString() {
            return "expected " + Arrays.toString(expected) + ", n " + n + ", margin " + margin + ", alpha " + alpha;
        }
    }

    private static List<Case> cases() {
        var out = new ArrayList<Case>();
        double[][] shares = {{0.9, 0.1}, {0.5, 0.5}, {0.97, 0.03}, {0.6, 0.3, 0.1}, {0.45, 0.45, 0.1}, {0.25, 0.25, 0.25, 0.25}};
        for (double[] e : shares) {
            for (long n : new long[] {1, 2, 5, 20, 60, 250, 900}) {
                out.add(new Case(e, n, 0.05, 0.05));
                out.add(new Case(e, n, 0.1, 0.01));
            }
        }
        return out;
    }

    /** Each count of row 0 that passes together with row 1's n - x (two rows), or the union bound over rows (more). */
    private static double oraclePass(double[] expected, long n, double margin, double alpha) {
        if (expected.length == 2) {
            var binomial = BinomialDistribution.of((int) n, expected[0]);
            double sum = 0;
            for (long x = 0; x <= n; x++) {
                if (passes(x, n, expected[0], margin, alpha) && passes(n - x, n, expected[1], margin, alpha)) {
                    sum += binomial.probability((int) x);
                }
            }
            return sum;
        }
        double failing = 0;
        for (double p : expected) {
            var binomial = BinomialDistribution.of((int) n, p);
            double sum = 0;
            for (long x = 0; x <= n; x++) {
                if (passes(x, n, p, margin, alpha)) {
                    sum += binomial.probability((int) x);
                }
            }
            failing += 1 - sum;
        }
        return Math.max(0, 1 - failing);
    }

    private static boolean passes(long x, long n, double p, double margin, double alpha) {
        return Equivalence.shownAbove(x, n, Equivalence.lowerBound(p, margin), alpha)
                && Equivalence.shownBelow(x, n, Equivalence.upperBound(p, margin), alpha);
    }

    /** For every row and shift by ±2 × margin inside [0, 1]: the chance its count is shown outside the margin (per-row alpha). */
    private static double oracleFail(double[] expected, long n, double margin, double alpha) {
        double outside = alpha / expected.length;
        double worst = 1;
        for (double p : expected) {
            for (double shifted : new double[] {p - 2 * margin, p + 2 * margin}) {
                if (shifted < 0 || shifted > 1) {
                    continue;
                }
                var binomial = BinomialDistribution.of((int) n, shifted);
                double sum = 0;
                for (long x = 0; x <= n; x++) {
                    if (Equivalence.shownBelow(x, n, Equivalence.lowerBound(p, margin), outside)
                            || Equivalence.shownAbove(x, n, Equivalence.upperBound(p, margin), outside)) {
                        sum += binomial.probability((int) x);
                    }
                }
                worst = Math.min(worst, sum);
            }
        }
        return worst;
    }
}
