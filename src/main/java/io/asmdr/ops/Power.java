package io.asmdr.ops;

import java.util.SplittableRandom;

/**
 * How many pages it takes to tell the traffic model from the naive reading of the weights (a gateway
 * that serves 90/10 when the policy, hop by hop, gives 86/14): the share of simulated runs, drawn
 * from the naive shares, that {@link ShareTest} rejects. Simulation, seeded, so the printed power is
 * reproducible; it uses the test's decision rule with the chi-square p-value throughout (the Monte
 * Carlo p-value for small counts would cost 20,000 samples per simulated run).
 */
public final class Power {
    static final int SAMPLES = 2_000;
    public static final double TARGET = 0.8;

    private Power() {}

    /** The probability that a run of {@code pages} pages drawn from {@code actual} fails the test against {@code model}. */
    public static double of(double[] model, double[] actual, int pages, double alpha, long seed) {
        var random = new SplittableRandom(seed);
        var cumulative = ShareTest.cumulative(actual);
        var counts = new long[actual.length];
        int rejected = 0;
        for (int s = 0; s < SAMPLES; s++) {
            ShareTest.sample(cumulative, pages, random, counts);
            if (!ShareTest.test(model, counts, alpha, 0, false).passed()) {
                rejected++;
            }
        }
        return (double) rejected / SAMPLES;
    }

    /** Whether the two distributions differ at all; when they do not, no number of pages tells them apart. */
    public static boolean distinguishable(double[] model, double[] actual) {
        for (int i = 0; i < model.length; i++) {
            if (Math.abs(model[i] - actual[i]) > 1e-9) {
                return true;
            }
        }
        return false;
    }

    /** The fewest pages (a multiple of 50, at most {@code cap}) with at least {@link #TARGET} power; {@code cap} if even that is short. */
    public static int minimumPages(double[] model, double[] actual, double alpha, int cap, long seed) {
        int low = 0;
        int high = 50;
        while (high < cap && of(model, actual, high, alpha, seed) < TARGET) {
            low = high;
            high = Math.min(cap, high * 2);
        }
        if (high >= cap && of(model, actual, cap, alpha, seed) < TARGET) {
            return cap;
        }
        while (high - low > 50) {
            int mid = (low + high) / 2 / 50 * 50;
            if (mid <= low) {
                break;
            }
            if (of(model, actual, mid, alpha, seed) >= TARGET) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }
}
