package io.asmdr.ops;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * How many pages a run needs for {@link Equivalence} to decide: the fewest at which a mesh that
 * serves exactly the model's shares passes with probability {@link #TARGET}, and a mesh with any one
 * row off by twice the margin fails with that probability. Computed exactly from binomial
 * probabilities, row by row, in milliseconds: no simulation before the run.
 *
 * <p>Per row, the counts that pass (or fail) form a range, because the Wilson bounds grow with the
 * count; its probability is a difference of two binomial CDF values. A run passes only when every row
 * does, so the chance that it does not is at most the sum over rows (the union bound: conservative
 * for three rows and more). With two rows it is exact: one row's count fixes the other's, and the
 * Wilson interval is symmetric, so the two rows pass or fail together.
 */
public final class SampleSize {
    public static final double TARGET = 0.95;

    private SampleSize() {}

    /** The chance that a run of {@code n} pages drawn from {@code expected} itself passes; a lower bound for three rows and more. */
    public static double passProbability(double[] expected, long n, double margin, double alpha) {
        double z = Equivalence.zWithin(alpha);
        double notPassing = 0;
        for (double p : expected) {
            double miss = 1 - probability(n, p, x -> {
                var w = Wilson.of(x, n, z);
                return w.low() >= p - margin - 1e-12 && w.high() <= p + margin + 1e-12;
            });
            notPassing = expected.length == 2 ? Math.max(notPassing, miss) : notPassing + miss;
        }
        return Math.max(0, 1 - notPassing);
    }

    /** The smallest chance, over rows and both directions, that a run with one row off by 2 × margin fails (a lower bound). */
    public static double failProbability(double[] expected, long n, double margin, double alpha) {
        double z = Equivalence.zOutside(alpha, expected.length);
        double worst = 1;
        for (double p : expected) {
            for (double shifted : new double[] {p - 2 * margin, p + 2 * margin}) {
                if (shifted < 0 || shifted > 1) {
                    continue;
                }
                worst = Math.min(worst, probability(n, shifted, x -> {
                    var w = Wilson.of(x, n, z);
                    return w.low() > p + margin || w.high() < p - margin;
                }));
            }
        }
        return worst;
    }

    /** The fewest pages, at most {@code cap}, at which both chances reach {@link #TARGET}; {@code cap} if even that is short. */
    public static long pages(double[] expected, double margin, double alpha, long cap) {
        long low = 0;
        long high = 1;
        while (!enough(expected, high, margin, alpha)) {
            if (high >= cap) {
                return cap;
            }
            low = high;
            high = Math.min(cap, high * 2);
        }
        while (high - low > 1) {
            long mid = (low + high) / 2;
            if (enough(expected, mid, margin, alpha)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    static boolean enough(double[] expected, long n, double margin, double alpha) {
        return passProbability(expected, n, margin, alpha) >= TARGET && failProbability(expected, n, margin, alpha) >= TARGET;
    }

    private interface Counts {
        boolean includes(long x);
    }

    /** P(X in the set) for X ~ Binomial(n, p): the sum over the runs of consecutive included counts, two CDF values each. */
    private static double probability(long n, double p, Counts set) {
        var binomial = BinomialDistribution.of((int) n, Math.min(1, Math.max(0, p)));
        double total = 0;
        long runStart = -1;
        for (long x = 0; x <= n + 1; x++) {
            boolean in = x <= n && set.includes(x);
            if (in && runStart < 0) {
                runStart = x;
            } else if (!in && runStart >= 0) {
                total += binomial.cumulativeProbability((int) (x - 1)) - (runStart == 0 ? 0 : binomial.cumulativeProbability((int) runStart - 1));
                runStart = -1;
            }
        }
        return total;
    }
}
