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
import java.util.stream.Collectors;

/**
 * Observed pages against the traffic model's prediction for the same stack and scenario. Three
 * questions:
 * <ul>
 *   <li><b>shares</b>: among pages from rows the model expects pages from, one row per reviews
 *       version (so per region, or regions running the same version), each held within ±margin of
 *       the model by an equivalence test ({@link Equivalence}): PASS, FAIL or INCONCLUSIVE;</li>
 *   <li><b>impossible outcomes</b>: pages the model gives probability 0 (a version no region runs,
 *       or a region the scenario takes away) are evidence of a wrong deployment; they are named and
 *       count against the error budget;</li>
 *   <li><b>errors</b>: requests without a page from an expected row (HTTP errors, timeouts,
 *       connection errors, error pages, oversized or unknown pages, impossible pages), against the
 *       budget: the share the model itself expects to go unserved plus {@code maxErrorRate}. A
 *       non-inferiority test: the errors count as within the budget only when an exact one-sided
 *       binomial test shows the rate below it (P(X <= errors | sent, budget) <= alpha), so a mesh at
 *       the budget passes this part at most alpha of the time at every n; they fail the run when the
 *       same test the other way shows the rate above it; in between the run is INCONCLUSIVE.</li>
 * </ul>
 */
public record Verification(TrafficModel.Scenario scenario, String mode, List<Row> rows, Tally tally, Settings settings,
                           Equivalence.Decision shares, List<Impossible> impossible, Errors errors, Verdict verdict,
                           List<String> reasons, String toSettle) {

    /** PASS, FAIL, or too few pages (or shares too near the margin) to say: exit 0, 1 and 4. */
    public enum Verdict { PASS, FAIL, INCONCLUSIVE }

    /** How strictly to judge: the test level, the tolerated error rate and the equivalence margin. */
    public record Settings(double alpha, double maxErrorRate, double margin) {
        public static final double DEFAULT_ALPHA = 0.05;
        /**
         * 1%: outlier detection ejects an endpoint only after its first 5xx, so a healthy mesh sheds a
         * few errors per thousand while endpoints churn; a lost region without failover costs its
         * whole share (10% and more), far above this bound.
         */
        public static final double DEFAULT_MAX_ERROR_RATE = 0.01;
        /** 5 percentage points: a weight one step off (86/14 against 90/10 is 4) is what a mesh gets wrong; closer is noise. */
        public static final double DEFAULT_MARGIN = 0.05;

        public Settings {
            if (!(alpha > 0 && alpha < 0.5)) {
                throw new IllegalArgumentException("--alpha must lie between 0 and 0.5, got " + alpha);
            }
            if (!(maxErrorRate >= 0 && maxErrorRate < 1)) {
                throw new IllegalArgumentException("--max-error-rate must lie in [0, 1), got " + maxErrorRate);
            }
            if (!(margin >= 0.005 && margin <= 0.5)) {
                throw new IllegalArgumentException("--margin takes percentage points between 0.5 and 50, got " + 100 * margin);
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_ALPHA, DEFAULT_MAX_ERROR_RATE, DEFAULT_MARGIN);
        }
    }

    /**
     * One reviews version: the model's share of expected pages, the pages it served, the equivalence
     * interval, and what the row shows ({@code null} decision: the model expects no page from it).
     */
    public record Row(String label, String version, double expected, long observed, long pages, Equivalence.Decision decision) {
        public double observedShare() {
            return pages == 0 ? 0.0 : (double) observed / pages;
        }

        /** The (1 - 2 alpha) Clopper–Pearson interval of the row's share of the pages. */
        public ClopperPearson interval(double alpha) {
            return ClopperPearson.of(observed, pages, alpha);
        }

        public String status() {
            if (decision == null) {
                return observed == 0 ? "none expected, none seen" : "IMPOSSIBLE";
            }
            return switch (decision) {
                case PASS -> "within";
                case FAIL -> "OUTSIDE";
                case INCONCLUSIVE -> "undecided";
            };
        }
    }

    /** Pages the model gives probability 0, by what served them. */
    public record Impossible(String what, long pages) {}

    /**
     * Requests without a page from an expected row, against the budget ({@code allowed}: what the model
     * expects unserved plus the tolerance): the p-value that the rate is below it (non-inferiority),
     * the p-value that it is above, the exact one-sided upper bound of the rate, and the decision.
     */
    public record Errors(long count, long sent, double expectedUnserved, double allowed, double pBelow, double pAbove,
                         Equivalence.Decision decision) {
        public double rate() {
            return sent == 0 ? 0 : (double) count / sent;
        }

        /** The error rate's exact one-sided bounds at level alpha. */
        public ClopperPearson interval(double alpha) {
            return ClopperPearson.of(count, sent, alpha);
        }

        /** Shown within the budget. */
        public boolean passed() {
            return decision == Equivalence.Decision.PASS;
        }
    }

    /** Whether {@code errors} of {@code sent} show the error rate below {@code allowed} at level alpha (exact; always under a budget of 1). */
    static boolean errorsShownBelow(long errors, long sent, double allowed, double alpha) {
        return sent > 0 && Equivalence.shownBelow(errors, sent, allowed, alpha);
    }

    public static Verification judge(StackSpec spec, TrafficModel.Scenario scenario, Tally tally, Settings settings) {
        var prediction = TrafficModel.predict(spec, scenario);
        var regionsByVersion = regionsByVersion(spec);
        double served = 1 - prediction.unavailable();
        int k = regionsByVersion.size();
        var labels = new ArrayList<String>();
        var versions = new ArrayList<String>();
        var expected = new double[k];
        var observed = new long[k];
        int i = 0;
        for (var e : regionsByVersion.entrySet()) {
            double share = e.getValue().stream().mapToDouble(r -> prediction.pagesByRegion().getOrDefault(r, 0.0)).sum();
            expected[i] = served > 0 ? share / served : 0;
            observed[i] = tally.count(Outcome.ofVersion(e.getKey()));
            labels.add(String.join(" + ", e.getValue()));
            versions.add(e.getKey());
            i++;
        }
        var impossible = new ArrayList<Impossible>();
        for (var o : Outcome.values()) {
            if (o.version() != null && !regionsByVersion.containsKey(o.version()) && tally.count(o) > 0) {
                impossible.add(new Impossible("reviews " + o.version() + ", which no region runs", tally.count(o)));
            }
        }
        var possible = new ArrayList<Integer>();
        for (int r = 0; r < k; r++) {
            if (expected[r] > 1e-12) {
                possible.add(r);
            } else if (observed[r] > 0) {
                impossible.add(new Impossible("reviews " + versions.get(r) + " of " + labels.get(r) + ", which the model expects no page from in this scenario",
                        observed[r]));
            }
        }
        var e = new double[possible.size()];
        var o = new long[possible.size()];
        for (int j = 0; j < e.length; j++) {
            e[j] = expected[possible.get(j)];
            o[j] = observed[possible.get(j)];
        }
        long pages = Arrays.stream(o).sum();
        var equivalence = Equivalence.test(e, o, settings.margin(), settings.alpha());
        var rows = new ArrayList<Row>();
        for (int r = 0; r < k; r++) {
            int j = possible.indexOf(r);
            rows.add(new Row(labels.get(r), versions.get(r), expected[r], observed[r], pages, j >= 0 ? equivalence.rows().get(j).decision() : null));
        }

        var reasons = new ArrayList<String>();
        long impossiblePages = impossible.stream().mapToLong(Impossible::pages).sum();
        long notSent = tally.count(Outcome.NOT_SENT);
        long sent = tally.total() - notSent;
        long errorCount = sent - pages;
        double allowed = Math.min(1.0, prediction.unavailable() + settings.maxErrorRate());
        double pBelow = sent == 0 ? 1.0 : allowed >= 1.0 ? 0.0 : ClopperPearson.atMost(errorCount, sent, allowed);
        double pAbove = sent == 0 || allowed >= 1.0 ? 1.0 : ClopperPearson.atLeast(errorCount, sent, allowed);
        var errorDecision = errorsShownBelow(errorCount, sent, allowed, settings.alpha()) ? Equivalence.Decision.PASS
                : sent > 0 && Equivalence.shownAbove(errorCount, sent, allowed, settings.alpha()) ? Equivalence.Decision.FAIL
                : Equivalence.Decision.INCONCLUSIVE;
        var errors = new Errors(errorCount, sent, prediction.unavailable(), allowed, pBelow, pAbove, errorDecision);
        if (errorDecision == Equivalence.Decision.FAIL) {
            reasons.add(String.format(Locale.ROOT, "%d of %d requests (%s) got no page from an expected row%s, significantly more than the %s allowed"
                            + " (exact binomial test, p = %.4f <= alpha %.2f)", errorCount, sent, TrafficReport.pct(errors.rate()),
                    impossiblePages > 0 ? " (" + impossiblePages + " of them impossible under the model)" : "",
                    TrafficReport.pct(allowed), pAbove, settings.alpha()));
        }
        for (int r = 0; r < k; r++) {
            if (rows.get(r).decision() == Equivalence.Decision.FAIL) {
                reasons.add(String.format(Locale.ROOT, "%s (reviews %s) served %s of the expected pages, shown outside its margin [%s, %s]"
                                + " (the model's %s ± %.1f points, at least half of it)", labels.get(r), versions.get(r),
                        TrafficReport.pct(rows.get(r).observedShare()), TrafficReport.pct(Equivalence.lowerBound(expected[r], settings.margin())),
                        TrafficReport.pct(Equivalence.upperBound(expected[r], settings.margin())), TrafficReport.pct(expected[r]),
                        100 * settings.margin()));
            }
        }
        if (notSent > 0) {
            reasons.add(notSent + " requests were not sent: the run hit --max-duration");
        }
        if (tally.total() == 0) {
            reasons.add("no request was sent");
        }
        Verdict verdict;
        String toSettle = null;
        if (!reasons.isEmpty()) {
            verdict = Verdict.FAIL;
        } else if (equivalence.decision() == Equivalence.Decision.PASS && errors.passed()) {
            verdict = Verdict.PASS;
        } else {
            verdict = Verdict.INCONCLUSIVE;
            toSettle = equivalence.decision() != Equivalence.Decision.PASS ? toSettle(e, o, sent, settings) : errorsToSettle(errors, settings);
        }
        return new Verification(scenario, spec.traffic().mode().configName(), rows, tally, settings, equivalence.decision(),
                List.copyOf(impossible), errors, verdict, List.copyOf(reasons), toSettle);
    }

    /** What would settle an inconclusive run: the requests at which shares like the observed ones would be decided. */
    private static String toSettle(double[] expected, long[] observed, long sent, Settings settings) {
        long pages = Arrays.stream(observed).sum();
        if (pages == 0) {
            return "no page came from an expected row; nothing to extrapolate from";
        }
        var shares = Arrays.stream(observed).mapToDouble(x -> (double) x / pages).toArray();
        double pagesPerRequest = sent == 0 ? 1 : Math.max(1e-6, (double) pages / sent);
        long cap = LoadRunner.Settings.MAX_REQUESTS;
        long needed = Equivalence.pagesToSettle(expected, shares, settings.margin(), settings.alpha(), (long) Math.ceil(cap * pagesPerRequest));
        if (needed < 0) {
            return "the observed shares sit on the margin: not even " + cap + " requests would settle it at these shares";
        }
        long requests = Math.min(cap, (long) Math.ceil(needed / pagesPerRequest / 50.0) * 50);
        return "at the shares observed, about " + requests + " requests would settle it (--requests " + requests + ")";
    }

    /** What would settle errors that are neither shown within the budget nor beyond it. */
    private static String errorsToSettle(Errors errors, Settings settings) {
        var rate = TrafficReport.pct(errors.rate());
        if (errors.rate() >= errors.allowed()) {
            return "the errors (" + rate + ") are not shown below the " + TrafficReport.pct(errors.allowed()) + " allowed, and at this rate"
                    + " no run would show it: find what fails the requests (outcomes below)";
        }
        long cap = LoadRunner.Settings.MAX_REQUESTS;
        long requests = SampleSize.requestsForErrors(errors.rate(), errors.allowed(), settings.alpha(), cap);
        return "the errors (" + rate + ") are not shown below the " + TrafficReport.pct(errors.allowed()) + " allowed; at this rate about "
                + (long) Math.ceil(requests / 50.0) * 50 + " requests would show it (--requests " + (long) Math.ceil(requests / 50.0) * 50 + ")";
    }

    static LinkedHashMap<String, List<String>> regionsByVersion(StackSpec spec) {
        var out = new LinkedHashMap<String, List<String>>();
        spec.regions().forEach(r -> out.computeIfAbsent(r.bookinfo().reviews(), v -> new ArrayList<>()).add(r.region()));
        return out;
    }

    /** The model's shares of the pages it expects, per reviews version the model expects pages from, in row order. */
    public static double[] expectedShares(StackSpec spec, TrafficModel.Scenario scenario) {
        var model = TrafficModel.predict(spec, scenario).pagesByRegion();
        var shares = new ArrayList<Double>();
        for (var regions : regionsByVersion(spec).values()) {
            double share = regions.stream().mapToDouble(r -> model.getOrDefault(r, 0.0)).sum();
            if (share > 1e-12) {
                shares.add(share);
            }
        }
        double sum = shares.stream().mapToDouble(Double::doubleValue).sum();
        return shares.stream().mapToDouble(s -> sum > 0 ? s / sum : 0).toArray();
    }

    static String describe(double[] shares) {
        return Arrays.stream(shares).mapToObj(TrafficReport::pct).collect(Collectors.joining("/"));
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    public String table() {
        var sb = new StringBuilder();
        var level = String.format(Locale.ROOT, "%.0f%%", 100 * (1 - 2 * settings.alpha()));
        sb.append(String.format(Locale.ROOT, "expectation: %s, mode %s, %d requests, %d pages from an expected row%n",
                scenario.title(), mode, tally.total(), rows.isEmpty() ? 0 : rows.get(0).pages()));
        sb.append(String.format(Locale.ROOT, "margin: each row within ±%.1f percentage points of the model (and at least half its share),"
                + " exact tests at %.0f%% confidence%n%n", 100 * settings.margin(), 100 * (1 - settings.alpha())));
        sb.append(String.format(Locale.ROOT, "%-36s %-7s %9s %-17s %9s  %-17s %s%n", "region", "reviews", "expected", "  margin", "observed",
                level + " interval", "row"));
        for (var r : rows) {
            sb.append(String.format(Locale.ROOT, "%-36s %-7s %9s %-17s %9s  %-17s %s%n", r.label(), r.version(), TrafficReport.pct(r.expected()),
                    r.decision() == null ? "" : "  [" + TrafficReport.pct(Equivalence.lowerBound(r.expected(), settings.margin())) + ", "
                            + TrafficReport.pct(Equivalence.upperBound(r.expected(), settings.margin())) + "]",
                    r.decision() == null ? r.observed() + " pages" : TrafficReport.pct(r.observedShare()),
                    r.decision() == null ? "" : "[" + TrafficReport.pct(r.interval(settings.alpha()).low()) + ", " + TrafficReport.pct(r.interval(settings.alpha()).high()) + "]",
                    r.status()));
        }
        sb.append(String.format(Locale.ROOT, "%nshares: %s%n", switch (shares) {
            case PASS -> "every row within the margin";
            case FAIL -> "a row is shown OUTSIDE the margin";
            case INCONCLUSIVE -> "not settled: some row's interval crosses the margin";
        }));
        if (!impossible.isEmpty()) {
            sb.append("impossible outcomes (probability 0 in the model; a sign of a wrong deployment):\n");
            impossible.forEach(i -> sb.append(String.format(Locale.ROOT, "  %6d  %s%n", i.pages(), i.what())));
        }
        sb.append(String.format(Locale.ROOT, "errors: %d of %d sent (%s; %.2f%% upper bound), allowed %s (model %s + --max-error-rate %s): %s%n",
                errors.count(), errors.sent(), TrafficReport.pct(errors.rate()), 100 * errors.interval(settings.alpha()).high(), TrafficReport.pct(errors.allowed()),
                TrafficReport.pct(errors.expectedUnserved()), TrafficReport.pct(settings.maxErrorRate()), switch (errors.decision()) {
                    case PASS -> "shown within";
                    case FAIL -> "TOO MANY";
                    case INCONCLUSIVE -> "not shown within (undecided)";
                }));
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
        sb.append(String.format(Locale.ROOT, "%n%nverdict: %s%n", verdict));
        reasons.forEach(r -> sb.append("  - ").append(r).append('\n'));
        if (toSettle != null) {
            sb.append("  - ").append(toSettle).append('\n');
        }
        return sb.toString();
    }

    /** A JSON-ready summary for reports. */
    public Map<String, Object> summary() {
        var out = new LinkedHashMap<String, Object>();
        out.put("scenario", scenario.title());
        out.put("mode", mode);
        out.put("requests", tally.total());
        out.put("pages", rows.isEmpty() ? 0 : rows.get(0).pages());
        out.put("alpha", settings.alpha());
        out.put("margin", settings.margin());
        out.put("maxErrorRate", settings.maxErrorRate());
        out.put("rows", rows.stream().map(r -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("region", r.label());
            m.put("reviews", r.version());
            m.put("expected", r.expected());
            m.put("observed", r.observedShare());
            m.put("observedCount", r.observed());
            var interval = r.interval(settings.alpha());
            m.put("intervalLow", interval.low());
            m.put("intervalHigh", interval.high());
            m.put("status", r.status());
            return m;
        }).toList());
        out.put("shares", shares.name());
        out.put("impossible", impossible.stream().map(i -> Map.of("what", i.what(), "pages", i.pages())).toList());
        var e = new LinkedHashMap<String, Object>();
        e.put("count", errors.count());
        e.put("sent", errors.sent());
        e.put("rate", errors.rate());
        e.put("allowed", errors.allowed());
        e.put("pBelow", errors.pBelow());
        e.put("pAbove", errors.pAbove());
        e.put("upperBound", errors.interval(settings.alpha()).high());
        e.put("decision", errors.decision().name());
        e.put("passed", errors.passed());
        out.put("errors", e);
        var outcomes = new LinkedHashMap<String, Object>();
        tally.outcomes().forEach((oc, n) -> outcomes.put(oc.name(), n));
        out.put("outcomes", outcomes);
        var samples = new LinkedHashMap<String, Object>();
        tally.samples().forEach((oc, l) -> samples.put(oc.name(), l));
        out.put("samples", samples);
        out.put("httpErrorStatuses", tally.errorStatuses());
        out.put("retriedOnFreshConnection", tally.retriedCount());
        out.put("reasons", reasons);
        out.put("toSettle", toSettle);
        out.put("verdict", verdict.name());
        out.put("passed", passed());
        return out;
    }
}
