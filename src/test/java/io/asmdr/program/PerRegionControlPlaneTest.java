package io.asmdr.program;

import io.asmdr.config.ControlPlane;
import io.asmdr.engine.InProcessEngine;
import io.asmdr.plan.Plan;
import io.asmdr.plan.PlannedResource;
import io.asmdr.support.TestStacks;
import io.asmdr.validation.SpecException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.asmdr.support.Types.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code asm-dr:mesh.controlPlane: perRegion} (ASM's multi-master control plane), as prod ships it: one
 * ASM instance per region, in that region's cluster VPC, joining exactly that cluster; each gateway
 * created by the instance that owns its cluster; the Istio routing on every instance; Bookinfo joined
 * to its own region's instance. The single control plane (dev) is held unchanged by SafeToRunAgainTest's
 * URN snapshot and RealPreviewAgreementTest.
 */
class PerRegionControlPlaneTest {
    static final List<String> PROD_REGIONS = List.of("cn-beijing", "cn-hangzhou", "cn-shanghai");
    static Plan prod;

    @BeforeAll
    static void synthProd() {
        var run = TestStacks.file("stacks/Pulumi.prod.yaml").run("prod");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        prod = run.plan();
    }

    static PlannedResource instance(String region) {
        return prod.ofType(ASM).stream().filter(m -> m.name().equals("mesh-" + region)).findFirst()
                .orElseThrow(() -> new AssertionError("no ASM instance mesh-" + region + " in " + prod.ofType(ASM).stream().map(PlannedResource::name).toList()));
    }

    static PlannedResource kubernetesProvider(String region) {
        return prod.named(K8S, region + "-k8s");
    }

    @Test
    void prodDeclaresOneInstancePerRegionEachJoiningExactlyItsCluster() {
        assertEquals(3, prod.count(ASM));
        var versions = new TreeSet<String>();
        for (var region : PROD_REGIONS) {
            var asm = instance(region);
            assertEquals("asm-dr-prod-" + region, asm.input("serviceMeshName"));
            var cluster = prod.ofType(ACK).stream().filter(c -> c.name().equals(region + "-ack")).findFirst().orElseThrow();
            assertEquals(List.of("c-sim-" + region + "-ack"), asm.input("clusterIds"), region + " joins only its own cluster");
            assertTrue(prod.dependsOn(asm, cluster));
            assertTrue(asm.providerUrn().endsWith("::alicloud-" + region), "managed through its own region's provider: " + asm.providerUrn());
            // in the region's cluster VPC, as the multi-master guide pairs each cluster with its instance
            var vpc = prod.ofType(VPC).stream().filter(v -> v.name().equals(region + "-vpc")).findFirst().orElseThrow();
            assertTrue(prod.dependsOn(asm, vpc), region + "'s instance lives in its cluster's VPC");
            assertEquals("Pro", asm.input("edition"));
            assertEquals("enterprise", asm.input("clusterSpec"));
            assertEquals(true, asm.input("meshConfig.enableLocalityLb"));
            assertEquals(true, asm.input("extraConfiguration.crAggregationEnabled"));
            assertTrue(asm.protect(), "prod protects every instance");
            versions.add(String.valueOf(asm.input("version")));
        }
        assertEquals(1, versions.size(), "every instance runs the pinned version: " + versions);
    }

    @Test
    void thereIsNoMeshVpc() {
        assertEquals(3, prod.count(VPC), "the three cluster VPCs, no mesh VPC");
        assertTrue(prod.ofType(VPC).stream().noneMatch(v -> v.name().contains("-mesh")));
        assertTrue(prod.ofType(VSW).stream().noneMatch(v -> v.name().contains("-mesh")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachGatewayIsCreatedByTheInstanceThatOwnsItsCluster() {
        var gateways = prod.ofType(ISTIO_GATEWAY);
        assertEquals(2, gateways.size(), "Hangzhou's and Shanghai's; Beijing runs none");
        for (var region : List.of("cn-hangzhou", "cn-shanghai")) {
            var gw = gateways.stream().filter(g -> g.name().equals("ingressgateway-" + region)).findFirst().orElseThrow();
            assertEquals(List.of("c-sim-" + region + "-ack"), ((Map<String, Object>) gw.input("spec")).get("clusterIds"));
            assertEquals(kubernetesProvider(region).urn(), gw.providerUrn(), "through its own cluster (CR aggregation)");
            assertTrue(prod.dependsOn(gw, instance(region)));
            assertEquals(2L, ((Map<String, Object>) gw.input("spec")).get("replicaCount"));
        }
    }

    @Test
    void everyInstanceHoldsTheSameRoutingThroughItsOwnCluster() {
        assertEquals(3, prod.count(GATEWAY));
        assertEquals(3, prod.count(VS));
        assertEquals(12, prod.count(DR));
        for (var region : PROD_REGIONS) {
            var provider = kubernetesProvider(region).urn();
            var routing = prod.resources().stream()
                    .filter(r -> r.type().startsWith("kubernetes:networking.istio.io/") && r.providerUrn().equals(provider)).toList();
            assertEquals(Set.of("gateway-bookinfo-gateway-" + region, "virtualservice-bookinfo-" + region, "destinationrule-productpage-" + region,
                    "destinationrule-reviews-" + region, "destinationrule-ratings-" + region, "destinationrule-details-" + region),
                    routing.stream().map(PlannedResource::name).collect(Collectors.toSet()));
            routing.forEach(r -> assertTrue(prod.dependsOn(r, instance(region)), r.name() + " waits for its own instance"));
        }
        // the same policy everywhere: every DestinationRule of a host carries the same spec
        var byHost = prod.ofType(DR).stream().collect(Collectors.groupingBy(r -> String.valueOf(r.input("metadata.name")),
                Collectors.mapping(r -> r.input("spec"), Collectors.toSet())));
        byHost.forEach((host, specs) -> assertEquals(1, specs.size(), host + " differs between instances"));
    }

    @Test
    void bookinfoJoinsTheInstanceOfItsOwnRegion() {
        for (var region : PROD_REGIONS) {
            var deployments = prod.ofType(DEPLOYMENT).stream().filter(d -> d.providerUrn().equals(kubernetesProvider(region).urn())).toList();
            assertEquals(4, deployments.size());
            for (var d : deployments) {
                assertTrue(prod.dependsOn(d, instance(region)), d.name() + " starts only once its cluster is in its own mesh");
                for (var other : PROD_REGIONS) {
                    if (!other.equals(region)) {
                        assertFalse(prod.dependsOn(d, instance(other)), d.name() + " must not wait for " + other + "'s instance");
                    }
                }
            }
        }
    }

    @Test
    void outputsNameEveryInstanceByRegion() {
        var run = TestStacks.file("stacks/Pulumi.prod.yaml").run("prod");
        var outputs = run.result().outputs();
        for (var region : PROD_REGIONS) {
            assertTrue(outputs.containsKey("meshId/" + region), outputs.keySet().toString());
            assertTrue(outputs.containsKey("asmKubeconfig/" + region), outputs.keySet().toString());
        }
        assertTrue(outputs.containsKey("meshId") && outputs.containsKey("asmKubeconfig"), "the home region's, under the old names");
    }

    @Test
    void controlPlaneRegionsPerMode() {
        var perRegion = TestStacks.file("stacks/Pulumi.prod.yaml").load();
        assertEquals(ControlPlane.PER_REGION, perRegion.mesh().controlPlane());
        assertEquals(PROD_REGIONS, perRegion.controlPlaneRegions());
        PROD_REGIONS.forEach(r -> assertEquals(r, perRegion.controlPlaneRegionOf(r)));
        assertEquals("cn-hangzhou", perRegion.homeRegion(), "the primary gateway's region");
        assertEquals(PROD_REGIONS, perRegion.backboneRegions());

        var single = TestStacks.file("Pulumi.dev.yaml").load();
        assertEquals(ControlPlane.SINGLE, single.mesh().controlPlane());
        assertEquals(List.of("cn-hangzhou"), single.controlPlaneRegions());
        assertEquals("cn-hangzhou", single.controlPlaneRegionOf("cn-shanghai"));
        assertEquals("cn-hangzhou", single.homeRegion());
    }

    @Test
    void aMeshVpcUnderPerRegionIsRefusedKeyByKey() {
        var e = assertThrows(SpecException.class, () -> TestStacks.file("Pulumi.dev.yaml").with("mesh.controlPlane", "perRegion").load());
        for (var key : List.of("asm-dr:mesh.region", "asm-dr:mesh.vpc", "asm-dr:mesh.vswitches")) {
            var p = e.problems().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError(key + ": " + e.getMessage()));
            assertTrue(p.conflict().contains("its own cluster's VPC"), p.toString());
            assertTrue(p.fix().contains("delete asm-dr:mesh.region") && p.fix().contains("single"), p.toString());
        }
        assertEquals(3, e.problems().size(), "one problem per key and nothing else: " + e.getMessage());
    }

    @Test
    void aPerRegionGatewayNeedsItsClusterNamed() {
        var e = assertThrows(SpecException.class, () -> TestStacks.file("Pulumi.dev.yaml")
                .without("mesh.region").without("mesh.vpc").without("mesh.vswitches").with("mesh.controlPlane", "perRegion")
                .with("mesh.ingressGateway", Map.of("replicas", 1)).load());
        var p = e.problems().stream().filter(x -> x.key().equals("asm-dr:mesh.ingressGateway.cluster")).findFirst()
                .orElseThrow(() -> new AssertionError(e.getMessage()));
        assertTrue(p.conflict().contains("no mesh region"), p.toString());
        // and with it named, dev becomes a valid two-instance stack
        var spec = TestStacks.file("Pulumi.dev.yaml").without("mesh.region").without("mesh.vpc").without("mesh.vswitches")
                .with("mesh.controlPlane", "perRegion").load();
        assertEquals(List.of("cn-hangzhou", "cn-shanghai"), spec.controlPlaneRegions());
    }

    @Test
    void anUnknownControlPlaneAndAnOverlongInstanceNameAreRefused() {
        var unknown = assertThrows(SpecException.class, () -> TestStacks.file("Pulumi.dev.yaml").with("mesh.controlPlane", "multiMaster").load());
        var p = unknown.problems().stream().filter(x -> x.key().equals("asm-dr:mesh.controlPlane")).findFirst()
                .orElseThrow(() -> new AssertionError(unknown.getMessage()));
        assertEquals("multiMaster", p.value());
        assertTrue(p.fix().contains("single or perRegion"), p.toString());

        var name = "m".repeat(55); // valid alone (63 at most), too long once -cn-hangzhou is appended
        var tooLong = assertThrows(SpecException.class, () -> TestStacks.file("stacks/Pulumi.prod.yaml").with("mesh.name", name).load());
        var n = tooLong.problems().stream().filter(x -> x.key().equals("asm-dr:mesh.name")).toList();
        assertEquals(3, n.size(), "one per instance whose name is too long: " + tooLong.getMessage());
        assertTrue(n.get(0).conflict().contains(name + "-cn-"), n.get(0).toString());
    }

    @Test
    void withHangzhouDownAChangeGoesThroughTheOtherControlPlanesAndAsksHangzhouNothing() {
        // the region that hosted prod's only ASM instance: per region, a change to Shanghai's mesh (one more reviews
        // replica) still goes through Shanghai's own instance while every call to Hangzhou fails
        var stack = TestStacks.file("stacks/Pulumi.prod.yaml").with("regions[1].bookinfo.reviewsReplicas", 3)
                .with("unavailableRegions", List.of("cn-hangzhou"));
        var run = InProcessEngine.runWithDeadRegions("prod", stack.config(), stack.secretKeys(), stack.facts(), Set.of("cn-hangzhou"));
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        assertEquals(List.of(), run.plan().invokes().stream().filter(i -> i.provider().contains("alicloud-cn-hangzhou")).toList(),
                "no call to Hangzhou");
        assertEquals(3, run.plan().count(ASM), "Hangzhou's instance stays declared, unchanged");
    }
}
