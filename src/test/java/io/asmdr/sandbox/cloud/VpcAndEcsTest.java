package io.asmdr.sandbox.cloud;

import java.time.ZoneId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Vpc and Ecs products driven with the parameters terraform-provider-alicloud v1.285.0 sends (the
 * provider lines are named at each call) and read back the way the provider reads them.
 */
class VpcAndEcsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    private MutableClock clock;
    private CloudState state;
    private final Vpc vpc = new Vpc(new Timing(0.02, Duration.ofMillis(500)));
    private final Ecs ecs = new Ecs();

    static final class MutableClock extends Clock {
        long millis = Instant.parse("2026-12-06T00:00:00Z").toEpochMilli();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @BeforeEach
    void cloud() throws Exception {
        clock = new MutableClock();
        state = CloudState.open(tmp.resolve("state.json"), clock);
    }

    private JsonNode call(Product product, String action, String... kv) {
        var params = new LinkedHashMap<String, String>();
        params.put("Action", action);
        params.put("Version", product.version());
        for (int i = 0; i < kv.length; i += 2) {
            params.put(kv[i], kv[i + 1]);
        }
        var request = new ApiRequest("RPC", "POST", "/", product.name(), product.version(), action, params, JSON.createObjectNode(), Map.of());
        return JSON.valueToTree(product.handle(request, state).orElseThrow(() -> new AssertionError(action + " not emulated")));
    }

    @Test
    void aVpcIsPendingThenAvailableAndReadsBackWhatWasSet() throws Exception {
        // resource_alicloud_vpc.go Create: RegionId, ClientToken, CidrBlock, VpcName
        var created = call(vpc, "CreateVpc", "RegionId", "cn-hangzhou", "ClientToken", "t", "CidrBlock", "20.0.0.0/8", "VpcName", "vpc-hangzhou");
        var id = created.get("VpcId").asText();
        assertTrue(id.matches("vpc-[0-9a-f]{20}"), id);
        // service_alicloud_vpc_v2.go DescribeVpcVpc: DescribeVpcAttribute with VpcId, RegionId; the wait wants Available
        assertEquals("Pending", call(vpc, "DescribeVpcAttribute", "VpcId", id, "RegionId", "cn-hangzhou").get("Status").asText());
        clock.millis += 1000;
        var read = call(vpc, "DescribeVpcAttribute", "VpcId", id, "RegionId", "cn-hangzhou");
        assertEquals("Available", read.get("Status").asText());
        assertEquals("20.0.0.0/8", read.get("CidrBlock").asText());
        assertEquals("vpc-hangzhou", read.get("VpcName").asText());
        // Update after Create: SetResourceTags -> TagResources ResourceType VPC, ResourceId.1, Tag.N.Key/Value
        call(vpc, "TagResources", "RegionId", "cn-hangzhou", "ResourceType", "VPC", "ResourceId.1", id,
                "Tag.1.Key", "managed-by", "Tag.1.Value", "asm-dr");
        var tags = call(vpc, "DescribeVpcAttribute", "VpcId", id, "RegionId", "cn-hangzhou").at("/Tags/Tag");
        assertEquals("managed-by", tags.get(0).get("Key").asText());
        // the system route table (DescribeVpcDescribeRouteTableList: $.RouterTableList.RouterTableListType[*], type System)
        var tables = call(vpc, "DescribeRouteTableList", "VpcId", id, "RegionId", "cn-hangzhou").at("/RouterTableList/RouterTableListType");
        assertEquals(1, tables.size());
        assertEquals("System", tables.get(0).get("RouteTableType").asText());
        assertEquals(created.get("RouteTableId").asText(), tables.get(0).get("RouteTableId").asText());
        // the state survives a restart of the sandbox
        var reopened = CloudState.open(tmp.resolve("state.json"), clock);
        assertTrue(reopened.get("Vpc", id).isPresent());
        // another region does not see it: a missing id answers without VpcId (read as not found by the provider)
        assertFalse(call(vpc, "DescribeVpcAttribute", "VpcId", id, "RegionId", "cn-shanghai").has("VpcId"));
    }

    @Test
    void vSwitchesAreCheckedAgainstTheirVpcAndKeepTheVpcFromBeingDeleted() {
        var id = call(vpc, "CreateVpc", "RegionId", "cn-hangzhou", "CidrBlock", "20.0.0.0/8").get("VpcId").asText();
        // resource_alicloud_vswitch.go Create: RegionId, ClientToken, CidrBlock, VpcId, VSwitchName, ZoneId
        var vsw = call(vpc, "CreateVSwitch", "RegionId", "cn-hangzhou", "VpcId", id, "CidrBlock", "20.0.0.0/16", "ZoneId", "cn-hangzhou-h",
                "VSwitchName", "a").get("VSwitchId").asText();
        var overlap = assertThrows(ApiException.class, () -> call(vpc, "CreateVSwitch", "RegionId", "cn-hangzhou", "VpcId", id,
                "CidrBlock", "20.0.128.0/17", "ZoneId", "cn-hangzhou-i"));
        assertEquals("InvalidCidrBlock.Overlapped", overlap.code());
        var outside = assertThrows(ApiException.class, () -> call(vpc, "CreateVSwitch", "RegionId", "cn-hangzhou", "VpcId", id,
                "CidrBlock", "21.0.0.0/16", "ZoneId", "cn-hangzhou-i"));
        assertEquals("InvalidCidrBlock.Mismatch", outside.code());
        var zone = assertThrows(ApiException.class, () -> call(vpc, "CreateVSwitch", "RegionId", "cn-hangzhou", "VpcId", id,
                "CidrBlock", "20.1.0.0/16", "ZoneId", "cn-shanghai-e"));
        assertEquals("InvalidZoneId.NotFound", zone.code());
        var busy = assertThrows(ApiException.class, () -> call(vpc, "DeleteVpc", "RegionId", "cn-hangzhou", "VpcId", id));
        assertEquals("DependencyViolation.VSwitch", busy.code()); // the provider retries on it until the vSwitch is gone
        call(vpc, "DeleteVSwitch", "RegionId", "cn-hangzhou", "VSwitchId", vsw);
        assertFalse(call(vpc, "DescribeVSwitchAttributes", "RegionId", "cn-hangzhou", "VSwitchId", vsw).has("VSwitchId"));
        call(vpc, "DeleteVpc", "RegionId", "cn-hangzhou", "VpcId", id);
        assertFalse(call(vpc, "DescribeVpcAttribute", "VpcId", id, "RegionId", "cn-hangzhou").has("VpcId"));
    }

    @Test
    void routeEntriesGoThroughAnAttachmentOfTheirVpcAndAreFoundTheWayTheProviderLooks() {
        var created = call(vpc, "CreateVpc", "RegionId", "cn-hangzhou", "CidrBlock", "20.0.0.0/8");
        var table = created.get("RouteTableId").asText();
        var attachment = CloudState.object().put("TransitRouterAttachmentId", "tr-attach-1").put("VpcId", created.get("VpcId").asText());
        state.create("TransitRouterVpcAttachment", "tr-attach-1", "cn-hangzhou", attachment, 0);
        var missing = assertThrows(ApiException.class, () -> call(vpc, "CreateRouteEntry", "RegionId", "cn-hangzhou", "RouteTableId", table,
                "DestinationCidrBlock", "21.0.0.0/8", "NextHopType", "Attachment", "NextHopId", "tr-attach-9"));
        assertEquals("InvalidNextHopId.NotFound", missing.code());
        call(vpc, "CreateRouteEntry", "RegionId", "cn-hangzhou", "RouteTableId", table, "DestinationCidrBlock", "21.0.0.0/8",
                "NextHopType", "Attachment", "NextHopId", "tr-attach-1", "RouteEntryName", "to-shanghai");
        var again = assertThrows(ApiException.class, () -> call(vpc, "CreateRouteEntry", "RegionId", "cn-hangzhou", "RouteTableId", table,
                "DestinationCidrBlock", "21.0.0.0/8", "NextHopType", "Attachment", "NextHopId", "tr-attach-1"));
        assertEquals("RouterEntryConflict.Duplicated", again.code());
        // service_alicloud_vpc.go DescribeRouteEntry: DescribeRouteTables by RouteTableId, RouteTables.RouteTable[].RouteEntrys.RouteEntry[]
        clock.millis += 1000;
        var entries = call(vpc, "DescribeRouteTables", "RegionId", "cn-hangzhou", "RouteTableId", table).at("/RouteTables/RouteTable/0/RouteEntrys/RouteEntry");
        assertEquals(1, entries.size());
        var entry = entries.get(0);
        assertEquals("21.0.0.0/8", entry.get("DestinationCidrBlock").asText());
        assertEquals("Attachment", entry.get("NextHopType").asText());
        assertEquals("tr-attach-1", entry.get("InstanceId").asText());
        assertEquals("Available", entry.get("Status").asText());
        assertEquals("to-shanghai", entry.get("RouteEntryName").asText());
        call(vpc, "DeleteRouteEntry", "RegionId", "cn-hangzhou", "RouteTableId", table, "DestinationCidrBlock", "21.0.0.0/8", "NextHopId", "tr-attach-1");
        var gone = assertThrows(ApiException.class, () -> call(vpc, "DeleteRouteEntry", "RegionId", "cn-hangzhou", "RouteTableId", table,
                "DestinationCidrBlock", "21.0.0.0/8", "NextHopId", "tr-attach-1"));
        assertEquals("InvalidRouteEntry.NotFound", gone.code()); // the provider's Delete treats it as done
    }

    @Test
    void aSecurityGroupRuleReadsBackAsTheProviderMatchesIt() {
        var group = CloudState.object().put("SecurityGroupId", "sg-1").put("VpcId", "vpc-1");
        state.create("SecurityGroup", "sg-1", "cn-hangzhou", group, 0);
        // resource_alicloud_security_group_rule.go Create: RegionId, SecurityGroupId, Permissions (flattened Permissions.1.*)
        call(ecs, "AuthorizeSecurityGroup", "RegionId", "cn-hangzhou", "SecurityGroupId", "sg-1", "Permissions.1.IpProtocol", "all",
                "Permissions.1.Policy", "accept", "Permissions.1.Priority", "1", "Permissions.1.SourceCidrIp", "21.3.0.0/16",
                "Permissions.1.PortRange", "-1/-1", "Permissions.1.NicType", "intranet", "Permissions.1.Description", "from shanghai");
        // service_alicloud_ecs.go DescribeSecurityGroupRule: lower-cases protocol and policy, compares priority as a string
        var rules = call(ecs, "DescribeSecurityGroupAttribute", "RegionId", "cn-hangzhou", "SecurityGroupId", "sg-1", "Direction", "ingress",
                "NicType", "intranet").at("/Permissions/Permission");
        assertEquals(1, rules.size());
        var rule = rules.get(0);
        assertEquals("ALL", rule.get("IpProtocol").asText());
        assertEquals("Accept", rule.get("Policy").asText());
        assertEquals("1", rule.get("Priority").asText());
        assertEquals("21.3.0.0/16", rule.get("SourceCidrIp").asText());
        assertEquals("-1/-1", rule.get("PortRange").asText());
        assertEquals("from shanghai", rule.get("Description").asText());
        // Delete: RevokeSecurityGroup with the rule's fields as query parameters (buildAliyunSGRuleRequest)
        call(ecs, "RevokeSecurityGroup", "RegionId", "cn-hangzhou", "SecurityGroupId", "sg-1", "IpProtocol", "all", "Policy", "accept",
                "Priority", "1", "SourceCidrIp", "21.3.0.0/16", "PortRange", "-1/-1", "NicType", "intranet", "Description", "from shanghai");
        assertEquals(0, call(ecs, "DescribeSecurityGroupAttribute", "RegionId", "cn-hangzhou", "SecurityGroupId", "sg-1", "Direction", "ingress")
                .at("/Permissions/Permission").size());
        var noGroup = assertThrows(ApiException.class, () -> call(ecs, "DescribeSecurityGroupAttribute", "RegionId", "cn-hangzhou",
                "SecurityGroupId", "sg-9"));
        assertEquals("InvalidSecurityGroupId.NotFound", noGroup.code());
        var badPorts = assertThrows(ApiException.class, () -> call(ecs, "AuthorizeSecurityGroup", "RegionId", "cn-hangzhou",
                "SecurityGroupId", "sg-1", "Permissions.1.IpProtocol", "tcp", "Permissions.1.PortRange", "22",
                "Permissions.1.SourceCidrIp", "0.0.0.0/0"));
        assertEquals("InvalidPortRange.Malformed", badPorts.code());
    }

    @Test
    void anActionNoProductEmulatesIsNotAnswered() {
        var request = new ApiRequest("RPC", "POST", "/", "Vpc", "2016-04-28", "CreateNatGateway", Map.of("RegionId", "cn-hangzhou"),
                JSON.createObjectNode(), Map.of());
        assertTrue(vpc.handle(request, state).isEmpty(), "the emulator then refuses it by name");
    }
}
