package io.asmdr.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Whether the shares of served pages are within ±margin of the model's, row by row: an equivalence
 * test, so that PASS is something the pages show, not something they failed to refute (a test of
 * "no difference" passes a short run whatever it serves, and fails a long run for a harmless one).
 *
 * <ul>
 *   <li><b>PASS</b>: every row's share is shown within the margin. Per row, the two one-sided tests
 *       (TOST) at level alpha, which is the (1 - 2 alpha) Wilson interval lying inside
 *       [model - margin, model + margin]. All rows must pass: an intersection-union test, at level
 *       alpha without any adjustment for the number of rows.</li>
 *   <li><b>FAIL</b>: some row is shown outside the margin: its Wilson interval at the Bonferroni level
 *       (one-sided alpha / k for each of k rows) lies entirely beyond it, so a mesh within the margin
 *       fails at most alpha of the time however many rows there are.</li>
 *   <li><b>INCONCLUSIVE</b> otherwise: too few pages to tell, or shares near the margin.</li>
 * </ul>
 */
public final class Equivalence {
    public enum Decision { PASS, FAIL, INCONCLUSIVE }

    /** Per row: the equivalence interval, the failure interval, and what this row shows. */
    public record Row(Wilson within, Wilson outside, Decision decision) {}

    public record Result(Decision decision, List<Row> rows) {}

    private Equivalence() {}

    /** z of the one-sided tests of equivalence. */
    static double zWithin(double alpha) {
        return NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - alpha);
    }

    /** z of the one-sided test that some one of {@code rows} rows is outside. */
    static double zOutside(double alpha, int rows) {
        return NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - alpha / Math.max(1, rows));
    }

    /**
     * @param expected the model's share of each row (rows the model expects nothing from are not passed here)
     * @param observed pages per row
     */
    public static Result test(double[] expected, long[] observed, double margin, double alpha) {
        long n = Arrays.stream(observed).sum();
        double zIn = zWithin(alpha);
        double zOut = zOutside(alpha, expected.length);
        var rows = new ArrayList<Row>();
        boolean all = true;
        boolean any = false;
        for (int i = 0; i < expected.length; i++) {
            var in = Wilson.of(observed[i], n, zIn);
            var out = Wilson.of(observed[i], n, zOut);
            var d = decide(expected[i], in, out, margin);
            all &= d == Decision.PASS;
            any |= d == Decision.FAIL;
            rows.add(new Row(in, out, d));
        }
        var decision = n == 0 ? Decision.INCONCLUSIVE : any ? Decision.FAIL : all ? Decision.PASS : Decision.INCONCLUSIVE;
        return new Result(decision, List.copyOf(rows));
    }

    /** One row: within when the equivalence interval lies inside the margin, outside when the failure interval lies beyond it. */
    static Decision decide(double expected, Wilson within, Wilson outside, double margin) {
        if (within.low() >= expected - margin - 1e-12 && within.high() <= expected + margin + 1e-12) {
            return Decision.PASS;
        }
        if (outside.low() > expected + margin || outside.high() < expected - margin) {
            return Decision.FAIL;
        }
        return Decision.INCONCLUSIVE;
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
