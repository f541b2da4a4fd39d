package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.engine.CloudFacts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Cbn product driven through {@link Product#handle} with the requests terraform-provider-alicloud v1.285.0
 * builds for the CEN backbone (the keys each resource file sets, flattened as tea-rpc-utils {@code Query} flattens
 * them), on a clock the test moves: every status goes pending then ready, a Read right after a Create returns
 * every field the provider reads as it was set, Updates land, Deletes go through their deleting status to
 * not-found, and the rules the real API enforces and this program relies on are enforced with their codes.
 */
class CbnTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TAGS = Map.of("app", "asm-dr", "stack", "dev");

    @TempDir
    Path tmp;

    private final VpcAndEcsTest.MutableClock clock = new VpcAndEcsTest.MutableClock();
    private CloudState state;
    private final Cbn cbn = new Cbn(CloudFacts.PUBLISHED, new Timing(1.0, Duration.ofMillis(500)));

    @BeforeEach
    void open() throws IOException {
        state = CloudState.open(tmp.resolve("state.json"), clock);
    }

    static ApiRequest rpc(String action, Map<String, String> params) {
        var all = new LinkedHashMap<String, String>();
        all.put("Action", action);
        all.put("Version", "2017-09-12");
        all.put("Format", "json");
        all.putAll(params);
        return new ApiRequest("RPC", "POST", "/", "", "2017-09-12", action, all, JSON.createObjectNode(), Map.of());
    }

    /** Pairs of key and value, in order. */
    static Map<String, String> kv(String... pairs) {
        var out = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private JsonNode call(String action, String... pairs) {
        return JSON.valueToTree(cbn.handle(rpc(action, kv(pairs)), state).orElseThrow());
    }

    private ApiException refused(String action, String... pairs) {
        return assertThrows(ApiException.class, () -> cbn.handle(rpc(action, kv(pairs)), state));
    }

    private static Map<String, String> tagsOf(JsonNode list) {
        var out = new LinkedHashMap<String, String>();
        list.forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText()));
        return out;
    }

    private void later(Duration d) {
        clock.millis += d.toMillis();
    }

    // --- the calls the provider makes, with its keys -----------------------------------------------------------

    /** resource_alicloud_cen_instance.go Create (ClientToken, Name, Description, Tag.N), then Update's TagResources. */
    private String cen() {
        var id = call("CreateCen", "ClientToken", "CreateCen-" + state.all(Cbn.CEN).size(), "Name", "asm-dr-dev", "Description", "asm-dr cross-region backbone",
                "Tag.1.Key", "app", "Tag.1.Value", "asm-dr", "Tag.2.Key", "stack", "Tag.2.Value", "dev").path("CenId").asText();
        later(Duration.ofMinutes(1));
        return id;
    }

    /** service_alicloud_cen_v2.go DescribeCenCenInstance: Filter.0.Key/Filter.0.Value.0 in sjson, 1-based on the wire. */
    private JsonNode describeCen(String id) {
        return call("DescribeCens", "Filter.1.Key", "CenId", "Filter.1.Value.1", id);
    }

    /** resource_alicloud_cen_transit_router.go Create: RegionId, ClientToken, CenId, TransitRouterName, Tag.N. */
    private String router(String cen, String region) {
        var id = call("CreateTransitRouter", "RegionId", region, "ClientToken", "tr-" + region, "CenId", cen,
                "TransitRouterName", region + "-router", "Tag.1.Key", "app", "Tag.1.Value", "asm-dr").path("TransitRouterId").asText();
        later(Duration.ofMinutes(5));
        return id;
    }

    /** service_alicloud_cbn.go / the data source: TransitRouterId and TransitRouterRouteTableType=System, MaxResults. */
    private String systemTable(String router) {
        var tables = call("ListTransitRouterRouteTables", "MaxResults", "50", "TransitRouterId", router, "TransitRouterRouteTableType", "System");
        assertEquals(1, tables.path("TransitRouterRouteTables").size(), tables.toString());
        assertEquals("", tables.path("NextToken").asText(), "one page: an empty NextToken ends the data source's loop");
        return tables.path("TransitRouterRouteTables").get(0).path("TransitRouterRouteTableId").asText();
    }

    /** A VPC and two vSwitches as the Vpc product records them. */
    private Map<String, String> network(String region, String zoneA, String zoneB) {
        var vpc = state.newId("vpc-", 20);
        var record = CloudState.object().put("VpcId", vpc).put("VpcName", "net").put("CidrBlock", "10.0.0.0/8").put("Status", "Available");
        state.create("Vpc", vpc, region, record, 0);
        var out = new LinkedHashMap<String, String>();
        out.put("vpc", vpc);
        for (var zone : List.of(zoneA, zoneB)) {
            var vsw = state.newId("vsw-", 20);
            state.create("VSwitch", vsw, region, CloudState.object().put("VSwitchId", vsw).put("VpcId", vpc).put("ZoneId", zone)
                    .put("CidrBlock", "10." + out.size() + ".0.0/24").put("Status", "Available"), 0);
            out.put(zone, vsw);
        }
        return out;
    }

    /** resource_alicloud_cen_transit_router_vpc_attachment.go Create (ZoneMappings.N.ZoneId/VSwitchId, AutoPublishRouteEnabled...). */
    private String vpcAttachment(String cen, String router, String region, Map<String, String> net, String zoneA, String zoneB) {
        var id = call("CreateTransitRouterVpcAttachment", "RegionId", region, "ClientToken", "att-" + net.get("vpc"), "CenId", cen,
                "Tag.1.Key", "app", "Tag.1.Value", "asm-dr",
                "ZoneMappings.1.ZoneId", zoneA, "ZoneMappings.1.VSwitchId", net.get(zoneA),
                "ZoneMappings.2.ZoneId", zoneB, "ZoneMappings.2.VSwitchId", net.get(zoneB),
                "TransitRouterId", router, "TransitRouterAttachmentName", "net-attachment", "AutoPublishRouteEnabled", "false",
                "VpcId", net.get("vpc")).path("TransitRouterAttachmentId").asText();
        later(Duration.ofMinutes(5));
        return id;
    }

    /** resource_alicloud_cen_transit_router_peer_attachment.go Create: bandwidth by data transfer, no package. */
    private String peering(String cen, String router, String region, String peer, String peerRegion) {
        var id = call("CreateTransitRouterPeerAttachment", "RegionId", region, "ClientToken", "peer-" + region, "TransitRouterId", router,
                "PeerTransitRouterId", peer, "PeerTransitRouterRegionId", peerRegion, "AutoPublishRouteEnabled", "true", "Bandwidth", "100",
                "CenId", cen, "Tag.1.Key", "app", "Tag.1.Value", "asm-dr", "BandwidthType", "DataTransfer",
                "TransitRouterAttachmentName", region + "-to-" + peerRegion).path("TransitRouterAttachmentId").asText();
        later(Duration.ofMinutes(5));
        return id;
    }

    // --- CEN instance ------------------------------------------------------------------------------------------

    @Test
    void aCenIsCreatingThenActiveReadsBackWhatWasSetTakesTagsAndChangesAndGoes() {
        var id = call("CreateCen", "ClientToken", "t1", "Name", "asm-dr-dev", "Description", "asm-dr cross-region backbone",
                "Tag.1.Key", "app", "Tag.1.Value", "asm-dr").path("CenId").asText();
        assertTrue(id.matches("cen-[0-9a-f]{18}"), id);
        var creating = describeCen(id).path("Cens").path("Cen");
        assertEquals(1, creating.size());
        assertEquals("Creating", creating.get(0).path("Status").asText());
        later(Duration.ofSeconds(6));
        var cen = describeCen(id).path("Cens").path("Cen").get(0);
        // every field resourceAliCloudCenCenInstanceRead reads
        assertEquals("Active", cen.path("Status").asText());
        assertEquals("asm-dr-dev", cen.path("Name").asText());
        assertEquals("asm-dr cross-region backbone", cen.path("Description").asText());
        assertEquals("REDUCED", cen.path("ProtectionLevel").asText());
        assertTrue(cen.path("ResourceGroupId").asText().startsWith("rg-"), cen.toString());
        assertEquals("2026-12-06T00:00Z", cen.path("CreationTime").asText());
        assertEquals(Map.of("app", "asm-dr"), tagsOf(cen.path("Tags").path("Tag")));
        assertFalse(cen.has("_region"), "no bookkeeping field leaks");

        // Update right after Create: SetResourceTags(d, "cen") adds what Create already set, and more
        call("TagResources", "ResourceId.1", id, "RegionId", "cn-hangzhou", "ResourceType", "cen", "Tag.1.Key", "stack", "Tag.1.Value", "dev");
        call("ModifyCenAttribute", "CenId", id, "Name", "asm-dr-dev-2", "Description", "changed");
        call("UntagResources", "ResourceId.1", id, "RegionId", "cn-hangzhou", "ResourceType", "cen", "TagKey.1", "app");
        cen = describeCen(id).path("Cens").path("Cen").get(0);
        assertEquals("asm-dr-dev-2", cen.path("Name").asText());
        assertEquals("changed", cen.path("Description").asText());
        assertEquals(Map.of("stack", "dev"), tagsOf(cen.path("Tags").path("Tag")));

        // a retried CreateCen with the same ClientToken is the same CEN
        assertEquals(id, call("CreateCen", "ClientToken", "t1", "Name", "asm-dr-dev").path("CenId").asText());
        assertEquals(1, call("DescribeCens").path("Cens").path("Cen").size());

        call("DeleteCen", "CenId", id);
        assertEquals("Deleting", describeCen(id).path("Cens").path("Cen").get(0).path("Status").asText());
        later(Duration.ofSeconds(6));
        assertEquals(0, describeCen(id).path("Cens").path("Cen").size(), "gone: the list is empty, which DescribeCenCenInstance reads as not found");
        assertEquals("ParameterCenInstanceId", refused("DeleteCen", "CenId", id).code(), "the code the provider's Delete reads as gone");
    }

    // --- transit routers ---------------------------------------------------------------------------------------

    @Test
    void aRouterComesWithItsSystemTableReadsBackChangesAndGoesOnlyWhenNothingIsAttached() {
        var cen = cen();
        var id = call("CreateTransitRouter", "RegionId", "cn-hangzhou", "ClientToken", "c1", "CenId", cen, "TransitRouterName", "cn-hangzhou-router",
                "Tag.1.Key", "app", "Tag.1.Value", "asm-dr").path("TransitRouterId").asText();
        assertTrue(id.matches("tr-[0-9a-f]{21}"), id);
        var read = call("ListTransitRouters", "TransitRouterId", id, "RegionId", "cn-hangzhou").path("TransitRouters");
        assertEquals("Creating", read.get(0).path("Status").asText());
        var table = call("ListTransitRouterRouteTables", "TransitRouterId", id).path("TransitRouterRouteTables").get(0);
        assertEquals("Creating", table.path("TransitRouterRouteTableStatus").asText());
        later(Duration.ofSeconds(61));

        var router = call("ListTransitRouters", "TransitRouterId", id, "RegionId", "cn-hangzhou").path("TransitRouters").get(0);
        // every field resourceAliCloudCenTransitRouterRead reads
        assertEquals("Active", router.path("Status").asText());
        assertEquals(cen, router.path("CenId").asText());
        assertEquals("cn-hangzhou", router.path("RegionId").asText());
        assertEquals("cn-hangzhou-router", router.path("TransitRouterName").asText());
        assertEquals("", router.path("TransitRouterDescription").asText());
        assertEquals("Enterprise", router.path("Type").asText());
        assertEquals(id, router.path("TransitRouterId").asText());
        assertTrue(router.path("SupportMulticast").isBoolean() && !router.path("SupportMulticast").asBoolean());
        assertEquals("2026-12-06T00:01Z", router.path("CreationTime").asText());
        assertEquals(Map.of("app", "asm-dr"), tagsOf(router.path("Tags")));
        var systemTable = systemTable(id);
        assertTrue(systemTable.matches("vtb-[0-9a-f]{21}"), systemTable);
        assertEquals("Active", call("ListTransitRouterRouteTables", "TransitRouterId", id).path("TransitRouterRouteTables").get(0)
                .path("TransitRouterRouteTableStatus").asText());
        assertEquals(0, call("ListTransitRouters", "TransitRouterId", id, "RegionId", "cn-shanghai").path("TransitRouters").size(),
                "a router is listed in its own region only");

        assertEquals("InstanceExist.TransitRouterInstance", refused("CreateTransitRouter", "RegionId", "cn-hangzhou", "CenId", cen).code(),
                "one Enterprise router per CEN and region");

        call("UpdateTransitRouter", "TransitRouterId", id, "RegionId", "cn-hangzhou", "ClientToken", "u1", "TransitRouterDescription", "the hub");
        assertEquals("Modifying", call("ListTransitRouters", "TransitRouterId", id).path("TransitRouters").get(0).path("Status").asText());
        later(Duration.ofSeconds(10));
        router = call("ListTransitRouters", "TransitRouterId", id).path("TransitRouters").get(0);
        assertEquals("Active", router.path("Status").asText());
        assertEquals("the hub", router.path("TransitRouterDescription").asText());
        call("TagResources", "RegionId", "cn-hangzhou", "ResourceType", "TransitRouter", "ResourceId.1", id, "Tag.1.Key", "stack", "Tag.1.Value", "dev");
        assertEquals(Map.of("app", "asm-dr", "stack", "dev"),
                tagsOf(call("ListTransitRouters", "TransitRouterId", id).path("TransitRouters").get(0).path("Tags")));

        assertEquals("InvalidOperation.CenInstanceStatus", refused("DeleteCen", "CenId", cen).code(), "a CEN with routers stays");
        var net = network("cn-hangzhou", "cn-hangzhou-h", "cn-hangzhou-i");
        var attachment = vpcAttachment(cen, id, "cn-hangzhou", net, "cn-hangzhou-h", "cn-hangzhou-i");
        assertEquals("InvalidOperation.AttachedChildInstanceExist", refused("DeleteTransitRouter", "TransitRouterId", id).code(),
                "the code the provider retries on while attachments detach");
        call("DeleteTransitRouterVpcAttachment", "TransitRouterAttachmentId", attachment, "ClientToken", "d1");
        assertEquals("InvalidOperation.AttachedChildInstanceExist", refused("DeleteTransitRouter", "TransitRouterId", id).code(),
                "a detaching attachment is still attached");
        later(Duration.ofMinutes(3));

        call("DeleteTransitRouter", "TransitRouterId", id, "ClientToken", "d2");
        assertEquals("Deleting", call("ListTransitRouters", "TransitRouterId", id).path("TransitRouters").get(0).path("Status").asText());
        later(Duration.ofSeconds(61));
        assertEquals(0, call("ListTransitRouters", "TransitRouterId", id, "RegionId", "cn-hangzhou").path("TransitRouters").size());
        assertEquals("InvalidTransitRouterId.NotFound", refused("ListTransitRouterRouteTables", "TransitRouterId", id).code(),
                "the code the provider reads as a table that is gone");
        assertEquals("ParameterInstanceId", refused("DeleteTransitRouter", "TransitRouterId", id).code());
        call("DeleteCen", "CenId", cen);
    }

    // --- VPC attachments ---------------------------------------------------------------------------------------

    @Test
    void aVpcAttachmentAttachesReadsBackTakesZoneChangesAndDetaches() {
        var cen = cen();
        var router = router(cen, "cn-hangzhou");
        var net = network("cn-hangzhou", "cn-hangzhou-h", "cn-hangzhou-i");
        var id = call("CreateTransitRouterVpcAttachment", "RegionId", "cn-hangzhou", "ClientToken", "a1", "CenId", cen,
                "Tag.1.Key", "app", "Tag.1.Value", "asm-dr",
                "ZoneMappings.1.ZoneId", "cn-hangzhou-h", "ZoneMappings.1.VSwitchId", net.get("cn-hangzhou-h"),
                "ZoneMappings.2.ZoneId", "cn-hangzhou-i", "ZoneMappings.2.VSwitchId", net.get("cn-hangzhou-i"),
                "TransitRouterId", router, "TransitRouterAttachmentName", "net-attachment", "AutoPublishRouteEnabled", "false",
                "VpcId", net.get("vpc")).path("TransitRouterAttachmentId").asText();
        assertTrue(id.matches("tr-attach-[0-9a-f]{18}"), id);
        // service_alicloud_cen_v2.go DescribeCenTransitRouterVpcAttachment: CenId, TransitRouterAttachmentId, RegionId
        var read = List.of("CenId", cen, "TransitRouterAttachmentId", id, "RegionId", "cn-hangzhou").toArray(String[]::new);
        assertEquals("Attaching", call("ListTransitRouterVpcAttachments", read).path("TransitRouterAttachments").get(0).path("Status").asText());
        later(Duration.ofMinutes(3));
        var attachment = call("ListTransitRouterVpcAttachments", read).path("TransitRouterAttachments").get(0);
        // every field resourceAliCloudCenTransitRouterVpcAttachmentRead reads
        assertEquals("Attached", attachment.path("Status").asText());
        assertFalse(attachment.path("AutoPublishRouteEnabled").asBoolean());
        assertTrue(attachment.path("AutoPublishRouteEnabled").isBoolean());
        assertEquals("2026-12-06T00:06Z", attachment.path("CreationTime").asText());
        assertEquals("PayByCenOwner", attachment.path("OrderType").asText());
        assertEquals("POSTPAY", attachment.path("ChargeType").asText(), "read back as payment_type PayAsYouGo");
        assertEquals("cn-hangzhou", attachment.path("VpcRegionId").asText());
        assertEquals("", attachment.path("TransitRouterAttachmentDescription").asText());
        assertEquals(router, attachment.path("TransitRouterId").asText());
        assertEquals("net-attachment", attachment.path("TransitRouterAttachmentName").asText());
        assertTrue(attachment.path("TransitRouterVPCAttachmentOptions").isObject());
        assertEquals(net.get("vpc"), attachment.path("VpcId").asText());
        assertTrue(attachment.path("VpcOwnerId").isIntegralNumber());
        assertEquals(id, attachment.path("TransitRouterAttachmentId").asText());
        assertEquals("VPC", attachment.path("ResourceType").asText());
        assertEquals(cen, attachment.path("CenId").asText());
        assertEquals(Map.of("app", "asm-dr"), tagsOf(attachment.path("Tags")));
        var zones = new LinkedHashMap<String, String>();
        attachment.path("ZoneMappings").forEach(z -> zones.put(z.path("ZoneId").asText(), z.path("VSwitchId").asText()));
        assertEquals(Map.of("cn-hangzhou-h", net.get("cn-hangzhou-h"), "cn-hangzhou-i", net.get("cn-hangzhou-i")), zones);

        // Update right after Create: OrderType is sent empty when the state has none yet; then the tags
        call("UpdateTransitRouterVpcAttachmentAttribute", "TransitRouterAttachmentId", id, "ClientToken", "u1", "OrderType", "");
        call("TagResources", "RegionId", "cn-hangzhou", "ResourceType", "TRANSITROUTERVPCATTACHMENT", "ResourceId.1", id,
                "Tag.1.Key", "stack", "Tag.1.Value", "dev");
        call("UpdateTransitRouterVpcAttachmentAttribute", "TransitRouterAttachmentId", id, "ClientToken", "u2",
                "TransitRouterAttachmentName", "renamed", "AutoPublishRouteEnabled", "true");
        attachment = call("ListTransitRouterVpcAttachments", read).path("TransitRouterAttachments").get(0);
        assertEquals("renamed", attachment.path("TransitRouterAttachmentName").asText());
        assertTrue(attachment.path("AutoPublishRouteEnabled").asBoolean());
        assertEquals(TAGS, tagsOf(attachment.path("Tags")));

        // a Day-2 zone move: the id in the query, Add/RemoveZoneMappings in the form
        var moved = network("cn-hangzhou", "cn-hangzhou-j", "cn-hangzhou-k");
        var other = state.newId("vsw-", 20);
        state.create("VSwitch", other, "cn-hangzhou", CloudState.object().put("VSwitchId", other).put("VpcId", net.get("vpc"))
                .put("ZoneId", "cn-hangzhou-j").put("CidrBlock", "10.9.0.0/24"), 0);
        assertEquals("IllegalParam.VSwitchId", refused("UpdateTransitRouterVpcAttachmentZones", "TransitRouterAttachmentId", id,
                "AddZoneMappings.1.ZoneId", "cn-hangzhou-j", "AddZoneMappings.1.VSwitchId", moved.get("cn-hangzhou-j")).code(),
                "a vSwitch of another VPC");
        call("UpdateTransitRouterVpcAttachmentZones", "TransitRouterAttachmentId", id, "ClientToken", "z1",
                "RemoveZoneMappings.1.ZoneId", "cn-hangzhou-i", "RemoveZoneMappings.1.VSwitchId", net.get("cn-hangzhou-i"),
                "AddZoneMappings.1.ZoneId", "cn-hangzhou-j", "AddZoneMappings.1.VSwitchId", other);
        assertEquals("Attaching", call("ListTransitRouterVpcAttachments", read).path("TransitRouterAttachments").get(0).path("Status").asText());
        later(Duration.ofMinutes(3));
        attachment = call("ListTransitRouterVpcAttachments", read).path("TransitRouterAttachments").get(0);
        assertEquals("Attached", attachment.path("Status").asText());
        var now = new LinkedHashMap<String, String>();
        attachment.path("ZoneMappings").forEach(z -> now.put(z.path("ZoneId").asText(), z.path("VSwitchId").asText()));
        assertEquals(Map.of("cn-hangzhou-h", net.get("cn-hangzhou-h"), "cn-hangzhou-j", other), now);

        call("DeleteTransitRouterVpcAttachment", "TransitRouterAttachmentId", id, "ClientToken", "d1");
        assertEquals("Detaching", call("ListTransitRouterVpcAttachments", read).path("TransitRouterAttachments").get(0).path("Status").asText());
        later(Duration.ofMinutes(3));
        assertEquals(0, call("ListTransitRouterVpcAttachments", read).path("TransitRouterAttachments").size());
        assertEquals("InvalidTransitRouterAttachmentId.NotFound", refused("DeleteTransitRouterVpcAttachment", "TransitRouterAttachmentId", id).code());
    }

    @Test
    void aVpcAttachmentNeedsTheVpcItsVSwitchesAndZonesTheRouterServes() {
        var cen = cen();
        var router = router(cen, "cn-hangzhou");
        var net = network("cn-hangzhou", "cn-hangzhou-h", "cn-hangzhou-a");
        var base = kv("RegionId", "cn-hangzhou", "CenId", cen, "TransitRouterId", router, "VpcId", net.get("vpc"));

        var zone = withZones(base, "cn-hangzhou-a", net.get("cn-hangzhou-a"));
        var e = assertThrows(ApiException.class, () -> cbn.handle(rpc("CreateTransitRouterVpcAttachment", zone), state));
        assertEquals("IllegalParam.ZoneId", e.code(), "cn-hangzhou-a is not a transit-router zone of cn-hangzhou in the cloud facts");
        assertTrue(e.getMessage().contains("cn-hangzhou-b, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k"), e.getMessage());

        var unknown = withZones(base, "cn-hangzhou-h", "vsw-00000000000000000000");
        e = assertThrows(ApiException.class, () -> cbn.handle(rpc("CreateTransitRouterVpcAttachment", unknown), state));
        assertEquals("InvalidVSwitchId.NotFound", e.code());
        assertEquals(404, e.status());

        var wrongZone = withZones(base, "cn-hangzhou-i", net.get("cn-hangzhou-h"));
        assertEquals("IllegalParam.ZoneId", assertThrows(ApiException.class,
                () -> cbn.handle(rpc("CreateTransitRouterVpcAttachment", wrongZone), state)).code(), "the vSwitch lies in another zone");

        var noVpc = new LinkedHashMap<>(withZones(base, "cn-hangzhou-h", net.get("cn-hangzhou-h")));
        noVpc.put("VpcId", "vpc-00000000000000000000");
        assertEquals("IncorrectStatus.Vpc", assertThrows(ApiException.class,
                () -> cbn.handle(rpc("CreateTransitRouterVpcAttachment", noVpc), state)).code());

        var elsewhere = new LinkedHashMap<>(withZones(base, "cn-hangzhou-h", net.get("cn-hangzhou-h")));
        elsewhere.put("RegionId", "cn-shanghai");
        assertEquals("InvalidTransitRouterId.NotFound", assertThrows(ApiException.class,
                () -> cbn.handle(rpc("CreateTransitRouterVpcAttachment", elsewhere), state)).code(), "the router is in cn-hangzhou");
        assertEquals(0, state.all(Cbn.VPC_ATTACHMENT).size(), "nothing was created by a refused call");
    }

    private static Map<String, String> withZones(Map<String, String> base, String zone, String vsw) {
        var out = new LinkedHashMap<>(base);
        out.put("ZoneMappings.1.ZoneId", zone);
        out.put("ZoneMappings.1.VSwitchId", vsw);
        return out;
    }

    // --- peerings, associations, propagations and routes ----------------------------------------------------------

    @Test
    void theBackboneRoutesAsTheRealApiAllowsAndComesApartInOrder() {
        var cen = cen();
        var hz = router(cen, "cn-hangzhou");
        var sh = router(cen, "cn-shanghai");
        var hzTable = systemTable(hz);
        var shTable = systemTable(sh);
        var hzNet = network("cn-hangzhou", "cn-hangzhou-h", "cn-hangzhou-i");
        var vpcAttachment = vpcAttachment(cen, hz, "cn-hangzhou", hzNet, "cn-hangzhou-h", "cn-hangzhou-i");

        var id = call("CreateTransitRouterPeerAttachment", "RegionId", "cn-hangzhou", "ClientToken", "p1", "TransitRouterId", hz,
                "PeerTransitRouterId", sh, "PeerTransitRouterRegionId", "cn-shanghai", "AutoPublishRouteEnabled", "true", "Bandwidth", "100",
                "CenId", cen, "Tag.1.Key", "app", "Tag.1.Value", "asm-dr", "BandwidthType", "DataTransfer",
                "TransitRouterAttachmentName", "cn-hangzhou-to-cn-shanghai").path("TransitRouterAttachmentId").asText();
        var read = List.of("TransitRouterAttachmentId", id, "RegionId", "cn-hangzhou").toArray(String[]::new);
        assertEquals("Attaching", call("ListTransitRouterPeerAttachments", read).path("TransitRouterAttachments").get(0).path("Status").asText());
        later(Duration.ofMinutes(4));
        var peering = call("ListTransitRouterPeerAttachments", read).path("TransitRouterAttachments").get(0);
        // every field resourceAliCloudCenTransitRouterPeerAttachmentRead reads
        assertEquals("Attached", peering.path("Status").asText());
        assertTrue(peering.path("AutoPublishRouteEnabled").asBoolean());
        assertEquals(100, peering.path("Bandwidth").asInt());
        assertTrue(peering.path("Bandwidth").isIntegralNumber());
        assertEquals("DataTransfer", peering.path("BandwidthType").asText());
        assertEquals("", peering.path("CenBandwidthPackageId").asText());
        assertEquals(cen, peering.path("CenId").asText());
        assertEquals("Gold", peering.path("DefaultLinkType").asText());
        assertEquals(sh, peering.path("PeerTransitRouterId").asText());
        assertEquals("cn-shanghai", peering.path("PeerTransitRouterRegionId").asText());
        assertEquals("cn-hangzhou", peering.path("RegionId").asText());
        assertEquals("", peering.path("TransitRouterAttachmentDescription").asText());
        assertEquals(hz, peering.path("TransitRouterId").asText());
        assertEquals("cn-hangzhou-to-cn-shanghai", peering.path("TransitRouterAttachmentName").asText());
        assertEquals(id, peering.path("TransitRouterAttachmentId").asText());
        assertEquals(Map.of("app", "asm-dr"), tagsOf(peering.path("Tags")));
        assertEquals(0, call("ListTransitRouterPeerAttachments", "TransitRouterAttachmentId", id, "RegionId", "cn-shanghai")
                .path("TransitRouterAttachments").size(), "listed in the region that owns it");
        call("UpdateTransitRouterPeerAttachmentAttribute", "TransitRouterAttachmentId", id, "ClientToken", "u", "Bandwidth", "200");
        assertEquals(200, call("ListTransitRouterPeerAttachments", read).path("TransitRouterAttachments").get(0).path("Bandwidth").asInt());
        assertEquals("IllegalParam.BandwidthType", refused("UpdateTransitRouterPeerAttachmentAttribute", "TransitRouterAttachmentId", id,
                "BandwidthType", "Fast").code());

        // association and propagation, each with the provider's two keys and no RegionId; the peering on both routers
        for (var pair : List.of(List.of(vpcAttachment, hzTable), List.of(id, hzTable), List.of(id, shTable))) {
            call("AssociateTransitRouterAttachmentWithRouteTable", "TransitRouterAttachmentId", pair.get(0), "TransitRouterRouteTableId", pair.get(1),
                    "ClientToken", "a");
            call("EnableTransitRouterRouteTablePropagation", "TransitRouterAttachmentId", pair.get(0), "TransitRouterRouteTableId", pair.get(1));
        }
        var association = call("ListTransitRouterRouteTableAssociations", "TransitRouterAttachmentId", id, "TransitRouterRouteTableId", shTable)
                .path("TransitRouterAssociations");
        assertEquals(1, association.size());
        assertEquals("Associating", association.get(0).path("Status").asText());
        assertEquals("Enabling", call("ListTransitRouterRouteTablePropagations", "TransitRouterAttachmentId", id, "TransitRouterRouteTableId", shTable)
                .path("TransitRouterPropagations").get(0).path("Status").asText());
        later(Duration.ofSeconds(11));
        association = call("ListTransitRouterRouteTableAssociations", "TransitRouterAttachmentId", id, "TransitRouterRouteTableId", shTable)
                .path("TransitRouterAssociations").get(0);
        assertEquals("Active", association.path("Status").asText());
        assertEquals(id, association.path("TransitRouterAttachmentId").asText());
        assertEquals(shTable, association.path("TransitRouterRouteTableId").asText());
        assertEquals("TR", association.path("ResourceType").asText());
        assertEquals(hz, association.path("ResourceId").asText(), "seen from Shanghai, the peering leads to Hangzhou");
        var propagation = call("ListTransitRouterRouteTablePropagations", "TransitRouterAttachmentId", vpcAttachment, "TransitRouterRouteTableId", hzTable)
                .path("TransitRouterPropagations").get(0);
        assertEquals("Active", propagation.path("Status").asText());
        assertEquals(vpcAttachment, propagation.path("TransitRouterAttachmentId").asText());
        assertEquals(hzNet.get("vpc"), propagation.path("ResourceId").asText());

        // what the real API refuses
        var shNet = network("cn-shanghai", "cn-shanghai-b", "cn-shanghai-c");
        var shAttachment = vpcAttachment(cen, sh, "cn-shanghai", shNet, "cn-shanghai-b", "cn-shanghai-c");
        assertEquals("IllegalParam.TransitRouterTableId", refused("AssociateTransitRouterAttachmentWithRouteTable",
                "TransitRouterAttachmentId", shAttachment, "TransitRouterRouteTableId", hzTable).code(), "a table of another router");
        assertEquals("AssociationExist.TransitRouterTable", refused("AssociateTransitRouterAttachmentWithRouteTable",
                "TransitRouterAttachmentId", vpcAttachment, "TransitRouterRouteTableId", hzTable).code(), "one association per attachment and router");
        assertEquals("InvalidAttachmentId.NotFound", refused("AssociateTransitRouterAttachmentWithRouteTable",
                "TransitRouterAttachmentId", "tr-attach-000000000000000000", "TransitRouterRouteTableId", hzTable).code());
        assertEquals("InvalidRouteTableId.NotFound", refused("EnableTransitRouterRouteTablePropagation",
                "TransitRouterAttachmentId", shAttachment, "TransitRouterRouteTableId", "vtb-000000000000000000000").code());

        // routes: the resource's keys (no RegionId), the next hop an attachment of the table's router
        var route = call("CreateTransitRouterRouteEntry", "TransitRouterRouteEntryDescription", "Flannel Pod CIDR of sh",
                "TransitRouterRouteEntryDestinationCidrBlock", "172.21.0.0/16", "TransitRouterRouteEntryName", "cn-shanghai-pods-via-cn-hangzhou",
                "TransitRouterRouteEntryNextHopId", id, "TransitRouterRouteEntryNextHopType", "Attachment", "TransitRouterRouteTableId", hzTable,
                "ClientToken", "r1").path("TransitRouterRouteEntryId").asText();
        assertTrue(route.matches("rte-[0-9a-f]{18}"), route);
        var readRoute = List.of("TransitRouterRouteTableId", hzTable, "TransitRouterRouteEntryIds.1", route).toArray(String[]::new);
        assertEquals("Creating", call("ListTransitRouterRouteEntries", readRoute).path("TransitRouterRouteEntries").get(0)
                .path("TransitRouterRouteEntryStatus").asText());
        later(Duration.ofSeconds(6));
        var entry = call("ListTransitRouterRouteEntries", readRoute).path("TransitRouterRouteEntries").get(0);
        // every field resourceAlicloudCenTransitRouterRouteEntryRead reads
        assertEquals("Active", entry.path("TransitRouterRouteEntryStatus").asText());
        assertEquals("Flannel Pod CIDR of sh", entry.path("TransitRouterRouteEntryDescription").asText());
        assertEquals("172.21.0.0/16", entry.path("TransitRouterRouteEntryDestinationCidrBlock").asText());
        assertEquals("cn-shanghai-pods-via-cn-hangzhou", entry.path("TransitRouterRouteEntryName").asText());
        assertEquals(id, entry.path("TransitRouterRouteEntryNextHopId").asText());
        assertEquals("Attachment", entry.path("TransitRouterRouteEntryNextHopType").asText());
        assertEquals(route, entry.path("TransitRouterRouteEntryId").asText());
        call("UpdateTransitRouterRouteEntry", "TransitRouterRouteEntryId", route, "TransitRouterRouteEntryName", "renamed", "ClientToken", "u");
        assertEquals("renamed", call("ListTransitRouterRouteEntries", readRoute).path("TransitRouterRouteEntries").get(0)
                .path("TransitRouterRouteEntryName").asText());

        assertEquals("InvalidTransitRouterRouteEntryNextHopId.NotFound", refused("CreateTransitRouterRouteEntry",
                "TransitRouterRouteEntryDestinationCidrBlock", "172.22.0.0/16", "TransitRouterRouteEntryNextHopId", shAttachment,
                "TransitRouterRouteEntryNextHopType", "Attachment", "TransitRouterRouteTableId", hzTable).code(),
                "the next hop must be an attachment of the same router");
        assertEquals("InstanceExist.TransitRouterRouteEntry", refused("CreateTransitRouterRouteEntry",
                "TransitRouterRouteEntryDestinationCidrBlock", "172.21.0.0/16", "TransitRouterRouteEntryNextHopId", vpcAttachment,
                "TransitRouterRouteEntryNextHopType", "Attachment", "TransitRouterRouteTableId", hzTable).code(), "one route per destination");

        // taking it apart in the order Pulumi does: routes and routing first, then the attachments, then routers and CEN
        assertEquals("OperationFailed.RouteEntryExist", refused("DeleteTransitRouterPeerAttachment", "TransitRouterAttachmentId", id).code());
        call("DeleteTransitRouterRouteEntry", "TransitRouterRouteEntryId", route, "TransitRouterRouteEntryNextHopId", id,
                "TransitRouterRouteEntryNextHopType", "Attachment", "ClientToken", "d");
        assertEquals("OperationFailed.CreateRouteEntryWithSameDestinationCidrBlock", refused("CreateTransitRouterRouteEntry",
                "TransitRouterRouteEntryDestinationCidrBlock", "172.21.0.0/16", "TransitRouterRouteEntryNextHopId", id,
                "TransitRouterRouteEntryNextHopType", "Attachment", "TransitRouterRouteTableId", hzTable).code(),
                "a replacement meets the old route while it is deleted: the provider retries this code");
        assertEquals("Deleting", call("ListTransitRouterRouteEntries", readRoute).path("TransitRouterRouteEntries").get(0)
                .path("TransitRouterRouteEntryStatus").asText());
        later(Duration.ofSeconds(6));
        assertEquals(0, call("ListTransitRouterRouteEntries", readRoute).path("TransitRouterRouteEntries").size());

        assertEquals("OperationFailed.RouteTableAssociationExist", refused("DeleteTransitRouterPeerAttachment", "TransitRouterAttachmentId", id).code());
        for (var pair : List.of(List.of(vpcAttachment, hzTable), List.of(id, hzTable), List.of(id, shTable))) {
            call("DissociateTransitRouterAttachmentFromRouteTable", "TransitRouterAttachmentId", pair.get(0), "TransitRouterRouteTableId", pair.get(1));
        }
        assertEquals("Dissociating", call("ListTransitRouterRouteTableAssociations", "TransitRouterAttachmentId", id,
                "TransitRouterRouteTableId", shTable).path("TransitRouterAssociations").get(0).path("Status").asText());
        assertEquals("IncorrectStatus.Status", refused("AssociateTransitRouterAttachmentWithRouteTable",
                "TransitRouterAttachmentId", id, "TransitRouterRouteTableId", shTable).code(), "a re-association waits (the provider retries)");
        later(Duration.ofSeconds(11));
        assertEquals(0, call("ListTransitRouterRouteTableAssociations", "TransitRouterAttachmentId", id, "TransitRouterRouteTableId", shTable)
                .path("TransitRouterAssociations").size());
        assertEquals(404, refused("DissociateTransitRouterAttachmentFromRouteTable", "TransitRouterAttachmentId", id,
                "TransitRouterRouteTableId", shTable).status(), "the provider's Delete reads a 404 as gone");

        assertEquals("OperationFailed.RouteTablePropagationExist", refused("DeleteTransitRouterVpcAttachment", "TransitRouterAttachmentId", vpcAttachment).code());
        for (var pair : List.of(List.of(vpcAttachment, hzTable), List.of(id, hzTable), List.of(id, shTable))) {
            call("DisableTransitRouterRouteTablePropagation", "TransitRouterAttachmentId", pair.get(0), "TransitRouterRouteTableId", pair.get(1));
        }
        assertEquals("Disabling", call("ListTransitRouterRouteTablePropagations", "TransitRouterRouteTableId", hzTable)
                .path("TransitRouterPropagations").get(0).path("Status").asText());
        later(Duration.ofSeconds(11));
        assertEquals(0, call("ListTransitRouterRouteTablePropagations", "TransitRouterRouteTableId", hzTable).path("TransitRouterPropagations").size());

        // a VPC route (the Vpc product's record) to the attachment keeps it
        state.create("RouteEntry", "vtb-x|10.0.0.0/8", "cn-hangzhou", CloudState.object().put("RouteTableId", "vtb-x")
                .put("DestinationCidrBlock", "10.0.0.0/8").put("NextHopType", "Attachment").put("InstanceId", vpcAttachment), 0);
        assertEquals("OperationFailed.AttachmentReferencedVpcRouteEntryExisted",
                refused("DeleteTransitRouterVpcAttachment", "TransitRouterAttachmentId", vpcAttachment).code());
        state.remove("RouteEntry", "vtb-x|10.0.0.0/8");

        call("DeleteTransitRouterPeerAttachment", "TransitRouterAttachmentId", id, "ClientToken", "d");
        call("DeleteTransitRouterVpcAttachment", "TransitRouterAttachmentId", vpcAttachment, "ClientToken", "d");
        call("DeleteTransitRouterVpcAttachment", "TransitRouterAttachmentId", shAttachment, "ClientToken", "d");
        assertEquals("InvalidOperation.AttachedChildInstanceExist", refused("DeleteTransitRouter", "TransitRouterId", sh).code(),
                "the peering still detaches, and it is an attachment of the peer router too");
        later(Duration.ofMinutes(4));
        call("DeleteTransitRouter", "TransitRouterId", hz);
        call("DeleteTransitRouter", "TransitRouterId", sh);
        later(Duration.ofMinutes(2));
        call("DeleteCen", "CenId", cen);
        later(Duration.ofMinutes(1));
        call("DescribeCens");
        for (var kind : List.of(Cbn.CEN, Cbn.ROUTER, Cbn.TABLE, Cbn.VPC_ATTACHMENT, Cbn.PEER_ATTACHMENT, Cbn.ASSOCIATION, Cbn.PROPAGATION, Cbn.ROUTE_ENTRY)) {
            assertEquals(List.of(), state.all(kind), kind + " left behind");
        }
    }

    @Test
    void aPeeringNeedsTwoRoutersOfOneCenInTheRegionsItNames() {
        var cen = cen();
        var other = cen();
        var hz = router(cen, "cn-hangzhou");
        var sh = router(cen, "cn-shanghai");
        var foreign = router(other, "cn-shenzhen");
        var base = kv("RegionId", "cn-hangzhou", "TransitRouterId", hz, "CenId", cen, "BandwidthType", "DataTransfer", "Bandwidth", "10");
        var wrongRegion = new LinkedHashMap<>(base);
        wrongRegion.putAll(kv("PeerTransitRouterId", sh, "PeerTransitRouterRegionId", "cn-beijing"));
        assertEquals("IllegalParam.PeerRegionId", assertThrows(ApiException.class,
                () -> cbn.handle(rpc("CreateTransitRouterPeerAttachment", wrongRegion), state)).code());
        var otherCen = new LinkedHashMap<>(base);
        otherCen.putAll(kv("PeerTransitRouterId", foreign, "PeerTransitRouterRegionId", "cn-shenzhen"));
        assertEquals("IllegalParam.PeerTransitRouterId", assertThrows(ApiException.class,
                () -> cbn.handle(rpc("CreateTransitRouterPeerAttachment", otherCen), state)).code());
        var missing = new LinkedHashMap<>(base);
        missing.putAll(kv("PeerTransitRouterId", "tr-000000000000000000000", "PeerTransitRouterRegionId", "cn-shanghai"));
        assertEquals("InvalidPeerTransitRouterId.NotFound", assertThrows(ApiException.class,
                () -> cbn.handle(rpc("CreateTransitRouterPeerAttachment", missing), state)).code());
        var platinum = new LinkedHashMap<>(base);
        platinum.putAll(kv("PeerTransitRouterId", sh, "PeerTransitRouterRegionId", "cn-shanghai", "BandwidthType", "BandwidthPackage",
                "DefaultLinkType", "Platinum"));
        assertEquals("ParameterIllegal.BandwidthPackageDefaultLinkTypeOnlySupportGold", assertThrows(ApiException.class,
                () -> cbn.handle(rpc("CreateTransitRouterPeerAttachment", platinum), state)).code());
        var pkg = new LinkedHashMap<>(base);
        pkg.putAll(kv("PeerTransitRouterId", sh, "PeerTransitRouterRegionId", "cn-shanghai", "CenBandwidthPackageId", "cenbwp-1"));
        assertEquals("Sandbox.NotImplemented", assertThrows(ApiException.class,
                () -> cbn.handle(rpc("CreateTransitRouterPeerAttachment", pkg), state)).code(), "no bandwidth packages are sold here");
        assertEquals(List.of(), state.all(Cbn.PEER_ATTACHMENT));
        assertFalse(peering(cen, hz, "cn-hangzhou", sh, "cn-shanghai").isEmpty());
    }

    // --- with the Vpc product ------------------------------------------------------------------------------------

    /** The records the Vpc product writes are the ones Cbn reads, and each refuses to delete what the other still uses. */
    @Test
    void theVpcProductsNetworksAttachAndNeitherProductDeletesWhatTheOtherUses() {
        var vpcs = new Vpc(new Timing(1.0, Duration.ofMillis(500)));
        var created = JSON.valueToTree(vpcs.handle(rpc("CreateVpc", kv("RegionId", "cn-hangzhou", "CidrBlock", "10.0.0.0/8", "VpcName", "net")), state)
                .orElseThrow());
        var vpc = created.path("VpcId").asText();
        var routeTable = created.path("RouteTableId").asText();
        later(Duration.ofSeconds(6));
        var net = new LinkedHashMap<String, String>();
        net.put("vpc", vpc);
        for (var zone : List.of("cn-hangzhou-h", "cn-hangzhou-i")) {
            net.put(zone, ((JsonNode) JSON.valueToTree(vpcs.handle(rpc("CreateVSwitch", kv("RegionId", "cn-hangzhou", "VpcId", vpc, "ZoneId", zone,
                    "CidrBlock", zone.endsWith("h") ? "10.1.0.0/16" : "10.2.0.0/16")), state).orElseThrow())).path("VSwitchId").asText());
        }
        later(Duration.ofSeconds(6));
        var cen = cen();
        var router = router(cen, "cn-hangzhou");
        var attachment = vpcAttachment(cen, router, "cn-hangzhou", net, "cn-hangzhou-h", "cn-hangzhou-i");

        var inUse = assertThrows(ApiException.class, () -> vpcs.handle(rpc("DeleteVSwitch", kv("RegionId", "cn-hangzhou",
                "VSwitchId", net.get("cn-hangzhou-h"))), state));
        assertTrue(inUse.getMessage().contains(attachment), "the attachment sits in the vSwitch: " + inUse.getMessage());

        var route = kv("RegionId", "cn-hangzhou", "RouteTableId", routeTable, "DestinationCidrBlock", "172.20.0.0/16",
                "NextHopType", "Attachment", "NextHopId", attachment);
        vpcs.handle(rpc("CreateRouteEntry", route), state).orElseThrow();
        assertEquals("OperationFailed.AttachmentReferencedVpcRouteEntryExisted",
                refused("DeleteTransitRouterVpcAttachment", "TransitRouterAttachmentId", attachment).code());
        vpcs.handle(rpc("DeleteRouteEntry", route), state).orElseThrow();
        call("DeleteTransitRouterVpcAttachment", "TransitRouterAttachmentId", attachment);
        later(Duration.ofMinutes(3));
        call("ListTransitRouterVpcAttachments", "TransitRouterAttachmentId", attachment, "RegionId", "cn-hangzhou");
        vpcs.handle(rpc("DeleteVSwitch", kv("RegionId", "cn-hangzhou", "VSwitchId", net.get("cn-hangzhou-h"))), state).orElseThrow();
    }

    // --- data sources, regions and refusals ----------------------------------------------------------------------

    @Test
    void theAvailableZonesAreTheCloudFactsAnswerAndARegionWithoutOneIsRefusedByName() {
        var answer = call("ListTransitRouterAvailableResource", "RegionId", "cn-hangzhou");
        assertEquals(JSON.valueToTree(CloudFacts.PUBLISHED.transitRouterAvailableResource("cn-hangzhou").orElseThrow()), answer);
        assertEquals(List.of("cn-hangzhou-b", "cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"),
                JSON.convertValue(answer.path("AvailableZones"), List.class));
        assertTrue(answer.has("MasterZones") && answer.has("SlaveZones") && answer.has("SupportMulticast"), answer.toString());
        var e = refused("ListTransitRouterAvailableResource", "RegionId", "cn-beijing");
        assertEquals("Sandbox.NotImplemented", e.code());
        assertTrue(e.getMessage().contains("no transit-router zones for region cn-beijing in reference/cloud-facts/transit-router-zones.json"), e.getMessage());
    }

    @Test
    void callsWithoutARegionConcernTheRegionOfWhatTheyName() {
        var cen = cen();
        var hz = router(cen, "cn-hangzhou");
        var table = systemTable(hz);
        assertEquals("cn-hangzhou", cbn.regionOf(rpc("ListTransitRouterRouteTableAssociations", kv("TransitRouterAttachmentId", "tr-attach-x",
                "TransitRouterRouteTableId", table)), state).orElseThrow());
        assertEquals("cn-hangzhou", cbn.regionOf(rpc("DeleteTransitRouter", kv("TransitRouterId", hz)), state).orElseThrow());
        assertEquals("cn-shanghai", cbn.regionOf(rpc("ListTransitRouters", kv("TransitRouterId", hz, "RegionId", "cn-shanghai")), state).orElseThrow());
        assertTrue(cbn.regionOf(rpc("DescribeCens", kv("Filter.1.Key", "CenId", "Filter.1.Value.1", cen)), state).isEmpty(), "a CEN is global");
    }

    @Test
    void whatThisProgramNeverSendsIsRefusedByName() {
        assertTrue(cbn.handle(rpc("CreateTransitRouterRouteTable", kv("TransitRouterId", "tr-1")), state).isEmpty(),
                "an action the product does not emulate: the emulator refuses it by name");
        var dry = refused("CreateCen", "DryRun", "true");
        assertEquals("Sandbox.NotImplemented", dry.code());
        assertTrue(dry.getMessage().contains("CreateCen") && dry.getMessage().contains("DryRun"), dry.getMessage());
        assertEquals("InvalidParameterCombination.TransitRouter", refused("ListTransitRouters").code());
        assertEquals("MissingParameter", refused("ListTransitRouterRouteEntries").code());
        assertEquals(Set.of(), Set.copyOf(state.all(Cbn.CEN)));
    }
}
