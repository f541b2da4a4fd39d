package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asmdr.config.Cidr;
import io.asmdr.engine.CloudFacts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Cloud Enterprise Network (Cbn, API 2017-09-12, RPC) for the CEN backbone this program declares
 * (io.asmdr.backbone.Backbone), answering what terraform-provider-alicloud v1.285.0 sends for it (files under
 * {@code alicloud/} of that provider; the request keys are the provider's, flattened by tea-rpc-utils
 * {@code Query}: {@code ZoneMappings.1.VSwitchId}, {@code Filter.1.Value.1}, {@code TransitRouterRouteEntryIds.1}):
 * <ul>
 *   <li>{@code alicloud_cen_instance} (resource_alicloud_cen_instance.go): {@code CreateCen}, then the wait for
 *       {@code Active} and Update, whose {@code SetResourceTags(d, "cen")} sends {@code TagResources}
 *       (service_alicloud_cen_v2.go); Read and every wait {@code DescribeCens} with {@code Filter.1.Key=CenId}
 *       (service_alicloud_cen_v2.go {@code DescribeCenCenInstance}, {@code $.Cens.Cen[*]}); Update
 *       {@code ModifyCenAttribute}, {@code TagResources}/{@code UntagResources}; Delete {@code DeleteCen}, retried
 *       on {@code InvalidOperation.CenInstanceStatus}, a missing CEN being {@code ParameterCenInstanceId}.</li>
 *   <li>{@code alicloud_cen_transit_router} (resource_alicloud_cen_transit_router.go): {@code CreateTransitRouter}
 *       (tags in the call), Read and waits {@code ListTransitRouters} by {@code TransitRouterId}
 *       ({@code DescribeCenTransitRouter}, {@code $.TransitRouters[*]}), {@code UpdateTransitRouter}, tags through
 *       service_alicloud_cbn.go {@code SetResourceTags(d, "TransitRouter")}, {@code DeleteTransitRouter} retried on
 *       {@code InvalidOperation.AttachedChildInstanceExist}. Each router comes with its System route table.</li>
 *   <li>{@code alicloud_cen_transit_router_vpc_attachment} (resource_alicloud_cen_transit_router_vpc_attachment.go):
 *       {@code CreateTransitRouterVpcAttachment}, the wait for {@code Attached}, then Update:
 *       {@code UpdateTransitRouterVpcAttachmentAttribute}, {@code UpdateTransitRouterVpcAttachmentZones}
 *       ({@code AddZoneMappings}/{@code RemoveZoneMappings}), tags as {@code TRANSITROUTERVPCATTACHMENT}; Read
 *       {@code ListTransitRouterVpcAttachments} ({@code DescribeCenTransitRouterVpcAttachment});
 *       {@code DeleteTransitRouterVpcAttachment}, then the wait until it is gone.</li>
 *   <li>{@code alicloud_cen_transit_router_peer_attachment} (resource_alicloud_cen_transit_router_peer_attachment.go):
 *       {@code CreateTransitRouterPeerAttachment}, {@code ListTransitRouterPeerAttachments}
 *       ({@code DescribeCenTransitRouterPeerAttachment}), {@code UpdateTransitRouterPeerAttachmentAttribute},
 *       tags as {@code TRANSITROUTERPEERATTACHMENT}, {@code DeleteTransitRouterPeerAttachment}.</li>
 *   <li>{@code alicloud_cen_transit_router_route_table_association}: {@code AssociateTransitRouterAttachmentWithRouteTable},
 *       {@code ListTransitRouterRouteTableAssociations} (service_alicloud_cen_v2.go, no RegionId),
 *       {@code DissociateTransitRouterAttachmentFromRouteTable}; its Update sends nothing.</li>
 *   <li>{@code alicloud_cen_transit_router_route_table_propagation}: {@code EnableTransitRouterRouteTablePropagation},
 *       {@code ListTransitRouterRouteTablePropagations} (service_alicloud_cbn.go), {@code DisableTransitRouterRouteTablePropagation}.</li>
 *   <li>{@code alicloud_cen_transit_router_route_entry}: {@code CreateTransitRouterRouteEntry} (retried on
 *       {@code OperationFailed.CreateRouteEntryWithSameDestinationCidrBlock}), {@code ListTransitRouterRouteEntries}
 *       by {@code TransitRouterRouteEntryIds.1}, {@code UpdateTransitRouterRouteEntry}, {@code DeleteTransitRouterRouteEntry}.</li>
 *   <li>data sources {@code cen/getTransitRouterAvailableResources} ({@code ListTransitRouterAvailableResource},
 *       answered from {@link CloudFacts} exactly as preview-offline's stub answers it) and
 *       {@code cen/getTransitRouterRouteTables} ({@code ListTransitRouterRouteTables}, paged by {@code NextToken}
 *       until it is empty: everything comes in one page).</li>
 * </ul>
 * Response fields, statuses and error codes are those of Alibaba's API metadata for Cbn 2017-09-12
 * (api.alibabacloud.com, read from its public mirror dew-serverless/acs-sdk-php
 * {@code data/cbn/2017-09-12/api-docs.json}); each rule the real API enforces and this program relies on names its
 * code where it is enforced. Statuses move lazily (Creating → Active, Attaching → Attached, Associating → Active,
 * Enabling → Active; Deleting, Detaching, Dissociating, Disabling → gone), as the provider's waits expect them.
 * A {@code DryRun} request and anything else this program never sends are refused by name.
 */
public final class Cbn implements Product {
    static final String CEN = "Cen";
    static final String ROUTER = "TransitRouter";
    static final String TABLE = "TransitRouterRouteTable";
    static final String VPC_ATTACHMENT = "TransitRouterVpcAttachment";
    static final String PEER_ATTACHMENT = "TransitRouterPeerAttachment";
    static final String ASSOCIATION = "TransitRouterRouteTableAssociation";
    static final String PROPAGATION = "TransitRouterRouteTablePropagation";
    static final String ROUTE_ENTRY = "TransitRouterRouteEntry";
    private static final List<String> KINDS = List.of(CEN, ROUTER, TABLE, VPC_ATTACHMENT, PEER_ATTACHMENT, ASSOCIATION, PROPAGATION, ROUTE_ENTRY);

    /*
     * How long things take. Sandbox values (the API reference gives no durations; these are of the order a console
     * shows), scaled by Timing; the provider polls every 5 s (1 s for route entries) after a first delay of 5 s.
     */
    private static final Duration CEN_READY = Duration.ofSeconds(5);
    private static final Duration ROUTER_READY = Duration.ofMinutes(1);
    private static final Duration VPC_ATTACHMENT_READY = Duration.ofMinutes(2);
    private static final Duration PEER_ATTACHMENT_READY = Duration.ofMinutes(3);
    private static final Duration ROUTING_READY = Duration.ofSeconds(10);
    private static final Duration ROUTE_ENTRY_READY = Duration.ofSeconds(5);

    /** The sandbox's account as the integer the API gives owners (AliUid, VpcOwnerId, PeerTransitRouterOwnerId). */
    private static final long ACCOUNT = Long.parseLong(CloudAccount.ID);
    /** Cbn writes times to the minute (the API reference's examples: {@code 2021-03-15T09:39Z}), unlike Rpc.time. */
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudFacts facts;
    private final Timing timing;
    /** Every action this product answers, by name. */
    private final Map<String, BiFunction<ApiRequest, CloudState, Object>> actions = new LinkedHashMap<>();

    /**
     * @param facts  where the zones a region's transit router serves come from (reference/cloud-facts)
     * @param timing how long the emulated cloud takes
     */
    public Cbn(CloudFacts facts, Timing timing) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.timing = Objects.requireNonNull(timing, "timing");
        actions.put("CreateCen", this::createCen);
        actions.put("DescribeCens", this::describeCens);
        actions.put("ModifyCenAttribute", this::modifyCen);
        actions.put("DeleteCen", this::deleteCen);
        actions.put("TagResources", (r, s) -> tag(r, s, true));
        actions.put("UntagResources", (r, s) -> tag(r, s, false));
        actions.put("CreateTransitRouter", this::createRouter);
        actions.put("ListTransitRouters", this::listRouters);
        actions.put("UpdateTransitRouter", this::updateRouter);
        actions.put("DeleteTransitRouter", this::deleteRouter);
        actions.put("ListTransitRouterRouteTables", this::listTables);
        actions.put("ListTransitRouterAvailableResource", (r, s) -> availableResource(r));
        actions.put("CreateTransitRouterVpcAttachment", this::createVpcAttachment);
        actions.put("ListTransitRouterVpcAttachments", (r, s) -> listAttachments(r, s, VPC_ATTACHMENT));
        actions.put("UpdateTransitRouterVpcAttachmentAttribute", (r, s) -> updateAttachment(r, s, VPC_ATTACHMENT));
        actions.put("UpdateTransitRouterVpcAttachmentZones", this::updateZones);
        actions.put("DeleteTransitRouterVpcAttachment", (r, s) -> deleteAttachment(r, s, VPC_ATTACHMENT));
        actions.put("CreateTransitRouterPeerAttachment", this::createPeerAttachment);
        actions.put("ListTransitRouterPeerAttachments", (r, s) -> listAttachments(r, s, PEER_ATTACHMENT));
        actions.put("UpdateTransitRouterPeerAttachmentAttribute", (r, s) -> updateAttachment(r, s, PEER_ATTACHMENT));
        actions.put("DeleteTransitRouterPeerAttachment", (r, s) -> deleteAttachment(r, s, PEER_ATTACHMENT));
        actions.put("AssociateTransitRouterAttachmentWithRouteTable", (r, s) -> bind(r, s, ASSOCIATION));
        actions.put("ListTransitRouterRouteTableAssociations", (r, s) -> listBindings(r, s, ASSOCIATION));
        actions.put("DissociateTransitRouterAttachmentFromRouteTable", (r, s) -> unbind(r, s, ASSOCIATION));
        actions.put("EnableTransitRouterRouteTablePropagation", (r, s) -> bind(r, s, PROPAGATION));
        actions.put("ListTransitRouterRouteTablePropagations", (r, s) -> listBindings(r, s, PROPAGATION));
        actions.put("DisableTransitRouterRouteTablePropagation", (r, s) -> unbind(r, s, PROPAGATION));
        actions.put("CreateTransitRouterRouteEntry", this::createRouteEntry);
        actions.put("ListTransitRouterRouteEntries", this::listRouteEntries);
        actions.put("UpdateTransitRouterRouteEntry", this::updateRouteEntry);
        actions.put("DeleteTransitRouterRouteEntry", this::deleteRouteEntry);
    }

    @Override
    public String name() {
        return "Cbn";
    }

    @Override
    public String version() {
        return "2017-09-12";
    }

    @Override
    public Optional<Object> handle(ApiRequest r, CloudState s) {
        var action = actions.get(r.action());
        if (action == null) {
            return Optional.empty();
        }
        if (r.param("DryRun").map("true"::equalsIgnoreCase).orElse(false)) {
            throw ApiException.notImplemented(r, "DryRun (this program never sets dry_run)");
        }
        // one call at a time against the state: a call reads, checks and changes records, and the state is saved
        // (serialised) by other threads of the emulator meanwhile; CloudState's own lock makes the whole call atomic
        synchronized (s) {
            purge(s);
            return Optional.of(action.apply(r, s));
        }
    }

    /**
     * The region a call concerns: its {@code RegionId}, else the region of the route table, route entry, attachment or
     * router it names (the association, propagation and route-entry calls and the deletes carry no RegionId). A CEN
     * instance is global (the provider sends its calls without a region, to cbn.aliyuncs.com): no region.
     */
    @Override
    public Optional<String> regionOf(ApiRequest r, CloudState s) {
        var named = r.region();
        if (named.isPresent()) {
            return named;
        }
        var byId = new LinkedHashMap<String, List<String>>();
        byId.put("TransitRouterRouteTableId", List.of(TABLE));
        byId.put("TransitRouterRouteEntryId", List.of(ROUTE_ENTRY));
        byId.put("TransitRouterAttachmentId", List.of(VPC_ATTACHMENT, PEER_ATTACHMENT));
        byId.put("TransitRouterId", List.of(ROUTER));
        for (var e : byId.entrySet()) {
            var id = r.param(e.getKey());
            if (id.isEmpty()) {
                continue;
            }
            for (var kind : e.getValue()) {
                var found = s.get(kind, id.get()).map(CloudState::region).filter(region -> !region.isEmpty());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    // ---- lifecycle -----------------------------------------------------------------------------------------

    /** Stores a new record that is {@code pending} until {@code ready} from now; {@code r}'s ClientToken names it. */
    private ObjectNode create(CloudState s, String kind, String id, String region, ObjectNode record, String pending, Duration ready,
                              Optional<ApiRequest> r) {
        record.put("_id", id);
        record.put("_pending", pending);
        r.flatMap(call -> call.param("ClientToken")).ifPresent(token -> record.put("_clientToken", token));
        return s.create(kind, id, region, record, timing.ms(ready));
    }

    /**
     * The record an earlier call with the same {@code ClientToken} created: the real API answers a retried create
     * with the first one's id (the provider retries a create on Operation.Blocking and 5xx with the same token).
     */
    private static Optional<ObjectNode> sameToken(ApiRequest r, CloudState s, String kind) {
        return r.param("ClientToken").flatMap(token -> s.find(kind, x -> token.equals(x.path("_clientToken").asText())).stream().findFirst());
    }

    /** Marks a record as changing ({@code pending}) until {@code ready} from now. */
    private void changing(CloudState s, ObjectNode record, String pending, Duration ready) {
        record.put("_pending", pending);
        s.changing(record, timing.ms(ready));
    }

    /** Starts the deletion of a record: {@code deleting} until {@code gone} from now, then it no longer exists. */
    private void deleting(CloudState s, ObjectNode record, String deleting, Duration gone) {
        if (record.has("_goneAt")) {
            return; // already on its way: a repeated delete changes nothing
        }
        record.put("_deleting", deleting);
        record.put("_goneAt", s.now() + timing.ms(gone));
        s.save();
    }

    private static boolean live(ObjectNode record) {
        return !record.has("_goneAt");
    }

    /** Removes every record whose deletion has finished. */
    private static void purge(CloudState s) {
        for (var kind : KINDS) {
            for (var record : s.all(kind)) {
                if (record.has("_goneAt") && s.now() >= record.path("_goneAt").asLong()) {
                    s.remove(kind, record.path("_id").asText());
                }
            }
        }
    }

    private static String status(CloudState s, ObjectNode record, String ready) {
        if (record.has("_goneAt")) {
            return record.path("_deleting").asText();
        }
        return s.ready(record) ? ready : record.path("_pending").asText();
    }

    private static String time(CloudState s) {
        return MINUTES.format(Instant.ofEpochMilli(s.now()));
    }

    // ---- CEN instance --------------------------------------------------------------------------------------

    private Object createCen(ApiRequest r, CloudState s) {
        var again = sameToken(r, s, CEN);
        if (again.isPresent()) {
            return answer("CenId", again.get().path("CenId").asText());
        }
        var protection = r.param("ProtectionLevel").orElse("REDUCED"); // REDUCED is the API's default (CreateCen reference)
        if (!protection.equals("REDUCED")) {
            throw ApiException.badRequest("InvalidParameter", "ProtectionLevel must be REDUCED (the only level CreateCen accepts), not " + protection + ".");
        }
        var id = s.newId("cen-", 18);
        var cen = CloudState.object();
        cen.put("CenId", id).put("Name", r.param("Name").orElse("")).put("Description", r.param("Description").orElse(""))
                .put("ProtectionLevel", protection).put("Ipv6Level", "DISABLED").put("ResourceGroupId", Vpc.defaultResourceGroup())
                .put("CreationTime", time(s));
        Rpc.tag(cen, r.tags("Tag"));
        create(s, CEN, id, "", cen, "Creating", CEN_READY, Optional.of(r));
        return answer("CenId", id);
    }

    private Object describeCens(ApiRequest r, CloudState s) {
        var filters = filters(r);
        for (var key : filters.keySet()) {
            if (!key.equals("CenId") && !key.equals("Name")) {
                throw ApiException.badRequest("InvalidParameter", "Filter key " + key + " is not one of CenId, Name.");
            }
        }
        var out = CloudState.object();
        var list = out.with("Cens").putArray("Cen");
        for (var cen : s.all(CEN)) {
            if (filters.entrySet().stream().allMatch(f -> f.getValue().contains(cen.path(f.getKey()).asText()))) {
                var view = CloudState.view(cen);
                view.put("Status", status(s, cen, "Active"));
                view.set("Tags", Rpc.tagList(cen.with("_tags")));
                view.set("CenBandwidthPackageIds", Rpc.wrapped("CenBandwidthPackageId", List.of()));
                list.add(view);
            }
        }
        out.put("TotalCount", list.size()).put("PageNumber", 1).put("PageSize", Math.max(10, list.size()));
        return out;
    }

    /** {@code Filter.N.Key} with its {@code Filter.N.Value.M}: key to the values any of which matches. */
    private static Map<String, List<String>> filters(ApiRequest r) {
        var out = new LinkedHashMap<String, List<String>>();
        for (var entry : r.objects("Filter")) {
            var key = entry.get("Key");
            if (key == null) {
                continue;
            }
            var values = new TreeMap<Integer, String>();
            entry.forEach((k, v) -> {
                if (k.matches("Value\\.[0-9]+")) {
                    values.put(Integer.parseInt(k.substring(6)), v);
                }
            });
            out.put(key, List.copyOf(values.values()));
        }
        return out;
    }

    private ObjectNode cen(ApiRequest r, CloudState s) {
        var id = r.required("CenId");
        // ParameterCenInstanceId: what the provider reads as a CEN that is gone (resource_alicloud_cen_instance.go, Delete)
        return s.get(CEN, id).filter(Cbn::live)
                .orElseThrow(() -> ApiException.badRequest("ParameterCenInstanceId", "The specified CEN instance " + id + " does not exist."));
    }

    private Object modifyCen(ApiRequest r, CloudState s) {
        var cen = cen(r, s);
        r.param("Name").ifPresent(v -> cen.put("Name", v));
        r.param("Description").ifPresent(v -> cen.put("Description", v));
        r.param("ProtectionLevel").ifPresent(v -> {
            if (!v.equals(cen.path("ProtectionLevel").asText())) {
                throw ApiException.badRequest("InvalidOperation.EnhanceProtectionLevel",
                        "Your request to enhance CBN protection level cannot be processed. Please contact customer support to continue this operation.");
            }
        });
        s.save();
        return Rpc.ok();
    }

    private Object deleteCen(ApiRequest r, CloudState s) {
        var cen = cen(r, s);
        var id = cen.path("CenId").asText();
        var routers = s.find(ROUTER, t -> t.path("CenId").asText().equals(id)).stream().map(t -> t.path("TransitRouterId").asText()).toList();
        if (!routers.isEmpty()) {
            // the API reference names no code for this; InvalidOperation.CenInstanceStatus is the one the provider
            // retries a DeleteCen on (resource_alicloud_cen_instance.go, Delete) while its routers go
            throw ApiException.badRequest("InvalidOperation.CenInstanceStatus",
                    "The CEN instance " + id + " is not in a valid state for the operation: it still has transit routers " + String.join(", ", routers) + ".");
        }
        deleting(s, cen, "Deleting", CEN_READY);
        return Rpc.ok();
    }

    // ---- tags ------------------------------------------------------------------------------------------------

    /**
     * TagResources / UntagResources ({@code ResourceId.N}, {@code Tag.N.Key}/{@code Tag.N.Value}, {@code TagKey.N}). The
     * provider writes the resource type as the API reference does ({@code TransitRouter}) or in other cases
     * ({@code cen}, {@code TRANSITROUTERVPCATTACHMENT}): the real API takes any case.
     */
    private Object tag(ApiRequest r, CloudState s, boolean add) {
        var type = r.required("ResourceType");
        var kind = switch (type.toLowerCase(Locale.ROOT)) {
            case "cen" -> CEN;
            case "transitrouter" -> ROUTER;
            case "transitroutervpcattachment" -> VPC_ATTACHMENT;
            case "transitrouterpeerattachment" -> PEER_ATTACHMENT;
            default -> throw ApiException.notImplemented(r, "tags on resource type " + type + " (this program tags only CENs, transit routers and their attachments)");
        };
        var ids = r.list("ResourceId");
        if (ids.isEmpty()) {
            throw ApiException.badRequest("MissingParam", "ResourceId is mandatory for this action.");
        }
        var records = new ArrayList<ObjectNode>();
        for (var id : ids) {
            records.add(s.get(kind, id).filter(Cbn::live)
                    .orElseThrow(() -> ApiException.badRequest("InvalidInstanceIds.NotFound", "The instanceIds are not found: " + id + ".")));
        }
        var tags = r.tags("Tag");
        var keys = r.list("TagKey");
        if (add && tags.isEmpty()) {
            throw ApiException.badRequest("MissingParameter.TagKey", "TagKey must be specified.");
        }
        for (var record : records) {
            if (add) {
                Rpc.tag(record, tags);
            } else if (r.param("All").map("true"::equalsIgnoreCase).orElse(false)) {
                record.remove("_tags");
            } else {
                Rpc.untag(record, keys);
            }
        }
        s.save();
        return Rpc.ok();
    }

    /** The transit-router actions list tags bare: {@code "Tags": [{"Key": k, "Value": v}, …]}. */
    private static JsonNode tagList(ObjectNode record) {
        return Rpc.tagList(record.with("_tags")).get("Tag");
    }

    // ---- transit routers and their route tables ------------------------------------------------------------------

    private Object createRouter(ApiRequest r, CloudState s) {
        var again = sameToken(r, s, ROUTER);
        if (again.isPresent()) {
            return answer("TransitRouterId", again.get().path("TransitRouterId").asText());
        }
        var region = r.required("RegionId");
        var cenId = r.required("CenId");
        // InvalidCenId.NotFound: the code CreateTransitRouterVpcAttachment/PeerAttachment give for an unknown CEN
        s.get(CEN, cenId).filter(Cbn::live)
                .orElseThrow(() -> ApiException.badRequest("InvalidCenId.NotFound", "CenId " + cenId + " is not found."));
        if (r.param("SupportMulticast").map("true"::equalsIgnoreCase).orElse(false)) {
            throw ApiException.notImplemented(r, "SupportMulticast (this program's routers do not multicast)");
        }
        var existing = s.find(ROUTER, t -> t.path("CenId").asText().equals(cenId) && CloudState.region(t).equals(region) && live(t));
        if (!existing.isEmpty()) {
            // one Enterprise transit router per CEN and region (CreateTransitRouter reference, error InstanceExist.TransitRouterInstance)
            throw ApiException.badRequest("InstanceExist.TransitRouterInstance", "The instance already exists: CEN " + cenId
                    + " has transit router " + existing.get(0).path("TransitRouterId").asText() + " in " + region + ".");
        }
        var id = s.newId("tr-", 21);
        var router = CloudState.object();
        router.put("TransitRouterId", id).put("CenId", cenId).put("RegionId", region).put("Type", "Enterprise")
                .put("TransitRouterName", r.param("TransitRouterName").orElse("")).put("TransitRouterDescription", r.param("TransitRouterDescription").orElse(""))
                .put("SupportMulticast", false).put("AliUid", ACCOUNT).put("CreationTime", time(s));
        Rpc.tag(router, r.tags("Tag"));
        create(s, ROUTER, id, region, router, "Creating", ROUTER_READY, Optional.of(r));
        // the System route table every Enterprise transit router has (ListTransitRouterRouteTables, type System)
        var tableId = s.newId("vtb-", 21);
        var table = CloudState.object();
        table.put("TransitRouterRouteTableId", tableId).put("TransitRouterId", id).put("TransitRouterRouteTableType", "System")
                .put("TransitRouterRouteTableName", "").put("TransitRouterRouteTableDescription", "").put("RegionId", region)
                .put("CreateTime", time(s));
        table.with("RouteTableOptions").put("MultiRegionECMP", "disable");
        create(s, TABLE, tableId, region, table, "Creating", ROUTER_READY, Optional.empty());
        return answer("TransitRouterId", id);
    }

    private Object listRouters(ApiRequest r, CloudState s) {
        var region = r.param("RegionId");
        var cenId = r.param("CenId");
        var id = r.param("TransitRouterId");
        if (region.isEmpty() && cenId.isEmpty() && id.isEmpty()) {
            throw ApiException.badRequest("InvalidParameterCombination.TransitRouter", "Region ID is required if no TransitRouterId or CenId specified.");
        }
        var out = CloudState.object();
        var list = out.putArray("TransitRouters");
        for (var router : s.find(ROUTER, t -> matches(region, CloudState.region(t)) && matches(cenId, t.path("CenId").asText())
                && matches(id, t.path("TransitRouterId").asText()) && matches(r.param("TransitRouterName"), t.path("TransitRouterName").asText())
                && matches(r.param("Type"), t.path("Type").asText()))) {
            var view = CloudState.view(router);
            view.put("Status", status(s, router, "Active"));
            view.set("Tags", tagList(router));
            view.putArray("TransitRouterCidrList");
            if (matches(r.param("Status"), view.path("Status").asText())) {
                list.add(view);
            }
        }
        out.put("TotalCount", list.size()).put("PageNumber", 1).put("PageSize", Math.max(10, list.size()));
        return out;
    }

    private static boolean matches(Optional<String> wanted, String value) {
        return wanted.map(value::equals).orElse(true);
    }

    private ObjectNode router(String id, CloudState s, String code) {
        return s.get(ROUTER, id).filter(Cbn::live).orElseThrow(() -> ApiException.badRequest(code, "TransitRouterId " + id + " is not found."));
    }

    private Object updateRouter(ApiRequest r, CloudState s) {
        var router = router(r.required("TransitRouterId"), s, "InvalidTransitRouterId.NotFound");
        r.region().filter(region -> !region.equals(CloudState.region(router))).ifPresent(region -> {
            throw ApiException.badRequest("InvalidTransitRouterId.NotFound", "TransitRouterId " + router.path("TransitRouterId").asText() + " is not found in " + region + ".");
        });
        if (!s.ready(router)) {
            throw ApiException.badRequest("IncorrectStatus.TransitRouterInstance", "The status of TransitRouter is incorrect.");
        }
        // the name or description only: ListTransitRouters lists Modifying while the change is applied
        r.param("TransitRouterName").ifPresent(v -> router.put("TransitRouterName", v));
        r.param("TransitRouterDescription").ifPresent(v -> router.put("TransitRouterDescription", v));
        changing(s, router, "Modifying", ROUTE_ENTRY_READY);
        return Rpc.ok();
    }

    private Object deleteRouter(ApiRequest r, CloudState s) {
        var id = r.required("TransitRouterId");
        // ParameterInstanceId: what the provider reads as a router that is gone (resource_alicloud_cen_transit_router.go, Delete)
        var router = s.get(ROUTER, id).orElseThrow(() -> ApiException.badRequest("ParameterInstanceId", "The transit router " + id + " does not exist."));
        var attached = new ArrayList<String>();
        s.find(VPC_ATTACHMENT, a -> a.path("TransitRouterId").asText().equals(id)).forEach(a -> attached.add(a.path("TransitRouterAttachmentId").asText()));
        s.find(PEER_ATTACHMENT, a -> a.path("TransitRouterId").asText().equals(id) || a.path("PeerTransitRouterId").asText().equals(id))
                .forEach(a -> attached.add(a.path("TransitRouterAttachmentId").asText()));
        if (!attached.isEmpty()) {
            // "no network instance connections" is DeleteTransitRouter's prerequisite (API reference); the provider
            // retries on InvalidOperation.AttachedChildInstanceExist while they detach (resource_alicloud_cen_transit_router.go)
            throw ApiException.badRequest("InvalidOperation.AttachedChildInstanceExist",
                    "The transit router " + id + " still has network instance connections: " + String.join(", ", attached) + ".");
        }
        var tables = s.find(TABLE, t -> t.path("TransitRouterId").asText().equals(id));
        var entries = s.find(ROUTE_ENTRY, e -> tables.stream().anyMatch(t -> t.path("TransitRouterRouteTableId").asText()
                .equals(e.path("TransitRouterRouteTableId").asText())));
        if (!entries.isEmpty()) {
            throw ApiException.badRequest("OperationFailed.DeleteTransitRouter",
                    "Operation failed because TransitRouterRouteTable or TransitRouterRouteEntry or BandwidthTransitRegion exists: "
                            + entries.get(0).path("TransitRouterRouteEntryId").asText() + ".");
        }
        deleting(s, router, "Deleting", ROUTER_READY);
        tables.forEach(t -> deleting(s, t, "Deleting", ROUTER_READY));
        return Rpc.ok();
    }

    private Object listTables(ApiRequest r, CloudState s) {
        var routerId = r.param("TransitRouterId");
        var ids = r.list("TransitRouterRouteTableIds");
        if (routerId.isEmpty() && ids.isEmpty()) {
            throw ApiException.badRequest("MissingParam.TransitRouterIdOrTransitRouterRouteTables", "Either TransitRouterId or TransitRouterRouteTables must be specified.");
        }
        if (routerId.isPresent() && s.get(ROUTER, routerId.get()).filter(Cbn::live).isEmpty()) {
            // the provider reads this code as "not found" (service_alicloud_cbn.go DescribeCenTransitRouterRouteTable)
            throw ApiException.badRequest("InvalidTransitRouterId.NotFound", "TransitRouterId " + routerId.get() + " is not found.");
        }
        var names = r.list("TransitRouterRouteTableNames");
        var out = CloudState.object();
        var list = out.putArray("TransitRouterRouteTables");
        for (var table : s.find(TABLE, t -> matches(routerId, t.path("TransitRouterId").asText())
                && (ids.isEmpty() || ids.contains(t.path("TransitRouterRouteTableId").asText()))
                && (names.isEmpty() || names.contains(t.path("TransitRouterRouteTableName").asText()))
                && matches(r.param("TransitRouterRouteTableType"), t.path("TransitRouterRouteTableType").asText()))) {
            var view = CloudState.view(table);
            view.put("TransitRouterRouteTableStatus", status(s, table, "Active"));
            view.set("Tags", tagList(table));
            if (matches(r.param("TransitRouterRouteTableStatus"), view.path("TransitRouterRouteTableStatus").asText())) {
                list.add(view);
            }
        }
        return page(r, out, list);
    }

    /** Everything in one page: an empty NextToken ends the provider's paging loops. */
    private static ObjectNode page(ApiRequest r, ObjectNode out, ArrayNode list) {
        out.put("TotalCount", list.size()).put("NextToken", "").put("MaxResults", r.param("MaxResults").map(v -> integer("MaxResults", v)).orElse(20));
        return out;
    }

    private Object availableResource(ApiRequest r) {
        var region = r.required("RegionId");
        if (r.param("SupportMulticast").map("true"::equalsIgnoreCase).orElse(false)) {
            throw ApiException.notImplemented(r, "SupportMulticast=true (the cloud facts do not say which zones serve multicast)");
        }
        var answer = facts.transitRouterAvailableResource(region)
                .orElseThrow(() -> ApiException.notImplemented(r, CloudFacts.noTransitRouterZones(region)));
        return new LinkedHashMap<>(answer);
    }

    // ---- VPC and peer attachments ----------------------------------------------------------------------------

    private Object createVpcAttachment(ApiRequest r, CloudState s) {
        var again = sameToken(r, s, VPC_ATTACHMENT);
        if (again.isPresent()) {
            return answer("TransitRouterAttachmentId", again.get().path("TransitRouterAttachmentId").asText());
        }
        var region = r.required("RegionId");
        var router = attachTo(r, s, region, "InvalidTransitRouterId.NotFound");
        var vpcId = r.required("VpcId");
        var vpc = s.get("Vpc", vpcId).filter(v -> CloudState.region(v).equals(region))
                .orElseThrow(() -> ApiException.badRequest("IncorrectStatus.Vpc",
                        "The resource is not in a valid state for the attachment operation: VPC " + vpcId + " does not exist in " + region + "."));
        if (!s.ready(vpc)) {
            // retried by the provider's create (resource_alicloud_cen_transit_router_vpc_attachment.go)
            throw ApiException.badRequest("IncorrectStatus.VpcOrVswitch", "The Vpc Or Vswith is not in a valid state for the attachment operation.");
        }
        var mappings = zoneMappings(r, s, "ZoneMappings", region, vpcId);
        if (mappings.isEmpty()) {
            throw ApiException.badRequest("IllegalParam.ZoneMappings", "The Specified Parameter ZoneMappings is illegal: at least one vSwitch is required.");
        }
        var chargeType = r.param("ChargeType").orElse("POSTPAY");
        if (!chargeType.equals("POSTPAY")) {
            throw ApiException.badRequest("IllegalParam.ChargeType", "The specified ChargeType is illegal: " + chargeType + ".");
        }
        var id = s.newId("tr-attach-", 18);
        var attachment = CloudState.object();
        attachment.put("TransitRouterAttachmentId", id).put("CenId", router.path("CenId").asText())
                .put("TransitRouterId", router.path("TransitRouterId").asText()).put("VpcId", vpcId).put("VpcRegionId", region)
                .put("VpcOwnerId", r.param("VpcOwnerId").map(Long::parseLong).orElse(ACCOUNT)).put("ResourceType", "VPC")
                .put("TransitRouterAttachmentName", r.param("TransitRouterAttachmentName").orElse(""))
                .put("TransitRouterAttachmentDescription", r.param("TransitRouterAttachmentDescription").orElse(""))
                .put("AutoPublishRouteEnabled", bool(r, "AutoPublishRouteEnabled").orElse(false)).put("ChargeType", chargeType)
                .put("OrderType", r.param("OrderType").orElse("PayByCenOwner")).put("CreationTime", time(s));
        attachment.set("ZoneMappings", mappings);
        attachment.set("TransitRouterVPCAttachmentOptions", vpcOptions(r, JSON.createObjectNode().put("ipv6Support", "disable")));
        Rpc.tag(attachment, r.tags("Tag"));
        create(s, VPC_ATTACHMENT, id, region, attachment, "Attaching", VPC_ATTACHMENT_READY, Optional.of(r));
        return answer("TransitRouterAttachmentId", id);
    }

    /** The router a new attachment goes on: {@code TransitRouterId} in {@code region}, in {@code CenId} when given. */
    private ObjectNode attachTo(ApiRequest r, CloudState s, String region, String code) {
        var cenId = r.param("CenId");
        cenId.ifPresent(c -> s.get(CEN, c).filter(Cbn::live)
                .orElseThrow(() -> ApiException.badRequest("InvalidCenId.NotFound", "CenId " + c + " is not found.")));
        var routerId = r.param("TransitRouterId")
                .orElseThrow(() -> ApiException.notImplemented(r, "an attachment without TransitRouterId (the API would create the region's router)"));
        var router = router(routerId, s, code);
        if (!CloudState.region(router).equals(region) || cenId.map(c -> !c.equals(router.path("CenId").asText())).orElse(false)) {
            throw ApiException.badRequest(code, "TransitRouterId " + routerId + " is not found in " + region + cenId.map(c -> " of " + c).orElse("") + ".");
        }
        if (!s.ready(router)) {
            throw ApiException.badRequest("IncorrectStatus.TransitRouterInstance", "The status of TransitRouter " + routerId + " is incorrect: it is still being created.");
        }
        return router;
    }

    /**
     * {@code PREFIX.N.ZoneId}/{@code PREFIX.N.VSwitchId}: each vSwitch exists in the region, belongs to the VPC and lies
     * in its zone, no zone twice, and each zone is one where the region's transit router attaches VPCs (the cloud
     * facts, as ListTransitRouterAvailableResource answers), as the real API checks them (its error codes).
     */
    private ArrayNode zoneMappings(ApiRequest r, CloudState s, String prefix, String region, String vpcId) {
        var out = JSON.createArrayNode();
        var zones = new LinkedHashSet<String>();
        var served = facts.transitRouterZones(region).filter(CloudFacts.ZoneRow::complete).map(CloudFacts.ZoneRow::zones);
        for (var mapping : r.objects(prefix)) {
            var zone = mapping.getOrDefault("ZoneId", "");
            var vswId = mapping.getOrDefault("VSwitchId", "");
            if (zone.isEmpty() || vswId.isEmpty()) {
                throw ApiException.badRequest("IllegalParam.ZoneMappings", "The Specified Parameter ZoneMappings is illegal: each needs ZoneId and VSwitchId.");
            }
            if (!zones.add(zone)) {
                throw ApiException.badRequest("Duplicated.ZoneMapping", "The parameter ZoneMapping is duplicated: zone " + zone + " twice.");
            }
            if (served.isPresent() && !served.get().contains(zone)) {
                throw ApiException.badRequest("IllegalParam.ZoneId", "The specified ZoneId is illegal: the transit router in " + region
                        + " attaches VPCs only in " + String.join(", ", served.get()) + ", not in " + zone + ".");
            }
            var vsw = s.get("VSwitch", vswId).filter(v -> CloudState.region(v).equals(region))
                    .orElseThrow(() -> ApiException.notFound("InvalidVSwitchId.NotFound", "The specified VSwitchId " + vswId + " is not found in " + region + "."));
            if (!vsw.path("VpcId").asText().equals(vpcId)) {
                throw ApiException.badRequest("IllegalParam.VSwitchId", "VSwitchId " + vswId + " is illegal: it belongs to " + vsw.path("VpcId").asText() + ", not " + vpcId + ".");
            }
            if (!vsw.path("ZoneId").asText().equals(zone)) {
                throw ApiException.badRequest("IllegalParam.ZoneId", "The specified ZoneId is illegal: vSwitch " + vswId + " is in " + vsw.path("ZoneId").asText() + ", not " + zone + ".");
            }
            out.addObject().put("ZoneId", zone).put("VSwitchId", vswId).put("NetworkInterfaceId", s.newId("eni-", 20));
        }
        return out;
    }

    /** {@code TransitRouterVPCAttachmentOptions}: a JSON object as a string (resource_alicloud_cen_transit_router_vpc_attachment.go). */
    private static ObjectNode vpcOptions(ApiRequest r, ObjectNode otherwise) {
        var text = r.param("TransitRouterVPCAttachmentOptions");
        if (text.isEmpty()) {
            return otherwise;
        }
        try {
            if (JSON.readTree(text.get()) instanceof ObjectNode options) {
                return options;
            }
        } catch (IOException e) {
            // answered below, as the API answers a malformed parameter
        }
        throw ApiException.badRequest("InvalidParameter", "TransitRouterVPCAttachmentOptions is not a JSON object: " + text.get());
    }

    private Object createPeerAttachment(ApiRequest r, CloudState s) {
        var again = sameToken(r, s, PEER_ATTACHMENT);
        if (again.isPresent()) {
            return answer("TransitRouterAttachmentId", again.get().path("TransitRouterAttachmentId").asText());
        }
        var region = r.required("RegionId");
        var router = attachTo(r, s, region, "InvalidTransitRouterId.NotFound");
        var peerId = r.required("PeerTransitRouterId");
        var peer = s.get(ROUTER, peerId).filter(Cbn::live)
                .orElseThrow(() -> ApiException.badRequest("InvalidPeerTransitRouterId.NotFound", "The specified PeerTransitRouterId " + peerId + " is not found."));
        var peerRegion = r.param("PeerTransitRouterRegionId").orElse(CloudState.region(peer));
        if (!peerRegion.equals(CloudState.region(peer))) {
            throw ApiException.badRequest("IllegalParam.PeerRegionId", "PeerRegionId is illegal: " + peerId + " is in " + CloudState.region(peer) + ", not " + peerRegion + ".");
        }
        if (peerRegion.equals(region)) {
            throw ApiException.badRequest("IllegalParam.PeerTransitRouterId", "PeerTransitRouterId is illegal: an inter-region connection joins routers of two regions.");
        }
        if (!peer.path("CenId").asText().equals(router.path("CenId").asText())) {
            throw ApiException.badRequest("IllegalParam.PeerTransitRouterId", "PeerTransitRouterId is illegal: " + peerId + " belongs to another CEN instance.");
        }
        if (!s.ready(peer)) {
            throw ApiException.badRequest("IncorrectStatus.TransitRouter", "The status of TransitRouter " + peerId + " is incorrect: it is still being created.");
        }
        var bandwidth = bandwidth(r, "BandwidthType", "BandwidthPackage"); // the API's default allocation (CreateTransitRouterPeerAttachment reference)
        var id = s.newId("tr-attach-", 18);
        var attachment = CloudState.object();
        attachment.put("TransitRouterAttachmentId", id).put("CenId", router.path("CenId").asText())
                .put("TransitRouterId", router.path("TransitRouterId").asText()).put("RegionId", region)
                .put("PeerTransitRouterId", peerId).put("PeerTransitRouterRegionId", peerRegion).put("PeerTransitRouterOwnerId", ACCOUNT)
                .put("ResourceType", "TR").put("BandwidthType", bandwidth).put("CenBandwidthPackageId", "")
                .put("Bandwidth", r.param("Bandwidth").map(b -> integer("Bandwidth", b)).orElse(0))
                .put("DefaultLinkType", linkType(r.param("DefaultLinkType").orElse("Gold"), bandwidth))
                .put("AutoPublishRouteEnabled", bool(r, "AutoPublishRouteEnabled").orElse(false))
                .put("TransitRouterAttachmentName", r.param("TransitRouterAttachmentName").orElse(""))
                .put("TransitRouterAttachmentDescription", r.param("TransitRouterAttachmentDescription").orElse(""))
                .put("CreationTime", time(s));
        Rpc.tag(attachment, r.tags("Tag"));
        create(s, PEER_ATTACHMENT, id, region, attachment, "Attaching", PEER_ATTACHMENT_READY, Optional.of(r));
        return answer("TransitRouterAttachmentId", id);
    }

    /**
     * The bandwidth allocation of an inter-region connection: {@code DataTransfer} (pay by data transfer, the
     * bandwidth a cap: what this program uses) or {@code BandwidthPackage}, which takes bandwidth from a CEN
     * bandwidth package; the sandbox sells none, so a package id is refused by name.
     */
    private static String bandwidth(ApiRequest r, String name, String otherwise) {
        var type = r.param(name).orElse(otherwise);
        if (!type.equals("DataTransfer") && !type.equals("BandwidthPackage")) {
            throw ApiException.badRequest("IllegalParam.BandwidthType", "BandwidthType is illegal: " + type + " (BandwidthPackage or DataTransfer).");
        }
        if (r.param("CenBandwidthPackageId").isPresent()) {
            throw ApiException.notImplemented(r, "CEN bandwidth packages (this program pays by data transfer)");
        }
        return type;
    }

    /** Platinum only with DataTransfer (ParameterIllegal.BandwidthPackageDefaultLinkTypeOnlySupportGold). */
    private static String linkType(String type, String bandwidth) {
        if (!type.equals("Gold") && !type.equals("Platinum")) {
            throw ApiException.badRequest("ParameterIllegal.CdtDefaultLinkTypeOnlySupportPlatinumOrGold", "DataTransfer only support Platinum and Gold.");
        }
        if (type.equals("Platinum") && !bandwidth.equals("DataTransfer")) {
            throw ApiException.badRequest("ParameterIllegal.BandwidthPackageDefaultLinkTypeOnlySupportGold", "Cen bandwidthPackage only support Gold.");
        }
        return type;
    }

    private static int integer(String name, String value) {
        try {
            var n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("IllegalParam." + name, name + " is illegal: " + value + ".");
    }

    private static Optional<Boolean> bool(ApiRequest r, String name) {
        return r.param(name).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw ApiException.badRequest("InvalidParameter", name + " must be true or false, not " + v + ".");
            }
            return Boolean.parseBoolean(v);
        });
    }

    private Object listAttachments(ApiRequest r, CloudState s, String kind) {
        var region = r.param("RegionId");
        var out = CloudState.object();
        var list = out.putArray("TransitRouterAttachments");
        for (var attachment : s.find(kind, a -> matches(region, CloudState.region(a)) && matches(r.param("CenId"), a.path("CenId").asText())
                && matches(r.param("TransitRouterAttachmentId"), a.path("TransitRouterAttachmentId").asText())
                && matches(r.param("TransitRouterId"), a.path("TransitRouterId").asText())
                && matches(r.param("VpcId"), a.path("VpcId").asText()))) {
            var view = CloudState.view(attachment);
            view.put("Status", status(s, attachment, "Attached"));
            view.set("Tags", tagList(attachment));
            if (matches(r.param("Status"), view.path("Status").asText())) {
                list.add(view);
            }
        }
        return page(r, out, list);
    }

    private ObjectNode attachment(ApiRequest r, CloudState s, String kind) {
        var id = r.required("TransitRouterAttachmentId");
        return s.get(kind, id).filter(Cbn::live)
                .orElseThrow(() -> ApiException.badRequest("InvalidTransitRouterAttachmentId.NotFound", "TransitRouterAttachmentId " + id + " is not found."));
    }

    private Object updateAttachment(ApiRequest r, CloudState s, String kind) {
        var attachment = attachment(r, s, kind);
        if (!s.ready(attachment)) {
            // the provider updates only after its wait for Attached (Create and Update of both attachment resources)
            throw ApiException.badRequest(kind.equals(VPC_ATTACHMENT) ? "IncorrectStatus.TransitRouterAttachmentId" : "IncorrectStatus.Attachment",
                    "The attachment " + attachment.path("TransitRouterAttachmentId").asText() + " is still changing.");
        }
        r.param("TransitRouterAttachmentName").ifPresent(v -> attachment.put("TransitRouterAttachmentName", v));
        r.param("TransitRouterAttachmentDescription").ifPresent(v -> attachment.put("TransitRouterAttachmentDescription", v));
        bool(r, "AutoPublishRouteEnabled").ifPresent(v -> attachment.put("AutoPublishRouteEnabled", v));
        if (kind.equals(VPC_ATTACHMENT)) {
            r.param("OrderType").ifPresent(v -> {
                if (!v.equals("PayByCenOwner") && !v.equals("PayByResourceOwner")) {
                    throw ApiException.badRequest("InvalidParameter", "OrderType must be PayByCenOwner or PayByResourceOwner, not " + v + ".");
                }
                attachment.put("OrderType", v);
            });
            attachment.set("TransitRouterVPCAttachmentOptions", vpcOptions(r, (ObjectNode) attachment.get("TransitRouterVPCAttachmentOptions")));
        } else {
            var type = bandwidth(r, "BandwidthType", attachment.path("BandwidthType").asText());
            attachment.put("BandwidthType", type);
            r.param("Bandwidth").ifPresent(v -> attachment.put("Bandwidth", integer("Bandwidth", v)));
            attachment.put("DefaultLinkType", linkType(r.param("DefaultLinkType").orElse(attachment.path("DefaultLinkType").asText()), type));
        }
        s.save();
        return Rpc.ok();
    }

    /** UpdateTransitRouterVpcAttachmentZones: the provider sends the id in the query, the mappings in the form. */
    private Object updateZones(ApiRequest r, CloudState s) {
        var attachment = attachment(r, s, VPC_ATTACHMENT);
        if (!s.ready(attachment)) {
            throw ApiException.badRequest("IncorrectStatus.TransitRouterAttachment", "The status of TransitRouterAttachment is incorrect.");
        }
        var region = CloudState.region(attachment);
        var vpcId = attachment.path("VpcId").asText();
        var remove = new LinkedHashSet<String>();
        r.objects("RemoveZoneMappings").forEach(m -> remove.add(m.getOrDefault("ZoneId", "") + "|" + m.getOrDefault("VSwitchId", "")));
        var added = zoneMappings(r, s, "AddZoneMappings", region, vpcId);
        var kept = JSON.createArrayNode();
        var removed = 0;
        for (var mapping : attachment.withArray("ZoneMappings")) {
            if (remove.contains(mapping.path("ZoneId").asText() + "|" + mapping.path("VSwitchId").asText())) {
                removed++;
            } else {
                kept.add(mapping);
            }
        }
        if (removed != remove.size()) {
            throw ApiException.badRequest("IllegalParam.AddOrRemoveZoneMappings", "The specified RemoveZoneMappings are not zone mappings of this attachment.");
        }
        for (var mapping : added) {
            for (var other : kept) {
                if (other.path("ZoneId").asText().equals(mapping.path("ZoneId").asText())) {
                    throw ApiException.badRequest("IllegalParam.AddOrRemoveZoneMappings", "The attachment already has a vSwitch in zone " + mapping.path("ZoneId").asText() + ".");
                }
            }
            kept.add(mapping);
        }
        if (kept.isEmpty()) {
            throw ApiException.badRequest("IllegalParam.AddOrRemoveZoneMappings", "An attachment keeps at least one zone mapping.");
        }
        attachment.set("ZoneMappings", kept);
        // new ENIs are placed: Attaching (the only pending status the API lists for a VPC connection) until done
        changing(s, attachment, "Attaching", VPC_ATTACHMENT_READY);
        return Rpc.ok();
    }

    private Object deleteAttachment(ApiRequest r, CloudState s, String kind) {
        var attachment = attachment(r, s, kind);
        var id = attachment.path("TransitRouterAttachmentId").asText();
        if (r.param("Force").map("true"::equalsIgnoreCase).orElse(false)) {
            throw ApiException.notImplemented(r, "Force (this program never sets force_delete)");
        }
        // DeleteTransitRouterVpcAttachment/PeerAttachment prerequisites and their error codes (API reference)
        if (!s.find(ROUTE_ENTRY, e -> e.path("TransitRouterRouteEntryNextHopId").asText().equals(id)).isEmpty()) {
            throw ApiException.badRequest("OperationFailed.RouteEntryExist", "Failed to delete the instance because a route table entry points to the instance: " + id + ".");
        }
        // a VPC route entry (the Vpc product's RouteEntry, next hop InstanceId) that still sends traffic to it
        if (!s.find("RouteEntry", e -> e.path("InstanceId").asText().equals(id)).isEmpty()) {
            throw ApiException.badRequest("OperationFailed.AttachmentReferencedVpcRouteEntryExisted",
                    "Operation is failed because there is at least one route entry which next hop is the specified attachment: " + id + ".");
        }
        if (!s.find(ASSOCIATION, b -> b.path("TransitRouterAttachmentId").asText().equals(id)).isEmpty()) {
            throw ApiException.badRequest("OperationFailed.RouteTableAssociationExist", "Operation failed because there is associated routing table: " + id + ".");
        }
        if (!s.find(PROPAGATION, b -> b.path("TransitRouterAttachmentId").asText().equals(id)).isEmpty()) {
            throw ApiException.badRequest("OperationFailed.RouteTablePropagationExist",
                    "The specified TransitRouterAttachment has configured RouteTablePropagation. Please remove the configuration first: " + id + ".");
        }
        deleting(s, attachment, "Detaching", kind.equals(VPC_ATTACHMENT) ? VPC_ATTACHMENT_READY : PEER_ATTACHMENT_READY);
        return Rpc.ok();
    }

    // ---- route-table associations and propagations ---------------------------------------------------------------

    /** The attachment {@code id}, VPC or peer, that is not being deleted. */
    private static Optional<ObjectNode> anyAttachment(CloudState s, String id) {
        return s.get(VPC_ATTACHMENT, id).or(() -> s.get(PEER_ATTACHMENT, id)).filter(Cbn::live);
    }

    /** The transit routers an attachment belongs to: its own, and for an inter-region connection the peer's too. */
    private static List<String> routersOf(ObjectNode attachment) {
        var routers = new ArrayList<String>();
        routers.add(attachment.path("TransitRouterId").asText());
        if (attachment.hasNonNull("PeerTransitRouterId")) {
            routers.add(attachment.path("PeerTransitRouterId").asText());
        }
        return routers;
    }

    /**
     * Associates ({@code ASSOCIATION}) or propagates ({@code PROPAGATION}) an attachment on a route table. The real API
     * takes only a table of a router the attachment belongs to (an inter-region connection belongs to both routers), a
     * ready attachment and table, and at most one association per attachment and router ("A network instance
     * connection can be associated with only one route table of an Enterprise Edition transit router":
     * AssociateTransitRouterAttachmentWithRouteTable reference, AssociationExist.TransitRouterTable).
     */
    private Object bind(ApiRequest r, CloudState s, String kind) {
        var attachmentId = r.required("TransitRouterAttachmentId");
        var tableId = r.required("TransitRouterRouteTableId");
        var attachment = anyAttachment(s, attachmentId)
                .orElseThrow(() -> ApiException.notFound("InvalidAttachmentId.NotFound", "The specified AttachmentId " + attachmentId + " is not found."));
        var table = s.get(TABLE, tableId).filter(Cbn::live)
                .orElseThrow(() -> ApiException.notFound("InvalidRouteTableId.NotFound", "The specified RouteTableId " + tableId + " is not found."));
        var router = table.path("TransitRouterId").asText();
        if (!routersOf(attachment).contains(router)) {
            // no code is documented for a table of another router; IllegalParam.TransitRouterTableId is the closest listed one
            throw ApiException.badRequest("IllegalParam.TransitRouterTableId", "The specified TransitRouterTableId " + tableId
                    + " is invalid: it belongs to transit router " + router + ", and attachment " + attachmentId + " to " + String.join(" and ", routersOf(attachment)) + ".");
        }
        if (!s.ready(attachment) || !s.ready(table)) {
            throw ApiException.badRequest("IncorrectStatus.AttachmentOrRouteTable", "The resource is not in a valid state for the operation: "
                    + (!s.ready(attachment) ? "attachment " + attachmentId : "route table " + tableId) + " is still changing.");
        }
        var key = attachmentId + ":" + tableId;
        // what already binds this attachment here: this pair, and for an association any table of the same router
        var tablesOfRouter = s.find(TABLE, t -> t.path("TransitRouterId").asText().equals(router)).stream()
                .map(t -> t.path("TransitRouterRouteTableId").asText()).toList();
        var bound = s.find(kind, b -> b.path("TransitRouterAttachmentId").asText().equals(attachmentId)
                && (kind.equals(ASSOCIATION) ? tablesOfRouter.contains(b.path("TransitRouterRouteTableId").asText())
                        : b.path("TransitRouterRouteTableId").asText().equals(tableId)));
        if (bound.stream().anyMatch(b -> !live(b))) {
            // the old one is still going: retried by the provider's create (IncorrectStatus.Status)
            throw ApiException.badRequest("IncorrectStatus.Status", "The resource is not in a valid state for the operation: the previous "
                    + (kind.equals(ASSOCIATION) ? "association" : "propagation") + " of " + attachmentId + " is still being removed.");
        }
        if (!bound.isEmpty()) {
            throw kind.equals(ASSOCIATION)
                    ? ApiException.badRequest("AssociationExist.TransitRouterTable", "The specified association already exists: " + attachmentId
                            + " is associated with " + bound.get(0).path("TransitRouterRouteTableId").asText() + " of transit router " + router + ".")
                    // no code is documented for a second propagation of one pair; this is the closest listed one
                    : ApiException.badRequest("IncorrectStatus.AttachmentOrRouteTable", "The resource is not in a valid state for the operation: "
                            + attachmentId + " already propagates to " + tableId + ".");
        }
        var binding = CloudState.object();
        var vpc = attachment.hasNonNull("VpcId");
        binding.put("TransitRouterAttachmentId", attachmentId).put("TransitRouterRouteTableId", tableId)
                .put("ResourceType", vpc ? "VPC" : "TR")
                // the network instance behind the attachment: the VPC, or the router at the other end of the connection
                .put("ResourceId", vpc ? attachment.path("VpcId").asText() : otherEnd(attachment, router));
        create(s, kind, key, CloudState.region(table), binding, kind.equals(ASSOCIATION) ? "Associating" : "Enabling", ROUTING_READY, Optional.of(r));
        return Rpc.ok();
    }

    private static String otherEnd(ObjectNode peerAttachment, String router) {
        var local = peerAttachment.path("TransitRouterId").asText();
        return local.equals(router) ? peerAttachment.path("PeerTransitRouterId").asText() : local;
    }

    private Object listBindings(ApiRequest r, CloudState s, String kind) {
        var tableId = kind.equals(PROPAGATION) ? Optional.of(r.required("TransitRouterRouteTableId")) : r.param("TransitRouterRouteTableId");
        var out = CloudState.object();
        var list = out.putArray(kind.equals(ASSOCIATION) ? "TransitRouterAssociations" : "TransitRouterPropagations");
        for (var binding : s.find(kind, b -> matches(tableId, b.path("TransitRouterRouteTableId").asText())
                && matches(r.param("TransitRouterAttachmentId"), b.path("TransitRouterAttachmentId").asText())
                && matches(r.param("TransitRouterAttachmentResourceId"), b.path("ResourceId").asText())
                && matches(r.param("TransitRouterAttachmentResourceType"), b.path("ResourceType").asText()))) {
            var view = CloudState.view(binding);
            view.put("Status", status(s, binding, "Active"));
            if (matches(r.param("Status"), view.path("Status").asText())) {
                list.add(view);
            }
        }
        return page(r, out, list);
    }

    private Object unbind(ApiRequest r, CloudState s, String kind) {
        var attachmentId = r.required("TransitRouterAttachmentId");
        var tableId = r.required("TransitRouterRouteTableId");
        s.get(TABLE, tableId).orElseThrow(() -> ApiException.notFound("InvalidRouteTableId.NotFound", "The specified RouteTableId " + tableId + " is not found."));
        // an attachment that is not bound to this table is not found there (the provider's association Delete reads a 404 as gone)
        var binding = s.get(kind, attachmentId + ":" + tableId)
                .orElseThrow(() -> kind.equals(ASSOCIATION)
                        ? ApiException.notFound("InvalidAttachmentId.NotFound", "The specified AttachmentId " + attachmentId + " is not associated with " + tableId + ".")
                        : ApiException.badRequest("InvalidAttachmentId.NotFound", "The specified AttachmentId " + attachmentId + " does not propagate to " + tableId + "."));
        if (live(binding) && !s.ready(binding)) {
            // the provider deletes only after its create waited for Active
            throw ApiException.badRequest("IncorrectStatus.AttachmentOrRouteTable", "The resource is not in a valid state for the operation: the "
                    + (kind.equals(ASSOCIATION) ? "association" : "propagation") + " is still being created.");
        }
        deleting(s, binding, kind.equals(ASSOCIATION) ? "Dissociating" : "Disabling", ROUTING_READY);
        return Rpc.ok();
    }

    // ---- route entries -------------------------------------------------------------------------------------

    private ObjectNode table(ApiRequest r, CloudState s) {
        var id = r.required("TransitRouterRouteTableId");
        // the provider reads this code as "not found" (service_alicloud_cbn.go DescribeCenTransitRouterRouteEntry)
        return s.get(TABLE, id).filter(Cbn::live)
                .orElseThrow(() -> ApiException.badRequest("InvalidTransitRouterRouteTableId.NotFound", "TransitRouterRouteTableId " + id + " is not found."));
    }

    /**
     * A static route on a transit router's route table. Its next hop must be an attachment of that router (an
     * inter-region connection counts for both ends): InvalidTransitRouterRouteEntryNextHopId.NotFound otherwise. One
     * route per destination and table: InstanceExist.TransitRouterRouteEntry, or, while the old one is still being
     * deleted, OperationFailed.CreateRouteEntryWithSameDestinationCidrBlock, which the provider retries
     * (resource_alicloud_cen_transit_router_route_entry.go, Create): what a delete-before-replace of a route meets.
     */
    private Object createRouteEntry(ApiRequest r, CloudState s) {
        var again = sameToken(r, s, ROUTE_ENTRY);
        if (again.isPresent()) {
            return answer("TransitRouterRouteEntryId", again.get().path("TransitRouterRouteEntryId").asText());
        }
        var table = table(r, s);
        var tableId = table.path("TransitRouterRouteTableId").asText();
        var router = table.path("TransitRouterId").asText();
        var destination = r.required("TransitRouterRouteEntryDestinationCidrBlock");
        try {
            Cidr.of(destination);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("IllegalParam.TransitRouterDestinationCidrBlock", "TransitRouterDestinationCidrBlock is illegal: " + destination + ".");
        }
        var type = r.required("TransitRouterRouteEntryNextHopType");
        var hop = r.param("TransitRouterRouteEntryNextHopId");
        String resourceType = "";
        String resourceId = "";
        switch (type) {
            case "Attachment" -> {
                var hopId = hop.orElseThrow(() -> ApiException.badRequest("MissingParam.TransitRouterRouteEntryNextHopId",
                        "The parameter TransitRouterRouteEntryNextHopId is mandatory"));
                var attachment = anyAttachment(s, hopId).filter(a -> routersOf(a).contains(router))
                        .orElseThrow(() -> ApiException.badRequest("InvalidTransitRouterRouteEntryNextHopId.NotFound",
                                "TransitRouterRouteEntryNextHopId is not found: " + hopId + " is no attachment of transit router " + router + "."));
                resourceType = attachment.hasNonNull("VpcId") ? "VPC" : "TR";
                resourceId = attachment.hasNonNull("VpcId") ? attachment.path("VpcId").asText() : otherEnd(attachment, router);
            }
            case "BlackHole" -> {
                if (hop.isPresent()) {
                    throw ApiException.badRequest("ParamExclusive.NextHopTypeBlackHoleAndNextHopId",
                            "TransitRouterRouteEntryNextHopType(BlackHole) and TransitRouterRouteEntryNextHopId is mutually exclusive.");
                }
            }
            default -> throw ApiException.badRequest("IllegalParam.NextHopType", "The NextHopType is illegal: " + type + " (Attachment or BlackHole).");
        }
        var same = s.find(ROUTE_ENTRY, e -> e.path("TransitRouterRouteTableId").asText().equals(tableId)
                && e.path("TransitRouterRouteEntryDestinationCidrBlock").asText().equals(destination));
        if (!same.isEmpty()) {
            throw live(same.get(0))
                    ? ApiException.badRequest("InstanceExist.TransitRouterRouteEntry", "The instance TransitRouterRouteEntry already exists: "
                            + same.get(0).path("TransitRouterRouteEntryId").asText() + " routes " + destination + " in " + tableId + ".")
                    : ApiException.badRequest("OperationFailed.CreateRouteEntryWithSameDestinationCidrBlock",
                            "Operation failed because Create RouteEntry with same destination cidrblock does not support.");
        }
        var id = s.newId("rte-", 18);
        var entry = CloudState.object();
        entry.put("TransitRouterRouteEntryId", id).put("TransitRouterRouteTableId", tableId)
                .put("TransitRouterRouteEntryDestinationCidrBlock", destination).put("TransitRouterRouteEntryType", "Static")
                .put("TransitRouterRouteEntryName", r.param("TransitRouterRouteEntryName").orElse(""))
                .put("TransitRouterRouteEntryDescription", r.param("TransitRouterRouteEntryDescription").orElse(""))
                .put("TransitRouterRouteEntryNextHopType", type).put("TransitRouterRouteEntryNextHopId", hop.orElse(""))
                .put("TransitRouterRouteEntryNextHopResourceType", resourceType).put("TransitRouterRouteEntryNextHopResourceId", resourceId)
                .put("OperationalMode", false).put("CreateTime", time(s));
        create(s, ROUTE_ENTRY, id, CloudState.region(table), entry, "Creating", ROUTE_ENTRY_READY, Optional.of(r));
        return answer("TransitRouterRouteEntryId", id);
    }

    /** The static routes of a table (the routes the router learns by propagation are not listed: the sandbox computes none). */
    private Object listRouteEntries(ApiRequest r, CloudState s) {
        var tableId = table(r, s).path("TransitRouterRouteTableId").asText();
        var ids = r.list("TransitRouterRouteEntryIds");
        var names = r.list("TransitRouterRouteEntryNames");
        if (!ids.isEmpty() && r.param("TransitRouterRouteEntryStatus").isPresent()) {
            throw ApiException.badRequest("ParamExclusive.RouteEntryIdsAndStatus", "TransitRouterRouteEntryIds and TransitRouterRouteEntryStatus is mutually exclusive.");
        }
        Predicate<ObjectNode> wanted = e -> e.path("TransitRouterRouteTableId").asText().equals(tableId)
                && (ids.isEmpty() || ids.contains(e.path("TransitRouterRouteEntryId").asText()))
                && (names.isEmpty() || names.contains(e.path("TransitRouterRouteEntryName").asText()))
                && matches(r.param("TransitRouterRouteEntryDestinationCidrBlock"), e.path("TransitRouterRouteEntryDestinationCidrBlock").asText())
                && matches(r.param("TransitRouterRouteEntryNextHopId"), e.path("TransitRouterRouteEntryNextHopId").asText())
                && matches(r.param("TransitRouterRouteEntryNextHopType"), e.path("TransitRouterRouteEntryNextHopType").asText())
                && matches(r.param("TransitRouterRouteEntryType"), e.path("TransitRouterRouteEntryType").asText());
        var out = CloudState.object();
        var list = out.putArray("TransitRouterRouteEntries");
        for (var entry : s.find(ROUTE_ENTRY, wanted)) {
            var view = CloudState.view(entry);
            view.put("TransitRouterRouteEntryStatus", status(s, entry, "Active"));
            if (matches(r.param("TransitRouterRouteEntryStatus"), view.path("TransitRouterRouteEntryStatus").asText())) {
                list.add(view);
            }
        }
        return page(r, out, list);
    }

    private ObjectNode routeEntry(ApiRequest r, CloudState s) {
        var id = r.required("TransitRouterRouteEntryId");
        // IllegalParam.TransitRouterRouteEntryId: "not found" in the API reference; the provider's Delete reads it as gone
        return s.get(ROUTE_ENTRY, id).filter(Cbn::live)
                .orElseThrow(() -> ApiException.badRequest("IllegalParam.TransitRouterRouteEntryId", "TransitRouterRouteEntryId " + id + " is not found."));
    }

    private Object updateRouteEntry(ApiRequest r, CloudState s) {
        var entry = routeEntry(r, s);
        r.param("TransitRouterRouteEntryName").ifPresent(v -> entry.put("TransitRouterRouteEntryName", v));
        r.param("TransitRouterRouteEntryDescription").ifPresent(v -> entry.put("TransitRouterRouteEntryDescription", v));
        s.save();
        return Rpc.ok();
    }

    private Object deleteRouteEntry(ApiRequest r, CloudState s) {
        var entry = routeEntry(r, s);
        r.param("TransitRouterRouteEntryNextHopId").filter(h -> !h.equals(entry.path("TransitRouterRouteEntryNextHopId").asText())).ifPresent(h -> {
            throw ApiException.badRequest("InvalidParameter", "Route entry " + entry.path("TransitRouterRouteEntryId").asText() + " has next hop "
                    + entry.path("TransitRouterRouteEntryNextHopId").asText() + ", not " + h + ".");
        });
        deleting(s, entry, "Deleting", ROUTE_ENTRY_READY);
        return Rpc.ok();
    }

    // ---- shapes --------------------------------------------------------------------------------------------

    private static ObjectNode answer(String field, String id) {
        return Rpc.ok().put(field, id);
    }
}
