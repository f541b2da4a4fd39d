package io.asmdr.ops;

import java.util.function.LongPredicate;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * How many pages (and requests) a run needs for {@link Verification} to decide: the fewest at which
 * a mesh that serves exactly the model's shares and errors passes with probability {@link #TARGET},
 * and a mesh with any one row off by twice the margin fails with that probability. Computed exactly
 * from binomial probabilities, row by row, in milliseconds: no simulation before the run.
 *
 * <p>Each of the exact tests of {@link Equivalence} passes a range of counts (one bound from below,
 * one from above), found by bisection; the chance of a range is a difference of two binomial CDF
 * values. With two rows the chance that both pass is exact (one row's count fixes the other's); with
 * three and more a run passes only when every row does, and the chance that it does not is at most
 * the sum over rows (the union bound: conservative).
 */
public final class SampleSize {
    public static final double TARGET = 0.95;

    private SampleSize() {}

    /** The counts of one row that pass, as a range [from, to] (from > to: none). */
    private record Range(long from, long to) {
        Range intersect(Range other) {
            return new Range(Math.max(from, other.from), Math.min(to, other.to));
        }

        double probability(long n, double p) {
            if (from > to) {
                return 0;
            }
            var binomial = BinomialDistribution.of((int) n, Math.min(1, Math.max(0, p)));
            return binomial.cumulativeProbability((int) to) - (from == 0 ? 0 : binomial.cumulativeProbability((int) from - 1));
        }
    }

    /** The smallest count in 0..n+1 for which {@code test} holds, for a test that holds from some count on (n + 1: none). */
    static long first(long n, LongPredicate test) {
        long low = 0;
        long high = n + 1; // "never": a count beyond n
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (test.test(mid)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** The counts of a row with the model's share {@code p} that pass, out of n. */
    private static Range passing(double p, long n, double margin, double alpha) {
        double low = Equivalence.lowerBound(p, margin);
        double high = Equivalence.upperBound(p, margin);
        long from = first(n, x -> Equivalence.shownAbove(x, n, low, alpha));
        long to = first(n, x -> !Equivalence.shownBelow(x, n, high, alpha)) - 1;
        return new Range(from, to);
    }

    /** The chance that a run of {@code n} pages drawn from {@code expected} itself passes; a lower bound for three rows and more. */
    public static double passProbability(double[] expected, long n, double margin, double alpha) {
        if (n <= 0) {
            return 0;
        }
        if (expected.length == 2) {
            var first = passing(expected[0], n, margin, alpha);
            var second = passing(expected[1], n, margin, alpha);
            // row 0 passes at x, row 1 at n - x: both, on the counts of row 0 in the intersection
            return first.intersect(new Range(n - second.to(), n - second.from())).probability(n, expected[0]);
        }
        double notPassing = 0;
        for (double p : expected) {
            notPassing += 1 - passing(p, n, margin, alpha).probability(n, p);
        }
        return Math.max(0, 1 - notPassing);
    }

    /** The smallest chance, over rows and both directions, that a run with one row off by 2 × margin fails (a lower bound). */
    public static double failProbability(double[] expected, long n, double margin, double alpha) {
        if (n <= 0) {
            return 0;
        }
        double outside = alpha / Math.max(1, expected.length);
        double worst = 1;
        for (double p : expected) {
            double low = Equivalence.lowerBound(p, margin);
            double high = Equivalence.upperBound(p, margin);
            var below = new Range(0, first(n, x -> !Equivalence.shownBelow(x, n, low, outside)) - 1);
            var above = new Range(first(n, x -> Equivalence.shownAbove(x, n, high, outside)), n);
            for (double shifted : new double[] {p - 2 * margin, p + 2 * margin}) {
                if (shifted < 0 || shifted > 1) {
                    continue;
                }
                worst = Math.min(worst, below.probability(n, shifted) + above.probability(n, shifted));
            }
        }
        return worst;
    }

    /**
     * The chance that the errors of {@code sent} requests at a true error rate {@code rate} are shown
     * below {@code allowed} (the error budget's non-inferiority test, {@link Verification}).
     */
    public static double errorPassProbability(double rate, long sent, double allowed, double alpha) {
        if (allowed >= 1) {
            return 1;
        }
        if (sent <= 0) {
            return 0;
        }
        long passingUpTo = first(sent, x -> !Verification.errorsShownBelow(x, sent, allowed, alpha)) - 1;
        return new Range(0, passingUpTo).probability(sent, rate);
    }

    /** The fewest pages, at most {@code cap}, at which both chances of the shares reach {@link #TARGET}; {@code cap} if even that is short. */
    public static long pages(double[] expected, double margin, double alpha, long cap) {
        return fewest(n -> passProbability(expected, n, margin, alpha) >= TARGET && failProbability(expected, n, margin, alpha) >= TARGET, cap);
    }

    /**
     * The fewest requests, at most {@code cap}, at which a mesh whose errors are what the model expects
     * unserved ({@code unserved}) shows them below the budget with probability {@link #TARGET}.
     */
    public static long requestsForErrors(double unserved, double allowed, double alpha, long cap) {
        return fewest(n -> errorPassProbability(unserved, n, allowed, alpha) >= TARGET, cap);
    }

    private static long fewest(LongPredicate enough, long cap) {
        long low = 0;
        long high = 1;
        while (!enough.test(high)) {
            if (high >= cap) {
                return cap;
            }
            low = high;
            high = Math.min(cap, high * 2);
        }
        while (high - low > 1) {
            long mid = (low + high) / 2;
            if (enough.test(mid)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }
}
