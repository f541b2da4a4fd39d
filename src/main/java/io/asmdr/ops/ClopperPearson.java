package io.asmdr.ops;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Exact (Clopper–Pearson) bounds for a binomial proportion, and the exact one-sided binomial tests
 * they invert: the lower bound at level alpha is the smallest share p with P(X >= x | n, p) > alpha,
 * so "the lower bound is at least L" and "P(X >= x | n, L) <= alpha" are one statement. A test built
 * on them has size at most alpha at every n (no normal approximation, no continuity correction);
 * Clopper and Pearson, Biometrika 26 (1934) 404-413; the beta form as in Brown, Cai and DasGupta,
 * Statistical Science 16 (2001) 101-133.
 *
 * @param low  the one-sided lower bound at level alpha (0 when no success was seen)
 * @param high the one-sided upper bound at level alpha (1 when every trial succeeded)
 */
public record ClopperPearson(double low, double high) {
    /** Both one-sided bounds at level {@code alpha} each: together the (1 - 2 alpha) interval. */
    public static ClopperPearson of(long successes, long trials, double alpha) {
        if (trials <= 0) {
            return new ClopperPearson(0.0, 1.0);
        }
        double low = successes == 0 ? 0.0 : BetaDistribution.of(successes, trials - successes + 1).inverseCumulativeProbability(alpha);
        double high = successes == trials ? 1.0 : BetaDistribution.of(successes + 1, trials - successes).inverseCumulativeProbability(1 - alpha);
        return new ClopperPearson(low, high);
    }

    /** P(X >= x) for X ~ Binomial(n, p): the p-value of "the share is above p" for x successes. */
    static double atLeast(long x, long n, double p) {
        if (x <= 0) {
            return 1.0;
        }
        return x > n ? 0.0 : binomial(n, p).survivalProbability((int) x - 1);
    }

    /** P(X <= x) for X ~ Binomial(n, p): the p-value of "the share is below p" for x successes. */
    static double atMost(long x, long n, double p) {
        if (x >= n) {
            return 1.0;
        }
        return x < 0 ? 0.0 : binomial(n, p).cumulativeProbability((int) x);
    }

    private static BinomialDistribution binomial(long n, double p) {
        return BinomialDistribution.of((int) n, Math.min(1, Math.max(0, p)));
    }

    public boolean contains(double share) {
        return share >= low - 1e-12 && share <= high + 1e-12;
    }
}
