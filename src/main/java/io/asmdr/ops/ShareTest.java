package io.asmdr.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.GTest;

/**
 * One goodness-of-fit test for the whole distribution of pages over reviews versions, instead of one
 * test per row: with k rows each tested at 95%, a healthy mesh fails far more often than 5% of runs
 * (12% with 3 regions, 17% with 4). The test is Apache Commons Statistics' G-test (likelihood ratio,
 * chi-square with k-1 degrees of freedom); where an expected count is below 5 the chi-square
 * approximation is poor, so the p-value is the share of G statistics at least as large among
 * multinomial samples drawn under the model (seeded, so a run is reproducible).
 *
 * <p>Rows the model expects no page from are not part of the G-test (it needs positive
 * expectations): a single page from one of them is a failure on its own. Per-row intervals are
 * Wilson intervals at the Bonferroni-adjusted level 1 - alpha/k, and rows are marked off only when
 * the overall verdict fails, so a row never contradicts the verdict.
 */
public final class ShareTest {
    static final int MONTE_CARLO_SAMPLES = 20_000;
    static final double MIN_EXPECTED_COUNT = 5;

    /**
     * @param method "G-test" or "G-test, Monte Carlo p-value"
     * @param off    per row: whether it is where the distribution departs from the model (only when not passed)
     */
    public record Result(double statistic, double pValue, boolean passed, String method, List<String> reasons, boolean[] off, Wilson[] intervals) {}

    private ShareTest() {}

    /**
     * @param expected the model's share of each row (summing to 1 over rows)
     * @param observed pages per row
     */
    public static Result test(double[] expected, long[] observed, double alpha, long seed) {
        return test(expected, observed, alpha, seed, true);
    }

    /** @param monteCarlo whether small expected counts may use the Monte Carlo p-value (power simulations do not: too slow) */
    static Result test(double[] expected, long[] observed, double alpha, long seed, boolean monteCarlo) {
        int k = expected.length;
        long n = Arrays.stream(observed).sum();
        var reasons = new ArrayList<String>();
        var off = new boolean[k];
        var positive = new ArrayList<Integer>();
        for (int i = 0; i < k; i++) {
            if (expected[i] > 0) {
                positive.add(i);
            } else if (observed[i] > 0) {
                off[i] = true;
                reasons.add("row " + i + " served " + observed[i] + " page(s) where the model expects none");
            }
        }
        int tested = Math.max(1, positive.size());
        var intervals = new Wilson[k];
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - alpha / (2.0 * tested));
        for (int i = 0; i < k; i++) {
            intervals[i] = Wilson.of(observed[i], n, z);
        }
        if (n == 0) {
            return new Result(Double.NaN, 0, false, "none", List.of("no page was served"), off, intervals);
        }
        double statistic = 0;
        double p = 1;
        String method = "single row";
        if (positive.size() >= 2) {
            var e = new double[positive.size()];
            var o = new long[positive.size()];
            long m = 0;
            for (int j = 0; j < e.length; j++) {
                e[j] = expected[positive.get(j)];
                o[j] = observed[positive.get(j)];
                m += o[j];
            }
            if (m == 0) {
                statistic = Double.POSITIVE_INFINITY;
                p = 0;
                method = "G-test";
            } else {
                statistic = GTest.withDefaults().statistic(e, o);
                double minCount = Arrays.stream(e).min().orElse(0) * m;
                if (minCount >= MIN_EXPECTED_COUNT || !monteCarlo) {
                    p = GTest.withDefaults().test(e, o).getPValue();
                    method = "G-test";
                } else {
                    p = monteCarlo(e, m, statistic, new SplittableRandom(seed));
                    method = "G-test, Monte Carlo p-value";
                }
            }
        }
        boolean passed = reasons.isEmpty() && p >= alpha;
        if (!passed && reasons.isEmpty()) {
            reasons.add(String.format(Locale.ROOT, "the pages do not follow the model (%s, p = %.4f < alpha %.2f)", method, p, alpha));
            markOff(expected, observed, n, off, intervals);
        }
        return new Result(statistic, p, passed, method, List.copyOf(reasons), off, intervals);
    }

    /** Rows whose adjusted interval misses the expectation; if none does, the one that departs most. */
    private static void markOff(double[] expected, long[] observed, long n, boolean[] off, Wilson[] intervals) {
        boolean any = false;
        int worst = -1;
        double worstTerm = -1;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] <= 0) {
                continue;
            }
            if (!intervals[i].contains(expected[i])) {
                off[i] = true;
                any = true;
            }
            double e = expected[i] * n;
            double term = (observed[i] - e) * (observed[i] - e) / e;
            if (term > worstTerm) {
                worstTerm = term;
                worst = i;
            }
        }
        if (!any && worst >= 0) {
            off[worst] = true;
        }
    }

    /** P(G >= observed G) under the model, estimated from multinomial samples of m pages. */
    static double monteCarlo(double[] expected, long m, double observedStatistic, SplittableRandom random) {
        var cumulative = cumulative(expected);
        int atLeast = 0;
        var counts = new long[expected.length];
        for (int s = 0; s < MONTE_CARLO_SAMPLES; s++) {
            sample(cumulative, m, random, counts);
            if (GTest.withDefaults().statistic(expected, counts) >= observedStatistic - 1e-9) {
                atLeast++;
            }
        }
        return (atLeast + 1.0) / (MONTE_CARLO_SAMPLES + 1.0);
    }

    static double[] cumulative(double[] shares) {
        var c = new double[shares.length];
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            c[i] = sum;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= sum;
        }
        return c;
    }

    /** One multinomial sample of m draws into {@code counts}. */
    static void sample(double[] cumulative, long m, SplittableRandom random, long[] counts) {
        Arrays.fill(counts, 0);
        for (long d = 0; d < m; d++) {
            double u = random.nextDouble();
            int i = 0;
            while (i < cumulative.length - 1 && u >= cumulative[i]) {
                i++;
            }
            counts[i]++;
        }
    }
}
