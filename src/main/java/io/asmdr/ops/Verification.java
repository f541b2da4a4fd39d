package io.asmdr.ops;

import io.asmdr.config.StackSpec;
import io.asmdr.trafficmodel.TrafficModel;
import io.asmdr.trafficmodel.TrafficReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/**
 * Observed pages against the traffic model's prediction for the same stack and scenario. Two
 * questions, judged apart:
 * <ul>
 *   <li><b>shares</b>: among pages a configured region served, one row per reviews version (so per
 *       region, or regions running the same version); the whole distribution is held against the
 *       model with one test ({@link ShareTest}) at {@code alpha};</li>
 *   <li><b>errors</b>: requests that got no such page (HTTP errors, timeouts, connection errors,
 *       error pages, oversized or unknown pages), against the share the model itself expects to go
 *       unserved plus {@code maxErrorRate}: a one-sided binomial test fails the run only when the
 *       error rate is significantly above that bound, so one 500 in 2,000 requests does not.</li>
 * </ul>
 */
public record Verification(TrafficModel.Scenario scenario, String mode, List<Row> rows, Tally tally, Settings settings,
                           ShareTest.Result shares, Errors errors, List<String> reasons) {

    /** How strictly to judge: the test level and the tolerated error rate. */
    public record Settings(double alpha, double maxErrorRate) {
        public static final double DEFAULT_ALPHA = 0.05;
        /**
         * 1%: outlier detection ejects an endpoint only after its first 5xx, so a healthy mesh sheds a
         * few errors per thousand while endpoints churn; a lost region without failover costs its
         * whole share (10% and more), far above this bound.
         */
        public static final double DEFAULT_MAX_ERROR_RATE = 0.01;

        public Settings {
            if (!(alpha > 0 && alpha < 0.5)) {
                throw new IllegalArgumentException("--alpha must lie between 0 and 0.5, got " + alpha);
            }
            if (!(maxErrorRate >= 0 && maxErrorRate < 1)) {
                throw new IllegalArgumentException("--max-error-rate must lie in [0, 1), got " + maxErrorRate);
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_ALPHA, DEFAULT_MAX_ERROR_RATE);
        }
    }

    /** One reviews version: the model's share of served pages, the pages it served, and the adjusted interval. */
    public record Row(String label, String version, double expected, long observed, long pages, Wilson interval, boolean off) {
        public double observedShare() {
            return pages == 0 ? 0.0 : (double) observed / pages;
        }
    }

    /** Requests without a served page, against what the model expects unserved plus the tolerance. */
    public record Errors(long count, long sent, double expectedUnserved, double allowed, double pValue, Wilson upperBound, boolean passed) {
        public double rate() {
            return sent == 0 ? 0 : (double) count / sent;
        }
    }

    public static Verification judge(StackSpec spec, TrafficModel.Scenario scenario, Tally tally, Settings settings) {
        var prediction = TrafficModel.predict(spec, scenario);
        var regionsByVersion = new LinkedHashMap<String, List<String>>();
        spec.regions().forEach(r -> regionsByVersion.computeIfAbsent(r.bookinfo().reviews(), v -> new ArrayList<>()).add(r.region()));
        double served = 1 - prediction.unavailable();
        var labels = new ArrayList<String>();
        var versions = new ArrayList<String>();
        var expected = new double[regionsByVersion.size()];
        var observed = new long[regionsByVersion.size()];
        int i = 0;
        for (Map.Entry<String, List<String>> e : regionsByVersion.entrySet()) {
            double share = e.getValue().stream().mapToDouble(r -> prediction.pagesByRegion().getOrDefault(r, 0.0)).sum();
            expected[i] = served > 0 ? share / served : 0;
            observed[i] = tally.count(Outcome.ofVersion(e.getKey()));
            labels.add(String.join(" + ", e.getValue()));
            versions.add(e.getKey());
            i++;
        }
        var reasons = new ArrayList<String>();
        long pages = tally.pages();
        // the seed ties a Monte Carlo p-value to the counts: the same run judged twice gives the same verdict
        var shares = served > 0 ? ShareTest.test(expected, observed, settings.alpha(), Arrays.hashCode(observed))
                : new ShareTest.Result(0, 1, pages == 0, "none", pages == 0 ? List.of() : List.of("pages were served where the model expects none"),
                        new boolean[expected.length], new Wilson[expected.length]);
        var rows = new ArrayList<Row>();
        for (int r = 0; r < expected.length; r++) {
            rows.add(new Row(labels.get(r), versions.get(r), expected[r], observed[r], pages,
                    shares.intervals()[r] == null ? Wilson.of95(observed[r], pages) : shares.intervals()[r], shares.off()[r]));
        }
        shares.reasons().forEach(reason -> reasons.add(describeRow(reason, labels)));

        long notSent = tally.count(Outcome.NOT_SENT);
        long sent = tally.total() - notSent;
        long errorCount = sent - pages;
        double allowed = Math.min(1.0, prediction.unavailable() + settings.maxErrorRate());
        double p = sent == 0 || allowed >= 1.0 ? 1.0
                : BinomialTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN).test((int) sent, (int) errorCount, allowed).getPValue();
        double zOneSided = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - settings.alpha());
        var errors = new Errors(errorCount, sent, prediction.unavailable(), allowed, p, Wilson.of(errorCount, sent, zOneSided), p >= settings.alpha());
        if (!errors.passed()) {
            reasons.add(String.format(Locale.ROOT, "%d of %d requests (%s) got no served page, significantly more than the %s allowed"
                            + " (binomial test, p = %.4f < alpha %.2f)", errorCount, sent, TrafficReport.pct(errors.rate()),
                    TrafficReport.pct(allowed), p, settings.alpha()));
        }
        if (notSent > 0) {
            reasons.add(notSent + " requests were not sent: the run hit --max-duration");
        }
        if (tally.total() == 0) {
            reasons.add("no request was sent");
        }
        return new Verification(scenario, spec.traffic().mode().configName(), rows, tally, settings, shares, errors, List.copyOf(reasons));
    }

    /** The model's and the naive weights' shares of served pages per reviews version, in the order of the rows. */
    public static double[][] modelAndNaive(StackSpec spec, TrafficModel.Scenario scenario) {
        var model = TrafficModel.predict(spec, scenario).pagesByRegion();
        var naive = TrafficModel.naive(spec, scenario);
        var regionsByVersion = new LinkedHashMap<String, List<String>>();
        spec.regions().forEach(r -> regionsByVersion.computeIfAbsent(r.bookinfo().reviews(), v -> new ArrayList<>()).add(r.region()));
        var out = new double[2][regionsByVersion.size()];
        int i = 0;
        for (var regions : regionsByVersion.values()) {
            out[0][i] = regions.stream().mapToDouble(r -> model.getOrDefault(r, 0.0)).sum();
            out[1][i] = regions.stream().mapToDouble(r -> naive.getOrDefault(r, 0.0)).sum();
            i++;
        }
        for (var shares : out) {
            double sum = Arrays.stream(shares).sum();
            for (int j = 0; j < shares.length && sum > 0; j++) {
                shares[j] /= sum;
            }
        }
        return out;
    }

    static String describe(double[] shares) {
        return Arrays.stream(shares).mapToObj(TrafficReport::pct).collect(Collectors.joining("/"));
    }

    private static String describeRow(String reason, List<String> labels) {
        var m = Pattern.compile("row (\\d+)").matcher(reason);
        return m.find() ? m.replaceFirst(Matcher.quoteReplacement(labels.get(Integer.parseInt(m.group(1))))) : reason;
    }

    public boolean passed() {
        return reasons.isEmpty() && shares.passed() && errors.passed();
    }

    public String table() {
        var sb = new StringBuilder();
        var level = String.format(Locale.ROOT, "%.1f%%", 100 * (1 - settings.alpha() / Math.max(1, rows.stream().filter(r -> r.expected() > 0).count())));
        sb.append(String.format(Locale.ROOT, "expectation: %s, mode %s, %d requests, %d pages from a configured region%n%n",
                scenario.title(), mode, tally.total(), tally.pages()));
        sb.append(String.format(Locale.ROOT, "%-36s %-7s %9s %9s  %-17s %s%n", "region", "reviews", "expected", "observed", level + " interval", "row"));
        for (var r : rows) {
            sb.append(String.format(Locale.ROOT, "%-36s %-7s %9s %9s  %-17s %s%n", r.label(), r.version(), TrafficReport.pct(r.expected()),
                    TrafficReport.pct(r.observedShare()), "[" + TrafficReport.pct(r.interval().low()) + ", " + TrafficReport.pct(r.interval().high()) + "]",
                    r.off() ? "OFF" : "ok"));
        }
        sb.append(String.format(Locale.ROOT, "%nshares: %s, p = %.4f at alpha %.2f: %s%n", shares.method(), shares.pValue(), settings.alpha(),
                shares.passed() ? "consistent with the model" : "NOT consistent with the model"));
        sb.append(String.format(Locale.ROOT, "errors: %d of %d sent (%s; %.1f%% upper bound), allowed %s (model %s + --max-error-rate %s): %s%n",
                errors.count(), errors.sent(), TrafficReport.pct(errors.rate()), 100 * errors.upperBound().high(), TrafficReport.pct(errors.allowed()),
                TrafficReport.pct(errors.expectedUnserved()), TrafficReport.pct(settings.maxErrorRate()), errors.passed() ? "ok" : "TOO MANY"));
        if (tally.retriedCount() > 0) {
            sb.append(tally.retriedCount()).append(" request(s) found their pooled connection closed before sending and were sent again on a fresh one\n");
        }
        sb.append("\noutcomes:");
        var samples = tally.samples();
        for (var o : Outcome.values()) {
            long n = tally.count(o);
            if (n > 0 || o.version() == null && o != Outcome.NOT_SENT && o != Outcome.CLIENT_FAILURE) {
                sb.append(String.format(Locale.ROOT, "%n  %6d  %s", n, o.label()));
                if (o == Outcome.HTTP_ERROR && n > 0) {
                    sb.append(" ").append(tally.errorStatuses());
                }
                for (var sample : samples.getOrDefault(o, List.of())) {
                    sb.append(String.format(Locale.ROOT, "%n          e.g. %s", sample));
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "%n%nverdict: %s%n", passed() ? "PASS" : "FAIL"));
        reasons.forEach(r -> sb.append("  - ").append(r).append('\n'));
        return sb.toString();
    }

    /** A JSON-ready summary for reports. */
    public Map<String, Object> summary() {
        var out = new LinkedHashMap<String, Object>();
        out.put("scenario", scenario.title());
        out.put("mode", mode);
        out.put("requests", tally.total());
        out.put("pages", tally.pages());
        out.put("alpha", settings.alpha());
        out.put("maxErrorRate", settings.maxErrorRate());
        out.put("rows", rows.stream().map(r -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("region", r.label());
            m.put("reviews", r.version());
            m.put("expected", r.expected());
            m.put("observed", r.observedShare());
            m.put("observedCount", r.observed());
            m.put("intervalLow", r.interval().low());
            m.put("intervalHigh", r.interval().high());
            m.put("off", r.off());
            return m;
        }).toList());
        var test = new LinkedHashMap<String, Object>();
        test.put("method", shares.method());
        test.put("statistic", Double.isFinite(shares.statistic()) ? shares.statistic() : null);
        test.put("pValue", shares.pValue());
        test.put("passed", shares.passed());
        out.put("shares", test);
        var e = new LinkedHashMap<String, Object>();
        e.put("count", errors.count());
        e.put("sent", errors.sent());
        e.put("rate", errors.rate());
        e.put("allowed", errors.allowed());
        e.put("pValue", errors.pValue());
        e.put("passed", errors.passed());
        out.put("errors", e);
        var outcomes = new LinkedHashMap<String, Object>();
        tally.outcomes().forEach((o, n) -> outcomes.put(o.name(), n));
        out.put("outcomes", outcomes);
        var samples = new LinkedHashMap<String, Object>();
        tally.samples().forEach((o, l) -> samples.put(o.name(), l));
        out.put("samples", samples);
        out.put("httpErrorStatuses", tally.errorStatuses());
        out.put("retriedOnFreshConnection", tally.retriedCount());
        out.put("reasons", reasons);
        out.put("passed", passed());
        return out;
    }
}
