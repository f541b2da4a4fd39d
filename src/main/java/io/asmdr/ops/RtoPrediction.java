package io.asmdr.ops;

import io.asmdr.config.GlobalEntrySpec;
import io.asmdr.config.StackSpec;
import io.asmdr.config.TrafficSpec;
import io.asmdr.trafficmodel.TrafficModel;
import io.asmdr.recovery.RecoveryTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The recovery time a drill should measure, predicted from the stack's own settings, as a range:
 * the sum of each term's fastest and slowest case. Every term names its source; the drill prints it
 * beside the measurement.
 */
public record RtoPrediction(List<Term> terms) {

    /** One delay on the way back to service, its range in seconds, and why. */
    public record Term(String name, double lowSeconds, double highSeconds, String why, String source) {}

    /**
     * What a health-checked global name in front of the gateways does on a gateway's loss: its health
     * check runs every {@code interval}, waits {@code timeout} for an answer, and marks an address down
     * after {@code failures} consecutive failures; resolvers keep a cached answer up to {@code ttl}.
     */
    public record GlobalEntry(Duration interval, Duration timeout, int failures, Duration ttl) {}

    /** istio/istio pilot/pkg/features: PILOT_DEBOUNCE_AFTER, default 100ms; EDS pushes are debounced too (PILOT_ENABLE_EDS_DEBOUNCE). */
    static final double DEBOUNCE_AFTER_SECONDS = 0.1;
    /** istio/istio pilot/pkg/features: PILOT_DEBOUNCE_MAX, default 10s, the longest a push waits while events keep coming. */
    static final double DEBOUNCE_MAX_SECONDS = 10;
    static final String ISTIO_DEBOUNCE = "istio/istio pilot/pkg/features (PILOT_DEBOUNCE_AFTER 100ms, PILOT_DEBOUNCE_MAX 10s, EDS included)";
    static final String ENVOY_OUTLIER = "envoyproxy.io arch_overview/outlier (\"ejection either runs inline (consecutive 5xx) or at a"
            + " specified interval\"); istio DestinationRule OutlierDetection";

    /**
     * Istio DestinationRule ConnectionPoolSettings.TCPSettings {@code connectTimeout}: "TCP connection timeout ... Default is
     * 10s" (istio.io, Destination Rule reference); the stacks set none, so a connection to a black-holed pod fails after it.
     */
    static final double CONNECT_TIMEOUT_SECONDS = 10;
    static final String ISTIO_CONNECT_TIMEOUT = "istio.io Destination Rule reference, ConnectionPoolSettings.TCPSettings.connectTimeout"
            + " (default 10s); envoyproxy.io arch_overview/outlier (with split_external_local_origin_errors false, the default,"
            + " a locally originated failure such as a connect timeout counts towards consecutive 5xx)";

    /**
     * The prediction for losing {@code region}: as {@link #of(StackSpec, boolean, Optional)}, except that a region-loss of a
     * region the healthy mesh sends nothing to (no entry there, no share of the first hop or of the pages under the applied
     * policy: a failover stack's non-entry regions) has nothing to detect and nothing to recover from.
     */
    public static RtoPrediction of(StackSpec spec, String region, boolean regionLoss, Optional<GlobalEntry> entry) {
        if (regionLoss) {
            var healthy = TrafficModel.predict(spec, TrafficModel.Scenario.healthy());
            boolean carries = TrafficModel.entryRegions(spec, TrafficModel.Scenario.healthy()).contains(region)
                    || healthy.toProductpage().shares().getOrDefault(region, 0.0) > 0
                    || healthy.pagesByRegion().getOrDefault(region, 0.0) > 0;
            if (!carries) {
                return new RtoPrediction(List.of(new Term("nothing to detect", 0, 0, "under the applied policy the healthy mesh sends no"
                        + " request to " + region + " (no entry there, no share of productpage or reviews calls), so its loss interrupts"
                        + " nothing", "asm-dr traffic model (io.asmdr.trafficmodel.TrafficModel), the stack's policy")));
            }
        }
        return of(spec, regionLoss, entry);
    }

    /**
     * @param regionLoss a lost region as {@code drill region-loss} makes it: its pods black-holed (they stay Ready and in
     *                   every endpoint list, their connections time out), so no push removes them and only detection does
     */
    public static RtoPrediction of(StackSpec spec, boolean regionLoss, Optional<GlobalEntry> entry) {
        var terms = new ArrayList<Term>();
        if (regionLoss) {
            terms.add(new Term("detection: connect timeout to the silent pods", CONNECT_TIMEOUT_SECONDS, CONNECT_TIMEOUT_SECONDS + 1,
                    "the lost region's pods stay Ready, so no endpoint leaves and istiod pushes nothing; a proxy learns of the loss when"
                            + " a connection to one of them times out (connectTimeout, Istio's default 10 s), and the first request to"
                            + " reach every such pod does within one second at the drill's rate",
                    ISTIO_CONNECT_TIMEOUT));
        } else {
            terms.add(new Term("endpoint propagation", DEBOUNCE_AFTER_SECONDS, DEBOUNCE_MAX_SECONDS,
                    "the scaled-down pods leave the Endpoints of their cluster; ASM's istiod pushes the change to every proxy after a"
                            + " debounce of at least 100 ms and at most 10 s while a scale-down keeps producing events",
                    ISTIO_DEBOUNCE));
        }
        var outlier = spec.appliedTraffic().outlierDetection();
        if (outlier.isPresent()) {
            var o = outlier.get();
            terms.add(new Term("outlier ejection (consecutive5xxErrors " + o.consecutive5xxErrors() + ", interval " + o.interval() + ")",
                    0, 0, "a proxy whose requests to a pod fail (the pod gone, or silent) ejects it inline after " + o.consecutive5xxErrors()
                            + " consecutive 5xx: no wait, but up to " + o.consecutive5xxErrors() + " failed request(s) per proxy and pod;"
                            + " the interval is the sweep that un-ejects; after the restore an ejected pod stays out for baseEjectionTime "
                            + o.baseEjectionTime() + " x ejections",
                    ENVOY_OUTLIER));
        } else if (spec.appliedTraffic().mode() != TrafficSpec.Mode.DISTRIBUTE) {
            terms.add(new Term("no outlier detection", 0, 0, "without outlierDetection Istio applies no locality failover: traffic"
                    + " leaves the lost region only once the push removes its endpoints", ENVOY_OUTLIER));
        }
        if (regionLoss) {
            if (entry.isPresent()) {
                var e = entry.get();
                // one model with synth's recovery table (io.asmdr.recovery.RecoveryTable): detection, then GTM's TTL or GA's none
                var kind = spec.globalEntry().map(GlobalEntrySpec::kind).orElse(GlobalEntrySpec.Kind.GTM);
                var ttl = kind == GlobalEntrySpec.Kind.GA ? Optional.<Duration>empty() : Optional.of(e.ttl());
                RecoveryTable.entryTerms(kind, e.interval(), e.timeout(), e.failures(), ttl)
                        .forEach(t -> terms.add(new Term(t.name(), t.lowSeconds(), t.highSeconds(), t.why(), t.source())));
            } else {
                terms.add(new Term("no global entry", 0, 0, "the drill drives the surviving gateways' addresses directly; a client that"
                        + " only knows the lost gateway's address does not recover until the region is back", "this stack: no globalEntry"));
            }
        }
        return new RtoPrediction(List.copyOf(terms));
    }

    public double lowSeconds() {
        return terms.stream().mapToDouble(Term::lowSeconds).sum();
    }

    public double highSeconds() {
        return terms.stream().mapToDouble(Term::highSeconds).sum();
    }

    /** Whether a measured RTO (whole seconds, bucket starts) lies in the predicted range, give or take one bucket. */
    public boolean agrees(int measuredSeconds) {
        return measuredSeconds >= Math.floor(lowSeconds()) - 1 && measuredSeconds <= Math.ceil(highSeconds()) + 1;
    }

    public Map<String, Object> summary() {
        var out = new LinkedHashMap<String, Object>();
        out.put("lowSeconds", lowSeconds());
        out.put("highSeconds", highSeconds());
        out.put("terms", terms.stream().map(t -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("name", t.name());
            m.put("lowSeconds", t.lowSeconds());
            m.put("highSeconds", t.highSeconds());
            m.put("why", t.why());
            m.put("source", t.source());
            return m;
        }).toList());
        return out;
    }

    public String table() {
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "predicted RTO: %.1f-%.1f s%n", lowSeconds(), highSeconds()));
        for (var t : terms) {
            sb.append(String.format(Locale.ROOT, "  + %-60s %5.1f-%5.1f s  %s [%s]%n", t.name(), t.lowSeconds(), t.highSeconds(), t.why(),
                    t.source()));
        }
        return sb.toString();
    }
}
