package io.asmdr.program;

import io.asmdr.plan.Plan;
import io.asmdr.plan.PlannedResource;
import io.asmdr.support.TestStacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code pulumi destroy} of prod removes and what its protected resources keep, derived from prod's plan the way
 * the engine decides it (pulumi/pulumi v3.274.1 pkg/resource/deploy: {@code DeleteStep.Apply} refuses a protected
 * resource with {@code deleteProtectedError}, {@code stepExecutor.cancelDueToError} always continues past that error,
 * and a delete waits for the deletes of everything that depends on the resource, so what a kept resource depends on is
 * kept too: its dependencies, its parent components and its provider). docs/day2.md lists the same types; the sandbox's
 * destroy of prod is the evidence the lead adds.
 */
class DestroyTest {
    /** Types of resources a destroy of prod keeps, and of those it removes (type -> count). */
    static TreeMap<String, Integer>[] keptAndRemoved(Plan plan) {
        var byUrn = new HashMap<String, PlannedResource>();
        plan.resources().forEach(r -> byUrn.put(r.urn(), r));
        var kept = new TreeSet<String>();
        var pending = new ArrayDeque<String>();
        plan.resources().stream().filter(PlannedResource::protect).forEach(r -> pending.push(r.urn()));
        while (!pending.isEmpty()) {
            var urn = pending.pop();
            var r = byUrn.get(urn);
            if (r == null || !kept.add(urn)) {
                continue;
            }
            r.dependencies().forEach(pending::push);
            if (r.parent() != null) {
                pending.push(r.parent());
            }
            if (r.providerUrn() != null) {
                pending.push(r.providerUrn());
            }
        }
        @SuppressWarnings("unchecked")
        TreeMap<String, Integer>[] out = new TreeMap[] {new TreeMap<String, Integer>(), new TreeMap<String, Integer>()};
        for (var r : plan.resources()) {
            out[kept.contains(r.urn()) ? 0 : 1].merge(r.type(), 1, Integer::sum);
        }
        return out;
    }

    @Test
    void destroyOfProdRemovesTheTrafficPathAndKeepsWhatTheProtectedInfrastructureStandsOn() throws Exception {
        var plan = TestStacks.shipped("prod").run("prod").plan();
        var split = keptAndRemoved(plan);
        var kept = split[0].keySet();
        var removed = split[1].keySet();
        // protected, and what they stand on
        for (var type : Set.of("alicloud:cs/managedKubernetes:ManagedKubernetes", "alicloud:cs/nodePool:NodePool",
                "alicloud:servicemesh/serviceMesh:ServiceMesh", "alicloud:cen/instance:Instance", "alicloud:vpc/network:Network",
                "alicloud:vpc/switch:Switch", "alicloud:ga/accelerator:Accelerator", "pulumi:providers:alicloud",
                // unprotected, but the mesh waits for them, so they stay with it
                "alicloud:vpc/routeEntry:RouteEntry", "alicloud:cen/transitRouterRouteTableAssociation:TransitRouterRouteTableAssociation",
                "alicloud:ecs/securityGroupRule:SecurityGroupRule")) {
            assertTrue(kept.contains(type) && !removed.contains(type), type + " is kept: " + split[0] + " / " + split[1]);
        }
        // deleted although prod is protected: the traffic path
        for (var type : Set.of("kubernetes:apps/v1:Deployment", "kubernetes:istio.alibabacloud.com/v1beta1:IstioGateway",
                "kubernetes:networking.istio.io/v1alpha3:VirtualService", "alicloud:ga/endpointGroup:EndpointGroup",
                "alicloud:ga/listener:Listener", "pulumi:providers:kubernetes")) {
            assertTrue(removed.contains(type) && !kept.contains(type), type + " is removed: " + split[0] + " / " + split[1]);
        }
        // docs/day2.md names every type on each side
        var doc = Files.readString(Path.of("docs/day2.md"));
        var section = doc.substring(doc.indexOf("<!-- destroy:prod:begin -->"), doc.indexOf("<!-- destroy:prod:end -->"));
        var keptText = section.substring(section.indexOf("**Kept**"), section.indexOf("**Removed**"));
        var removedText = section.substring(section.indexOf("**Removed**"));
        kept.forEach(t -> assertTrue(keptText.contains("`" + t + "`") && !removedText.contains("`" + t + "`"), "docs/day2.md keeps " + t));
        removed.forEach(t -> assertTrue(removedText.contains("`" + t + "`") && !keptText.contains("`" + t + "`"), "docs/day2.md removes " + t));
        var both = new TreeSet<>(kept);
        both.retainAll(removed);
        assertEquals(Set.of(), both, "no type is partly kept");
        var keptCount = split[0].values().stream().mapToInt(Integer::intValue).sum();
        var removedCount = split[1].values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(keptText.contains("(" + keptCount + " of " + (keptCount + removedCount) + ";") && removedText.contains("(" + removedCount + ")"),
                "the counts: " + keptCount + " kept, " + removedCount + " removed");
    }
}
