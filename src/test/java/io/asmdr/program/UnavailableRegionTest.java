package io.asmdr.program;

import io.asmdr.config.TrafficSpec;
import io.asmdr.engine.InProcessEngine;
import io.asmdr.plan.PlannedResource;
import io.asmdr.support.TestStacks;
import io.asmdr.validation.SpecException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A region down: every API call to it fails. With asm-dr:unavailableRegions naming it, the program
 * asks it nothing, keeps every one of its resources (nothing deleted), and a change elsewhere goes on.
 */
class UnavailableRegionTest {
    static final String DEAD = "cn-shanghai";

    static InProcessEngine.Run run(TestStacks stack, Set<String> dead) {
        return InProcessEngine.runWithDeadRegions("prod", stack.config(), stack.secretKeys(), stack.facts(), dead);
    }

    /** prod with a change that touches only other regions: Beijing runs one more reviews replica. */
    static TestStacks prodWithAChangeElsewhere() {
        return TestStacks.file("stacks/Pulumi.prod.yaml").with("regions[2].bookinfo.reviewsReplicas", 3);
    }

    @Test
    void withoutTheSettingADeadRegionStopsEveryChange() {
        var run = run(prodWithAChangeElsewhere(), Set.of(DEAD));
        assertFalse(run.succeeded());
        assertTrue(run.result().exceptions().toString().contains("simulated outage: cn-shanghai"), run.result().exceptions().toString());
    }

    @Test
    void withTheSettingAChangeElsewhereSucceedsAsksTheDeadRegionNothingAndKeepsItsResources() {
        var healthy = prodWithAChangeElsewhere().run("prod");
        assertTrue(healthy.succeeded());
        var run = run(prodWithAChangeElsewhere().with("unavailableRegions", List.of(DEAD)), Set.of(DEAD));
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var deadProvider = "alicloud-" + DEAD;
        assertEquals(List.of(), run.plan().invokes().stream().filter(i -> i.provider().contains(deadProvider)).toList(),
                "no call to the dead region");
        assertTrue(healthy.plan().invokes().stream().anyMatch(i -> i.provider().contains(deadProvider)), "a healthy run does ask it");
        assertEquals(urns(healthy.plan().resources()), urns(run.plan().resources()), "every resource is still declared: nothing is deleted");
        var onDeadTables = run.plan().resources().stream()
                .filter(r -> r.type().startsWith("alicloud:cen/transitRouterRouteTable") || r.type().startsWith("alicloud:cen/transitRouterRouteEntry"))
                .filter(r -> r.provider().contains(deadProvider)).toList();
        assertFalse(onDeadTables.isEmpty());
        onDeadTables.forEach(r -> assertEquals(List.of("transitRouterRouteTableId"), r.options().ignoreChanges(), r.urn()));
        var deadKubernetes = run.plan().resources().stream()
                .filter(r -> r.type().equals("pulumi:providers:kubernetes") && r.name().contains(DEAD)).toList();
        assertEquals(1, deadKubernetes.size());
        assertEquals(List.of("kubeconfig"), deadKubernetes.get(0).options().ignoreChanges(), "its provider keeps the credential in its state");
        // prod's global entry is Global Accelerator: the dead region's endpoint group stays, with GA's address, at weight 0
        var deadGroup = run.plan().resources().stream().filter(r -> r.urn().endsWith("EndpointGroup::" + DEAD + "-endpoints")).findFirst().orElseThrow();
        assertEquals(0, ((Number) ((Map<?, ?>) ((List<?>) deadGroup.inputs().get("endpointConfigurations")).get(0)).get("weight")).intValue(),
                "the global entry stops sending to the dead region's gateway, and keeps its endpoint group");
        assertEquals(List.of("endpointConfigurations[0].endpoint"), deadGroup.options().ignoreChanges());
    }

    @Test
    void trafficRulesStopSendingToTheDeadRegion() {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml").load();
        var without = prod.traffic().without(Set.of(DEAD));
        assertTrue(without.failover().stream().noneMatch(f -> f.to().equals(DEAD)), without.failover().toString());
        assertEquals(prod.traffic().failover().size() - 2, without.failover().size(), "Hangzhou's and Beijing's rules towards Shanghai go");
        var dev = TestStacks.file("Pulumi.dev.yaml").load().traffic();
        assertEquals(Map.of("cn-hangzhou", 100), dev.without(Set.of(DEAD)).distribute().get(0).to());
        var three = new TrafficSpec.Distribute("a", Map.of("a", 50, "b", 20, "c", 30));
        var spec = new TrafficSpec(dev.mode(), List.of(three), List.of(), dev.outlierDetection(), dev.connectionPool());
        var weights = spec.without(Set.of("c")).distribute().get(0).to();
        assertEquals(100, weights.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(Map.of("a", 71, "b", 29), weights);
        assertEquals(dev, dev.without(Set.of()));
    }

    @Test
    void theMeshRegionAndUnknownRegionsAreRefusedWithKeyValueAndFix() {
        // one control plane (dev); per region (prod) no region is the mesh's: PerRegionControlPlaneTest
        var e = assertThrows(SpecException.class, () -> TestStacks.file("Pulumi.dev.yaml")
                .with("unavailableRegions", List.of("cn-hangzhou", "cn-shenzhen")).load());
        var problems = e.problems().stream().filter(p -> p.key().equals("asm-dr:unavailableRegions"))
                .collect(Collectors.toMap(p -> p.value(), p -> p.fix()));
        // each listed region judged on its own, and the list as a whole: it takes dev's only gateway region
        assertEquals(Set.of("cn-hangzhou", "cn-shenzhen", "cn-hangzhou, cn-shenzhen"), problems.keySet(), e.getMessage());
        assertTrue(problems.get("cn-hangzhou").contains("docs/dr.md"), e.getMessage());
        assertTrue(problems.get("cn-hangzhou, cn-shenzhen").contains("ingressGateways"), e.getMessage());
    }

    @Test
    void aStackWhoseOnlyGatewayIsInTheListedRegionIsRefusedWhateverItsIstioApi() {
        // dev-like: the gateway in Shanghai, Istio objects through the mesh's own kubeconfig (so not the CR-aggregation rule)
        var e = assertThrows(SpecException.class, () -> TestStacks.file("Pulumi.dev.yaml")
                .with("mesh.ingressGateway.cluster", "ack-shanghai").with("mesh.istioApi", "asmKubeconfig")
                .with("unavailableRegions", List.of(DEAD)).load());
        var problems = e.problems().stream().filter(p -> p.key().equals("asm-dr:unavailableRegions")).toList();
        assertEquals(1, problems.size(), e.getMessage());
        assertEquals(DEAD, problems.get(0).value());
        assertTrue(problems.get(0).fix().contains("remove " + DEAD) && problems.get(0).fix().contains("ingressGateways"), e.getMessage());
        // the same stack with its gateway standing (Hangzhou's, the mesh region's) takes Shanghai's loss
        TestStacks.file("Pulumi.dev.yaml").with("mesh.istioApi", "asmKubeconfig").with("unavailableRegions", List.of(DEAD)).load();
        // prod loses either gateway region and keeps the other
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml").with("unavailableRegions", List.of(DEAD)).load();
        assertEquals(Set.of(DEAD), prod.options().unavailableRegions());
    }

    static TreeSet<String> urns(List<PlannedResource> resources) {
        return resources.stream().map(PlannedResource::urn).collect(Collectors.toCollection(TreeSet::new));
    }
}
