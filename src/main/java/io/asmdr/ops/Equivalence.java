package io.asmdr.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether the shares of served pages are within the margin of the model's, row by row: an
 * equivalence test, so that PASS is something the pages show, not something they failed to refute
 * (a test of "no difference" passes a short run whatever it serves, and fails a long run for a
 * harmless one). Every test is an exact binomial test, so its size holds at every page count.
 *
 * <p>A row's margin is [L, U] with U = min(model + margin, 1) and L = max(model - margin, model / 2):
 * a row the model expects less than twice the margin from must still be shown to carry at least half
 * its share, so a region that serves nothing fails even where model - margin is below zero (a 3% row
 * absent from 900 pages is a FAIL, not a PASS).
 *
 * <ul>
 *   <li><b>PASS</b>: every row's share is shown inside [L, U]: per row, the two one-sided exact tests
 *       (TOST) at level alpha, P(X >= x | L) <= alpha and P(X <= x | U) <= alpha, which is the
 *       (1 - 2 alpha) Clopper–Pearson interval lying inside [L, U]. All rows must pass: an
 *       intersection-union test, so a mesh with any row exactly at the margin passes with probability
 *       at most alpha, at every n, without adjustment for the number of rows.</li>
 *   <li><b>FAIL</b>: some row is shown outside: P(X >= x | U) or P(X <= x | L) at most alpha / k
 *       (Bonferroni over the k rows), so a mesh within the margin fails at most alpha of the time.</li>
 *   <li><b>INCONCLUSIVE</b> otherwise: too few pages to tell, or shares near the margin.</li>
 * </ul>
 */
public final class Equivalence {
    public enum Decision { PASS, FAIL, INCONCLUSIVE }

    /**
     * Per row: the margin [low, high] it is held to, its count of pages out of all, and what it shows.
     * The decision needs no interval; {@link #interval} computes the one a report prints.
     */
    public record Row(double low, double high, long observed, long pages, Decision decision) {
        /** The (1 - 2 alpha) Clopper–Pearson interval of the row's share. */
        public ClopperPearson interval(double alpha) {
            return ClopperPearson.of(observed, pages, alpha);
        }
    }

    public record Result(Decision decision, List<Row> rows) {}

    private Equivalence() {}

    /** The lower end of a row's margin: the model minus the margin, but never below half the model's share. */
    public static double lowerBound(double expected, double margin) {
        return Math.max(expected - margin, expected / 2);
    }

    /** The upper end of a row's margin. */
    public static double upperBound(double expected, double margin) {
        return Math.min(expected + margin, 1.0);
    }

    /**
     * @param expected the model's share of each row (rows the model expects nothing from are not passed here)
     * @param observed pages per row
     */
    public static Result test(double[] expected, long[] observed, double margin, double alpha) {
        long n = Arrays.stream(observed).sum();
        var rows = new ArrayList<Row>();
        boolean all = true;
        boolean any = false;
        for (int i = 0; i < expected.length; i++) {
            var d = decide(observed[i], n, expected[i], margin, alpha, expected.length);
            all &= d == Decision.PASS;
            any |= d == Decision.FAIL;
            rows.add(new Row(lowerBound(expected[i], margin), upperBound(expected[i], margin), observed[i], n, d));
        }
        var decision = n == 0 ? Decision.INCONCLUSIVE : any ? Decision.FAIL : all ? Decision.PASS : Decision.INCONCLUSIVE;
        return new Result(decision, List.copyOf(rows));
    }

    /** One row of {@code rows}: x of n pages against the model's share. */
    static Decision decide(long x, long n, double expected, double margin, double alpha, int rows) {
        if (n <= 0) {
            return Decision.INCONCLUSIVE;
        }
        if (shownAbove(x, n, lowerBound(expected, margin), alpha) && shownBelow(x, n, upperBound(expected, margin), alpha)) {
            return Decision.PASS;
        }
        double outside = alpha / Math.max(1, rows);
        if (shownAbove(x, n, upperBound(expected, margin), outside) || shownBelow(x, n, lowerBound(expected, margin), outside)) {
            return Decision.FAIL;
        }
        return Decision.INCONCLUSIVE;
    }

    /**
     * Whether x of n shows the share above {@code bound} at level {@code alpha}: the exact one-sided
     * test P(X >= x | n, bound) <= alpha (a bound of 0 or less is always exceeded, one of 1 or more
     * never). True from some x on: the counts that pass it are a range that ends at n.
     */
    static boolean shownAbove(long x, long n, double bound, double alpha) {
        return bound <= 0 || bound < 1 && ClopperPearson.atLeast(x, n, bound) <= alpha;
    }

    /** Whether x of n shows the share below {@code bound}: P(X <= x | n, bound) <= alpha; a range of counts from 0. */
    static boolean shownBelow(long x, long n, double bound, double alpha) {
        return bound >= 1 || bound > 0 && ClopperPearson.atMost(x, n, bound) <= alpha;
    }

    /**
     * The fewest pages at which shares like {@code observedShares} would be decided (PASS or FAIL), by
     * doubling and bisection up to {@code cap}; -1 when not even {@code cap} pages would (shares that
     * sit on the margin).
     */
    public static long pagesToSettle(double[] expected, double[] observedShares, double margin, double alpha, long cap) {
        long low = 0;
        long high = 16;
        while (!settles(expected, observedShares, high, margin, alpha)) {
            if (high >= cap) {
                return -1;
            }
            low = high;
            high = Math.min(cap, high * 2);
        }
        while (high - low > 1) {
            long mid = (low + high) / 2;
            if (settles(expected, observedShares, mid, margin, alpha)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    private static boolean settles(double[] expected, double[] shares, long n, double margin, double alpha) {
        var counts = new long[shares.length];
        for (int i = 0; i < shares.length; i++) {
            counts[i] = Math.round(shares[i] * n);
        }
        return test(expected, counts, margin, alpha).decision() != Decision.INCONCLUSIVE;
    }
}
