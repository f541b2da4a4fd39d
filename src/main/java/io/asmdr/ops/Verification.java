package io.asmdr.ops;

import io.asmdr.spec.StackSpec;
import io.asmdr.traffic.TrafficModel;
import io.asmdr.traffic.TrafficReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Observed pages against the traffic model's prediction for the same stack and scenario: one row
 * per reviews version (so per region, or regions running the same version), plus a row for requests
 * that got no page from a configured region (errors, timeouts, error pages, unknown versions).
 * A row passes when the expected share lies in the 95% Wilson interval of the observed one.
 */
public record Verification(TrafficModel.Scenario scenario, String mode, List<Row> rows, Tally tally) {

    public record Row(String label, String version, double expected, long observed, long total, Wilson interval) {
        public double observedShare() {
            return total == 0 ? 0.0 : (double) observed / total;
        }

        public boolean passed() {
            return interval.contains(expected);
        }
    }

    public static final String NO_PAGE = "(no page from a configured region)";

    public static Verification judge(StackSpec spec, TrafficModel.Scenario scenario, Tally tally) {
        var prediction = TrafficModel.predict(spec, scenario);
        var regionsByVersion = new LinkedHashMap<String, List<String>>();
        spec.regions().forEach(r -> regionsByVersion.computeIfAbsent(r.bookinfo().reviews(), v -> new ArrayList<>()).add(r.region()));
        long total = tally.total();
        var rows = new ArrayList<Row>();
        long attributed = 0;
        for (Map.Entry<String, List<String>> e : regionsByVersion.entrySet()) {
            double expected = e.getValue().stream().mapToDouble(r -> prediction.pagesByRegion().getOrDefault(r, 0.0)).sum();
            long observed = tally.count(Outcome.ofVersion(e.getKey()));
            attributed += observed;
            rows.add(new Row(String.join(" + ", e.getValue()), e.getKey(), expected, observed, total, Wilson.of95(observed, total)));
        }
        long rest = total - attributed;
        rows.add(new Row(NO_PAGE, "-", prediction.unavailable(), rest, total, Wilson.of95(rest, total)));
        return new Verification(scenario, spec.traffic().mode().configName(), rows, tally);
    }

    public boolean passed() {
        return tally.total() > 0 && rows.stream().allMatch(Row::passed);
    }

    public String table() {
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "expectation: %s, mode %s, %d requests%n%n", scenario.title(), mode, tally.total()));
        sb.append(String.format(Locale.ROOT, "%-36s %-7s %9s %9s  %-17s %s%n", "region", "reviews", "expected", "observed", "95% interval", "verdict"));
        for (var r : rows) {
            sb.append(String.format(Locale.ROOT, "%-36s %-7s %9s %9s  %-17s %s%n", r.label(), r.version(), TrafficReport.pct(r.expected()),
                    TrafficReport.pct(r.observedShare()), "[" + TrafficReport.pct(r.interval().low()) + ", " + TrafficReport.pct(r.interval().high()) + "]",
                    r.passed() ? "ok" : "FAIL"));
        }
        sb.append("\noutcomes:");
        for (var o : Outcome.values()) {
            long n = tally.count(o);
            boolean alwaysShown = o.version() == null;
            if (n > 0 || alwaysShown) {
                sb.append(String.format(Locale.ROOT, "%n  %6d  %s", n, o.label()));
                if (o == Outcome.HTTP_ERROR && n > 0) {
                    sb.append(" ").append(tally.errorStatuses());
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "%n%nverdict: %s%n", passed() ? "PASS" : "FAIL"));
        return sb.toString();
    }

    /** A JSON-ready summary for reports. */
    public Map<String, Object> summary() {
        var out = new LinkedHashMap<String, Object>();
        out.put("scenario", scenario.title());
        out.put("mode", mode);
        out.put("requests", tally.total());
        out.put("rows", rows.stream().map(r -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("region", r.label());
            m.put("reviews", r.version());
            m.put("expected", r.expected());
            m.put("observed", r.observedShare());
            m.put("observedCount", r.observed());
            m.put("intervalLow", r.interval().low());
            m.put("intervalHigh", r.interval().high());
            m.put("passed", r.passed());
            return m;
        }).toList());
        var outcomes = new LinkedHashMap<String, Object>();
        tally.outcomes().forEach((o, n) -> outcomes.put(o.name(), n));
        out.put("outcomes", outcomes);
        out.put("httpErrorStatuses", tally.errorStatuses());
        out.put("passed", passed());
        return out;
    }
}
