package io.asmdr.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asmdr.support.TestStacks;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per rule: a valid two-region stack with one thing broken must fail with a message that
 * names the key, shows the value and says how to fix it.
 */
class SpecValidationTest {

    static TestStacks base() {
        return TestStacks.flannel(2).with("traffic", Map.of(
                "mode", "distribute",
                "distribute", java.util.List.of(Map.of("from", "cn-hangzhou", "to", orderedWeights("cn-hangzhou", 90, "cn-shanghai", 10))),
                "failover", java.util.List.of(Map.of("from", "cn-hangzhou", "to", "cn-shanghai"), Map.of("from", "cn-shanghai", "to", "cn-hangzhou")),
                "outlierDetection", Map.of("consecutive5xxErrors", 1, "interval", "1s", "baseEjectionTime", "1m")));
    }

    static Map<String, Integer> orderedWeights(String a, int wa, String b, int wb) {
        var m = new java.util.LinkedHashMap<String, Integer>();
        m.put(a, wa);
        m.put(b, wb);
        return m;
    }

    static Stream<Arguments> foundationCases() {
        return Stream.of(
                bad("CIDR syntax", s -> s.with("regions[0].vpc.cidr", "20.0.0/8"), "asm-dr:regions[0].vpc.cidr", "20.0.0/8"),
                bad("CIDR with host bits", s -> s.with("regions[0].cluster.podCidr", "10.0.0.1/16"), "asm-dr:regions[0].cluster.podCidr", "10.0.0.1/16"),
                bad("CIDR octet above 255", s -> s.with("regions[1].vswitches[0].cidr", "21.0.300.0/24"), "asm-dr:regions[1].vswitches[0].cidr", "21.0.300.0/24"),
                bad("overlapping cluster VPCs", s -> s.with("regions[1].vpc.cidr", "20.0.0.0/16"), "asm-dr:regions[1].vpc.cidr", "overlaps asm-dr:regions[0].vpc.cidr"),
                bad("mesh VPC overlapping a cluster VPC", s -> s.with("mesh.vpc.cidr", "21.0.0.0/8"), "asm-dr:mesh.vpc.cidr", "overlaps asm-dr:regions[1].vpc.cidr"),
                bad("vSwitch outside its VPC", s -> s.with("regions[0].vswitches[1].cidr", "30.0.0.0/24"), "asm-dr:regions[0].vswitches[1].cidr", "lies outside its VPC"),
                bad("overlapping vSwitches", s -> s.with("regions[0].vswitches[1].cidr", "20.0.5.0/24"), "asm-dr:regions[0].vswitches[1].cidr", "overlaps asm-dr:regions[0].vswitches[0].cidr"),
                bad("Pod CIDR shared by two clusters", s -> s.with("regions[1].cluster.podCidr", "10.0.0.0/16"), "asm-dr:regions[1].cluster.podCidr", "overlaps asm-dr:regions[0].cluster.podCidr"),
                bad("Service CIDR inside a VPC", s -> s.with("regions[0].cluster.serviceCidr", "20.5.0.0/16"), "asm-dr:regions[0].cluster.serviceCidr", "overlaps asm-dr:regions[0].vpc.cidr"),
                bad("Service CIDR overlapping the own Pod CIDR", s -> s.with("regions[0].cluster.serviceCidr", "10.0.0.0/20"), "asm-dr:regions[0].cluster.serviceCidr", "overlaps asm-dr:regions[0].cluster.podCidr"),
                bad("Pod CIDR inside the mesh VPC", s -> s.with("regions[1].cluster.podCidr", "192.168.128.0/20"), "asm-dr:regions[1].cluster.podCidr", "overlaps asm-dr:mesh.vpc.cidr"),
                bad("region listed twice", s -> s.with("regions[1].region", "cn-hangzhou"), "asm-dr:regions[1].region", "already used by asm-dr:regions[0]"),
                bad("a single region", s -> s.without("regions[1]"), "asm-dr:regions", "1 region"),
                bad("zone of another region", s -> s.with("regions[0].vswitches[0].zone", "cn-shanghai-a"), "asm-dr:regions[0].vswitches[0].zone", "cn-shanghai-a"),
                bad("cluster VPC in one zone only", s -> s.with("regions[1].vswitches[1].zone", "cn-shanghai-a"), "asm-dr:regions[1].vswitches", "all in [cn-shanghai-a]"),
                bad("mesh VPC in one zone only", s -> s.with("mesh.vswitches[1].zone", "cn-hangzhou-a"), "asm-dr:mesh.vswitches", "all in [cn-hangzhou-a]"),
                bad("cluster name used twice", s -> s.with("regions[1].cluster.name", "ack-0"), "asm-dr:regions[1].cluster.name", "ack-0"),
                bad("node pool without nodes", s -> s.with("regions[0].cluster.nodePool.size", 0), "asm-dr:regions[0].cluster.nodePool.size", "= 0"),
                bad("no cross-region bandwidth", s -> s.with("cen.crossRegionBandwidthMbps", 0), "asm-dr:cen.crossRegionBandwidthMbps", "= 0"),
                bad("unknown network plugin", s -> s.with("regions[0].cluster.network", "calico"), "asm-dr:regions[0].cluster.network", "calico"),
                bad("missing Service CIDR", s -> s.without("regions[1].cluster.serviceCidr"), "asm-dr:regions[1].cluster.serviceCidr", "(not set)"),
                bad("nodes without a login", s -> s.without("regions[0].cluster.nodePool.keyPair"), "asm-dr:regions[0].cluster.nodePool.keyPair", "asm-dr:nodePassword"),
                bad("key pair and password both set", s -> s.withSecret("nodePassword", "s3cret-Pass"), "asm-dr:regions[0].cluster.nodePool.keyPair", "together with the secret"),
                bad("Terway with a Pod CIDR", s -> s.with("regions[0].cluster.network", "terway"), "asm-dr:regions[0].cluster.podCidr", "Terway"),
                bad("Terway without Pod vSwitches", s -> s.with("regions[0].cluster.network", "terway").without("regions[0].cluster.podCidr"), "asm-dr:regions[0].cluster.podVswitches", "(not set)"),
                bad("Terway Pod vSwitch in a zone without nodes", s -> s.with("regions[1].cluster.network", "terway").without("regions[1].cluster.podCidr")
                        .with("regions[1].cluster.podVswitches", java.util.List.of(Map.of("name", "pods-c", "cidr", "21.2.0.0/16", "zone", "cn-shanghai-c"))),
                        "asm-dr:regions[1].cluster.podVswitches[0].zone", "cn-shanghai-c"),
                bad("kubeconfig lifetime out of range", s -> s.with("kubeconfigTtlMinutes", 5), "asm-dr:kubeconfigTtlMinutes", "= 5"),
                bad("regions not a list", s -> s.with("regions", "cn-hangzhou"), "asm-dr:regions", "must be a list"));
    }

    static Stream<Arguments> meshAndTrafficCases() {
        return Stream.of(
                bad("weights not adding up to 100", s -> s.with("traffic.distribute[0].to", orderedWeights("cn-hangzhou", 80, "cn-shanghai", 10)), "asm-dr:traffic.distribute[0].to", "add up to 90"),
                bad("weight for an unknown region", s -> s.with("traffic.distribute[0].to", orderedWeights("cn-hangzhou", 90, "cn-beijing", 10)), "asm-dr:traffic.distribute[0].to.cn-beijing", "not configured"),
                bad("weight of zero", s -> s.with("traffic.distribute[0].to", orderedWeights("cn-hangzhou", 100, "cn-shanghai", 0)), "asm-dr:traffic.distribute[0].to.cn-shanghai", "from 1 to 100"),
                bad("distribute from an unknown region", s -> s.with("traffic.distribute[0].from", "cn-beijing"), "asm-dr:traffic.distribute[0].from", "cn-beijing"),
                bad("two distribute rules for one caller", s -> s.with("traffic.distribute[1]", Map.of("from", "cn-hangzhou", "to", Map.of("cn-hangzhou", 100))), "asm-dr:traffic.distribute[1].from", "Istio would silently use only the first"),
                bad("failover to itself", s -> s.with("traffic.failover[0].to", "cn-hangzhou"), "asm-dr:traffic.failover[0].to", "fails over to itself"),
                bad("failover to an unknown region", s -> s.with("traffic.failover[1].to", "cn-beijing"), "asm-dr:traffic.failover[1].to", "cn-beijing"),
                bad("failover from an unknown region", s -> s.with("traffic.failover[1].from", "cn-wuhan"), "asm-dr:traffic.failover[1].from", "cn-wuhan"),
                bad("duplicated failover", s -> s.with("traffic.failover[1]", Map.of("from", "cn-hangzhou", "to", "cn-shanghai")), "asm-dr:traffic.failover[1].from", "already fails over"),
                bad("distribute and failover both active", s -> s.without("traffic.mode"), "asm-dr:traffic.mode", "both distribute and failover"),
                bad("unknown mode", s -> s.with("traffic.mode", "both"), "asm-dr:traffic.mode", "both"),
                bad("failover without outlier detection", s -> s.with("traffic.mode", "failover").without("traffic.outlierDetection"), "asm-dr:traffic.outlierDetection", "silently ignores"),
                bad("failover mode without failover rules", s -> s.with("traffic.mode", "failover").without("traffic.failover"), "asm-dr:traffic.mode", "no failover rules"),
                bad("reviews version outside v1-v3", s -> s.with("regions[1].bookinfo.reviews", "v4"), "asm-dr:regions[1].bookinfo.reviews", "v4"),
                bad("gateway on an unknown cluster", s -> s.with("mesh.ingressGateway.cluster", "ack-9"), "asm-dr:mesh.ingressGateway.cluster", "ack-9"),
                bad("interval not a duration", s -> s.with("traffic.outlierDetection.interval", "1 sec"), "asm-dr:traffic.outlierDetection.interval", "1 sec"),
                bad("ejection time in words", s -> s.with("traffic.outlierDetection.baseEjectionTime", "1min"), "asm-dr:traffic.outlierDetection.baseEjectionTime", "1min"),
                bad("outlier detection disabled", s -> s.with("traffic.outlierDetection.consecutive5xxErrors", 0), "asm-dr:traffic.outlierDetection.consecutive5xxErrors", "= 0"),
                bad("CR aggregation on the Default edition", s -> s.with("mesh.edition", "Default"), "asm-dr:mesh.clusterSpec", "Default/enterprise"),
                bad("invalid namespace", s -> s.with("app", Map.of("namespace", "Book_Info")), "asm-dr:app.namespace", "Book_Info"),
                bad("unknown gateway Service type", s -> s.with("mesh.ingressGateway.serviceType", "Ingress"), "asm-dr:mesh.ingressGateway.serviceType", "Ingress"),
                bad("unknown Istio API access", s -> s.with("mesh.istioApi", "kubectl"), "asm-dr:mesh.istioApi", "kubectl"));
    }

    private static Arguments bad(String rule, UnaryOperator<TestStacks> breakIt, String key, String shows) {
        return Arguments.of(rule, breakIt, key, shows);
    }

    @Test
    void theBaseStackIsValid() {
        var spec = base().load();
        assertEquals(2, spec.regions().size());
        assertEquals(TrafficSpec.Mode.DISTRIBUTE, spec.traffic().mode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"foundationCases", "meshAndTrafficCases"})
    void rejectsWithKeyValueAndFix(String rule, UnaryOperator<TestStacks> breakIt, String key, String shows) {
        var e = assertThrows(SpecException.class, () -> breakIt.apply(base()).load(), rule);
        var problem = e.problems().stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(rule + ": no problem for " + key + " in\n" + e.getMessage()));
        assertTrue(problem.toString().contains(shows), rule + ": expected '" + shows + "' in: " + problem);
        assertTrue(!problem.fix().isBlank() && !problem.conflict().isBlank(), rule + ": " + problem);
        assertTrue(e.getMessage().contains(key), "the message names the key");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        var e = assertThrows(SpecException.class, () -> base()
                .with("regions[0].cluster.nodePool.size", 0)
                .with("cen.crossRegionBandwidthMbps", -1)
                .with("regions[1].bookinfo.reviews", "v9")
                .load());
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void countsAsFoundationAndMeshRulesTheIssuesAskFor() {
        assertTrue(foundationCases().count() >= 15);
        assertTrue(meshAndTrafficCases().count() >= 12);
    }
}
