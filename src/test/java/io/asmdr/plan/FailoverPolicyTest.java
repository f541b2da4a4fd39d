package io.asmdr.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each way a DestinationRule's failover can be weakened, on hand-made rules, both ways (the weakening and
 * its near miss), with the words guard prints; Istio's defaults for unset outlier fields and Go durations
 * as reference/istio/locality-lb.md (sections 6 and 7) states them.
 */
class FailoverPolicyTest {
    private static final String A = "topology.istio.io/network";
    private static final String B = "topology.kubernetes.io/region";

    private static Map<String, Object> rule(Map<String, Object> trafficPolicy) {
        return Map.of("spec", Map.of("trafficPolicy", trafficPolicy));
    }

    private static Map<String, Object> locality(Map<String, Object> setting) {
        return rule(Map.of("loadBalancer", Map.of("localityLbSetting", setting)));
    }

    private static Map<String, Object> outlier(Map<String, Object> detection) {
        return rule(Map.of("outlierDetection", detection));
    }

    private static final List<Map<String, String>> HZ_TO_SH = List.of(Map.of("from", "cn-hangzhou", "to", "cn-shanghai"));

    @Test
    void turningLocalityFailoverOffIsNamedOnceAndOnlyWhereItWasOn() {
        assertEquals(List.of("localityLbSetting.enabled becomes false: locality failover is off", "the failover from cn-hangzhou -> cn-shanghai is removed"),
                FailoverPolicy.weakenings(locality(Map.of("enabled", true, "failover", HZ_TO_SH)), locality(Map.of("enabled", false, "failover", HZ_TO_SH))));
        assertEquals(List.of(), FailoverPolicy.weakenings(locality(Map.of("enabled", false)), locality(Map.of("enabled", false))), "it was off already");
        assertEquals(List.of(), FailoverPolicy.weakenings(rule(Map.of()), locality(Map.of("enabled", false))), "there was no locality setting");
        assertEquals(List.of(), FailoverPolicy.weakenings(locality(Map.of("failover", HZ_TO_SH)), locality(Map.of("enabled", true, "failover", HZ_TO_SH))),
                "unset is on");
    }

    @Test
    void aFailoverPriorityMayGrowButNotShrinkOrReorder() {
        var before = locality(Map.of("failoverPriority", List.of(A, B)));
        assertEquals(List.of(), FailoverPolicy.weakenings(before, locality(Map.of("failoverPriority", List.of(A, B)))));
        assertEquals(List.of(), FailoverPolicy.weakenings(before, locality(Map.of("failoverPriority", List.of(A, B, "zone")))));
        assertEquals(List.of("failoverPriority [" + A + ", " + B + "] becomes [" + A + "]"),
                FailoverPolicy.weakenings(before, locality(Map.of("failoverPriority", List.of(A)))));
        assertEquals(List.of("failoverPriority [" + A + ", " + B + "] becomes [" + B + ", " + A + "]"),
                FailoverPolicy.weakenings(before, locality(Map.of("failoverPriority", List.of(B, A)))));
        assertEquals(List.of("localityLbSetting.enabled becomes false: locality failover is off", "failoverPriority [" + A + ", " + B + "] becomes []"),
                FailoverPolicy.weakenings(before, locality(Map.of("enabled", false, "failoverPriority", List.of(A, B)))));
        assertEquals(List.of(), FailoverPolicy.weakenings(locality(Map.of()), locality(Map.of("failoverPriority", List.of(A)))), "a new priority");
    }

    @Test
    void errorCountsReadIstiosDefaultsWhereUnset() {
        assertEquals(List.of("outlierDetection.consecutive5xxErrors goes from 5 to 10 (a host is ejected later)"),
                FailoverPolicy.weakenings(outlier(Map.of()), outlier(Map.of("consecutive5xxErrors", 10))), "unset is 5");
        assertEquals(List.of("outlierDetection.consecutive5xxErrors goes from 5 to 0 (0 switches it off)"),
                FailoverPolicy.weakenings(outlier(Map.of()), outlier(Map.of("consecutive5xxErrors", 0))));
        assertEquals(List.of(), FailoverPolicy.weakenings(outlier(Map.of()), outlier(Map.of("consecutive5xxErrors", 3, "consecutiveGatewayErrors", 7))),
                "fewer 5xx ejects sooner; gateway errors were off (unset is 0)");
        assertEquals(List.of("outlierDetection.consecutiveGatewayErrors goes from 2 to 0 (0 switches it off)"),
                FailoverPolicy.weakenings(outlier(Map.of("consecutiveGatewayErrors", 2)), outlier(Map.of())));
        assertEquals(List.of("outlierDetection.consecutive5xxErrors 'many' is no count guard can read"),
                FailoverPolicy.weakenings(outlier(Map.of()), outlier(Map.of("consecutive5xxErrors", "many"))));
        assertEquals(List.of(), FailoverPolicy.weakenings(outlier(Map.of("consecutive5xxErrors", "7")), outlier(Map.of("consecutive5xxErrors", 7.0))),
                "a count written as text is the same count");
    }

    @Test
    void thresholdsAndDurationsReadIstiosDefaultsWhereUnset() {
        assertEquals(List.of("outlierDetection.interval goes from 10 s to 20 s"),
                FailoverPolicy.weakenings(outlier(Map.of()), outlier(Map.of("interval", "20s"))), "unset is 10s; a longer interval is weaker");
        assertEquals(List.of(), FailoverPolicy.weakenings(outlier(Map.of()), outlier(Map.of("interval", "5s", "baseEjectionTime", "1m"))));
        assertEquals(List.of("outlierDetection.baseEjectionTime goes from 30 s to 0.5 s"),
                FailoverPolicy.weakenings(outlier(Map.of()), outlier(Map.of("baseEjectionTime", "500ms"))), "unset is 30s; a shorter ejection is weaker");
        assertEquals(List.of("outlierDetection.maxEjectionPercent goes from 50 to 20"),
                FailoverPolicy.weakenings(outlier(Map.of("maxEjectionPercent", "50%")), outlier(Map.of("maxEjectionPercent", "20%"))));
        assertEquals(List.of("outlierDetection.minHealthPercent goes from 0 to 60"),
                FailoverPolicy.weakenings(outlier(Map.of()), outlier(Map.of("minHealthPercent", 60))), "unset is 0; a higher floor stops ejection sooner");
        assertEquals(List.of("outlierDetection.maxEjectionPercent 'lots' is no value guard can read"),
                FailoverPolicy.weakenings(outlier(Map.of()), outlier(Map.of("maxEjectionPercent", "lots"))));
        assertEquals(List.of("outlierDetection.interval '10' is no value guard can read"),
                FailoverPolicy.weakenings(outlier(Map.of()), outlier(Map.of("interval", "10"))), "a duration has a unit");
    }

    @Test
    void goDurationsInSeconds() {
        assertEquals(Optional.of(90.0), FailoverPolicy.seconds("1m30s", 0));
        assertEquals(Optional.of(7200.0), FailoverPolicy.seconds("2h", 0));
        assertEquals(Optional.of(0.5), FailoverPolicy.seconds("500ms", 0));
        assertEquals(Optional.of(1.5), FailoverPolicy.seconds("1500000us", 0));
        assertEquals(Optional.of(1.5), FailoverPolicy.seconds("1500000µs", 0));
        assertEquals(Optional.of(2.0), FailoverPolicy.seconds("2000000000ns", 0));
        assertEquals(Optional.of(1.5), FailoverPolicy.seconds(" 1.5s ", 0));
        assertEquals(Optional.of(10.0), FailoverPolicy.seconds(null, 10), "unset: the default");
        for (var bad : List.of("", "5", "5s junk", "x5s", "5s5")) {
            assertEquals(Optional.empty(), FailoverPolicy.seconds(bad, 10), "'" + bad + "'");
        }
    }

    @Test
    void removingOutlierDetectionOrTheRuleIsNamedAndAddingItIsNot() {
        var removed = "outlier detection is removed: Envoy no longer ejects a lost region's endpoints, so nothing fails over";
        assertEquals(List.of(removed), FailoverPolicy.weakenings(outlier(Map.of()), rule(Map.of())));
        assertEquals(List.of(removed), FailoverPolicy.weakenings(outlier(Map.of()), null));
        assertEquals(List.of(), FailoverPolicy.weakenings(rule(Map.of()), outlier(Map.of())));
    }

    @Test
    void aSubsetWithItsOwnPolicyIsComparedOnItsOwn() {
        Map<String, Object> before = Map.of("spec", Map.of("trafficPolicy", Map.of("outlierDetection", Map.of()), "subsets", List.of(
                Map.of("name", "v1", "trafficPolicy", Map.of("outlierDetection", Map.of("interval", "5s"))),
                Map.of("name", "v2", "trafficPolicy", Map.of("tls", Map.of("mode", "ISTIO_MUTUAL"))),
                Map.of("name", "v3", "trafficPolicy", Map.of("loadBalancer", Map.of("localityLbSetting", Map.of("failover", HZ_TO_SH)))))));
        Map<String, Object> after = Map.of("spec", Map.of("trafficPolicy", Map.of("outlierDetection", Map.of()), "subsets", List.of(
                Map.of("name", "v1", "trafficPolicy", Map.of("outlierDetection", Map.of("interval", "30s"))),
                Map.of("name", "v2", "trafficPolicy", Map.of("tls", Map.of("mode", "DISABLE"))),
                Map.of("name", "v3", "trafficPolicy", Map.of("loadBalancer", Map.of("localityLbSetting", Map.of()))))));
        assertEquals(List.of("outlierDetection.interval goes from 5 s to 30 s (subset v1)", "the failover from cn-hangzhou -> cn-shanghai is removed (subset v3)"),
                FailoverPolicy.weakenings(before, after));
    }
}
