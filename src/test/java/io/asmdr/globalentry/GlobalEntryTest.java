package io.asmdr.globalentry;

import io.asmdr.plan.PlannedResource;
import io.asmdr.support.TestStacks;
import io.asmdr.validation.SpecException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** prod's global entry: one health-checked address per gateway region, the primary's pool first. */
class GlobalEntryTest {
    static List<PlannedResource> ofType(List<PlannedResource> all, String type) {
        return all.stream().filter(r -> r.type().equals(type)).toList();
    }

    @Test
    void thePlanShowsOneHealthCheckedAddressPerGatewayRegionAndFailsOverInOrder() {
        var run = TestStacks.file("stacks/Pulumi.prod.yaml").run("prod");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var resources = run.plan().resources();
        var pools = ofType(resources, "alicloud:dns/addressPool:AddressPool");
        assertEquals(Set.of("cn-hangzhou", "cn-shanghai"), pools.stream().map(p -> String.valueOf(p.inputs().get("addressPoolName")))
                .collect(Collectors.toSet()));
        for (var pool : pools) {
            var addresses = (List<?>) pool.inputs().get("addresses");
            assertEquals(1, addresses.size(), pool.urn());
            assertEquals("192.0.2.10", ((Map<?, ?>) addresses.get(0)).get("address"), "the gateway's address, as the cluster reports it");
            assertEquals("SMART", ((Map<?, ?>) addresses.get(0)).get("mode"), "answered only while healthy");
        }
        var monitors = ofType(resources, "alicloud:dns/monitorConfig:MonitorConfig");
        assertEquals(2, monitors.size());
        monitors.forEach(m -> {
            assertEquals("HTTP", m.inputs().get("protocolType"));
            assertEquals(60, ((Number) m.inputs().get("interval")).intValue());
            assertEquals(2, ((Number) m.inputs().get("evaluationCount")).intValue());
            assertTrue(String.valueOf(m.inputs().get("monitorExtendInfo")).contains("/productpage"));
        });
        var monitored = monitors.stream().map(m -> String.valueOf(m.inputs().get("addrPoolId"))).collect(Collectors.toSet());
        assertEquals(Set.of("pool-sim-cn-hangzhou-pool", "pool-sim-cn-shanghai-pool"), monitored, "every pool is health-checked");
        var strategy = ofType(resources, "alicloud:dns/accessStrategy:AccessStrategy").get(0).inputs();
        assertEquals("pool-sim-cn-hangzhou-pool", ((Map<?, ?>) ((List<?>) strategy.get("defaultAddrPools")).get(0)).get("addrPoolId"));
        assertEquals("pool-sim-cn-shanghai-pool", ((Map<?, ?>) ((List<?>) strategy.get("failoverAddrPools")).get(0)).get("addrPoolId"));
        assertEquals("AUTO", strategy.get("accessMode"));
        var instance = ofType(resources, "alicloud:dns/gtmInstance:GtmInstance").get(0);
        assertEquals(60, ((Number) instance.inputs().get("ttl")).intValue());
        assertEquals("bookinfo.example.com", instance.inputs().get("publicUserDomainName"));
        assertTrue(instance.protect(), "a protected stack protects its paid GTM instance");
        assertTrue(run.result().outputs().containsKey("globalEntry") && run.result().outputs().containsKey("ingressGatewayAddress/cn-shanghai"));
    }

    @Test
    void devHasNoGlobalEntryAndOnePerRegionAddress() {
        var run = TestStacks.devPlan();
        assertTrue(run.resources().stream().noneMatch(r -> r.type().startsWith("alicloud:dns/")));
    }

    @Test
    void valuesTheProviderRefusesAreReportedWithKeyValueAndFix() {
        var e = assertThrows(SpecException.class, () -> TestStacks.file("stacks/Pulumi.prod.yaml")
                .with("globalEntry", Map.of("domain", "not a domain", "ttl", 30, "failures", 5, "timeout", 1000, "edition", "gold")).load());
        var keys = e.problems().stream().map(p -> p.key()).collect(Collectors.toSet());
        assertTrue(keys.containsAll(Set.of("asm-dr:globalEntry.domain", "asm-dr:globalEntry.ttl", "asm-dr:globalEntry.failures",
                "asm-dr:globalEntry.timeout", "asm-dr:globalEntry.edition")), e.getMessage());
        e.problems().forEach(p -> assertTrue(!p.fix().isBlank(), p.toString()));
        var one = assertThrows(SpecException.class, () -> TestStacks.file("Pulumi.dev.yaml")
                .with("globalEntry", Map.of("domain", "bookinfo.example.com")).load());
        assertTrue(one.getMessage().contains("nowhere to fail over to"), one.getMessage());
    }

    @Test
    void anAddressThatIsNotAnIpv4AddressYetStopsWithItsRegionNamed() {
        var e = assertThrows(IllegalStateException.class, () -> GlobalEntry.ipv4("cn-shanghai", "not assigned yet: timed out"));
        assertTrue(e.getMessage().contains("cn-shanghai") && e.getMessage().contains("pulumi up"), e.getMessage());
        assertEquals("47.98.1.2", GlobalEntry.ipv4("cn-hangzhou", "47.98.1.2"));
    }
}
