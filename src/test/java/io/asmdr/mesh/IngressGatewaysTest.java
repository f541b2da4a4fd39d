package io.asmdr.mesh;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.config.IngressGatewaySpec;
import io.asmdr.support.TestStacks;
import io.asmdr.validation.SpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mesh.ingressGateways: a gateway per chosen cluster; the tutorial's single ingressGateway stays valid. */
class IngressGatewaysTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void prodHasAGatewayInTwoRegionsAndDevKeepsItsOne() {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml").load();
        assertEquals(List.of("cn-hangzhou", "cn-shanghai"), prod.gatewayRegions());
        assertEquals("prod-ack-hangzhou", prod.mesh().ingressGateway().cluster(), "the first listed is the primary");
        var dev = TestStacks.file("Pulumi.dev.yaml").load();
        assertEquals(List.of("cn-hangzhou"), dev.gatewayRegions());
    }

    @Test
    void aProtectedStackWithOneGatewayIsRefusedWithKeyValueAndFix() {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml");
        var one = prod.get("mesh.ingressGateways[0]");
        var e = assertThrows(SpecException.class, () -> prod.without("mesh.ingressGateways").with("mesh.ingressGateway", one).load());
        var p = e.problems().stream().filter(x -> x.key().equals("asm-dr:mesh.ingressGateway")).findFirst().orElseThrow(() -> new AssertionError(e.getMessage()));
        assertEquals("prod-ack-hangzhou", p.value());
        assertTrue(p.fix().contains("asm-dr:mesh.ingressGateways"), p.toString());
    }

    @Test
    void bothKeysADuplicateAndAnUnknownClusterAreRefused() {
        var both = assertThrows(SpecException.class, () -> TestStacks.file("stacks/Pulumi.prod.yaml")
                .with("mesh.ingressGateway", Map.of("cluster", "prod-ack-hangzhou")).load());
        assertTrue(both.problems().stream().anyMatch(x -> x.key().equals("asm-dr:mesh.ingressGateway") && x.fix().contains("delete")),
                both.getMessage());
        var e = assertThrows(SpecException.class, () -> TestStacks.file("stacks/Pulumi.prod.yaml")
                .with("mesh.ingressGateways[1].cluster", "prod-ack-hangzhou")
                .with("mesh.ingressGateways[2]", Map.of("cluster", "prod-ack-hangzou"))
                .load());
        var keys = e.problems().stream().map(x -> x.key()).toList();
        assertTrue(keys.contains("asm-dr:mesh.ingressGateways[1].cluster"), e.getMessage());
        assertTrue(keys.contains("asm-dr:mesh.ingressGateways[2].cluster"), e.getMessage());
        assertFalse(e.getMessage().contains("\tat "));
    }

    @Test
    void oneGatewayRendersTheTutorialsObjectAndMoreAddClustersAndOverrides() {
        var gw = new IngressGatewaySpec("a", 2, "LoadBalancer");
        var one = IngressGatewayManifest.render(gw, "c-1");
        assertEquals(List.of("c-1"), one.spec().get("clusterIds"));
        assertFalse(one.spec().containsKey("overrides"), "the tutorial's object, unchanged");
        var same = IngressGatewayManifest.render(List.of(gw, new IngressGatewaySpec("b", 2, "LoadBalancer")), List.of("c-1", "c-2"));
        assertEquals(List.of("c-1", "c-2"), same.spec().get("clusterIds"));
        assertFalse(same.spec().containsKey("overrides"));
        var differs = IngressGatewayManifest.render(List.of(gw, new IngressGatewaySpec("b", 3, "LoadBalancer")), List.of("c-1", "c-2"));
        assertEquals(Map.of("c-2", Map.of("replicaCount", 3)), differs.spec().get("overrides"));
        var withoutOverrides = new LinkedHashMap<>(differs.spec());
        withoutOverrides.remove("overrides");
        withoutOverrides.put("clusterIds", List.of("c-1"));
        assertEquals(one.spec(), withoutOverrides, "only clusterIds and overrides differ from the single gateway's object");
    }
}
