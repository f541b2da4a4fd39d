package io.asmdr.recovery;

import io.asmdr.config.GlobalEntrySpec;
import io.asmdr.config.GlobalEntrySpec.Kind;
import io.asmdr.config.StackSpec;
import io.asmdr.config.TrafficSpec;
import io.asmdr.trafficmodel.TrafficModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The recovery predicted for the loss of each of a stack's regions, from the stack's own settings: what still answers
 * clients of the global entry, which mesh control plane is left, and the recovery time as a sum of terms, each with its
 * source. One model for synth's {@code recovery.md} and for the drill's prediction ({@code ops.RtoPrediction} takes its
 * global-entry and outlier terms from here).
 *
 * <p>A region loss is not a scale-down: the lost region's endpoints stay in every proxy's configuration (its API server
 * is gone with it, so no event removes them), and they stop answering. So what moves traffic is, at the entry, the
 * global entry's health check, and inside the mesh, outlier ejection after a request to the lost region fails (at worst
 * after the connect timeout); Istio's push does not help until the region's endpoints are removed.
 */
public final class RecoveryTable {
    private RecoveryTable() {}

    /** The goal of issue 23 for clients of the global entry. */
    public static final double GOAL_SECONDS = 30;

    /** One delay on the way back to service, its range in seconds, why, and where that comes from. */
    public record Term(String name, double lowSeconds, double highSeconds, String why, String source) {}

    /** The prediction for one lost region. */
    public record Row(String lostRegion, List<String> entry, List<String> controlPlanes, List<Term> terms, Optional<String> limit) {
        public double lowSeconds() {
            return terms.stream().mapToDouble(Term::lowSeconds).sum();
        }

        public double highSeconds() {
            return terms.stream().mapToDouble(Term::highSeconds).sum();
        }

        /** Whether clients of the global entry are back within {@link #GOAL_SECONDS} at worst. */
        public boolean meetsGoal() {
            return !entry.isEmpty() && limit.isEmpty() && highSeconds() <= GOAL_SECONDS;
        }
    }

    static final String GA_HEALTH_CHECK = "GA API CreateEndpointGroup (HealthCheckIntervalSeconds 1-50, ThresholdCount 2-10);"
            + " alibabacloud.com/help/en/ga/user-guide/enable-and-manage-health-checks (TCP check timeout 3 s, fixed)";
    static final String GA_FAILOVER = "alibabacloud.com/help/en/ga/user-guide/distribute-traffic-across-endpoint-groups-in-different-scenarios"
            + " (\"If a higher-priority endpoint group fails its health check, GA forwards all traffic to the next available endpoint group\")";
    static final String GTM_HEALTH_CHECK = "terraform-provider-alicloud v1.285.0 resource_alicloud_alidns_monitor_config.go (interval IntInSlice{60},"
            + " evaluation_count 1-3, timeout 2000-10000 ms)";
    static final String GTM_TAKES_EFFECT = "alibabacloud.com/help/en/dns/product-price-for-gtm (standard edition worked example: failures"
            + " identified \"within about 4 minutes\", then about 60 s to take effect)";
    static final String ENVOY_OUTLIER = "envoyproxy.io arch_overview/upstream/outlier (consecutive 5xx ejects inline; locally originated"
            + " failures such as a connect timeout count as 5xx); istio DestinationRule OutlierDetection";
    static final String ISTIO_CONNECT_TIMEOUT = "istio.io DestinationRule ConnectionPoolSettings.TCPSettings.connectTimeout (default 10s)";
    /** Istio's default TCP connect timeout: what a request to a black-holed endpoint waits before it fails. */
    static final double CONNECT_TIMEOUT_SECONDS = 10;

    /** The table: one row per region of the stack, in the stack's order. */
    public static List<Row> of(StackSpec spec) {
        var rows = new ArrayList<Row>();
        for (var region : spec.regions()) {
            rows.add(row(spec, region.region()));
        }
        return List.copyOf(rows);
    }

    /** The loss of {@code lost}. */
    public static Row row(StackSpec spec, String lost) {
        var entries = spec.gatewayRegions().stream().filter(r -> !r.equals(lost)).toList();
        var planes = spec.controlPlaneRegions().stream().filter(r -> !r.equals(lost)).toList();
        var terms = new ArrayList<Term>();
        Optional<String> limit = Optional.empty();
        var hadGateway = spec.gatewayRegions().contains(lost);
        if (entries.isEmpty()) {
            limit = Optional.of("every ingress gateway is in " + lost + ": no entry is left until it is back");
        } else if (hadGateway) {
            if (spec.globalEntry().isPresent()) {
                var g = spec.globalEntry().get();
                terms.addAll(entryTerms(g.kind(), Duration.ofSeconds(g.effectiveIntervalSeconds()), Duration.ofMillis(g.effectiveTimeoutMillis()),
                        g.failures(), g.dnsTtlSeconds().map(Duration::ofSeconds)));
                if (g.kind() == Kind.GTM) {
                    limit = Optional.of("the legacy GTM checks every 60 s at the fastest (its provider accepts no other interval) and"
                            + " resolvers keep an answer for the TTL: minutes, not seconds; kind ga removes both terms");
                }
            } else {
                limit = Optional.of("no global entry: clients that know only the gateway in " + lost + " do not recover until it is back;"
                        + " others must switch to " + String.join(", ", entries) + " themselves");
            }
        }
        if (reachesFromEntries(spec, entries, lost)) {
            terms.addAll(meshTerms(spec.traffic()));
        }
        if (terms.isEmpty() && limit.isEmpty()) {
            terms.add(new Term("not on the clients' path", 0, 0, "the surviving gateways (" + String.join(", ", entries) + ") serve from their"
                    + " own region under the stack's traffic policy, so their clients never reach " + lost, "asm-dr:traffic (this stack)"));
        }
        return new Row(lost, entries, planes, List.copyOf(terms), limit);
    }

    /**
     * The global entry's terms: its health check (the lost gateway is taken out after {@code failures} failed checks; the
     * first may come right after the loss or one interval later, each waits up to the timeout), then, for GTM, the time its
     * answer takes effect and the resolvers' TTL; for GA nothing more (its addresses do not change, the failover is behind
     * them).
     */
    public static List<Term> entryTerms(Kind kind, Duration interval, Duration timeout, int failures, Optional<Duration> ttl) {
        var terms = new ArrayList<Term>();
        double i = interval.toMillis() / 1000.0;
        double t = timeout.toMillis() / 1000.0;
        var what = kind == Kind.GA ? "Global Accelerator" : "GTM";
        terms.add(new Term(what + " health check (every " + seconds(i) + ", " + failures + " failure(s), timeout " + seconds(t) + ")",
                (failures - 1) * i + t, failures * i + t,
                "the lost gateway is out after " + failures + " failed check(s); the first may come right after the loss or one interval later",
                kind == Kind.GA ? GA_HEALTH_CHECK : GTM_HEALTH_CHECK));
        if (kind == Kind.GA) {
            terms.add(new Term("no DNS term (GA's addresses stay)", 0, 0, "new connections to the accelerated address go to the next"
                    + " healthy endpoint group; clients keep the address they resolved", GA_FAILOVER));
        } else {
            terms.add(new Term("GTM takes effect", 0, 60, "the new answer reaches Alibaba Cloud DNS's authoritative servers", GTM_TAKES_EFFECT));
            var ttlSeconds = ttl.map(d -> d.toMillis() / 1000.0).orElse(0.0);
            terms.add(new Term("DNS TTL " + seconds(ttlSeconds), 0, ttlSeconds, "a resolver that cached the answer before the loss keeps"
                    + " sending clients to the lost gateway until it expires (clients that cache longer are not bounded by it)",
                    "RFC 1035 section 3.2.1 (TTL); the GTM instance's ttl"));
        }
        return List.copyOf(terms);
    }

    /**
     * What a proxy on the clients' path does when endpoints in the lost region stop answering: with outlier detection, one
     * request per proxy and endpoint fails (after up to the connect timeout) and the endpoint is ejected inline; without it,
     * Istio fails over by locality only for ejected endpoints, so nothing moves until the region is back or removed.
     */
    public static List<Term> meshTerms(TrafficSpec traffic) {
        var outlier = traffic.outlierDetection();
        if (outlier.isPresent()) {
            var o = outlier.get();
            return List.of(NO_PUSH, new Term("outlier ejection (consecutive5xxErrors " + o.consecutive5xxErrors() + ", no connectTimeout set)", 0,
                    o.consecutive5xxErrors() * CONNECT_TIMEOUT_SECONDS,
                    "a request to the lost region fails once its connection times out (" + seconds(CONNECT_TIMEOUT_SECONDS) + " by default) and "
                            + o.consecutive5xxErrors() + " such failure(s) eject the endpoint at once; up to that many requests per proxy fail",
                    ENVOY_OUTLIER + "; " + ISTIO_CONNECT_TIMEOUT));
        }
        return List.of(NO_PUSH, new Term("no outlier detection", 0, Double.POSITIVE_INFINITY, "without outlierDetection no endpoint is ejected and"
                + " Istio's locality failover never starts: requests to the lost region keep failing until it is back", ENVOY_OUTLIER));
    }

    /** The mesh push, which a region loss does not wait for (and does not get). */
    static final Term NO_PUSH = new Term("mesh push: none", 0, 0, "the lost region's endpoints are not removed while its API server is"
            + " down, so istiod pushes nothing; ejection, not a push, takes them out of rotation (a push follows once the region is back,"
            + " after a debounce of 100 ms to 10 s)", "istio/istio pilot/pkg/features (PILOT_DEBOUNCE_AFTER 100ms, PILOT_DEBOUNCE_MAX 10s)");

    /** Whether, before the loss, the traffic of any surviving entry region reaches {@code lost} (productpage, then reviews). */
    static boolean reachesFromEntries(StackSpec spec, List<String> entries, String lost) {
        var productpage = new LinkedHashMap<String, Integer>();
        var reviews = new LinkedHashMap<String, Integer>();
        spec.regions().forEach(r -> {
            productpage.put(r.region(), 1);
            reviews.put(r.region(), r.bookinfo().reviewsReplicas());
        });
        var policy = spec.appliedTraffic();
        for (var entry : entries) {
            var first = TrafficModel.hop(entry, productpage, policy);
            if (first.to(lost) > 0) {
                return true;
            }
            for (var caller : first.shares().keySet()) {
                if (first.to(caller) > 0 && TrafficModel.hop(caller, reviews, policy).to(lost) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The table as Markdown: {@code target/synth/STACK/recovery.md}. */
    public static String markdown(String stack, StackSpec spec) {
        var rows = of(spec);
        var sb = new StringBuilder();
        sb.append("# Recovery per lost region: ").append(stack).append("\n\n");
        sb.append("Predicted by `asm-dr synth` from the stack's own settings (io.asmdr.recovery.RecoveryTable); the goal is ")
                .append(seconds(GOAL_SECONDS)).append(" for clients of the global entry. ");
        sb.append(spec.globalEntry().map(g -> "Global entry: " + describe(g) + ".").orElse("No global entry (asm-dr:globalEntry)."))
                .append(" Mesh control planes: ").append(String.join(", ", spec.controlPlaneRegions())).append(".\n\n");
        sb.append("| lost region | entry left (gateway regions) | control plane left | predicted RTO | goal <= ")
                .append(seconds(GOAL_SECONDS)).append(" |\n|---|---|---|---:|---|\n");
        for (var row : rows) {
            sb.append("| ").append(row.lostRegion()).append(" | ").append(row.entry().isEmpty() ? "none" : String.join(", ", row.entry()))
                    .append(" | ").append(row.controlPlanes().isEmpty() ? "none: no mesh change until it is back" : String.join(", ", row.controlPlanes()))
                    .append(" | ").append(range(row)).append(" | ")
                    .append(row.meetsGoal() ? "yes" : "no: " + row.limit().orElse("the sum exceeds the goal")).append(" |\n");
        }
        for (var row : rows) {
            sb.append("\n## Losing ").append(row.lostRegion()).append(" (").append(range(row)).append(")\n\n");
            if (spec.globalEntry().filter(g -> g.kind() == Kind.GA).isPresent() && row.lostRegion().equals(GlobalEntrySpec.GA_API_REGION)) {
                sb.append("GA's API is served only in ").append(GlobalEntrySpec.GA_API_REGION).append(": the accelerator keeps checking and failing"
                        + " over by itself, but it cannot be changed until the region's API is back (with asm-dr:unavailableRegions listing it,"
                        + " the program keeps every GA resource as it is).\n\n");
            }
            row.limit().ifPresent(l -> sb.append("Platform limit: ").append(l).append(".\n\n"));
            sb.append("| term | seconds | why | source |\n|---|---:|---|---|\n");
            for (var t : row.terms()) {
                sb.append("| ").append(t.name()).append(" | ").append(range(t.lowSeconds(), t.highSeconds())).append(" | ").append(t.why())
                        .append(" | ").append(t.source()).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** The table as the {@code recovery} section of plan.json. */
    public static Map<String, Object> json(StackSpec spec) {
        var out = new LinkedHashMap<String, Object>();
        out.put("goalSeconds", GOAL_SECONDS);
        out.put("globalEntry", spec.globalEntry().map(g -> g.kind().configName()).orElse("none"));
        out.put("controlPlaneRegions", spec.controlPlaneRegions());
        out.put("regions", of(spec).stream().map(row -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("lostRegion", row.lostRegion());
            m.put("entry", row.entry());
            m.put("controlPlanes", row.controlPlanes());
            m.put("lowSeconds", finite(row.lowSeconds()));
            m.put("highSeconds", finite(row.highSeconds()));
            m.put("meetsGoal", row.meetsGoal());
            row.limit().ifPresent(l -> m.put("platformLimit", l));
            m.put("terms", row.terms().stream().map(t -> {
                var tm = new LinkedHashMap<String, Object>();
                tm.put("name", t.name());
                tm.put("lowSeconds", finite(t.lowSeconds()));
                tm.put("highSeconds", finite(t.highSeconds()));
                tm.put("why", t.why());
                tm.put("source", t.source());
                return tm;
            }).toList());
            return m;
        }).toList());
        return out;
    }

    /** JSON has no infinity: an unbounded term is null. */
    private static Object finite(double seconds) {
        return Double.isInfinite(seconds) ? null : seconds;
    }

    private static String describe(GlobalEntrySpec g) {
        return g.kind() == Kind.GA
                ? "Global Accelerator, TCP check every " + g.intervalSeconds() + " s, out after " + g.failures() + " failures, timeout 3 s, no DNS TTL"
                : "legacy GTM, HTTP check every 60 s, out after " + g.failures() + " failures, timeout " + g.timeoutMillis() + " ms, TTL " + g.ttlSeconds() + " s";
    }

    private static String range(Row row) {
        if (row.entry().isEmpty()) {
            return "no recovery";
        }
        return range(row.lowSeconds(), row.highSeconds());
    }

    private static String range(double low, double high) {
        if (Double.isInfinite(high)) {
            return seconds(low) + " to unbounded";
        }
        return low == high ? seconds(low) : seconds(low) + " to " + seconds(high);
    }

    static String seconds(double s) {
        return (s == Math.rint(s) ? String.format(Locale.ROOT, "%d", (long) s) : String.format(Locale.ROOT, "%.1f", s)) + " s";
    }
}
