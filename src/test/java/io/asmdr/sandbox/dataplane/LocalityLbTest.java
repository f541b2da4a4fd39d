package io.asmdr.sandbox.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Envoy's locality choice as Istio configures it, case by case from the two projects' documentation. */
class LocalityLbTest {
    private static final String HZ = "cn-hangzhou";
    private static final String SH = "cn-shanghai";
    private static final String BJ = "cn-beijing";
    private static final Map<String, Object> OUTLIER = Map.of("consecutive5xxErrors", 1, "interval", "1s", "baseEjectionTime", "1m");

    private static Map<String, LocalityLb.Endpoints> ready(Object... regionAndCount) {
        var out = new LinkedHashMap<String, LocalityLb.Endpoints>();
        for (int i = 0; i < regionAndCount.length; i += 2) {
            out.put((String) regionAndCount[i], new LocalityLb.Endpoints((Integer) regionAndCount[i + 1], 0));
        }
        return out;
    }

    private static Map<String, Object> distribute(String from, Map<String, Integer> to) {
        var weights = new LinkedHashMap<String, Object>();
        to.forEach((r, w) -> weights.put(r + "/*", w));
        return Map.of("loadBalancer", Map.of("localityLbSetting", Map.of("enabled", true,
                "distribute", List.of(Map.of("from", from + "/*", "to", weights)))));
    }

    private static Map<String, Object> failover(boolean outlierDetection, String... fromTo) {
        var rules = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < fromTo.length; i += 2) {
            rules.add(Map.of("from", fromTo[i], "to", fromTo[i + 1]));
        }
        var policy = new LinkedHashMap<String, Object>();
        policy.put("loadBalancer", Map.of("localityLbSetting", Map.of("enabled", true, "failover", rules)));
        if (outlierDetection) {
            policy.put("outlierDetection", OUTLIER);
        }
        return policy;
    }

    private static void assertShares(Map<String, Double> expected, Map<String, Double> actual) {
        assertEquals(expected.keySet(), actual.keySet(), () -> "regions: " + actual);
        expected.forEach((r, share) -> assertEquals(share, actual.get(r), 1e-9, () -> r + " in " + actual));
    }

    @Test
    void distributeGivesTheCallersWeights() {
        var policy = distribute(HZ, Map.of(HZ, 90, SH, 10));
        assertShares(Map.of(HZ, 0.9, SH, 0.1), LocalityLb.shares(HZ, policy, ready(HZ, 1, SH, 1)));
    }

    @Test
    void aDistributedLocalityWithoutEndpointsPassesItsWeightOn() {
        var policy = distribute(HZ, Map.of(HZ, 90, SH, 10));
        assertShares(Map.of(SH, 1.0), LocalityLb.shares(HZ, policy, ready(HZ, 0, SH, 1)));
    }

    @Test
    void anEjectedDistributedLocalityHasNoAvailability() {
        var policy = distribute(HZ, Map.of(HZ, 90, SH, 10));
        var endpoints = Map.of(HZ, new LocalityLb.Endpoints(2, 2), SH, new LocalityLb.Endpoints(1, 0));
        assertShares(Map.of(SH, 1.0), LocalityLb.shares(HZ, policy, endpoints));
    }

    @Test
    void aPartlyEjectedLocalityKeepsWhatItsHealthCarriesWithOverprovisioning() {
        // 1 of 4 ejected: availability min(1, 1.4 x 3/4) = 1, the weights stand; 3 of 4: 1.4 x 1/4 = 0.35
        var policy = distribute(HZ, Map.of(HZ, 90, SH, 10));
        assertShares(Map.of(HZ, 0.9, SH, 0.1), LocalityLb.shares(HZ, policy, Map.of(HZ, new LocalityLb.Endpoints(4, 1), SH, new LocalityLb.Endpoints(1, 0))));
        double hz = 90 * 0.35;
        assertShares(Map.of(HZ, hz / (hz + 10), SH, 10 / (hz + 10)),
                LocalityLb.shares(HZ, policy, Map.of(HZ, new LocalityLb.Endpoints(4, 3), SH, new LocalityLb.Endpoints(1, 0))));
    }

    @Test
    void aCallerNoDistributeRuleMatchesBalancesOverAllEndpoints() {
        var policy = distribute(HZ, Map.of(HZ, 90, SH, 10));
        assertShares(Map.of(HZ, 0.5, SH, 0.5), LocalityLb.shares(SH, policy, ready(HZ, 1, SH, 1)));
        assertShares(Map.of(HZ, 2 / 3.0, SH, 1 / 3.0), LocalityLb.shares(SH, policy, ready(HZ, 2, SH, 1)));
        // even with outlier detection: distribute being set, Istio applies no failover priorities to this caller
        var withOutlierDetection = new LinkedHashMap<>(policy);
        withOutlierDetection.put("outlierDetection", OUTLIER);
        assertShares(Map.of(HZ, 0.5, SH, 0.5), LocalityLb.shares(SH, withOutlierDetection, ready(HZ, 1, SH, 1)));
    }

    @Test
    void failoverKeepsCallsInTheCallersRegionWhileItHasEndpoints() {
        var policy = failover(true, HZ, SH, SH, HZ, BJ, SH);
        assertShares(Map.of(HZ, 1.0), LocalityLb.shares(HZ, policy, ready(HZ, 2, SH, 2, BJ, 2)));
    }

    @Test
    void failoverGoesToTheRulesTargetFirstThenTheRest() {
        var policy = failover(true, HZ, SH, SH, HZ, BJ, SH);
        assertShares(Map.of(SH, 1.0), LocalityLb.shares(HZ, policy, ready(HZ, 0, SH, 2, BJ, 2)));
        assertShares(Map.of(BJ, 1.0), LocalityLb.shares(HZ, policy, ready(HZ, 0, SH, 0, BJ, 2)));
        assertShares(Map.of(SH, 1.0), LocalityLb.shares(BJ, policy, ready(HZ, 2, SH, 2, BJ, 0)));
    }

    @Test
    void failoverNeedsOutlierDetection() {
        var policy = failover(false, HZ, SH);
        assertShares(Map.of(HZ, 0.5, SH, 0.5), LocalityLb.shares(HZ, policy, ready(HZ, 2, SH, 2)));
    }

    @Test
    void withOnlyOutlierDetectionLocalityFailoverIsOnByDefault() {
        var policy = Map.<String, Object>of("outlierDetection", OUTLIER);
        assertShares(Map.of(HZ, 1.0), LocalityLb.shares(HZ, policy, ready(HZ, 1, SH, 3)));
        assertShares(Map.of(SH, 0.75, BJ, 0.25), LocalityLb.shares(HZ, policy, ready(HZ, 0, SH, 3, BJ, 1)));
    }

    @Test
    void disabledLocalityLoadBalancingIgnoresLocality() {
        var policy = Map.<String, Object>of("outlierDetection", OUTLIER,
                "loadBalancer", Map.of("localityLbSetting", Map.of("enabled", false)));
        assertShares(Map.of(HZ, 0.25, SH, 0.75), LocalityLb.shares(HZ, policy, ready(HZ, 1, SH, 3)));
    }

    @Test
    void anEjectedPriorityLevelHandsItsLoadToTheNext() {
        var policy = failover(true, HZ, SH);
        var endpoints = Map.of(HZ, new LocalityLb.Endpoints(2, 2), SH, new LocalityLb.Endpoints(2, 0));
        assertShares(Map.of(SH, 1.0), LocalityLb.shares(HZ, policy, endpoints));
    }

    @Test
    void noEndpointsAnywhereIsNoHealthyUpstream() {
        assertTrue(LocalityLb.shares(HZ, failover(true, HZ, SH), ready(HZ, 0, SH, 0)).isEmpty());
        assertTrue(LocalityLb.shares(HZ, Map.of(), Map.of()).isEmpty());
    }

    @Test
    void whatItDoesNotPlayIsRefusedByName() {
        var priority = Map.<String, Object>of("loadBalancer", Map.of("localityLbSetting", Map.of("failoverPriority", List.of("topology.kubernetes.io/region"))));
        var e = assertThrows(LocalityLb.Unsupported.class, () -> LocalityLb.shares(HZ, priority, ready(HZ, 1)));
        assertTrue(e.getMessage().contains("failoverPriority"), e.getMessage());
        var zone = Map.<String, Object>of("loadBalancer", Map.of("localityLbSetting", Map.of("distribute",
                List.of(Map.of("from", "cn-hangzhou/cn-hangzhou-h", "to", Map.of("cn-hangzhou/*", 100))))));
        e = assertThrows(LocalityLb.Unsupported.class, () -> LocalityLb.shares(HZ, zone, ready(HZ, 1)));
        assertTrue(e.getMessage().contains("cn-hangzhou/cn-hangzhou-h"), e.getMessage());
        var hash = Map.<String, Object>of("loadBalancer", Map.of("consistentHash", Map.of("httpHeaderName", "x")));
        e = assertThrows(LocalityLb.Unsupported.class, () -> LocalityLb.shares(HZ, hash, ready(HZ, 1)));
        assertTrue(e.getMessage().contains("consistentHash"), e.getMessage());
    }
}
