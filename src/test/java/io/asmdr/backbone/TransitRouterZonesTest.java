package io.asmdr.backbone;

import io.asmdr.engine.CloudFacts;
import io.asmdr.plan.PlannedInvoke;
import io.asmdr.plan.Urns;
import io.asmdr.support.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transit-router zone check: asked per region through that region's provider before anything
 * but the providers registers, judged against the vSwitches each VPC attaches through.
 */
class TransitRouterZonesTest {
    static final String ZONES = "alicloud:cen/getTransitRouterAvailableResources:getTransitRouterAvailableResources";

    @Test
    void onlyTheAttachmentVswitchesMustBeInServedZones() {
        // Hangzhou G serves no transit router; a third vSwitch there is fine while the attachment uses H and I
        var spec = TestStacks.file("Pulumi.dev.yaml")
                .with("regions[0].vswitches[2]", Map.of("name", "extra-j", "cidr", "20.2.0.0/24", "zone", "cn-hangzhou-j"))
                .load();
        var hangzhou = spec.networks().stream().filter(n -> n.region().equals("cn-hangzhou")).toList();
        var served = CloudFacts.PUBLISHED.transitRouterZones("cn-hangzhou").orElseThrow().zones();
        assertEquals(List.of(), TransitRouterZones.problems("cn-hangzhou", served, hangzhou));
        // the same VPCs if the router served only J and K: every attachment vSwitch is named by its own key
        var problems = TransitRouterZones.problems("cn-hangzhou", List.of("cn-hangzhou-j", "cn-hangzhou-k"), hangzhou);
        assertEquals(List.of("asm-dr:regions[0].vswitches[0].zone", "asm-dr:regions[0].vswitches[1].zone",
                        "asm-dr:mesh.vswitches[0].zone", "asm-dr:mesh.vswitches[1].zone"),
                problems.stream().map(p -> p.key()).toList());
        assertTrue(problems.get(0).conflict().contains("only in cn-hangzhou-j, cn-hangzhou-k"), problems.get(0).conflict());
    }

    @Test
    void aRegionWithoutAnyServedZoneSaysSo() {
        var spec = TestStacks.file("Pulumi.dev.yaml").load();
        var shanghai = spec.networks().stream().filter(n -> n.region().equals("cn-shanghai")).toList();
        var problems = TransitRouterZones.problems("cn-shanghai", List.of(), shanghai);
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).conflict().startsWith("Alibaba Cloud reports no zone in cn-shanghai"), problems.get(0).conflict());
    }

    @Test
    void theKeyIsTheFilesEvenAfterTheSpecIsSorted() {
        // written in reverse order, the spec sorts the vSwitches, the error still points at the file's line
        var stack = TestStacks.file("Pulumi.dev.yaml");
        var first = stack.get("regions[0].vswitches[0]");
        var second = stack.get("regions[0].vswitches[1]");
        var swapped = stack.with("regions[0].vswitches[0]", second).with("regions[0].vswitches[1]", first)
                .with("regions[0].vswitches[1].zone", "cn-hangzhou-g");
        var run = swapped.run("dev", CloudFacts.PUBLISHED);
        var message = String.valueOf(run.result().exceptions());
        assertTrue(message.contains("asm-dr:regions[0].vswitches[1].zone = cn-hangzhou-g"), message);
    }

    @Test
    void aRefusedZoneRegistersNothingButTheProviders() {
        var run = TestStacks.file("Pulumi.dev.yaml").with("mesh.vswitches[1].zone", "cn-hangzhou-g").run("dev", CloudFacts.PUBLISHED);
        assertTrue(String.valueOf(run.result().exceptions()).contains("asm-dr:mesh.vswitches[1].zone = cn-hangzhou-g"), run.result().exceptions().toString());
        var types = run.plan().resources().stream().map(r -> r.type()).distinct().toList();
        assertEquals(List.of("pulumi:pulumi:Stack", "pulumi:providers:alicloud"), types, "nothing that needs the answer was registered");
    }

    @Test
    void everyBackboneRegionIsAskedThroughItsOwnProvider() {
        var stack = TestStacks.flannel(4);
        var run = stack.run("gen");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var asked = run.plan().invokes().stream().filter(i -> i.token().equals(ZONES)).map(PlannedInvoke::provider)
                .map(Urns::ofProviderReference).map(Urns::name).sorted().toList();
        assertEquals(TestStacks.REGIONS.subList(0, 4).stream().map(r -> "alicloud-" + r).sorted().toList(), asked);
    }
}
