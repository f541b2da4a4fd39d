package io.asmdr.sandbox.cloud;

import io.asmdr.validation.CloudRules;
import java.util.Locale;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asmdr.config.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The VPC product (API 2016-04-28) for {@code alicloud_vpc}, {@code alicloud_vswitch} and
 * {@code alicloud_route_entry}, as terraform-provider-alicloud v1.285.0 calls it:
 * <ul>
 *   <li>resource_alicloud_vpc.go: Create {@code CreateVpc}, then the wait for {@code Available} and Update
 *       ({@code TagResources}, {@code UnTagResources}: service_alicloud_vpc_v2.go {@code SetResourceTags};
 *       {@code ModifyVpcAttribute}, {@code ModifyRouteTableAttributes}); Read {@code DescribeVpcAttribute}
 *       and {@code DescribeRouteTableList} (service_alicloud_vpc_v2.go {@code DescribeVpcVpc},
 *       {@code DescribeVpcDescribeRouteTableList}: the System table); Delete {@code DeleteVpc}, retried on
 *       {@code DependencyViolation.VSwitch}, then waited for until not found;</li>
 *   <li>resource_alicloud_vswitch.go: {@code CreateVSwitch}, {@code DescribeVSwitchAttributes} (service
 *       {@code DescribeVpcVswitch}: a missing id answers an empty {@code VSwitchId}), {@code ModifyVSwitchAttribute},
 *       {@code DeleteVSwitch};</li>
 *   <li>resource_alicloud_route_entry.go (the older SDK): {@code DescribeRouteTables} by {@code RouteTableId}
 *       (service_alicloud_vpc.go {@code QueryRouteTableById}, {@code DescribeRouteEntry},
 *       {@code WaitForAllRouteEntriesAvailable}), {@code CreateRouteEntry} (duplicate:
 *       {@code RouterEntryConflict.Duplicated}), {@code DeleteRouteEntry} (gone: {@code InvalidRouteEntry.NotFound});</li>
 *   <li>resource_alicloud_cs_managed_kubernetes.go Read: {@code DescribeNatGateways} by {@code VpcId} (the older
 *       SDK; {@code NatGateways.NatGateway[0].NatGatewayId}), answered from the NAT gateways ACK made for its
 *       clusters ({@link Network}).</li>
 * </ul>
 * Validation the real API does and this program relies on: a vSwitch's CIDR lies inside its VPC's and overlaps no
 * other vSwitch of the VPC, its zone is in the VPC's region; a route's next hop exists.
 */
public final class Vpc implements Product {
    static final String VPC = "Vpc";
    static final String VSWITCH = "VSwitch";
    static final String ROUTE_TABLE = "RouteTable";
    static final String ROUTE_ENTRY = "RouteEntry";
    /** A VPC, a vSwitch or a route entry is ready within seconds (a sandbox value; the provider polls every 5 s). */
    private static final Duration READY = Duration.ofSeconds(5);

    private final Timing timing;

    public Vpc(Timing timing) {
        this.timing = timing;
    }

    @Override
    public String name() {
        return "Vpc";
    }

    @Override
    public String version() {
        return "2016-04-28";
    }

    @Override
    public Optional<Object> handle(ApiRequest r, CloudState s) {
        return Optional.ofNullable(switch (r.action()) {
            case "CreateVpc" -> createVpc(r, s);
            case "DescribeVpcAttribute" -> describeVpc(r, s);
            case "DescribeRouteTableList" -> routeTableList(r, s);
            case "ModifyVpcAttribute" -> modifyVpc(r, s);
            case "ModifyRouteTableAttributes" -> modifyRouteTable(r, s);
            case "TagResources" -> tag(r, s, true);
            case "UnTagResources" -> tag(r, s, false);
            case "DeleteVpc" -> deleteVpc(r, s);
            case "CreateVSwitch" -> createVSwitch(r, s);
            case "DescribeVSwitchAttributes" -> describeVSwitch(r, s);
            case "DescribeVSwitches" -> describeVSwitches(r, s);
            case "ModifyVSwitchAttribute" -> modifyVSwitch(r, s);
            case "DeleteVSwitch" -> deleteVSwitch(r, s);
            case "DescribeRouteTables" -> describeRouteTables(r, s);
            case "CreateRouteEntry" -> createRouteEntry(r, s);
            case "DeleteRouteEntry" -> deleteRouteEntry(r, s);
            case "DescribeNatGateways" -> describeNatGateways(r, s);
            default -> null;
        });
    }

    private static String region(ApiRequest r) {
        return r.required("RegionId");
    }

    // ---- VPC -------------------------------------------------------------------------------------------

    private Object createVpc(ApiRequest r, CloudState s) {
        var region = region(r);
        var cidr = r.param("CidrBlock").orElse("172.16.0.0/12");
        parse(cidr, "CidrBlock");
        var id = s.newId("vpc-", 20);
        var router = s.newId("vrt-", 20);
        var table = s.newId("vtb-", 20);
        var vpc = CloudState.object();
        vpc.put("VpcId", id).put("VpcName", r.param("VpcName").orElse("")).put("CidrBlock", cidr)
                .put("Description", r.param("Description").orElse("")).put("RegionId", region).put("VRouterId", router)
                .put("RouteTableId", table).put("ResourceGroupId", r.param("ResourceGroupId").orElse(defaultResourceGroup()))
                .put("IsDefault", false).put("ClassicLinkEnabled", false).put("EnabledIpv6", false).put("Ipv6CidrBlock", "")
                .put("DnsHostnameStatus", "DISABLED").put("CreationTime", Rpc.time(s.now())).put("OwnerId", CloudAccount.ID);
        s.create(VPC, id, region, vpc, timing.ms(READY));
        var rt = CloudState.object();
        rt.put("RouteTableId", table).put("RouteTableType", "System").put("VpcId", id).put("RouterId", router)
                .put("VRouterId", router).put("RouterType", "VRouter").put("RouteTableName", "").put("Description", "")
                .put("ResourceGroupId", vpc.get("ResourceGroupId").asText()).put("RoutePropagationEnable", true)
                .put("CreationTime", Rpc.time(s.now()));
        s.create(ROUTE_TABLE, table, region, rt, 0);
        var out = Rpc.ok();
        out.put("VpcId", id).put("VRouterId", router).put("RouteTableId", table).put("ResourceGroupId", vpc.get("ResourceGroupId").asText());
        return out;
    }

    static String defaultResourceGroup() {
        return "rg-" + CloudAccount.ID.substring(0, 10) + "default";
    }

    private static ObjectNode vpcIn(ApiRequest r, CloudState s) {
        var id = r.required("VpcId");
        return s.get(VPC, id).filter(v -> CloudState.region(v).equals(region(r)))
                .orElseThrow(() -> ApiException.notFound("InvalidVpcID.NotFound", "Specified VPC " + id + " does not exist in " + region(r) + "."));
    }

    private Object describeVpc(ApiRequest r, CloudState s) {
        var id = r.required("VpcId");
        var found = s.get(VPC, id).filter(v -> CloudState.region(v).equals(region(r)));
        if (found.isEmpty()) {
            // the real answer for an unknown id: a success without a VpcId (service_alicloud_vpc_v2.go DescribeVpcVpc reads it as not found)
            return Rpc.ok();
        }
        var vpc = found.get();
        var out = CloudState.view(vpc);
        out.put("Status", s.status(vpc, "Pending", "Available"));
        out.set("Tags", Rpc.tagList(vpc.with("_tags")));
        out.set("VSwitchIds", Rpc.wrapped("VSwitchId", s.find(VSWITCH, v -> v.path("VpcId").asText().equals(id))
                .stream().map(v -> v.get("VSwitchId").asText()).toList()));
        out.set("SecondaryCidrBlocks", Rpc.wrapped("SecondaryCidrBlock", List.of()));
        out.set("UserCidrs", Rpc.wrapped("UserCidr", List.of()));
        out.set("Ipv6CidrBlocks", CloudState.object().set("Ipv6CidrBlock", CloudState.object().arrayNode()));
        out.set("CloudResources", CloudState.object().set("CloudResourceSetType", CloudState.object().arrayNode()));
        return out;
    }

    private Object routeTableList(ApiRequest r, CloudState s) {
        var vpcId = r.param("VpcId");
        var tableId = r.param("RouteTableId");
        var out = Rpc.ok();
        var list = out.with("RouterTableList").putArray("RouterTableListType");
        for (var table : s.find(ROUTE_TABLE, t -> CloudState.region(t).equals(region(r))
                && vpcId.map(v -> v.equals(t.path("VpcId").asText())).orElse(true)
                && tableId.map(v -> v.equals(t.path("RouteTableId").asText())).orElse(true))) {
            var view = CloudState.view(table);
            view.put("Status", "Available");
            view.set("Tags", Rpc.tagList(table.with("_tags")));
            view.set("VSwitchIds", Rpc.wrapped("VSwitchId", s.find(VSWITCH, v -> v.path("VpcId").asText().equals(table.path("VpcId").asText()))
                    .stream().map(v -> v.get("VSwitchId").asText()).toList()));
            list.add(view);
        }
        out.put("TotalCount", list.size()).put("PageNumber", 1).put("PageSize", Math.max(list.size(), 10)).put("Success", true);
        return out;
    }

    private Object modifyVpc(ApiRequest r, CloudState s) {
        var vpc = vpcIn(r, s);
        r.param("VpcName").ifPresent(v -> vpc.put("VpcName", v));
        r.param("Description").ifPresent(v -> vpc.put("Description", v));
        if (r.param("CidrBlock").isPresent() && !r.required("CidrBlock").equals(vpc.get("CidrBlock").asText())) {
            var cidr = parse(r.required("CidrBlock"), "CidrBlock");
            for (var vsw : s.find(VSWITCH, v -> v.path("VpcId").asText().equals(vpc.get("VpcId").asText()))) {
                if (!cidr.contains(parse(vsw.get("CidrBlock").asText(), "CidrBlock"))) {
                    throw ApiException.badRequest("InvalidCidrBlock.Mismatch",
                            "The new CIDR block of the VPC does not contain vSwitch " + vsw.get("VSwitchId").asText() + ".");
                }
            }
            vpc.put("CidrBlock", r.required("CidrBlock"));
        }
        s.save();
        return Rpc.ok();
    }

    private Object modifyRouteTable(ApiRequest r, CloudState s) {
        var id = r.required("RouteTableId");
        var table = s.require(ROUTE_TABLE, id, "InvalidRouteTableId.NotFound");
        r.param("RouteTableName").ifPresent(v -> table.put("RouteTableName", v));
        r.param("Description").ifPresent(v -> table.put("Description", v));
        r.param("RoutePropagationEnable").ifPresent(v -> table.put("RoutePropagationEnable", Boolean.parseBoolean(v)));
        s.save();
        return Rpc.ok();
    }

    private Object tag(ApiRequest r, CloudState s, boolean add) {
        var type = r.required("ResourceType").toUpperCase(Locale.ROOT);
        var kind = switch (type) {
            case "VPC" -> VPC;
            case "VSWITCH" -> VSWITCH;
            case "ROUTETABLE" -> ROUTE_TABLE;
            default -> throw ApiException.notImplemented(r, "tags on resource type " + type);
        };
        for (var id : r.list("ResourceId")) {
            var record = s.require(kind, id, "InvalidResourceId.NotFound");
            if (add) {
                Rpc.tag(record, r.tags("Tag"));
            } else {
                Rpc.untag(record, r.list("TagKey"));
            }
        }
        s.save();
        return Rpc.ok();
    }

    private Object deleteVpc(ApiRequest r, CloudState s) {
        var vpc = vpcIn(r, s);
        var id = vpc.get("VpcId").asText();
        if (!s.find(VSWITCH, v -> v.path("VpcId").asText().equals(id)).isEmpty()) {
            throw ApiException.badRequest("DependencyViolation.VSwitch", "Specified VPC has vSwitches; delete them first.");
        }
        if (!s.find("SecurityGroup", g -> g.path("VpcId").asText().equals(id)).isEmpty()) {
            throw ApiException.badRequest("DependencyViolation.SecurityGroup", "Specified VPC has security groups; delete them first.");
        }
        var table = vpc.get("RouteTableId").asText();
        if (!s.find(ROUTE_ENTRY, e -> e.path("RouteTableId").asText().equals(table)).isEmpty()) {
            throw ApiException.badRequest("DependencyViolation.RouteEntry", "Specified VPC still has custom route entries.");
        }
        s.remove(ROUTE_TABLE, table);
        s.remove(VPC, id);
        return Rpc.ok();
    }

    // ---- vSwitch ---------------------------------------------------------------------------------------

    private Object createVSwitch(ApiRequest r, CloudState s) {
        var region = region(r);
        var vpcId = r.required("VpcId");
        var vpc = s.get(VPC, vpcId).filter(v -> CloudState.region(v).equals(region))
                .orElseThrow(() -> ApiException.badRequest("InvalidVpcId.NotFound", "Specified VPC " + vpcId + " does not exist in " + region + "."));
        var zone = r.required("ZoneId");
        if (!CloudRules.isZoneOf(zone, region)) {
            throw ApiException.badRequest("InvalidZoneId.NotFound", "The zone " + zone + " is not in region " + region + ".");
        }
        var cidrText = r.required("CidrBlock");
        var cidr = parse(cidrText, "CidrBlock");
        if (!parse(vpc.get("CidrBlock").asText(), "CidrBlock").contains(cidr)) {
            throw ApiException.badRequest("InvalidCidrBlock.Mismatch", "The vSwitch CIDR block " + cidrText + " is not within the VPC's " + vpc.get("CidrBlock").asText() + ".");
        }
        for (var other : s.find(VSWITCH, v -> v.path("VpcId").asText().equals(vpcId))) {
            if (parse(other.get("CidrBlock").asText(), "CidrBlock").overlaps(cidr)) {
                throw ApiException.badRequest("InvalidCidrBlock.Overlapped",
                        "The vSwitch CIDR block " + cidrText + " overlaps vSwitch " + other.get("VSwitchId").asText() + ".");
            }
        }
        var id = s.newId("vsw-", 20);
        var vsw = CloudState.object();
        vsw.put("VSwitchId", id).put("VpcId", vpcId).put("ZoneId", zone).put("CidrBlock", cidrText)
                .put("VSwitchName", r.param("VSwitchName").orElse("")).put("Description", r.param("Description").orElse(""))
                .put("CreationTime", Rpc.time(s.now())).put("IsDefault", false).put("Ipv6CidrBlock", "")
                .put("ResourceGroupId", vpc.get("ResourceGroupId").asText()).put("NetworkAclId", "").put("OwnerId", CloudAccount.ID)
                .put("AvailableIpAddressCount", Math.max(0, cidr.last() - cidr.first() + 1 - 4));
        s.create(VSWITCH, id, region, vsw, timing.ms(READY));
        return Rpc.ok().put("VSwitchId", id);
    }

    private Object describeVSwitch(ApiRequest r, CloudState s) {
        var id = r.required("VSwitchId");
        var found = s.get(VSWITCH, id).filter(v -> CloudState.region(v).equals(region(r)));
        if (found.isEmpty()) {
            return Rpc.ok(); // no VSwitchId: service_alicloud_vpc_v2.go DescribeVpcVswitch reads it as not found
        }
        return vswitchView(found.get(), s);
    }

    private ObjectNode vswitchView(ObjectNode vsw, CloudState s) {
        var out = CloudState.view(vsw);
        out.put("Status", s.status(vsw, "Pending", "Available"));
        out.set("Tags", Rpc.tagList(vsw.with("_tags")));
        var vpc = s.get(VPC, vsw.get("VpcId").asText());
        var table = CloudState.object();
        table.put("RouteTableId", vpc.map(v -> v.get("RouteTableId").asText()).orElse("")).put("RouteTableType", "System");
        out.set("RouteTable", table);
        return out;
    }

    private Object describeVSwitches(ApiRequest r, CloudState s) {
        var out = Rpc.ok();
        var list = out.with("VSwitches").putArray("VSwitch");
        for (var vsw : s.find(VSWITCH, v -> CloudState.region(v).equals(region(r))
                && r.param("VSwitchId").map(id -> id.equals(v.get("VSwitchId").asText())).orElse(true)
                && r.param("VpcId").map(id -> id.equals(v.get("VpcId").asText())).orElse(true)
                && r.param("ZoneId").map(id -> id.equals(v.get("ZoneId").asText())).orElse(true))) {
            list.add(vswitchView(vsw, s));
        }
        out.put("TotalCount", list.size()).put("PageNumber", 1).put("PageSize", Math.max(list.size(), 10));
        return out;
    }

    private Object modifyVSwitch(ApiRequest r, CloudState s) {
        var id = r.required("VSwitchId");
        var vsw = s.get(VSWITCH, id).filter(v -> CloudState.region(v).equals(region(r)))
                .orElseThrow(() -> ApiException.notFound("InvalidVSwitchId.NotFound", "Specified vSwitch " + id + " does not exist."));
        r.param("VSwitchName").ifPresent(v -> vsw.put("VSwitchName", v));
        r.param("Description").ifPresent(v -> vsw.put("Description", v));
        s.save();
        return Rpc.ok();
    }

    private Object deleteVSwitch(ApiRequest r, CloudState s) {
        var id = r.required("VSwitchId");
        var vsw = s.get(VSWITCH, id).filter(v -> CloudState.region(v).equals(region(r)));
        if (vsw.isEmpty()) {
            throw ApiException.notFound("InvalidVSwitchId.NotFound", "Specified vSwitch " + id + " does not exist.");
        }
        var users = s.referencing(id, VSWITCH);
        if (!users.isEmpty()) {
            throw ApiException.badRequest("DependencyViolation", "Specified vSwitch " + id + " is still used by " + String.join(", ", users) + ".");
        }
        s.remove(VSWITCH, id);
        return Rpc.ok();
    }

    // ---- route entries ---------------------------------------------------------------------------------

    private ObjectNode table(ApiRequest r, CloudState s) {
        var id = r.required("RouteTableId");
        return s.get(ROUTE_TABLE, id).filter(t -> CloudState.region(t).equals(region(r)))
                .orElseThrow(() -> ApiException.notFound("InvalidRouteTableId.NotFound", "Specified route table " + id + " does not exist."));
    }

    private Object describeRouteTables(ApiRequest r, CloudState s) {
        var out = Rpc.ok();
        var list = out.with("RouteTables").putArray("RouteTable");
        var wanted = r.param("RouteTableId");
        var router = r.param("VRouterId");
        for (var table : s.find(ROUTE_TABLE, t -> CloudState.region(t).equals(region(r))
                && wanted.map(w -> w.equals(t.get("RouteTableId").asText())).orElse(true)
                && router.map(w -> w.equals(t.get("VRouterId").asText())).orElse(true))) {
            var view = CloudState.object();
            view.put("RouteTableId", table.get("RouteTableId").asText()).put("VRouterId", table.get("VRouterId").asText())
                    .put("RouteTableType", "System").put("CreationTime", table.get("CreationTime").asText())
                    .put("ResourceGroupId", table.get("ResourceGroupId").asText()).put("Status", "Available");
            var entries = view.with("RouteEntrys").putArray("RouteEntry");
            for (var entry : s.find(ROUTE_ENTRY, e -> e.get("RouteTableId").asText().equals(table.get("RouteTableId").asText()))) {
                var e = CloudState.view(entry);
                e.put("Status", s.status(entry, "Pending", "Available"));
                e.set("NextHops", CloudState.object().set("NextHop", CloudState.object().arrayNode()));
                entries.add(e);
            }
            list.add(view);
        }
        out.put("TotalCount", list.size()).put("PageNumber", 1).put("PageSize", 50);
        return out;
    }

    private Object createRouteEntry(ApiRequest r, CloudState s) {
        var table = table(r, s);
        var tableId = table.get("RouteTableId").asText();
        var destination = r.required("DestinationCidrBlock");
        parse(destination, "DestinationCidrBlock");
        var type = r.required("NextHopType");
        var hop = r.required("NextHopId");
        if (!s.find(ROUTE_ENTRY, e -> e.get("RouteTableId").asText().equals(tableId) && e.get("DestinationCidrBlock").asText().equals(destination)).isEmpty()) {
            throw ApiException.badRequest("RouterEntryConflict.Duplicated", "A route entry for " + destination + " already exists in " + tableId + ".");
        }
        if (type.equals("Attachment")) {
            var attachment = s.get("TransitRouterVpcAttachment", hop)
                    .orElseThrow(() -> ApiException.badRequest("InvalidNextHopId.NotFound", "The next hop " + hop + " (a transit router attachment) does not exist."));
            if (!attachment.path("VpcId").asText().equals(table.get("VpcId").asText())) {
                throw ApiException.badRequest("InvalidNextHopId.Mismatch", "The transit router attachment " + hop + " does not attach this route table's VPC.");
            }
        } else {
            throw ApiException.notImplemented(r, "route entries with next hop type " + type + " (this program routes through transit router attachments)");
        }
        var entry = CloudState.object();
        var id = s.newId("rte-", 20);
        entry.put("RouteEntryId", id).put("RouteTableId", tableId).put("DestinationCidrBlock", destination).put("NextHopType", type)
                .put("InstanceId", hop).put("Type", "Custom").put("RouteEntryName", r.param("RouteEntryName").orElse(""))
                .put("Description", r.param("Description").orElse("")).put("IpVersion", "IPv4").put("Origin", "");
        s.create(ROUTE_ENTRY, tableId + "|" + destination, CloudState.region(table), entry, timing.ms(READY));
        return Rpc.ok().put("RouteEntryId", id);
    }

    private Object deleteRouteEntry(ApiRequest r, CloudState s) {
        var table = table(r, s);
        var key = table.get("RouteTableId").asText() + "|" + r.required("DestinationCidrBlock");
        var entry = s.get(ROUTE_ENTRY, key).filter(e -> r.param("NextHopId").map(h -> h.equals(e.get("InstanceId").asText())).orElse(true));
        if (entry.isEmpty()) {
            throw ApiException.notFound("InvalidRouteEntry.NotFound", "The route entry " + r.required("DestinationCidrBlock") + " does not exist.");
        }
        s.remove(ROUTE_ENTRY, key);
        return Rpc.ok();
    }

    private Object describeNatGateways(ApiRequest r, CloudState s) {
        var out = Rpc.ok();
        var list = out.with("NatGateways").putArray("NatGateway");
        for (var nat : s.find("NatGateway", n -> CloudState.region(n).equals(region(r))
                && r.param("VpcId").map(v -> v.equals(n.path("VpcId").asText())).orElse(true)
                && r.param("NatGatewayId").map(v -> v.equals(n.path("NatGatewayId").asText())).orElse(true))) {
            list.add(CloudState.view(nat));
        }
        out.put("TotalCount", list.size()).put("PageNumber", 1).put("PageSize", Math.max(list.size(), 10));
        return out;
    }

    private static Cidr parse(String text, String name) {
        try {
            return Cidr.of(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("InvalidParameter", "The parameter " + name + " is not a valid CIDR block: " + text + ".");
        }
    }
}
