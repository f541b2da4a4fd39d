package io.asmdr.trafficmodel;

import io.asmdr.config.RegionSpec;
import io.asmdr.config.StackSpec;
import io.asmdr.config.TrafficSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What share of Bookinfo pages each region's {@code reviews} should serve under the stack's locality
 * policy, hop by hop as Istio decides it (see {@code shared/reference/istio/locality-lb.md}):
 *
 * <ol>
 * <li>the ingress gateway (in its cluster's region) calls {@code productpage};</li>
 * <li>each region's {@code productpage} calls {@code reviews}.</li>
 * </ol>
 *
 * On each hop: with {@code distribute}, the first rule whose {@code from} is the caller's region
 * applies, weights scaled by health (a listed region with no endpoints passes its weight to the other
 * listed regions; unlisted regions get nothing); a caller no rule matches balances over all endpoints
 * by replica count. With {@code failover} (and with no locality setting at all, as Istio's default)
 * priorities apply only when outlier detection is configured: own region first, then the rule's
 * target, then the rest. Regions are treated as whole localities (zones do not change region shares).
 * The policy is the one the mesh is given ({@link StackSpec#appliedTraffic()}: without the regions in
 * {@code asm-dr:unavailableRegions}), which is what the DestinationRules carry, so every prediction (traffic.md,
 * traffic.json, verify, drill) follows what is applied, not what the stack file would apply once the region is back.
 * Pure: no I/O, no Pulumi.
 */
public final class TrafficModel {
    private TrafficModel() {}

    /**
     * A situation to predict: the regions whose {@code reviews} pods are all gone, and the regions lost
     * whole (every Bookinfo workload and the region's ingress gateway).
     */
    public record Scenario(String title, Set<String> reviewsLost, Set<String> regionsLost) {
        public Scenario {
            reviewsLost = Set.copyOf(reviewsLost);
            regionsLost = Set.copyOf(regionsLost);
        }

        public Scenario(String title, Set<String> reviewsLost) {
            this(title, reviewsLost, Set.of());
        }

        /** The loss of a whole region: its Bookinfo and its ingress gateway. */
        public static Scenario regionLost(String region) {
            return new Scenario("region " + region + " lost", Set.of(region), Set.of(region));
        }

        public static Scenario healthy() {
            return new Scenario("healthy", Set.of());
        }

        public static Scenario reviewsLostIn(String region) {
            return new Scenario("reviews lost in " + region, Set.of(region));
        }
    }

    /** The end-to-end expectation of one scenario and the hops that produce it. */
    public record Prediction(
            Scenario scenario,
            String gatewayRegion,
            Hop toProductpage,
            Map<String, Hop> toReviews,
            Map<String, Double> pagesByRegion,
            Map<String, String> versionByRegion,
            double unavailable) {

        /** Share of pages per reviews version (regions running the same version add up). */
        public Map<String, Double> pagesByVersion() {
            var out = new TreeMap<String, Double>();
            pagesByRegion.forEach((region, share) -> out.merge(versionByRegion.get(region), share, Double::sum));
            return out;
        }
    }

    /** One hop: callers in {@code caller} reaching a service whose endpoints are {@code replicas} by region. */
    public static Hop hop(String caller, Map<String, Integer> replicas, TrafficSpec policy) {
        var healthy = new LinkedHashMap<String, Integer>();
        replicas.forEach((region, n) -> {
            if (n > 0) {
                healthy.put(region, n);
            }
        });
        if (healthy.isEmpty()) {
            return new Hop(caller, Map.of(), "no endpoint left anywhere");
        }
        switch (policy.mode()) {
            case DISTRIBUTE -> {
                var rule = policy.distribute().stream().filter(d -> d.from().equals(caller)).findFirst();
                if (rule.isEmpty()) {
                    return byReplicas(caller, healthy, "no distribute rule from " + caller + ": plain balancing over all endpoints by replica count");
                }
                var weights = new LinkedHashMap<String, Integer>();
                rule.get().to().forEach((region, w) -> {
                    if (healthy.containsKey(region)) {
                        weights.put(region, w);
                    }
                });
                double total = weights.values().stream().mapToInt(Integer::intValue).sum();
                if (total == 0) {
                    return new Hop(caller, Map.of(), "distribute rule from " + caller + " lists no region with endpoints left; unlisted regions never take its traffic");
                }
                var shares = new LinkedHashMap<String, Double>();
                weights.forEach((region, w) -> shares.put(region, w / total));
                var lost = rule.get().to().keySet().stream().filter(r -> !healthy.containsKey(r)).toList();
                return new Hop(caller, shares, "distribute rule from " + caller + " " + rule.get().to()
                        + (lost.isEmpty() ? "" : ", weight of " + String.join(", ", lost) + " passed to the other listed regions"));
            }
            case FAILOVER, NONE -> {
                if (policy.outlierDetection().isEmpty()) {
                    return byReplicas(caller, healthy, "no outlier detection, so no locality priorities: balancing over all endpoints by replica count");
                }
                var target = policy.mode() == TrafficSpec.Mode.FAILOVER
                        ? policy.failover().stream().filter(f -> f.from().equals(caller)).map(TrafficSpec.Failover::to).findFirst()
                        : Optional.<String>empty();
                int best = healthy.keySet().stream().mapToInt(r -> priority(r, caller, target.orElse(null))).min().orElseThrow();
                var group = new LinkedHashMap<String, Integer>();
                healthy.forEach((region, n) -> {
                    if (priority(region, caller, target.orElse(null)) == best) {
                        group.put(region, n);
                    }
                });
                var why = best == 0 ? "own region first (locality priority)"
                        : target.isPresent() && group.containsKey(target.get()) ? "own region has no endpoints: failover to " + target.get()
                        : "own region" + (target.isPresent() ? " and failover target have" : " has") + " no endpoints: any other region";
                return byReplicas(caller, group, why);
            }
            default -> throw new IllegalStateException("unknown mode " + policy.mode());
        }
    }

    private static int priority(String region, String caller, String failoverTarget) {
        if (region.equals(caller)) {
            return 0;
        }
        return failoverTarget == null || region.equals(failoverTarget) ? 1 : 2;
    }

    private static Hop byReplicas(String caller, Map<String, Integer> endpoints, String reason) {
        double total = endpoints.values().stream().mapToInt(Integer::intValue).sum();
        var shares = new LinkedHashMap<String, Double>();
        endpoints.forEach((region, n) -> shares.put(region, n / total));
        return new Hop(caller, shares, reason);
    }

    /** Healthy reviews replicas by region; none where the scenario lost them. */
    private static Map<String, Integer> reviewsEndpoints(StackSpec spec, Scenario scenario) {
        var reviews = new LinkedHashMap<String, Integer>();
        spec.regions().forEach(r -> reviews.put(r.region(), scenario.reviewsLost().contains(r.region()) ? 0 : r.bookinfo().reviewsReplicas()));
        return reviews;
    }

    /**
     * Where requests enter in a scenario: the first gateway region, in config order, that the scenario
     * did not lose (the primary while it stands). That is where {@code verify} and the drills send
     * their requests, and what the global entry answers: its access strategy prefers the primary's
     * address pool and falls back in order (docs/dr.md). A region marked unavailable is no entry: the global entry
     * takes its pool offline. Empty when every gateway region is lost.
     */
    public static List<String> entryRegions(StackSpec spec, Scenario scenario) {
        return spec.gatewayRegions().stream().filter(r -> !scenario.regionsLost().contains(r))
                .filter(r -> !spec.options().unavailableRegions().contains(r)).limit(1).toList();
    }

    public static Prediction predict(StackSpec spec, Scenario scenario) {
        var entries = entryRegions(spec, scenario);
        var productpage = new LinkedHashMap<String, Integer>();
        var versions = new LinkedHashMap<String, String>();
        for (RegionSpec r : spec.regions()) {
            productpage.put(r.region(), scenario.regionsLost().contains(r.region()) ? 0 : 1);
            versions.put(r.region(), r.bookinfo().reviews());
        }
        var reviews = reviewsEndpoints(spec, scenario);
        var pages = new LinkedHashMap<String, Double>();
        versions.keySet().forEach(r -> pages.put(r, 0.0));
        if (entries.isEmpty()) {
            var none = new Hop(spec.gatewayRegion(), Map.of(), "every ingress gateway is in a lost region: no entry left");
            return new Prediction(scenario, spec.gatewayRegion(), none, Map.of(), pages, versions, 1.0);
        }
        var second = new LinkedHashMap<String, Hop>();
        double unavailable = 0;
        Hop firstHop = null;
        for (var entry : entries) {
            double weight = 1.0 / entries.size();
            var first = hop(entry, productpage, spec.appliedTraffic());
            if (firstHop == null) {
                firstHop = first;
            }
            unavailable += weight * (1.0 - first.delivered());
            for (var e : first.shares().entrySet()) {
                var caller = e.getKey();
                var h = hop(caller, reviews, spec.appliedTraffic());
                second.put(caller, h);
                h.shares().forEach((region, share) -> pages.merge(region, weight * e.getValue() * share, Double::sum));
                unavailable += weight * e.getValue() * (1.0 - h.delivered());
            }
        }
        return new Prediction(scenario, entries.get(0), firstHop, second, pages, versions, Math.max(0.0, unavailable));
    }

    /** Healthy, then the loss of each single region's reviews. */
    public static List<Prediction> scenarios(StackSpec spec) {
        var out = new ArrayList<Prediction>();
        out.add(predict(spec, Scenario.healthy()));
        var regions = new LinkedHashSet<String>();
        spec.regions().forEach(r -> regions.add(r.region()));
        regions.forEach(r -> out.add(predict(spec, Scenario.reviewsLostIn(r))));
        return out;
    }

    /**
     * The reading of the weights that ignores the first hop: the gateway region's own rule applied
     * straight to reviews. What people expect, and what {@code verify} must not test against.
     */
    public static Map<String, Double> naive(StackSpec spec, Scenario scenario) {
        return hop(spec.gatewayRegion(), reviewsEndpoints(spec, scenario), spec.appliedTraffic()).shares();
    }
}
