package io.asmdr.sandbox.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.loopback.Certificate;
import io.asmdr.preview.AlibabaStubTest;
import io.asmdr.support.TestStacks;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ga product driven with the parameters terraform-provider-alicloud v1.285.0 sends for the global entry of
 * the i23 branch (a pay-as-you-go CDT accelerator, an acceleration area, a TCP listener on 80 and one endpoint
 * group per gateway region), read back the way the provider reads it. The provider function that builds each
 * request is named at the call; nested lists reach the API flattened by tea-rpc-utils {@code Query}
 * ({@code EndpointConfigurations.1.Endpoint}, booleans as {@code true}/{@code false}).
 */
class GaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    private VpcAndEcsTest.MutableClock clock;
    private CloudState state;
    private final Ga ga = new Ga(new Timing(0.02, Duration.ofMillis(500)));

    @BeforeEach
    void cloud() throws Exception {
        clock = new VpcAndEcsTest.MutableClock();
        state = CloudState.open(tmp.resolve("state.json"), clock);
    }

    private static ApiRequest request(Product product, String action, Map<String, String> kv) {
        var params = new LinkedHashMap<String, String>();
        params.put("Action", action);
        params.put("Version", product.version());
        params.putAll(kv);
        return new ApiRequest("RPC", "POST", "/", product.name(), product.version(), action, params, JSON.createObjectNode(), Map.of());
    }

    private static Map<String, String> kv(String... kv) {
        var out = new LinkedHashMap<String, String>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }

    private JsonNode call(String action, Map<String, String> kv) {
        return JSON.valueToTree(ga.handle(request(ga, action, kv), state).orElseThrow(() -> new AssertionError(action + " not emulated")));
    }

    private JsonNode call(String action, String... kv) {
        return call(action, kv(kv));
    }

    private String fails(String code, String action, Map<String, String> kv) {
        var e = assertThrows(ApiException.class, () -> call(action, kv), action + " should fail with " + code);
        assertEquals(code, e.code(), e.getMessage());
        return e.getMessage();
    }

    private String fails(String code, String action, String... kv) {
        return fails(code, action, kv(kv));
    }

    private void later() {
        clock.millis += 5_000;
    }

    // ---- the requests as the provider builds them --------------------------------------------------------

    /** resource_alicloud_ga_accelerator.go Create: payment_type PayAsYouGo -> POSTPAY, PricingCycle Month always. */
    private String createAccelerator() {
        var id = call("CreateAccelerator", "RegionId", "cn-hangzhou", "AutoPay", "true", "ClientToken", "TF-CreateAccelerator-1-a",
                "BandwidthBillingType", "CDT", "InstanceChargeType", "POSTPAY", "PricingCycle", "Month").get("AcceleratorId").asText();
        assertTrue(id.matches("ga-[0-9a-f]{20}"), id);
        return id;
    }

    /** resource_alicloud_ga_ip_set.go Create: AccelerateRegion.1.*. */
    private Map<String, String> ipSetRequest(String accelerator, String region) {
        return kv("RegionId", "cn-hangzhou", "AcceleratorId", accelerator, "AccelerateRegion.1.AccelerateRegionId", region,
                "AccelerateRegion.1.Bandwidth", "20", "AccelerateRegion.1.IpVersion", "IPv4", "AccelerateRegion.1.IspType", "BGP",
                "ClientToken", "TF-CreateIpSets-1-" + region);
    }

    /** resource_alicloud_ga_listener.go Create: client_affinity's Default NONE is sent, port_ranges flattened. */
    private Map<String, String> listenerRequest(String accelerator, int port) {
        return kv("RegionId", "cn-hangzhou", "ClientToken", "TF-CreateListener-1-" + port, "AcceleratorId", accelerator, "Protocol", "TCP",
                "ClientAffinity", "NONE", "Name", "prod-bookinfo", "Description", "HTTP to the ingress gateways",
                "PortRanges.1.FromPort", String.valueOf(port), "PortRanges.1.ToPort", String.valueOf(port));
    }

    /**
     * resource_alicloud_ga_endpoint_group.go Create: every endpoint carries SubAddress, EnableProxyProtocol,
     * EnableClientIPPreservation and VpcId from d.Get (zero values), vswitch_ids [] flattens to nothing.
     */
    private Map<String, String> groupRequest(String accelerator, String listener, String region, String address, int weight, int interval, int threshold) {
        return kv("RegionId", "cn-hangzhou", "ClientToken", "TF-CreateEndpointGroup-1-" + region, "AcceleratorId", accelerator,
                "ListenerId", listener, "EndpointGroupRegion", region, "HealthCheckEnabled", "true", "HealthCheckPort", "80",
                "HealthCheckProtocol", "tcp", "HealthCheckIntervalSeconds", String.valueOf(interval), "ThresholdCount", String.valueOf(threshold),
                "Name", region, "Description", "ingress gateway in " + region,
                "EndpointConfigurations.1.Endpoint", address, "EndpointConfigurations.1.Type", "PublicIp",
                "EndpointConfigurations.1.Weight", String.valueOf(weight), "EndpointConfigurations.1.SubAddress", "",
                "EndpointConfigurations.1.EnableProxyProtocol", "false", "EndpointConfigurations.1.EnableClientIPPreservation", "false",
                "EndpointConfigurations.1.VpcId", "");
    }

    private String activeAccelerator() {
        var id = createAccelerator();
        later();
        return id;
    }

    private String activeListener(String accelerator) {
        var id = call("CreateListener", listenerRequest(accelerator, 80)).get("ListenerId").asText();
        later();
        return id;
    }

    // ---- tests ---------------------------------------------------------------------------------------------

    @Test
    void theGlobalEntryGoesThroughItsLifecycleAndEveryReadReturnsWhatWasSet() {
        var acc = createAccelerator();
        // GaAcceleratorStateRefreshFunc waits for "active": init first
        assertEquals("init", call("DescribeAccelerator", "RegionId", "cn-hangzhou", "AcceleratorId", acc).get("State").asText());
        // a repeated CreateAccelerator with the same ClientToken answers the same instance
        assertEquals(acc, createAccelerator());
        later();
        assertEquals("active", call("DescribeAccelerator", "RegionId", "cn-hangzhou", "AcceleratorId", acc).get("State").asText());
        // Update after Create: SetResourceTags, then UpdateAccelerator with Name and Description (the name is not sent at Create)
        call("TagResources", "RegionId", "cn-hangzhou", "ResourceType", "accelerator", "ResourceId.1", acc,
                "Tag.1.Key", "managed-by", "Tag.1.Value", "asm-dr", "Tag.2.Key", "stack", "Tag.2.Value", "prod");
        call("UpdateAccelerator", "RegionId", "cn-hangzhou", "ClientToken", "t", "AcceleratorId", acc, "AutoPay", "true",
                "Name", "prod-bookinfo", "Description", "global entry of Bookinfo, asm-dr");
        assertEquals("configuring", call("DescribeAccelerator", "RegionId", "cn-hangzhou", "AcceleratorId", acc).get("State").asText());
        later();
        // Read: every field resourceAliCloudGaAcceleratorRead sets
        var read = call("DescribeAccelerator", "RegionId", "cn-hangzhou", "AcceleratorId", acc);
        assertEquals("active", read.get("State").asText());
        assertEquals("prod-bookinfo", read.get("Name").asText());
        assertEquals("global entry of Bookinfo, asm-dr", read.get("Description").asText());
        assertEquals("CDT", read.get("BandwidthBillingType").asText());
        assertEquals("POSTPAY", read.get("InstanceChargeType").asText()); // -> payment_type PayAsYouGo; Delete skips only PREPAY
        assertFalse(read.has("Spec"), "spec is not Computed: a Spec the program never set would be a perpetual diff");
        assertFalse(read.get("CrossBorderStatus").asBoolean());
        assertTrue(read.get("ResourceGroupId").asText().startsWith("rg-"));
        assertFalse(read.has("_busyUntil") || read.has("_phase"), "no bookkeeping fields in an answer");
        var renew = call("DescribeAcceleratorAutoRenewAttribute", "RegionId", "cn-hangzhou", "AcceleratorId", acc);
        assertEquals("Normal", renew.get("RenewalStatus").asText());
        assertEquals(0, renew.get("AutoRenewDuration").asInt());
        var tags = call("ListTagResources", "RegionId", "cn-hangzhou", "ResourceType", "accelerator", "ResourceId.1", acc);
        assertEquals(Map.of("managed-by", "asm-dr", "stack", "prod"), tagMap(tags.at("/TagResources/TagResource")));
        assertEquals("", tags.get("NextToken").asText()); // the provider stops paging on an empty NextToken

        // the acceleration area
        var created = call("CreateIpSets", ipSetRequest(acc, "cn-shenzhen"));
        var ipSet = created.at("/IpSets/0/IpSetId").asText(); // resource_alicloud_ga_ip_set.go: $.IpSets[0].IpSetId
        assertTrue(ipSet.matches("ips-[0-9a-f]{20}"), ipSet);
        var init = call("DescribeIpSet", "IpSetId", ipSet, "RegionId", "cn-hangzhou");
        assertEquals("init", init.get("State").asText());
        later();
        var area = call("DescribeIpSet", "IpSetId", ipSet, "RegionId", "cn-hangzhou");
        assertEquals("active", area.get("State").asText());
        assertEquals(acc, area.get("AcceleratorId").asText());
        assertEquals("cn-shenzhen", area.get("AccelerateRegionId").asText());
        assertEquals(20, area.get("Bandwidth").asInt());
        assertEquals("IPv4", area.get("IpVersion").asText());
        assertEquals("BGP", area.get("IspType").asText());
        assertEquals("203.0.113.1", area.at("/IpAddressList/0").asText());

        // the listener
        var lsr = call("CreateListener", listenerRequest(acc, 80)).get("ListenerId").asText();
        assertTrue(lsr.matches("lsr-[0-9a-f]{20}"), lsr);
        assertEquals("init", call("DescribeListener", "RegionId", "cn-hangzhou", "ListenerId", lsr).get("State").asText());
        later();
        var listener = call("DescribeListener", "RegionId", "cn-hangzhou", "ListenerId", lsr);
        assertEquals("active", listener.get("State").asText());
        assertEquals(acc, listener.get("AcceleratorId").asText());
        assertEquals("TCP", listener.get("Protocol").asText());
        assertEquals("NONE", listener.get("ClientAffinity").asText());
        assertEquals("prod-bookinfo", listener.get("Name").asText());
        assertEquals("HTTP to the ingress gateways", listener.get("Description").asText());
        assertEquals(80, listener.at("/PortRanges/0/FromPort").asInt());
        assertEquals(80, listener.at("/PortRanges/0/ToPort").asInt());
        assertEquals(1, listener.get("PortRanges").size());
        assertFalse(listener.get("ProxyProtocol").asBoolean());
        assertEquals(900, listener.get("IdleTimeout").asInt()); // idle_timeout is Computed: TCP's default
        assertFalse(listener.has("Type"), "listener_type is ForceNew and not Computed: reported only when set");
        assertFalse(listener.has("XForwardedForConfig"), "forwarded_for_config is not Computed: a TCP listener has none");
        assertEquals(0, listener.get("Certificates").size());

        // one endpoint group per gateway region
        var hz = call("CreateEndpointGroup", groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 100, 1, 2)).get("EndpointGroupId").asText();
        later();
        var sh = call("CreateEndpointGroup", groupRequest(acc, lsr, "cn-shanghai", "47.100.2.20", 100, 1, 2)).get("EndpointGroupId").asText();
        assertTrue(sh.matches("epg-[0-9a-f]{20}"), sh);
        assertEquals("init", call("DescribeEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupId", sh).get("State").asText());
        later();
        var group = call("DescribeEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupId", sh);
        assertEquals("active", group.get("State").asText());
        assertEquals(acc, group.get("AcceleratorId").asText());
        assertEquals(lsr, group.get("ListenerId").asText());
        assertEquals("cn-shanghai", group.get("EndpointGroupRegion").asText());
        assertEquals("default", group.get("EndpointGroupType").asText());
        assertTrue(group.get("HealthCheckEnabled").asBoolean());
        assertEquals(80, group.get("HealthCheckPort").asInt());
        assertEquals("tcp", group.get("HealthCheckProtocol").asText());
        assertEquals(1, group.get("HealthCheckIntervalSeconds").asInt());
        assertEquals(2, group.get("ThresholdCount").asInt());
        assertEquals("cn-shanghai", group.get("Name").asText());
        assertEquals("ingress gateway in cn-shanghai", group.get("Description").asText());
        var endpoint = group.at("/EndpointConfigurations/0");
        assertEquals("47.100.2.20", endpoint.get("Endpoint").asText());
        assertEquals("PublicIp", endpoint.get("Type").asText());
        assertEquals(100, endpoint.get("Weight").asInt());
        assertFalse(endpoint.get("EnableProxyProtocol").asBoolean());
        assertFalse(endpoint.get("EnableClientIPPreservation").asBoolean());
        assertFalse(endpoint.has("SubAddress") || endpoint.has("VpcId") || endpoint.has("VSwitchIds"), "empty values sent are not reported: " + endpoint);
        for (var unset : List.of("TrafficPercentage", "HealthCheckPath", "PortOverrides", "EndpointRequestProtocol")) {
            assertFalse(group.has(unset), unset + " was not set, so it is not reported (not Computed in the provider's schema)");
        }
        assertEquals(2, group.get("EndpointGroupIpList").size());
        assertEquals(0, call("ListTagResources", "RegionId", "cn-hangzhou", "ResourceType", "endpointgroup", "ResourceId.1", sh)
                .at("/TagResources/TagResource").size());
        // one default endpoint group per region per listener
        var second = groupRequest(acc, lsr, "cn-shanghai", "47.100.2.21", 100, 1, 2);
        second.put("ClientToken", "TF-CreateEndpointGroup-2-cn-shanghai"); // the same token would answer the first group again
        fails("Exist.EndpointGroup", "CreateEndpointGroup", second);

        // Day 2: Shanghai marked unavailable -> its weight goes to 0 (UpdateEndpointGroup sends the endpoint list whole,
        // HealthCheckPort and HealthCheckIntervalSeconds only when they change)
        call("UpdateEndpointGroup", kv("RegionId", "cn-hangzhou", "ClientToken", "u", "EndpointGroupRegion", "cn-shanghai", "EndpointGroupId", sh,
                "HealthCheckEnabled", "true", "HealthCheckProtocol", "tcp", "ThresholdCount", "2", "Name", "cn-shanghai",
                "Description", "ingress gateway in cn-shanghai", "EndpointConfigurations.1.Endpoint", "47.100.2.20",
                "EndpointConfigurations.1.Type", "PublicIp", "EndpointConfigurations.1.Weight", "0", "EndpointConfigurations.1.SubAddress", "",
                "EndpointConfigurations.1.EnableProxyProtocol", "false", "EndpointConfigurations.1.EnableClientIPPreservation", "false",
                "EndpointConfigurations.1.VpcId", ""));
        assertEquals("configuring", call("DescribeEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupId", sh).get("State").asText());
        later();
        var updated = call("DescribeEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupId", sh);
        assertEquals("active", updated.get("State").asText());
        assertEquals(0, updated.at("/EndpointConfigurations/0/Weight").asInt());
        assertEquals(80, updated.get("HealthCheckPort").asInt(), "a field the Update did not send keeps its value");
        assertEquals(1, updated.get("HealthCheckIntervalSeconds").asInt());

        // destroy: what still uses a resource keeps it
        fails("Exist.EndpointGroup", "DeleteListener", "ClientToken", "d", "AcceleratorId", acc, "ListenerId", lsr);
        fails("Exist.Listener", "DeleteAccelerator", "RegionId", "cn-hangzhou", "AcceleratorId", acc);
        call("DeleteEndpointGroup", "ClientToken", "d1", "AcceleratorId", acc, "EndpointGroupId", sh);
        assertEquals("deleting", call("DescribeEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupId", sh).get("State").asText());
        later();
        fails("NotExist.EndPointGroup", "DescribeEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupId", sh);
        call("DeleteEndpointGroup", "ClientToken", "d2", "AcceleratorId", acc, "EndpointGroupId", hz);
        later();
        call("DeleteListener", "ClientToken", "d3", "AcceleratorId", acc, "ListenerId", lsr);
        later();
        fails("NotExist.Listener", "DescribeListener", "RegionId", "cn-hangzhou", "ListenerId", lsr);
        fails("Exist.IpSet", "DeleteAccelerator", "RegionId", "cn-hangzhou", "AcceleratorId", acc);
        call("DeleteIpSets", "IpSetIds.1", ipSet, "RegionId", "cn-hangzhou", "ClientToken", "d4");
        assertEquals("deleting", call("DescribeIpSet", "IpSetId", ipSet, "RegionId", "cn-hangzhou").get("State").asText());
        later();
        fails("NotExist.IpSet", "DescribeIpSet", "IpSetId", ipSet, "RegionId", "cn-hangzhou");
        fails("NotExist.IpSets", "DeleteIpSets", "IpSetIds.1", ipSet, "RegionId", "cn-hangzhou"); // the provider takes it as gone
        call("DeleteAccelerator", "RegionId", "cn-hangzhou", "AcceleratorId", acc);
        assertEquals("deleting", call("DescribeAccelerator", "RegionId", "cn-hangzhou", "AcceleratorId", acc).get("State").asText());
        later();
        // the Delete wait ends on DescribeGaAccelerator's not found (NotExist.Accelerator)
        fails("NotExist.Accelerator", "DescribeAccelerator", "RegionId", "cn-hangzhou", "AcceleratorId", acc);
        assertTrue(state.all(Ga.ACCELERATOR).isEmpty() && state.all(Ga.ENDPOINT_GROUP).isEmpty());
    }

    private static Map<String, String> tagMap(JsonNode list) {
        var out = new LinkedHashMap<String, String>();
        list.forEach(t -> out.put(t.get("TagKey").asText(), t.get("TagValue").asText()));
        return out;
    }

    @Test
    void changesUnderOneInstanceAreSerialisedAsTheProviderExpects() {
        var acc = activeAccelerator();
        call("CreateIpSets", ipSetRequest(acc, "cn-shenzhen"));
        // a listener created while the area is being set up: StateError.Accelerator, which the provider retries
        fails("StateError.Accelerator", "CreateListener", listenerRequest(acc, 80));
        assertEquals("configuring", call("DescribeAccelerator", "RegionId", "cn-hangzhou", "AcceleratorId", acc).get("State").asText());
        later();
        var lsr = call("CreateListener", listenerRequest(acc, 80)).get("ListenerId").asText();
        later();
        call("CreateEndpointGroup", groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 100, 1, 2));
        fails("StateError.Accelerator", "CreateEndpointGroup", groupRequest(acc, lsr, "cn-shanghai", "47.100.2.20", 100, 1, 2));
        later();
        call("CreateEndpointGroup", groupRequest(acc, lsr, "cn-shanghai", "47.100.2.20", 100, 1, 2));
        later();
        // UpdateListener (resource_alicloud_ga_listener.go Update: only what changed, here the description cleared)
        call("UpdateListener", "RegionId", "cn-hangzhou", "ClientToken", "u", "ListenerId", lsr, "Description", "");
        assertEquals("updating", call("DescribeListener", "RegionId", "cn-hangzhou", "ListenerId", lsr).get("State").asText());
        fails("StateError.Accelerator", "DeleteEndpointGroup", "AcceleratorId", acc, "EndpointGroupId",
                state.all(Ga.ENDPOINT_GROUP).get(0).get("EndpointGroupId").asText());
        later();
        var listener = call("DescribeListener", "RegionId", "cn-hangzhou", "ListenerId", lsr);
        assertEquals("active", listener.get("State").asText());
        assertEquals("", listener.get("Description").asText());
        assertEquals("prod-bookinfo", listener.get("Name").asText(), "what the Update did not send is kept");
        // a protocol change takes the new protocol's defaults for what it does not send (IdleTimeout: UDP 10-20, default 20)
        call("UpdateListener", "RegionId", "cn-hangzhou", "ClientToken", "v", "ListenerId", lsr, "Protocol", "UDP");
        later();
        var udp = call("DescribeListener", "RegionId", "cn-hangzhou", "ListenerId", lsr);
        assertEquals("UDP", udp.get("Protocol").asText());
        assertEquals(20, udp.get("IdleTimeout").asInt());
    }

    /**
     * The program's own global entry (prod's plan), turned into the requests terraform-provider-alicloud v1.285.0 builds
     * from those inputs (resource_alicloud_ga_{accelerator,ip_set,listener,endpoint_group}.go Create; payment_type
     * PayAsYouGo is InstanceChargeType POSTPAY, the name is sent by the Update after Create), is accepted and read back
     * as planned: the program uses what the sandbox implements and validates.
     */
    @Test
    void theProgramsOwnGlobalEntryIsWhatTheSandboxAccepts() {
        var run = TestStacks.file("stacks/Pulumi.prod.yaml").run("prod");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        Function<String, List<Map<String, Object>>> inputs = type -> run.plan().resources().stream()
                .filter(r -> r.type().equals(type)).map(r -> r.inputs()).toList();
        var accelerator = inputs.apply("alicloud:ga/accelerator:Accelerator").get(0);
        assertEquals("PayAsYouGo", accelerator.get("paymentType"));
        var acc = call("CreateAccelerator", "RegionId", "cn-hangzhou", "AutoPay", "true", "ClientToken", "TF-program",
                "BandwidthBillingType", String.valueOf(accelerator.get("bandwidthBillingType")), "InstanceChargeType", "POSTPAY",
                "PricingCycle", "Month").get("AcceleratorId").asText();
        later();
        call("UpdateAccelerator", "RegionId", "cn-hangzhou", "ClientToken", "u", "AcceleratorId", acc, "AutoPay", "true",
                "Name", String.valueOf(accelerator.get("acceleratorName")), "Description", String.valueOf(accelerator.get("description")));
        later();
        var area = inputs.apply("alicloud:ga/ipSet:IpSet").get(0);
        call("CreateIpSets", kv("RegionId", "cn-hangzhou", "AcceleratorId", acc, "ClientToken", "TF-area",
                "AccelerateRegion.1.AccelerateRegionId", String.valueOf(area.get("accelerateRegionId")),
                "AccelerateRegion.1.Bandwidth", String.valueOf(area.get("bandwidth")), "AccelerateRegion.1.IpVersion", String.valueOf(area.get("ipVersion")),
                "AccelerateRegion.1.IspType", String.valueOf(area.get("ispType"))));
        later();
        var listener = inputs.apply("alicloud:ga/listener:Listener").get(0);
        var range = (Map<?, ?>) ((List<?>) listener.get("portRanges")).get(0);
        var lsr = call("CreateListener", kv("RegionId", "cn-hangzhou", "ClientToken", "TF-listener", "AcceleratorId", acc,
                "Protocol", String.valueOf(listener.get("protocol")), "Type", String.valueOf(listener.get("listenerType")),
                "ClientAffinity", String.valueOf(listener.get("clientAffinity")), "Name", String.valueOf(listener.get("name")),
                "Description", String.valueOf(listener.get("description")), "PortRanges.1.FromPort", String.valueOf(range.get("fromPort")),
                "PortRanges.1.ToPort", String.valueOf(range.get("toPort")))).get("ListenerId").asText();
        later();
        var address = 10;
        for (var group : inputs.apply("alicloud:ga/endpointGroup:EndpointGroup")) {
            var endpoint = (Map<?, ?>) ((List<?>) group.get("endpointConfigurations")).get(0);
            var region = String.valueOf(group.get("endpointGroupRegion"));
            // the planned address is the simulated cloud's one gateway address; each group gets its own here
            var id = call("CreateEndpointGroup", kv("RegionId", "cn-hangzhou", "ClientToken", "TF-" + region, "AcceleratorId", acc, "ListenerId", lsr,
                    "EndpointGroupRegion", region, "HealthCheckEnabled", String.valueOf(group.get("healthCheckEnabled")),
                    "HealthCheckPort", String.valueOf(group.get("healthCheckPort")), "HealthCheckProtocol", String.valueOf(group.get("healthCheckProtocol")),
                    "HealthCheckIntervalSeconds", String.valueOf(group.get("healthCheckIntervalSeconds")),
                    "ThresholdCount", String.valueOf(group.get("thresholdCount")), "Name", String.valueOf(group.get("name")),
                    "Description", String.valueOf(group.get("description")), "EndpointConfigurations.1.Endpoint", "47.96.1." + address++,
                    "EndpointConfigurations.1.Type", String.valueOf(endpoint.get("type")), "EndpointConfigurations.1.Weight", String.valueOf(endpoint.get("weight")),
                    "EndpointConfigurations.1.EnableProxyProtocol", String.valueOf(endpoint.get("enableProxyProtocol")),
                    "EndpointConfigurations.1.EnableClientIPPreservation", String.valueOf(endpoint.get("enableClientipPreservation"))))
                    .get("EndpointGroupId").asText();
            later();
            var read = call("DescribeEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupId", id);
            assertEquals("active", read.get("State").asText());
            assertEquals(((Number) group.get("healthCheckIntervalSeconds")).intValue(), read.get("HealthCheckIntervalSeconds").asInt());
            assertEquals(((Number) group.get("thresholdCount")).intValue(), read.get("ThresholdCount").asInt());
        }
        assertEquals(2, state.all(Ga.ENDPOINT_GROUP).size());
        var lread = call("DescribeListener", "RegionId", "cn-hangzhou", "ListenerId", lsr);
        assertEquals("Standard", lread.get("Type").asText(), "listener_type is stated, so a Read reports it and no diff follows");
    }

    @Test
    void aSecondCreateWithTheSameClientTokenCreatesNothingMore() {
        var acc = activeAccelerator();
        var first = call("CreateIpSets", ipSetRequest(acc, "cn-shenzhen")).at("/IpSets/0/IpSetId").asText();
        var again = call("CreateIpSets", ipSetRequest(acc, "cn-shenzhen")).at("/IpSets/0/IpSetId").asText();
        assertEquals(first, again);
        assertEquals(1, state.all(Ga.IP_SET).size());
    }

    @Test
    void validatesWhatTheRealApiValidates() {
        // RegionId: "Set the value to cn-hangzhou"
        var region = fails("InvalidParameter", "CreateAccelerator", "RegionId", "cn-shanghai", "BandwidthBillingType", "CDT", "InstanceChargeType", "POSTPAY");
        assertTrue(region.contains("cn-hangzhou"), region);
        var acc = activeAccelerator();
        // CreateIpSets: IspType required for a pay-by-data-transfer instance; at least 2 Mbit/s; a region that exists; one area per region
        var noIsp = new LinkedHashMap<>(ipSetRequest(acc, "cn-shenzhen"));
        noIsp.remove("AccelerateRegion.1.IspType");
        assertTrue(fails("MissingParameter", "CreateIpSets", noIsp).contains("isp_type"));
        var thin = new LinkedHashMap<>(ipSetRequest(acc, "cn-shenzhen"));
        thin.put("AccelerateRegion.1.Bandwidth", "1");
        fails("InvalidParameter", "CreateIpSets", thin);
        fails("NotExist.BusinessRegion", "CreateIpSets", ipSetRequest(acc, "cn-atlantis"));
        call("CreateIpSets", ipSetRequest(acc, "cn-shenzhen"));
        later();
        var twice = new LinkedHashMap<>(ipSetRequest(acc, "cn-shenzhen"));
        twice.put("ClientToken", "another");
        fails("Exist.IpSet", "CreateIpSets", twice);

        // CreateListener: protocol, port ranges, conflicts
        var sctp = new LinkedHashMap<>(listenerRequest(acc, 80));
        sctp.put("Protocol", "SCTP");
        fails("ProtocalIllegal.Listener", "CreateListener", sctp);
        fails("SystemPort.Listener", "CreateListener", listenerRequest(acc, 65500));
        fails("PortRangeIllegal.Listener", "CreateListener", listenerRequest(acc, 0));
        var lsr = activeListener(acc);
        var overlap = new LinkedHashMap<>(listenerRequest(acc, 70));
        overlap.put("PortRanges.1.ToPort", "90");
        overlap.put("ClientToken", "other");
        fails("PortConflict.Listener", "CreateListener", overlap);
        var udp = new LinkedHashMap<>(overlap);
        udp.put("Protocol", "UDP");
        call("CreateListener", udp); // UDP ports are another space
        later();

        // CreateEndpointGroup: interval 1-50, threshold 2-10, types, weights, regions
        fails("InvalidParameter", "CreateEndpointGroup", groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 100, 51, 2));
        fails("InvalidParameter", "CreateEndpointGroup", groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 100, 0, 2));
        fails("InvalidParameter", "CreateEndpointGroup", groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 100, 1, 1));
        fails("InvalidParameter", "CreateEndpointGroup", groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 100, 1, 11));
        fails("InvalidParameter", "CreateEndpointGroup", groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 256, 1, 2));
        fails("InvalidParameter", "CreateEndpointGroup", groupRequest(acc, lsr, "cn-hangzhou", "not-an-address", 100, 1, 2));
        fails("NotExist.BusinessRegion", "CreateEndpointGroup", groupRequest(acc, lsr, "cn-atlantis", "47.96.1.10", 100, 1, 2));
        var bogus = new LinkedHashMap<>(groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 100, 1, 2));
        bogus.put("EndpointConfigurations.1.Type", "Mainframe");
        fails("InvalidParameter", "CreateEndpointGroup", bogus);
        var both = new LinkedHashMap<>(groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 100, 1, 2));
        both.put("EndpointConfigurations.1.EnableProxyProtocol", "true");
        both.put("EndpointConfigurations.1.EnableClientIPPreservation", "true");
        fails("InvalidParameter", "CreateEndpointGroup", both);
        var percent = new LinkedHashMap<>(groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 100, 1, 2));
        percent.put("TrafficPercentage", "101");
        fails("InvalidParameter", "CreateEndpointGroup", percent);
        var noEndpoint = new LinkedHashMap<>(groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 100, 1, 2));
        noEndpoint.keySet().removeIf(k -> k.startsWith("EndpointConfigurations."));
        fails("MissingParameter", "CreateEndpointGroup", noEndpoint);
        fails("NotExist.Listener", "CreateEndpointGroup", groupRequest(acc, "lsr-00000000000000000000", "cn-hangzhou", "47.96.1.10", 100, 1, 2));
        assertTrue(state.all(Ga.ENDPOINT_GROUP).isEmpty(), "no refused request left a group behind");
        // an invalid Update changes nothing
        var epg = call("CreateEndpointGroup", groupRequest(acc, lsr, "cn-hangzhou", "47.96.1.10", 100, 1, 2)).get("EndpointGroupId").asText();
        later();
        fails("InvalidParameter", "UpdateEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupRegion", "cn-hangzhou", "EndpointGroupId", epg,
                "Name", "renamed", "HealthCheckIntervalSeconds", "60");
        assertEquals("cn-hangzhou", call("DescribeEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupId", epg).get("Name").asText());
        fails("InvalidParameter", "UpdateEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupRegion", "cn-beijing", "EndpointGroupId", epg);
    }

    @Test
    void refusesByNameWhatItDoesNotEmulate() {
        var unknown = request(ga, "CreateBandwidthPackage", kv("RegionId", "cn-hangzhou"));
        assertTrue(ga.handle(unknown, state).isEmpty(), "an action not emulated is left to the emulator's refusal");
        assertTrue(ga.handle(request(ga, "ChangeResourceGroup", kv("RegionId", "cn-hangzhou")), state).isEmpty());
        assertTrue(fails("Sandbox.NotImplemented", "CreateAccelerator", "RegionId", "cn-hangzhou", "InstanceChargeType", "PREPAY",
                "BandwidthBillingType", "CDT", "Spec", "1", "Duration", "1", "PricingCycle", "Month").contains("PREPAY"));
        assertTrue(fails("Sandbox.NotImplemented", "CreateAccelerator", "RegionId", "cn-hangzhou", "InstanceChargeType", "POSTPAY",
                "BandwidthBillingType", "BandwidthPackage").contains("BandwidthPackage"));
        var acc = activeAccelerator();
        var https = new LinkedHashMap<>(listenerRequest(acc, 443));
        https.put("Protocol", "HTTPS");
        fails("Sandbox.NotImplemented", "CreateListener", https);
        var lsr = activeListener(acc);
        var slb = new LinkedHashMap<>(groupRequest(acc, lsr, "cn-hangzhou", "lb-bp1234567890abcdefg", 100, 1, 2));
        slb.put("EndpointConfigurations.1.Type", "SLB");
        assertTrue(fails("Sandbox.NotImplemented", "CreateEndpointGroup", slb).contains("SLB"));
        fails("Sandbox.NotImplemented", "ListTagResources", "RegionId", "cn-hangzhou", "ResourceType", "bandwidthpackage");
    }

    @Test
    void everyGaCallBelongsToTheApiRegionWhateverItIsAbout() {
        var acc = activeAccelerator();
        var lsr = activeListener(acc);
        var sh = call("CreateEndpointGroup", groupRequest(acc, lsr, "cn-shanghai", "47.100.2.20", 100, 1, 2)).get("EndpointGroupId").asText();
        // GA's API is served from cn-hangzhou: a Shanghai endpoint group's calls are Hangzhou's too
        assertEquals("cn-hangzhou", ga.regionOf(request(ga, "CreateEndpointGroup", groupRequest(acc, lsr, "cn-shanghai", "47.100.2.20", 100, 1, 2)), state).orElseThrow());
        assertEquals("cn-hangzhou", ga.regionOf(request(ga, "DescribeEndpointGroup", kv("RegionId", "cn-hangzhou", "EndpointGroupId", sh)), state).orElseThrow());
        assertEquals("cn-hangzhou", ga.regionOf(request(ga, "DeleteEndpointGroup", kv("AcceleratorId", acc, "EndpointGroupId", sh)), state).orElseThrow());
        assertEquals("cn-hangzhou", ga.regionOf(request(ga, "DeleteListener", kv("ListenerId", lsr)), state).orElseThrow());
    }

    @Test
    void anyAcceptedEndpointGroupReadsBackExactlyAsSent() {
        var random = new Random(23);
        var acc = activeAccelerator();
        var lsr = activeListener(acc);
        var regions = List.of("cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "ap-southeast-1", "us-west-1");
        for (int round = 0; round < 40; round++) {
            var region = regions.get(round % regions.size());
            var endpoints = 1 + random.nextInt(3);
            var sent = new ArrayList<String[]>();
            var interval = 1 + random.nextInt(50);
            var threshold = 2 + random.nextInt(9);
            var params = groupRequest(acc, lsr, region, "0.0.0.0", 0, interval, threshold);
            params.put("ClientToken", "round-" + round);
            params.keySet().removeIf(k -> k.startsWith("EndpointConfigurations."));
            for (int i = 1; i <= endpoints; i++) {
                var address = (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
                var weight = random.nextInt(256);
                params.put("EndpointConfigurations." + i + ".Endpoint", address);
                params.put("EndpointConfigurations." + i + ".Type", random.nextBoolean() ? "PublicIp" : "Ip");
                params.put("EndpointConfigurations." + i + ".Weight", String.valueOf(weight));
                params.put("EndpointConfigurations." + i + ".EnableProxyProtocol", String.valueOf(random.nextBoolean()));
                sent.add(new String[] {address, params.get("EndpointConfigurations." + i + ".Type"), String.valueOf(weight),
                        params.get("EndpointConfigurations." + i + ".EnableProxyProtocol")});
            }
            if (random.nextBoolean()) {
                params.put("TrafficPercentage", String.valueOf(1 + random.nextInt(100)));
            }
            var id = call("CreateEndpointGroup", params).get("EndpointGroupId").asText();
            later();
            var read = call("DescribeEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupId", id);
            assertEquals(region, read.get("EndpointGroupRegion").asText());
            assertEquals(interval, read.get("HealthCheckIntervalSeconds").asInt());
            assertEquals(threshold, read.get("ThresholdCount").asInt());
            assertEquals(params.containsKey("TrafficPercentage"), read.has("TrafficPercentage"));
            if (params.containsKey("TrafficPercentage")) {
                assertEquals(params.get("TrafficPercentage"), read.get("TrafficPercentage").asText());
            }
            assertEquals(sent.size(), read.get("EndpointConfigurations").size());
            for (int i = 0; i < sent.size(); i++) {
                var e = read.get("EndpointConfigurations").get(i);
                assertEquals(sent.get(i)[0], e.get("Endpoint").asText());
                assertEquals(sent.get(i)[1], e.get("Type").asText());
                assertEquals(sent.get(i)[2], e.get("Weight").asText());
                assertEquals(sent.get(i)[3], e.get("EnableProxyProtocol").asText());
            }
            // an Update of the weights alone leaves every other value as it was
            var weights = new LinkedHashMap<String, String>();
            weights.putAll(kv("RegionId", "cn-hangzhou", "EndpointGroupRegion", region, "EndpointGroupId", id));
            params.forEach((k, v) -> {
                if (k.startsWith("EndpointConfigurations.")) {
                    weights.put(k, k.endsWith(".Weight") ? String.valueOf(random.nextInt(256)) : v);
                }
            });
            call("UpdateEndpointGroup", weights);
            later();
            var after = call("DescribeEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupId", id);
            assertEquals(interval, after.get("HealthCheckIntervalSeconds").asInt());
            assertEquals(threshold, after.get("ThresholdCount").asInt());
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(weights.get("EndpointConfigurations." + (i + 1) + ".Weight"), after.get("EndpointConfigurations").get(i).get("Weight").asText());
            }
            call("DeleteEndpointGroup", "AcceleratorId", acc, "EndpointGroupId", id);
            later();
        }
    }

    /** Over TLS as tea-rpc sends it (a form POST): with cn-shanghai down, Shanghai's endpoint group answers 503 and the rest of GA does not. */
    @Test
    void overTlsGaAnswersWhileShanghaiIsDownAndNotWhileHangzhouIs() throws Exception {
        var down = new HashSet<String>();
        var log = tmp.resolve("requests.jsonl");
        try (var emulator = CloudEmulator.start(Certificate.make(tmp), 0, state, List.of(ga), log, () -> Set.copyOf(down))) {
            var client = AlibabaStubTest.trusting(tmp.resolve("stub-cert.pem"));
            var base = URI.create("https://" + emulator.endpoint() + "/");
            var post = (Function<Map<String, String>, HttpResponse<String>>) form -> {
                var body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
                try {
                    return client.send(HttpRequest.newBuilder(base).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            var common = kv("Version", "2019-11-20", "Format", "JSON", "SignatureMethod", "HMAC-SHA1", "AccessKeyId", "key", "Signature", "secret");
            var create = new LinkedHashMap<>(common);
            create.putAll(kv("Action", "CreateAccelerator", "RegionId", "cn-hangzhou", "AutoPay", "true", "BandwidthBillingType", "CDT",
                    "InstanceChargeType", "POSTPAY", "PricingCycle", "Month"));
            var created = post.apply(create);
            assertEquals(200, created.statusCode(), created.body());
            var acc = JSON.readTree(created.body()).get("AcceleratorId").asText();
            later();
            var lsr = activeListener(acc);
            var group = new LinkedHashMap<>(common);
            group.put("Action", "CreateEndpointGroup");
            group.putAll(groupRequest(acc, lsr, "cn-shanghai", "47.100.2.20", 100, 1, 2));
            var made = post.apply(group);
            assertEquals(200, made.statusCode(), made.body());
            var sh = JSON.readTree(made.body()).get("EndpointGroupId").asText();
            later();

            down.add("cn-shanghai");
            var describe = new LinkedHashMap<>(common);
            describe.putAll(kv("Action", "DescribeEndpointGroup", "RegionId", "cn-hangzhou", "EndpointGroupId", sh));
            var stillServed = post.apply(describe);
            assertEquals(200, stillServed.statusCode(), "Shanghai down leaves GA's API (in Hangzhou) answering: " + stillServed.body());
            down.add("cn-hangzhou");
            var out = post.apply(describe);
            assertEquals(503, out.statusCode(), out.body());
            assertEquals("ServiceUnavailable", JSON.readTree(out.body()).get("Code").asText());
            down.remove("cn-hangzhou");
            var accelerator = new LinkedHashMap<>(common);
            accelerator.putAll(kv("Action", "DescribeAccelerator", "RegionId", "cn-hangzhou", "AcceleratorId", acc));
            var fine = post.apply(accelerator);
            assertEquals(200, fine.statusCode(), fine.body());
            assertEquals("active", JSON.readTree(fine.body()).get("State").asText());
            var missing = new LinkedHashMap<>(common);
            missing.putAll(kv("Action", "DescribeListener", "RegionId", "cn-hangzhou", "ListenerId", "lsr-00000000000000000000"));
            var notFound = post.apply(missing);
            assertEquals(400, notFound.statusCode()); // GA's not-found codes are HTTP 400 (API reference error tables)
            assertEquals("NotExist.Listener", JSON.readTree(notFound.body()).get("Code").asText());
        }
        var lines = Files.readAllLines(log);
        assertEquals(6, lines.size());
        assertEquals("Ga", JSON.readTree(lines.get(0)).get("product").asText());
        assertEquals("cn-hangzhou", JSON.readTree(lines.get(1)).get("region").asText(), "CreateEndpointGroup is logged for GA's API region");
        assertEquals(200, JSON.readTree(lines.get(2)).get("status").asInt());
        assertEquals(503, JSON.readTree(lines.get(3)).get("status").asInt());
        assertTrue(lines.stream().noneMatch(l -> l.contains("secret")), "no signature in the log");
    }
}
