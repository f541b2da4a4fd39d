package io.asmdr.synth;

import io.asmdr.engine.InProcessEngine;
import io.asmdr.engine.Wire;
import io.asmdr.plan.Plan;
import io.asmdr.plan.PlannedInvoke;
import io.asmdr.plan.PlannedResource;
import io.asmdr.support.TestStacks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.asmdr.support.Types.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network, backbone and cluster layers of the real program under the simulated cloud. */
class FoundationGraphTest {
    static final String ZONES = "alicloud:cen/getTransitRouterAvailableResources:getTransitRouterAvailableResources";
    static Plan dev;

    @BeforeAll
    static void synthDev() {
        dev = TestStacks.devPlan();
    }

    @Test
    void devHoldsTheTutorialNetworkPlan() {
        assertEquals(3, dev.count(VPC));
        var vpcs = dev.ofType(VPC).stream().collect(Collectors.toMap(r -> (String) r.input("vpcName"), r -> r.input("cidrBlock")));
        assertEquals("20.0.0.0/8", vpcs.get("vpc-hangzhou"));
        assertEquals("21.0.0.0/8", vpcs.get("vpc-shanghai"));
        assertEquals("192.168.0.0/16", vpcs.get("vpc-hangzhou2"));
        assertEquals("20.0.0.0/16", dev.named(VSW, "cn-hangzhou-vsw-20.0.0.0-16").input("cidrBlock"));
        assertEquals("21.0.0.0/16", dev.named(VSW, "cn-shanghai-vsw-21.0.0.0-16").input("cidrBlock"));
        assertEquals("192.168.0.0/24", dev.named(VSW, "cn-hangzhou-mesh-vsw-192.168.0.0-24").input("cidrBlock"));
        // two zones behind every VPC
        for (var vpc : dev.ofType(VPC)) {
            var zones = dev.ofType(VSW).stream().filter(s -> s.parent().equals(vpc.parent()))
                    .map(s -> s.input("zoneId")).collect(Collectors.toSet());
            assertTrue(zones.size() >= 2, vpc.name() + " zones " + zones);
        }
    }

    @Test
    void devHoldsTheBackboneTheTutorialNeeds() {
        assertEquals(1, dev.count(CEN));
        assertEquals(2, dev.count(TR));
        assertEquals(3, dev.count(VPC_ATT));
        assertEquals(1, dev.count(PEER));
        assertEquals(5, dev.count(ASSOC));
        assertEquals(5, dev.count(PROP));
        assertEquals(4, dev.count(ROUTE));
        assertEquals(10, dev.count(VPC_ROUTE), "3 VPCs x 2 other VPCs + 4 remote Flannel Pod CIDRs");
        var peer = dev.ofType(PEER).get(0);
        assertEquals("DataTransfer", peer.input("bandwidthType"));
        assertEquals(10L, peer.input("bandwidth"));
        assertEquals("cn-shanghai", peer.input("peerTransitRouterRegionId"));
        for (var att : dev.ofType(VPC_ATT)) {
            assertEquals(2, ((List<?>) att.input("zoneMappings")).size(), att.name());
            assertEquals(false, att.input("autoPublishRouteEnabled"), "VPC routes are explicit RouteEntry resources");
        }
        var podRoutes = dev.ofType(ROUTE).stream().map(r -> r.input("transitRouterRouteEntryDestinationCidrBlock")).collect(Collectors.toList());
        assertEquals(2, podRoutes.stream().filter("10.0.0.0/16"::equals).count());
        assertEquals(2, podRoutes.stream().filter("10.1.0.0/16"::equals).count());
    }

    @Test
    void devHoldsTwoClustersWithTheTutorialAddresses() {
        assertEquals(2, dev.count(ACK));
        assertTrue(dev.count(POOL) >= 2);
        var hz = dev.named(ACK, "cn-hangzhou-ack");
        assertEquals("10.0.0.0/16", hz.input("podCidr"));
        assertEquals("172.16.0.0/16", hz.input("serviceCidr"));
        assertEquals(true, hz.input("slbInternetEnabled"));
        assertEquals("flannel", ((Map<?, ?>) ((List<?>) hz.input("addons")).get(0)).get("name"));
        var sh = dev.named(ACK, "cn-shanghai-ack");
        assertEquals("10.1.0.0/16", sh.input("podCidr"));
        assertEquals("172.17.0.0/16", sh.input("serviceCidr"));
        assertEquals(false, sh.input("deletionProtection"));
    }

    @Test
    void peeringRulesAdmitThePeersPodCidrOneEachWay() {
        assertEquals(2, dev.count(RULE));
        assertEquals("10.1.0.0/16", dev.named(RULE, "cn-hangzhou-ack-from-10.1.0.0-16").input("cidrIp"));
        assertEquals("10.0.0.0/16", dev.named(RULE, "cn-shanghai-ack-from-10.0.0.0-16").input("cidrIp"));
        for (var rule : dev.ofType(RULE)) {
            assertEquals("all", rule.input("ipProtocol"));
            assertEquals("-1/-1", rule.input("portRange"));
            assertEquals("ingress", rule.input("type"));
        }
    }

    @Test
    void kubeconfigsStaySecret() {
        assertEquals(2, dev.count(K8S));
        for (var p : dev.ofType(K8S)) {
            assertEquals(Wire.SECRET, p.input("kubeconfig"));
        }
        assertFalse(dev.toPreviewJson().contains("simulated-by-asm-dr-synth"), "no kubeconfig text in the plan");
    }

    @Test
    void everyCloudResourceUsesTheProviderOfItsRegion() {
        var regionOf = dev.ofType(ALI).stream().collect(Collectors.toMap(PlannedResource::urn, p -> (String) p.input("region")));
        assertEquals(Set.of("cn-hangzhou", "cn-shanghai"), Set.copyOf(regionOf.values()));
        for (var r : dev.resources()) {
            if (r.type().startsWith("alicloud:")) {
                assertTrue(regionOf.containsKey(r.providerUrn()), r.urn() + " has no explicit regional provider");
            }
        }
        assertEquals("cn-shanghai", regionOf.get(dev.named(ACK, "cn-shanghai-ack").providerUrn()));
        assertEquals("cn-shanghai", regionOf.get(dev.named(TR, "cn-shanghai-router").providerUrn()));
        assertEquals("cn-shanghai", regionOf.get(dev.named(RULE, "cn-shanghai-ack-from-10.0.0.0-16").providerUrn()));
        // invokes are regional too
        for (var invoke : dev.invokes()) {
            assertTrue(regionOf.containsKey(invoke.provider().replaceAll("::[^:]*$", "")), invoke.token() + " without a regional provider");
        }
    }

    @Test
    void clustersDoNotWaitForTheBackbone() {
        var backbone = dev.resources().stream().filter(r -> r.type().startsWith("alicloud:cen/")).toList();
        assertFalse(backbone.isEmpty());
        for (var type : List.of(ACK, POOL, RULE, K8S)) {
            for (var clusterSide : dev.ofType(type)) {
                for (var cen : backbone) {
                    assertFalse(dev.dependsOn(clusterSide, cen), clusterSide.name() + " waits for " + cen.name());
                }
            }
        }
        for (var cen : backbone) {
            for (var ack : dev.ofType(ACK)) {
                assertFalse(dev.dependsOn(cen, ack), cen.name() + " waits for " + ack.name());
            }
        }
    }

    @Test
    void theImportantEdgesAreThere() {
        var hz = dev.named(ACK, "cn-hangzhou-ack");
        var rule = dev.named(RULE, "cn-hangzhou-ack-from-10.1.0.0-16");
        assertEquals(List.of(hz.urn()), rule.dependencies(), "a peering rule waits only for the security group it writes to");
        assertTrue(dev.dependsOn(dev.named(POOL, "cn-hangzhou-ack-workers"), hz));
        assertTrue(dev.dependsOn(dev.named(K8S, "cn-hangzhou-k8s"), dev.named(POOL, "cn-hangzhou-ack-workers")), "workloads wait for nodes");
        assertTrue(dev.dependsOn(hz, dev.named(VSW, "cn-hangzhou-vsw-20.0.0.0-16")));
        assertTrue(dev.dependsOn(dev.named(VPC_ATT, "cn-hangzhou-attachment"), dev.named(VSW, "cn-hangzhou-vsw-20.1.0.0-24")));
        assertTrue(dev.dependsOn(dev.named(ROUTE, "cn-shanghai-pods-via-cn-hangzhou"), dev.named(PEER, "cn-hangzhou-to-cn-shanghai")));
        assertTrue(dev.dependsOn(dev.named(ROUTE, "cn-hangzhou-pods-via-cn-hangzhou"), dev.named(VPC_ATT, "cn-hangzhou-attachment")));
        assertTrue(dev.dependsOn(dev.named(ASSOC, "cn-hangzhou-to-cn-shanghai-assoc-cn-shanghai"), dev.named(TR, "cn-shanghai-router")));
        // the two clusters are independent of each other
        assertFalse(dev.dependsOn(hz, dev.named(ACK, "cn-shanghai-ack")));
        assertFalse(dev.dependsOn(dev.named(ACK, "cn-shanghai-ack"), hz));
    }

    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {2, 3, 4, 5})
    void backboneScalesWithTheNumberOfRegions(int n) {
        var run = TestStacks.flannel(n).run("n" + n);
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var plan = run.plan();
        assertEquals(n * (n - 1) / 2, plan.count(PEER), "peer attachments");
        assertEquals(n * (n - 1), plan.count(RULE), "peering rules");
        assertEquals((n + 1) + n * (n - 1), plan.count(ASSOC), "associations");
        assertEquals((n + 1) + n * (n - 1), plan.count(PROP), "propagations");
        assertEquals(n * n, plan.count(ROUTE), "static Pod routes");
        // every VPC (N + mesh) to every other VPC, and to every other cluster's Flannel Pod CIDR
        assertEquals(n * (n + 1) + n * n, plan.count(VPC_ROUTE), "VPC routes");
        assertEquals(n, plan.count(TR));
        assertEquals(n + 1, plan.count(VPC_ATT));
        assertEquals(n, plan.count(ACK));
        assertEquals(n, plan.count(K8S));
    }

    @Test
    void prodHasThreeRegionsOfPeeringAndProtection() {
        var run = TestStacks.file("stacks/Pulumi.prod.yaml").run("prod");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var plan = run.plan();
        assertEquals(3, plan.count(PEER));
        assertEquals(3 * 2 * 4, plan.count(RULE), "each cluster admits the 2 node and 2 Pod vSwitches of each of its 2 peers");
        assertEquals(3, plan.count(ACK));
        for (var ack : plan.ofType(ACK)) {
            assertEquals(true, ack.input("deletionProtection"));
            assertEquals("terway-eniip", ((Map<?, ?>) ((List<?>) ack.input("addons")).get(0)).get("name"), "prod runs Terway");
            assertEquals(null, ack.input("podCidr"));
        }
        assertEquals(0, plan.count(ROUTE), "no static Pod route through a peering: Terway's Pod vSwitches are learned");
        assertEquals(3 * 2, plan.count(VPC_ROUTE), "3 cluster VPCs (no mesh VPC: one control plane per region), each to the 2 others");
    }

    @Test
    void terwayStagingAdmitsVswitchCidrsAndNeedsNoPodRoutes() {
        var run = TestStacks.file("stacks/Pulumi.staging.yaml").run("staging");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var plan = run.plan();
        assertEquals(0, plan.count(ROUTE));
        var hz = plan.named(ACK, "cn-hangzhou-ack");
        assertEquals(null, hz.input("podCidr"));
        assertEquals(2, ((List<?>) hz.input("podVswitchIds")).size());
        assertEquals("terway-eniip", ((Map<?, ?>) ((List<?>) hz.input("addons")).get(0)).get("name"));
        var sources = plan.ofType(RULE).stream().filter(r -> r.name().startsWith("cn-hangzhou-ack-from-"))
                .map(r -> r.input("cidrIp")).collect(Collectors.toSet());
        assertEquals(Set.of("31.0.0.0/20", "31.0.16.0/20", "31.1.0.0/18", "31.1.64.0/18"), sources);
    }

    @Test
    void aNodePasswordIsSentAsASecret() {
        var run = TestStacks.flannel(2).without("regions[0].cluster.nodePool.keyPair").without("regions[1].cluster.nodePool.keyPair")
                .withSecret("nodePassword", "Sup3r-Secret!").run("pw");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        for (var pool : run.plan().ofType(POOL)) {
            assertEquals(Wire.SECRET, pool.input("password"));
        }
        assertFalse(run.plan().toPreviewJson().contains("Sup3r-Secret!"));
    }

    @Test
    void stackCredentialsReachEveryRegionalProviderAsSecrets() {
        var config = new LinkedHashMap<>(TestStacks.flannel(2).config());
        config.put("alicloud:accessKey", "LTAI-test-id");
        config.put("alicloud:secretKey", "very-secret-key");
        var run = InProcessEngine.runProgram("creds", config, Set.of("alicloud:accessKey", "alicloud:secretKey"), false, TestStacks.flannel(2).facts());
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        for (var p : run.plan().ofType(ALI)) {
            assertEquals(Wire.SECRET, p.input("accessKey"));
            assertEquals(Wire.SECRET, p.input("secretKey"));
        }
        var json = run.plan().toPreviewJson();
        assertFalse(json.contains("very-secret-key") || json.contains("LTAI-test-id"));
    }

    @ParameterizedTest(name = "N = {0}, {0}/2 Terway")
    @ValueSource(ints = {2, 3, 4, 5})
    void vpcRoutesCoverEveryRemoteVpcAndFlannelPodCidrWithMixedPlugins(int n) {
        var stacks = TestStacks.flannel(n);
        int terway = n / 2;
        for (int i = 0; i < terway; i++) {
            var region = TestStacks.REGIONS.get(i);
            stacks.with("regions[" + i + "].cluster.network", "terway").without("regions[" + i + "].cluster.podCidr")
                    .with("regions[" + i + "].cluster.podVswitches", List.of(Map.of("name", "pods-" + i, "cidr", (20 + i) + ".2.0.0/16", "zone", TestStacks.zones(region).get(0))));
        }
        var run = stacks.run("mixed" + n);
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var plan = run.plan();
        int flannel = n - terway;
        // each of the N+1 VPCs reaches the N others, plus the Flannel Pod CIDRs that are not its own
        assertEquals((n + 1) * n + (n + 1) * flannel - flannel, plan.count(VPC_ROUTE));
        assertEquals(flannel * n, plan.count(ROUTE), "static Pod routes only for Flannel");
        var asm = plan.ofType("alicloud:servicemesh/serviceMesh:ServiceMesh").get(0);
        for (var route : plan.ofType(VPC_ROUTE)) {
            assertEquals("Attachment", route.input("nexthopType"));
            assertTrue(plan.dependsOn(asm, route), "ASM waits for " + route.name());
            // the route waits for its own attachment's association and propagation
            var network = route.name().substring(0, route.name().indexOf("-to-"));
            for (var type : List.of(ASSOC, PROP)) {
                var own = plan.ofType(type).stream().filter(a -> a.name().startsWith(network + "-attachment-")).toList();
                assertEquals(1, own.size(), network + " " + type);
                assertTrue(route.dependencies().contains(own.get(0).urn()), route.name() + " waits for " + own.get(0).name());
            }
        }
    }

    @Test
    void previewWithUnknownOutputsRegistersTheSameGraph() {
        var stacks = TestStacks.file("Pulumi.dev.yaml");
        var preview = InProcessEngine.runProgram("dev", stacks.config(), stacks.secretKeys(), true, stacks.facts());
        assertTrue(preview.succeeded(), () -> preview.result().exceptions().toString());
        var plan = preview.plan();
        assertEquals(dev.resources().stream().map(PlannedResource::urn).sorted().toList(),
                plan.resources().stream().map(PlannedResource::urn).sorted().toList());
        for (var r : dev.resources()) {
            var p = plan.byUrn(r.urn());
            // the edges of outputs a real first preview leaves out are missing (RealPreviewAgreementTest holds them to the
            // real engine's); no edge is added
            assertTrue(r.dependencies().containsAll(p.dependencies()), r.urn());
            assertEquals(r.providerUrn(), p.providerUrn(), r.urn());
            assertEquals(r.options().protect(), p.options().protect(), r.urn());
            assertEquals(r.options().ignoreChanges(), p.options().ignoreChanges(), r.urn());
        }
        // nothing exists yet: ids and computed outputs are unknown, shown as the preview JSON shows them
        var vsw = plan.named(VSW, "cn-hangzhou-vsw-20.0.0.0-16");
        assertEquals(Wire.UNKNOWN, vsw.input("vpcId"));
        assertEquals("04da6b54-80e4-46f7-96ec-b56ff0331ba9", Wire.UNKNOWN, "pkg/resource/stack/deployment.go computedValuePlaceholder");
        assertEquals(Wire.UNKNOWN, plan.named(RULE, "cn-hangzhou-ack-from-10.1.0.0-16").input("securityGroupId"));
        assertTrue(plan.toPreviewJson().contains(Wire.UNKNOWN));
        assertFalse(plan.toPreviewJson().contains("-sim-"), "a first preview knows no cloud id");
        // invokes whose inputs are unknown do not run; those with known inputs do: the zone questions
        // (one per region, asked before anything registers) and the ASM version list
        var tokens = plan.invokes().stream().map(PlannedInvoke::token).toList();
        assertEquals(List.of(ZONES, ZONES, "alicloud:servicemesh/getVersions:getVersions"), tokens);
        assertEquals(7, dev.invokes().size(), "an up runs them all: 2 zone lists, 2 route tables, 2 credentials, 1 version list");
    }

    @Test
    void invalidConfigRegistersNothing() {
        var run = TestStacks.flannel(2).with("regions[1].cluster.podCidr", "10.0.0.0/16").run("bad");
        assertFalse(run.succeeded());
        assertTrue(run.result().exceptions().stream().anyMatch(e -> e.getMessage().contains("asm-dr:regions[1].cluster.podCidr")),
                run.result().exceptions().toString());
        assertTrue(run.plan().resources().stream().allMatch(r -> r.type().equals("pulumi:pulumi:Stack")),
                "registered: " + run.plan().resources().stream().map(PlannedResource::type).toList());
    }
}
