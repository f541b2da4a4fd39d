package io.asmdr.sandbox.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which region's endpoints a sidecar (or the ingress gateway) of one region calls, as Envoy does once Istio has
 * turned a DestinationRule's {@code trafficPolicy} into locality weights or priorities. Written from the
 * documentation, not from the project's own traffic model ({@code io.asmdr.trafficmodel}), so that the sandbox
 * can disagree with that model:
 *
 * <ul>
 * <li>Istio, "Locality load balancing" and the DestinationRule reference ({@code LocalityLoadBalancerSetting}):
 * {@code distribute} gives the caller's locality weights to the listed localities (a caller no rule matches gets
 * neither weights nor priorities: Istio's {@code ApplyLocalityLoadBalancer} applies distribute or failover, never
 * both); {@code failover} orders the
 * caller's region first, then the rule's {@code to}, then the rest, and takes effect only with
 * {@code outlierDetection}; with no setting, locality failover is on by default (again only with outlier
 * detection); {@code enabled: false} turns locality load balancing off.</li>
 * <li>Envoy, "Locality weighted load balancing": a locality's effective weight is its weight times its
 * availability, {@code min(1, 1.4 x healthy / total)} (the default overprovisioning factor 1.4); "Priority
 * levels": priority P gets {@code min(100 %, 1.4 x health(P))} of the load that higher priorities leave, and the
 * loads are normalised when the health of all levels sums below 100 %.</li>
 * </ul>
 *
 * Regions are whole localities (zones play no part). What it does not play is refused by name:
 * {@code failoverPriority}, zone-level localities, {@code portLevelSettings}, {@code consistentHash}.
 */
public final class LocalityLb {
    /** Envoy's default overprovisioning factor (priority and locality health). */
    static final double OVERPROVISIONING = 1.4;
    private static final Set<String> POLICY_KEYS = Set.of("loadBalancer", "outlierDetection", "connectionPool", "tls");
    private static final Set<String> LOAD_BALANCER_KEYS = Set.of("localityLbSetting", "simple");
    private static final Set<String> LOCALITY_KEYS = Set.of("enabled", "distribute", "failover");

    private LocalityLb() {}

    /**
     * A region's endpoints of one service as the caller's Envoy knows them.
     *
     * @param ready   ready endpoints (Istio sends only ready endpoints to the proxies)
     * @param ejected how many of them outlier detection has ejected (they answer nothing)
     */
    public record Endpoints(int ready, int ejected) {
        int healthy() {
            return ready - ejected;
        }
    }

    /** A trafficPolicy the stand-in does not play. */
    public static final class Unsupported extends IllegalArgumentException {
        Unsupported(String message) {
            super(message);
        }
    }

    /**
     * The share of calls from {@code from} that each region's endpoints get; empty when no endpoint can be called
     * (Envoy answers 503 "no healthy upstream").
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Double> shares(String from, Map<String, Object> trafficPolicy, Map<String, Endpoints> byRegion) {
        var policy = trafficPolicy == null ? Map.<String, Object>of() : trafficPolicy;
        refuseUnknown("trafficPolicy", policy.keySet(), POLICY_KEYS);
        var loadBalancer = (Map<String, Object>) policy.getOrDefault("loadBalancer", Map.of());
        refuseUnknown("trafficPolicy.loadBalancer", loadBalancer.keySet(), LOAD_BALANCER_KEYS);
        var locality = (Map<String, Object>) loadBalancer.get("localityLbSetting");
        if (locality != null) {
            refuseUnknown("trafficPolicy.loadBalancer.localityLbSetting", locality.keySet(), LOCALITY_KEYS);
        }
        boolean outlierDetection = policy.containsKey("outlierDetection");
        var present = new LinkedHashMap<String, Endpoints>();
        byRegion.forEach((region, e) -> {
            if (e.ready() > 0) {
                present.put(region, e);
            }
        });
        if (locality != null && Boolean.FALSE.equals(locality.get("enabled"))) {
            return byEndpoints(present, present.keySet());
        }
        var distribute = locality == null ? List.<Map<String, Object>>of() : (List<Map<String, Object>>) locality.getOrDefault("distribute", List.of());
        var failover = locality == null ? List.<Map<String, Object>>of() : (List<Map<String, Object>>) locality.getOrDefault("failover", List.of());
        if (!distribute.isEmpty() && !failover.isEmpty()) {
            throw new Unsupported("trafficPolicy.loadBalancer.localityLbSetting: distribute and failover together (Istio refuses it)");
        }
        if (!distribute.isEmpty()) {
            for (var rule : distribute) {
                if (matches(String.valueOf(rule.get("from")), from)) {
                    return distributed((Map<String, Object>) rule.get("to"), present);
                }
            }
            // no rule for this caller: Istio sets no weights and, distribute being set, no failover priorities either
            // (pilot/pkg/networking/core/loadbalancer/loadbalancer.go, ApplyLocalityLoadBalancer: one of distribute or
            // failover is applied), so its Envoy balances over every endpoint
            return byEndpoints(present, present.keySet());
        }
        if (!outlierDetection) {
            return byEndpoints(present, present.keySet()); // without outlier detection Istio sets no priorities
        }
        String failoverTo = null;
        for (var rule : failover) {
            if (from.equals(String.valueOf(rule.get("from")))) {
                failoverTo = String.valueOf(rule.get("to"));
                break;
            }
        }
        var levels = new ArrayList<List<String>>();
        levels.add(present.containsKey(from) ? List.of(from) : List.of());
        final String to = failoverTo;
        levels.add(to != null && !to.equals(from) && present.containsKey(to) ? List.of(to) : List.of());
        levels.add(present.keySet().stream().filter(r -> !r.equals(from) && !r.equals(to)).toList());
        return byPriority(levels, present);
    }

    private static void refuseUnknown(String where, Set<String> keys, Set<String> known) {
        for (var key : keys) {
            if (!known.contains(key)) {
                throw new Unsupported("the sandbox's data plane does not play " + where + "." + key);
            }
        }
    }

    /** {@code region/*} (or the bare region, or {@code *}) matches the region; a zone-level locality is refused. */
    private static boolean matches(String locality, String region) {
        if (locality.equals("*") || locality.equals(region) || locality.equals(region + "/*")) {
            return true;
        }
        int slash = locality.indexOf('/');
        if (slash >= 0 && !locality.endsWith("/*")) {
            throw new Unsupported("the sandbox's data plane plays region-level localities only, not '" + locality + "'");
        }
        return false;
    }

    private static Map<String, Double> distributed(Map<String, Object> to, Map<String, Endpoints> present) {
        var weights = new LinkedHashMap<String, Double>();
        to.forEach((locality, weight) -> present.forEach((region, e) -> {
            if (matches(locality, region)) {
                double availability = Math.min(1.0, OVERPROVISIONING * e.healthy() / e.ready());
                weights.merge(region, ((Number) weight).doubleValue() * availability, Double::sum);
            }
        }));
        return normalised(weights);
    }

    private static Map<String, Double> byEndpoints(Map<String, Endpoints> present, Iterable<String> regions) {
        var weights = new LinkedHashMap<String, Double>();
        regions.forEach(r -> weights.put(r, (double) present.get(r).healthy()));
        return normalised(weights);
    }

    private static Map<String, Double> byPriority(List<List<String>> levels, Map<String, Endpoints> present) {
        var health = new double[levels.size()];
        double sum = 0;
        for (int p = 0; p < levels.size(); p++) {
            int healthy = 0;
            int ready = 0;
            for (var region : levels.get(p)) {
                healthy += present.get(region).healthy();
                ready += present.get(region).ready();
            }
            health[p] = ready == 0 ? 0 : Math.min(1.0, OVERPROVISIONING * healthy / ready);
            sum += health[p];
        }
        var out = new LinkedHashMap<String, Double>();
        if (sum == 0) {
            return out;
        }
        double left = 1.0;
        for (int p = 0; p < levels.size(); p++) {
            // below 100 % in all, Envoy normalises the levels' health; otherwise each takes what it can of what is left
            double load = sum < 1.0 ? health[p] / sum : Math.min(left, health[p]);
            left -= load;
            var share = byEndpoints(present, levels.get(p));
            for (var e : share.entrySet()) {
                out.merge(e.getKey(), load * e.getValue(), Double::sum);
            }
        }
        out.values().removeIf(v -> v == 0);
        return out;
    }

    private static Map<String, Double> normalised(Map<String, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        var out = new LinkedHashMap<String, Double>();
        if (total > 0) {
            weights.forEach((r, w) -> {
                if (w > 0) {
                    out.put(r, w / total);
                }
            });
        }
        return out;
    }
}
