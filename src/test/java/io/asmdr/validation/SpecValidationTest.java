package io.asmdr.validation;

import io.asmdr.config.TrafficSpec;
import io.asmdr.support.TestStacks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One case per rule: a valid two-region stack with one thing broken must fail with a message that
 * names the key, shows the value and says how to fix it.
 */
class SpecValidationTest {

    static TestStacks base() {
        return TestStacks.tutorial();
    }

    static Map<String, Integer> orderedWeights(String a, int wa, String b, int wb) {
        var m = new LinkedHashMap<String, Integer>();
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
                bad("cluster VPC in one zone only", s -> s.with("regions[1].vswitches[1].zone", "cn-shanghai-e"), "asm-dr:regions[1].vswitches", "all in [cn-shanghai-e]"),
                bad("mesh VPC in one zone only", s -> s.with("mesh.vswitches[1].zone", "cn-hangzhou-h"), "asm-dr:mesh.vswitches", "all in [cn-hangzhou-h]"),
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
                        .with("regions[1].cluster.podVswitches", List.of(Map.of("name", "pods-c", "cidr", "21.2.0.0/16", "zone", "cn-shanghai-c"))),
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

    /** What Alibaba Cloud or Kubernetes would refuse, one case per rule (CloudRules), and config that cannot be misread. */
    static Stream<Arguments> cloudAndStrictnessCases() {
        return Stream.of(
                bad("region id that does not exist", s -> s.with("regions[1].region", "cn-mars"), "asm-dr:regions[1].region", "not an Alibaba Cloud region id"),
                bad("region id with a blank", s -> s.with("regions[1].region", "cn shanghai"), "asm-dr:regions[1].region", "did you mean cn-shanghai?"),
                bad("mesh in a region that does not exist", s -> s.with("mesh.region", "cn-hangzou"), "asm-dr:mesh.region", "did you mean cn-hangzhou?"),
                bad("zone that is not region plus a letter", s -> s.with("regions[0].vswitches[0].zone", "cn-hangzhou-1"), "asm-dr:regions[0].vswitches[0].zone", "one letter"),
                bad("zone with two letters", s -> s.with("regions[0].vswitches[1].zone", "cn-hangzhou-hh"), "asm-dr:regions[0].vswitches[1].zone", "cn-hangzhou-hh"),
                bad("VPC name too long", s -> s.with("regions[0].vpc.name", "v".repeat(118)), "asm-dr:regions[0].vpc.name", "118 characters"),
                bad("VPC name starting with http://", s -> s.with("regions[0].vpc.name", "http://vpc"), "asm-dr:regions[0].vpc.name", "http://"),
                bad("vSwitch name with a slash", s -> s.with("mesh.vswitches[0].name", "a/b"), "asm-dr:mesh.vswitches[0].name", "'/'"),
                bad("cluster name with '::'", s -> s.with("regions[0].cluster.name", "ack::hz"), "asm-dr:regions[0].cluster.name", "letters, digits and '-'"),
                bad("cluster name that is a path", s -> s.with("regions[0].cluster.name", "../x"), "asm-dr:regions[0].cluster.name", "../x"),
                bad("cluster name starting with '-'", s -> s.with("regions[0].cluster.name", "-ack"), "asm-dr:regions[0].cluster.name", "not starting with '-'"),
                bad("cluster name too long for its node pool", s -> s.with("regions[0].cluster.name", "a".repeat(56)), "asm-dr:regions[0].cluster.name", "56 characters"),
                bad("ASM instance name with blanks", s -> s.with("mesh.name", "my mesh"), "asm-dr:mesh.name", "my mesh"),
                bad("CEN name starting with https://", s -> s.with("cen.name", "https://cen"), "asm-dr:cen.name", "https://"),
                bad("VPC prefix too long", s -> s.with("mesh.vpc.cidr", "192.168.0.0/29").with("mesh.vswitches[0].cidr", "192.168.0.0/29").with("mesh.vswitches[1].cidr", "192.168.0.8/29"),
                        "asm-dr:mesh.vpc.cidr", "/8 to /28"),
                bad("vSwitch prefix too short", s -> s.with("regions[0].vswitches[0].cidr", "20.0.0.0/12"), "asm-dr:regions[0].vswitches[0].cidr", "/16 to /29"),
                bad("vSwitch prefix too long", s -> s.with("regions[0].vswitches[1].cidr", "20.1.0.0/30"), "asm-dr:regions[0].vswitches[1].cidr", "/16 to /29"),
                bad("Pod CIDR smaller than one node block", s -> s.with("regions[0].cluster.podCidr", "10.0.0.0/25"), "asm-dr:regions[0].cluster.podCidr", "/8 to /24"),
                bad("Service CIDR too small", s -> s.with("regions[0].cluster.serviceCidr", "172.16.0.0/26"), "asm-dr:regions[0].cluster.serviceCidr", "/12 to /24"),
                bad("VPC in the carrier-grade NAT range", s -> s.with("mesh.vpc.cidr", "100.64.0.0/16").with("mesh.vswitches[0].cidr", "100.64.0.0/24").with("mesh.vswitches[1].cidr", "100.64.1.0/24"),
                        "asm-dr:mesh.vpc.cidr", "100.64.0.0/10"),
                bad("Pod CIDR on loopback", s -> s.with("regions[1].cluster.podCidr", "127.0.0.0/16"), "asm-dr:regions[1].cluster.podCidr", "loopback"),
                bad("Service CIDR link-local", s -> s.with("regions[1].cluster.serviceCidr", "169.254.0.0/16"), "asm-dr:regions[1].cluster.serviceCidr", "link-local"),
                bad("vSwitch in multicast", s -> s.with("regions[0].vpc.cidr", "224.0.0.0/8").with("regions[0].vswitches[0].cidr", "224.0.0.0/16").with("regions[0].vswitches[1].cidr", "224.1.0.0/24"),
                        "asm-dr:regions[0].vswitches[0].cidr", "multicast"),
                bad("node pool larger than its Pod CIDR holds", s -> s.with("regions[0].cluster.podCidr", "10.0.0.0/22").with("regions[0].cluster.nodePool.size", 5),
                        "asm-dr:regions[0].cluster.nodePool.size", "holds only 4 nodes"),
                bad("protected stack without an ACK version", s -> s.with("protect", true).with("mesh.version", "v1.24.6.71-g5497b3e6-aliyun")
                        .with("regions[0].cluster.version", "1.30.7-aliyun.1"), "asm-dr:regions[1].cluster.version", "must pin its ACK version"),
                bad("protected stack without an ASM version", s -> s.with("protect", true).with("regions[0].cluster.version", "1.30.7-aliyun.1")
                        .with("regions[1].cluster.version", "1.30.7-aliyun.1"), "asm-dr:mesh.version", "must pin its ASM version"),
                bad("ACK version in the wrong shape", s -> s.with("regions[0].cluster.version", "latest"), "asm-dr:regions[0].cluster.version", "latest"),
                bad("ASM version in the wrong shape", s -> s.with("mesh.version", "newest"), "asm-dr:mesh.version", "newest"),
                bad("no cluster in the mesh region to default the gateway to", s -> s.with("mesh.region", "cn-beijing")
                        .with("mesh.vswitches[0].zone", "cn-beijing-a").with("mesh.vswitches[1].zone", "cn-beijing-b").without("mesh.ingressGateway"),
                        "asm-dr:mesh.ingressGateway.cluster", "no cluster runs in the mesh region"),
                bad("unknown top-level key", s -> s.with("protcet", true), "asm-dr:protcet", "did you mean protect?"),
                bad("unknown traffic key", s -> s.with("trafic", Map.of("mode", "none")), "asm-dr:trafic", "did you mean traffic?"),
                bad("misspelt bandwidth", s -> s.with("cen.crossRegionBandwithMbps", 100), "asm-dr:cen.crossRegionBandwithMbps", "did you mean crossRegionBandwidthMbps?"),
                bad("misspelt replicas", s -> s.with("regions[0].bookinfo.reviewReplica", 3), "asm-dr:regions[0].bookinfo.reviewReplica", "did you mean reviewsReplicas?"),
                bad("wrong case", s -> s.with("kubeconfigTTLMinutes", 60), "asm-dr:kubeconfigTTLMinutes", "did you mean kubeconfigTtlMinutes?"),
                bad("misspelt ejection", s -> s.with("traffic.outlierDetection.maxEjectPercent", 100), "asm-dr:traffic.outlierDetection.maxEjectPercent", "did you mean maxEjectionPercent?"),
                bad("wrong case deep down", s -> s.with("regions[1].cluster.podCIDR", "10.9.0.0/16"), "asm-dr:regions[1].cluster.podCIDR", "unknown key; did you mean podCidr?"),
                bad("a key far from any known one", s -> s.with("mesh.flavour", "x"), "asm-dr:mesh.flavour", "the keys allowed here are"),
                bad("a secret where a plain value belongs", s -> s.withSecret("protect", "true"), "asm-dr:protect", "is set as a secret (secure:)"),
                bad("image registry with a scheme", s -> s.with("app", Map.of("imageRegistry", "https://registry.example.com/istio")),
                        "asm-dr:app.imageRegistry", "not an image registry path"),
                bad("a plain-text node password", s -> s.with("nodePassword", "hunter2"), "asm-dr:nodePassword", "plain text"));
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
    @MethodSource({"foundationCases", "meshAndTrafficCases", "cloudAndStrictnessCases"})
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
    void secretValuesNeverReachAMessage() {
        var e = assertThrows(SpecException.class, () -> base().withSecret("regions", "[{\"region\":\"do-not-print\"}]").load());
        assertTrue(e.getMessage().contains("asm-dr:regions = (secret)"), e.getMessage());
        assertTrue(!e.getMessage().contains("do-not-print") && !e.getMessage().contains("(not set)"), e.getMessage());
        var unknown = assertThrows(SpecException.class, () -> base().withSecret("apiToken", "do-not-print").load());
        assertTrue(unknown.getMessage().contains("asm-dr:apiToken = [secret]: unknown key"), unknown.getMessage());
        assertTrue(!unknown.getMessage().contains("do-not-print"), unknown.getMessage());
    }

    @Test
    void zonesOfRegionsWhoseIdEndsInADigitHaveNoDash() {
        var spec = base().with("regions[1].region", "ap-southeast-1")
                .with("regions[1].vswitches[0].zone", "ap-southeast-1a").with("regions[1].vswitches[1].zone", "ap-southeast-1b")
                .with("traffic.distribute[0].to", orderedWeights("cn-hangzhou", 90, "ap-southeast-1", 10))
                .with("traffic.failover[0].to", "ap-southeast-1").with("traffic.failover[1].from", "ap-southeast-1")
                .load();
        assertEquals("ap-southeast-1", spec.regions().get(0).region(), "regions are sorted by id");
        var e = assertThrows(SpecException.class, () -> base().with("regions[1].region", "ap-southeast-1")
                .with("regions[1].vswitches[0].zone", "ap-southeast-1-a").load());
        assertTrue(e.getMessage().contains("asm-dr:regions[1].vswitches[0].zone = ap-southeast-1-a"), e.getMessage());
    }

    @Test
    void distributionTakesAnOlderPinnedAsmVersion() {
        // The 1.22.6.66 floor belongs to ASM's console feature, not to the DestinationRule field we write.
        var spec = base().with("mesh.version", "v1.17.2.42-gf7619883-aliyun").load();
        assertEquals(TrafficSpec.Mode.DISTRIBUTE, spec.traffic().mode());
        assertEquals("v1.17.2.42-gf7619883-aliyun", spec.mesh().version().orElseThrow());
    }

    @Test
    void aNodePoolThatFillsItsPodCidrExactlyIsFine() {
        base().with("regions[0].cluster.podCidr", "10.0.0.0/22").with("regions[0].cluster.nodePool.size", 4).load();
    }

    @Test
    void aOneRegionStackHearsThatDrNeedsTwoRegionsTogetherWithItsOtherProblems() {
        var e = assertThrows(SpecException.class, () -> base().without("regions[1]").without("mesh").load());
        assertTrue(e.getMessage().contains("asm-dr:mesh = (not set)"), e.getMessage());
        assertTrue(e.getMessage().contains("asm-dr:regions = 1 region(s): cross-region disaster recovery needs at least two regions"), e.getMessage());
    }

    @Test
    void countsAsFoundationAndMeshRulesTheIssuesAskFor() {
        assertTrue(foundationCases().count() >= 15);
        assertTrue(meshAndTrafficCases().count() >= 12);
    }
}
