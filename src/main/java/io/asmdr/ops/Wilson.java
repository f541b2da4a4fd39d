package io.asmdr.ops;

/** The Wilson score interval for a binomial proportion: sound at 0%, 100% and small counts, unlike p ± z·se. */
public record Wilson(double low, double high) {
    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    public static Wilson of(long successes, long trials, double z) {
        if (trials <= 0) {
            return new Wilson(0.0, 1.0);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double low = centre - half;
        double high = centre + half;
        // at 0 or n successes one bound is exactly 0 or 1; keep rounding noise out of reports
        return new Wilson(low < 1e-12 ? 0.0 : low, high > 1 - 1e-12 ? 1.0 : high);
    }

    public static Wilson of95(long successes, long trials) {
        return of(successes, trials, Z95);
    }

    public boolean contains(double share) {
        return share >= low - 1e-12 && share <= high + 1e-12;
    }
}
