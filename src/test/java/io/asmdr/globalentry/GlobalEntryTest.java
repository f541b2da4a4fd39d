package io.asmdr.globalentry;

import com.pulumi.core.internal.Internal;
import io.asmdr.plan.Change;
import io.asmdr.plan.Plan;
import io.asmdr.plan.PlanCommands;
import io.asmdr.plan.PlanDiff;
import io.asmdr.plan.PlannedResource;
import io.asmdr.plan.ReplacementFacts;
import io.asmdr.support.Cli;
import io.asmdr.support.TestStacks;
import io.asmdr.validation.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The global entry: prod's Global Accelerator, the legacy GTM path, and what the entry refuses. */
class GlobalEntryTest {
    private static final String GA = "alicloud:ga/";
    private static final String ENDPOINT_GROUP = "alicloud:ga/endpointGroup:EndpointGroup";

    static List<PlannedResource> ofType(List<PlannedResource> all, String type) {
        return all.stream().filter(r -> r.type().equals(type)).toList();
    }

    static TestStacks prod() {
        return TestStacks.file("stacks/Pulumi.prod.yaml");
    }

    /** prod with its global entry of the legacy kind. */
    static TestStacks prodWithGtm() {
        return prod().with("globalEntry", Map.of("kind", "gtm", "domain", "bookinfo.example.com", "ttl", 60, "failures", 2, "timeout", 3000));
    }

    @Test
    void prodsGlobalAcceleratorHasOneHealthCheckedEndpointGroupPerGatewayRegion() throws Exception {
        var run = prod().run("prod");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var resources = run.plan().resources();
        assertTrue(resources.stream().noneMatch(r -> r.type().startsWith("alicloud:dns/")), "prod's entry is GA, not GTM");
        var accelerator = ofType(resources, "alicloud:ga/accelerator:Accelerator");
        assertEquals(1, accelerator.size());
        assertEquals("PayAsYouGo", accelerator.get(0).inputs().get("paymentType"), "nothing paid is left behind by a Delete");
        assertEquals("CDT", accelerator.get(0).inputs().get("bandwidthBillingType"));
        assertTrue(accelerator.get(0).protect(), "a protected stack protects its accelerator");
        var area = ofType(resources, "alicloud:ga/ipSet:IpSet").get(0).inputs();
        assertEquals("BGP", area.get("ispType"), "required on a pay-by-data-transfer instance");
        assertEquals("cn-shenzhen", area.get("accelerateRegionId"));
        var listener = ofType(resources, "alicloud:ga/listener:Listener").get(0).inputs();
        assertEquals("TCP", listener.get("protocol"));
        assertEquals("Standard", listener.get("listenerType"), "stated: ForceNew and not Computed");
        var groups = ofType(resources, ENDPOINT_GROUP);
        assertEquals(Set.of("cn-hangzhou", "cn-shanghai"), groups.stream().map(g -> String.valueOf(g.inputs().get("endpointGroupRegion")))
                .collect(Collectors.toSet()));
        for (var group : groups) {
            var in = group.inputs();
            assertEquals(true, in.get("healthCheckEnabled"));
            assertEquals("tcp", in.get("healthCheckProtocol"));
            assertEquals(1, ((Number) in.get("healthCheckIntervalSeconds")).intValue(), "the smallest interval GA takes");
            assertEquals(2, ((Number) in.get("thresholdCount")).intValue(), "the smallest threshold GA takes");
            var endpoint = (Map<?, ?>) ((List<?>) in.get("endpointConfigurations")).get(0);
            assertEquals("192.0.2.10", endpoint.get("endpoint"), "the gateway's SLB address, as the cluster reports it");
            assertEquals("PublicIp", endpoint.get("type"));
            assertEquals(100, ((Number) endpoint.get("weight")).intValue());
        }
        // every GA resource goes through the provider of GA's API region
        resources.stream().filter(r -> r.type().startsWith(GA))
                .forEach(r -> assertTrue(r.providerUrn().contains("alicloud-cn-hangzhou"), r.urn() + " via " + r.providerUrn()));
        assertEquals("ga", Internal.of(run.result().outputs().get("globalEntryKind")).getValueNullable().get());
        assertEquals(List.of("203.0.113.1"), Internal.of(run.result().outputs().get("globalEntryAddresses")).getValueNullable().get());
    }

    @Test
    void aGatewayRegionMarkedUnavailableGetsWeightZeroAndKeepsItsAddress() {
        var run = prod().with("unavailableRegions", List.of("cn-shanghai")).run("prod");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var shanghai = ofType(run.plan().resources(), ENDPOINT_GROUP).stream()
                .filter(g -> g.inputs().get("endpointGroupRegion").equals("cn-shanghai")).findFirst().orElseThrow();
        var endpoint = (Map<?, ?>) ((List<?>) shanghai.inputs().get("endpointConfigurations")).get(0);
        assertEquals(0, ((Number) endpoint.get("weight")).intValue());
        assertEquals(List.of("endpointConfigurations[0].endpoint"), shanghai.options().ignoreChanges());
    }

    @Test
    void withGasApiRegionUnavailableNothingOfTheAcceleratorChanges() {
        // prod runs a control plane per region, so losing cn-hangzhou (GA's API region, and a gateway region) is accepted
        var stack = prod().with("unavailableRegions", List.of("cn-hangzhou"));
        var run = stack.run("prod");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var ga = run.plan().resources().stream().filter(r -> r.type().startsWith(GA)).toList();
        assertEquals(5, ga.size());
        for (var r : ga) {
            assertFalse(r.options().ignoreChanges().isEmpty(), r.urn() + " would send a change to the unavailable GA API");
            r.inputs().keySet().stream().filter(k -> !Set.of("acceleratorId", "listenerId", "endpointGroupRegion", "accelerateRegionId",
                    "ipVersion", "ispType", "paymentType", "bandwidthBillingType", "listenerType", "__defaults").contains(k))
                    .forEach(k -> assertTrue(r.options().ignoreChanges().contains(k), r.urn() + ": " + k + " is not kept"));
        }
    }

    @Test
    void theLegacyGtmEntryRenewsBuysHeadroomAndStatesItsLbaStrategy() {
        var run = prodWithGtm().run("prod");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var resources = run.plan().resources();
        assertTrue(resources.stream().noneMatch(r -> r.type().startsWith(GA)));
        var pools = ofType(resources, "alicloud:dns/addressPool:AddressPool");
        assertEquals(Set.of("cn-hangzhou", "cn-shanghai"), pools.stream().map(p -> String.valueOf(p.inputs().get("addressPoolName")))
                .collect(Collectors.toSet()));
        for (var pool : pools) {
            var addresses = (List<?>) pool.inputs().get("addresses");
            assertEquals("192.0.2.10", ((Map<?, ?>) addresses.get(0)).get("address"), "the gateway's address, as the cluster reports it");
            assertEquals("SMART", ((Map<?, ?>) addresses.get(0)).get("mode"), "answered only while healthy");
        }
        var monitors = ofType(resources, "alicloud:dns/monitorConfig:MonitorConfig");
        assertEquals(2, monitors.size());
        monitors.forEach(m -> {
            assertEquals(60, ((Number) m.inputs().get("interval")).intValue());
            assertEquals(2, ((Number) m.inputs().get("evaluationCount")).intValue());
        });
        var strategy = ofType(resources, "alicloud:dns/accessStrategy:AccessStrategy").get(0).inputs();
        assertEquals("pool-sim-cn-hangzhou-pool", ((Map<?, ?>) ((List<?>) strategy.get("defaultAddrPools")).get(0)).get("addrPoolId"));
        assertEquals("pool-sim-cn-shanghai-pool", ((Map<?, ?>) ((List<?>) strategy.get("failoverAddrPools")).get(0)).get("addrPoolId"));
        assertEquals("ALL_RR", strategy.get("defaultLbaStrategy"), "GEO mode needs it");
        assertEquals("ALL_RR", strategy.get("failoverLbaStrategy"));
        var instance = ofType(resources, "alicloud:dns/gtmInstance:GtmInstance").get(0);
        assertEquals("AutoRenewal", instance.inputs().get("renewalStatus"));
        assertEquals(1, ((Number) instance.inputs().get("renewPeriod")).intValue(), "AutoRenewal requires renewPeriod");
        assertEquals(10, ((Number) instance.inputs().get("healthCheckTaskCount")).intValue(), "ForceNew: bought with headroom");
        assertEquals(List.of("renewPeriod", "healthCheckTaskCount"), instance.options().ignoreChanges(),
                "ForceNew and never read back: a deployed instance keeps its own rather than being replaced (and its subscription orphaned)");
        assertTrue(instance.protect());
    }

    private static Plan plan(TestStacks stack) {
        var run = stack.run("prod");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        return run.plan();
    }

    private static TestStacks withBeijingGateway(TestStacks stack) {
        return stack.with("mesh.ingressGateways[2]", Map.of("cluster", "prod-ack-beijing", "replicas", 2, "serviceType", "LoadBalancer"));
    }

    /** Day 2: a third gateway region (cn-beijing) is one endpoint group (GA) or one pool and check (GTM) more; nothing is replaced. */
    @Test
    void addingAndRemovingAGatewayRegionReplacesNothing() {
        for (var kind : List.of("ga", "gtm")) {
            var base = kind.equals("ga") ? prod() : prodWithGtm();
            var head = withBeijingGateway(kind.equals("ga") ? prod() : prodWithGtm());
            var before = plan(base);
            var after = plan(head);
            var added = PlanDiff.between(before, after, ReplacementFacts.shipped());
            assertEquals(List.of(), added.stream().filter(c -> c.op() == Change.Op.REPLACE || c.op() == Change.Op.DELETE
                    || c.op() == Change.Op.UNKNOWN).map(Change::urn).toList(), kind);
            var created = added.stream().filter(c -> c.op() == Change.Op.CREATE).map(Change::name).collect(Collectors.toSet());
            // with a control plane per region, Beijing's own instance creates Beijing's gateway
            assertEquals(kind.equals("ga") ? Set.of("ingressgateway-cn-beijing", "cn-beijing-endpoints")
                    : Set.of("ingressgateway-cn-beijing", "cn-beijing-pool", "cn-beijing-health"), created, kind);
            var updated = added.stream().filter(c -> c.op() == Change.Op.UPDATE).map(Change::name).collect(Collectors.toSet());
            // GTM's access strategy gets a third failover pool; GA's other endpoint groups stay as they are
            assertEquals(kind.equals("ga") ? Set.of() : Set.of("global-entry-strategy"), updated, kind);
            var removed = PlanDiff.between(after, before, ReplacementFacts.shipped());
            assertEquals(List.of(), removed.stream().filter(c -> c.op() == Change.Op.REPLACE || c.op() == Change.Op.UNKNOWN)
                    .map(Change::urn).toList(), kind);
        }
    }

    @TempDir
    Path tmp;

    /** The must-show of issue 23, through the command a PR check runs: `asm-dr diff` of prod against prod plus a Beijing gateway. */
    @Test
    void diffOfProdPlusABeijingGatewayShowsNothingReplacedAndDoesNotBlock() throws Exception {
        var base = tmp.resolve("base.json");
        var head = tmp.resolve("head.json");
        Files.writeString(base, plan(prod()).toPreviewJson());
        Files.writeString(head, plan(withBeijingGateway(prod())).toPreviewJson());
        var r = Cli.run(PlanCommands::diff, base.toString(), head.toString());
        assertEquals(PlanCommands.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("No blocking findings"), r.out());
        // | environment | create | update | replace | delete | unknown | same |
        var row = r.out().lines().filter(l -> l.matches("\\| \\S+ \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\|")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
        var counts = row.split("\\|");
        assertEquals("2", counts[2].strip(), "Beijing's gateway and one endpoint group created: " + row);
        assertEquals("0", counts[4].strip(), "nothing replaced: " + row);
        assertEquals("0", counts[5].strip(), "nothing deleted: " + row);
        assertTrue(r.out().contains("`cn-beijing-endpoints` | create"), r.out());
    }

    @Test
    void devHasNoGlobalEntry() {
        var run = TestStacks.devPlan();
        assertTrue(run.resources().stream().noneMatch(r -> r.type().startsWith("alicloud:dns/") || r.type().startsWith(GA)));
    }

    @Test
    void valuesTheProviderRefusesAreReportedWithKeyValueAndFix() {
        var e = assertThrows(SpecException.class, () -> prod()
                .with("globalEntry", Map.of("kind", "gtm", "domain", "not a domain", "ttl", 30, "failures", 5, "timeout", 1000, "edition", "gold",
                        "interval", 15, "healthCheckTasks", 1)).load());
        var keys = e.problems().stream().map(p -> p.key()).collect(Collectors.toSet());
        assertTrue(keys.containsAll(Set.of("asm-dr:globalEntry.domain", "asm-dr:globalEntry.ttl", "asm-dr:globalEntry.failures",
                "asm-dr:globalEntry.timeout", "asm-dr:globalEntry.edition", "asm-dr:globalEntry.interval", "asm-dr:globalEntry.healthCheckTasks")),
                e.getMessage());
        e.problems().forEach(p -> assertTrue(!p.fix().isBlank(), p.toString()));
        var ga = assertThrows(SpecException.class, () -> prod()
                .with("globalEntry", Map.of("kind", "ga", "domain", "bookinfo.example.com", "interval", 0, "failures", 1, "bandwidth", 1,
                        "accelerateRegion", "mars-1", "ttl", 60)).load());
        assertEquals(Set.of("asm-dr:globalEntry.interval", "asm-dr:globalEntry.failures", "asm-dr:globalEntry.bandwidth",
                "asm-dr:globalEntry.accelerateRegion", "asm-dr:globalEntry.ttl"),
                ga.problems().stream().map(p -> p.key()).collect(Collectors.toSet()), ga.getMessage());
        var kind = assertThrows(SpecException.class, () -> prod().with("globalEntry", Map.of("kind", "dns", "domain", "bookinfo.example.com")).load());
        assertTrue(kind.getMessage().contains("asm-dr:globalEntry.kind"), kind.getMessage());
        var one = assertThrows(SpecException.class, () -> TestStacks.file("Pulumi.dev.yaml")
                .with("globalEntry", Map.of("domain", "bookinfo.example.com")).load());
        assertTrue(one.getMessage().contains("nowhere to fail over to"), one.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ClusterIP", "NodePort"})
    void anEntryInFrontOfAGatewayWithoutAnSlbIsRefusedNamingTheKey(String serviceType) {
        for (var stack : List.of(prod(), prodWithGtm())) {
            var e = assertThrows(SpecException.class, () -> stack.with("mesh.ingressGateways[1].serviceType", serviceType).load());
            assertEquals(1, e.problems().size(), e.getMessage());
            var p = e.problems().get(0);
            assertEquals("asm-dr:mesh.ingressGateways[1].serviceType", p.key());
            assertEquals(serviceType, p.value());
            assertTrue(p.conflict().contains("LoadBalancer") && p.fix().contains("LoadBalancer"), p.toString());
        }
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {254, 2_000, 60_000})
    void aDomainLongerThanDnsAllowsIsOneLineNeverATrace(int length) {
        var labels = new StringBuilder();
        while (labels.length() < length - ".example.com".length()) {
            labels.append("a".repeat(Math.min(60, length - ".example.com".length() - labels.length()))).append('.');
        }
        var domain = (labels + "example.com").substring(0, length - 3) + "com";
        assertEquals(length, domain.length());
        var e = assertThrows(SpecException.class, () -> prod().with("globalEntry.domain", domain).load());
        assertEquals(1, e.problems().size(), e.getMessage());
        var p = e.problems().get(0);
        assertEquals("asm-dr:globalEntry.domain", p.key());
        assertTrue(p.conflict().contains("at most 253"), p.toString());
        assertTrue(p.toString().length() < 400 && !p.toString().contains("\n"), "one short line: " + p.toString().length());
    }

    @Test
    void theDnsNameRulesAreTheRfcsNotARegex() throws Exception {
        for (var bad : List.of("example", "-a.example.com", "a-.example.com", "a..example.com", "a.example.com.", "a_b.example.com",
                "a.example.123", "x".repeat(64) + ".example.com", "bookinfo.exa mple.com")) {
            var e = assertThrows(SpecException.class, () -> prod().with("globalEntry.domain", bad).load(), bad);
            assertEquals("asm-dr:globalEntry.domain", e.problems().get(0).key(), bad);
        }
        for (var good : List.of("bookinfo.example.com", "a.b", "x".repeat(63) + ".example.com", "xn--bcher-kva.example", "1-2.example.com",
                ("a".repeat(62) + ".").repeat(4) + "c")) {
            assertEquals(good, prod().with("globalEntry.domain", good).load().globalEntry().orElseThrow().domain(), good);
        }
        assertEquals(253, (("a".repeat(62) + ".").repeat(4) + "c").length());
    }

    @Test
    void anAddressThatIsNotAnIpv4AddressYetStopsWithItsRegionNamed() {
        var e = assertThrows(IllegalStateException.class, () -> GlobalEntry.ipv4("cn-shanghai", "not assigned yet: timed out"));
        assertTrue(e.getMessage().contains("cn-shanghai") && e.getMessage().contains("pulumi up"), e.getMessage());
        assertEquals("47.98.1.2", GlobalEntry.ipv4("cn-hangzhou", "47.98.1.2"));
    }
}
