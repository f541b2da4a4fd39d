package io.asmdr.sandbox.cloud;

import static io.asmdr.sandbox.cloud.GaParams.ACCELERATOR_NAME;
import static io.asmdr.sandbox.cloud.GaParams.CHILD_NAME;
import static io.asmdr.sandbox.cloud.GaParams.DOMAIN;
import static io.asmdr.sandbox.cloud.GaParams.IPV4;
import static io.asmdr.sandbox.cloud.GaParams.apiRegion;
import static io.asmdr.sandbox.cloud.GaParams.bool;
import static io.asmdr.sandbox.cloud.GaParams.checkName;
import static io.asmdr.sandbox.cloud.GaParams.description;
import static io.asmdr.sandbox.cloud.GaParams.field;
import static io.asmdr.sandbox.cloud.GaParams.indexedMap;
import static io.asmdr.sandbox.cloud.GaParams.integer;
import static io.asmdr.sandbox.cloud.GaParams.knownRegion;
import static io.asmdr.sandbox.cloud.GaParams.oneOf;
import static io.asmdr.sandbox.cloud.GaParams.range;
import static io.asmdr.sandbox.cloud.GaParams.sent;
import static io.asmdr.sandbox.cloud.GaParams.sublist;
import static io.asmdr.sandbox.cloud.GaParams.tagRule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Global Accelerator (product {@code Ga}, API 2019-11-20, RPC) for {@code alicloud_ga_accelerator},
 * {@code alicloud_ga_ip_set}, {@code alicloud_ga_listener} and {@code alicloud_ga_endpoint_group}, as
 * terraform-provider-alicloud v1.285.0 calls it for a pay-as-you-go, pay-by-data-transfer (CDT) instance:
 * <ul>
 *   <li>resource_alicloud_ga_accelerator.go: Create {@code CreateAccelerator} (RegionId, AutoPay, ClientToken,
 *       BandwidthBillingType, InstanceChargeType, PricingCycle; the name is not sent: "there is an api bug"), then
 *       the wait for State {@code active} (service_alicloud_ga.go {@code GaAcceleratorStateRefreshFunc} over
 *       {@code DescribeAccelerator}), then Update: {@code TagResources}/{@code UntagResources} with ResourceType
 *       {@code accelerator} (service {@code SetResourceTags}), {@code UpdateAccelerator} (Name, Description, Spec) and
 *       its wait for {@code active}; Read {@code DescribeAccelerator} ({@code DescribeGaAccelerator}: not found is
 *       {@code NotExist.Accelerator}), {@code DescribeAcceleratorAutoRenewAttribute}, {@code ListTagResources}
 *       ({@code $.TagResources.TagResource}, {@code NextToken}); Delete {@code DescribeAccelerator} (a
 *       {@code PREPAY} instance is only forgotten), {@code DeleteAccelerator} (retried on
 *       {@code StateError.Accelerator}), then the wait until {@code DescribeAccelerator} says not found.
 *       {@code UpdateAcceleratorAutoRenewAttribute}, {@code UpdateAcceleratorCrossBorderStatus},
 *       {@code UpdateAcceleratorCrossBorderMode} and {@code ChangeResourceGroup} are only reached when
 *       renewal_status, auto_renew_duration, cross_border_status, cross_border_mode or resource_group_id are set,
 *       which this program does not do: they are refused by name;</li>
 *   <li>resource_alicloud_ga_ip_set.go: {@code CreateIpSets} (AccelerateRegion.1.*; {@code $.IpSets[0].IpSetId}),
 *       {@code DescribeIpSet} ({@code DescribeGaIpSet}: {@code NotExist.IpSet}, or no State), {@code UpdateIpSet}
 *       (Bandwidth), {@code DeleteIpSets} (IpSetIds.1; {@code NotExist.IpSets} is taken as gone), each waited for
 *       through {@code GaIpSetStateRefreshFunc};</li>
 *   <li>resource_alicloud_ga_listener.go: {@code CreateListener} (PortRanges.N.FromPort/ToPort, Protocol,
 *       ClientAffinity, Name, Description, ...), {@code DescribeListener} ({@code NotExist.Listener}),
 *       {@code UpdateListener}, {@code DeleteListener} (no RegionId; retried on {@code Exist.EndpointGroup});</li>
 *   <li>resource_alicloud_ga_endpoint_group.go: {@code CreateEndpointGroup} (EndpointConfigurations.N.*,
 *       health-check fields, PortOverrides.N.*), then Update (nothing for a new group without tags) and Read:
 *       {@code DescribeEndpointGroup} ({@code NotExist.EndPointGroup}, or no State) and {@code ListTagResources}
 *       with ResourceType {@code endpointgroup}; {@code UpdateEndpointGroup} (every set field again, the endpoint
 *       list whole); {@code DeleteEndpointGroup} (no RegionId).</li>
 * </ul>
 *
 * <p><b>States.</b> Accelerators, listeners, IP sets and endpoint groups are {@code init} after their Create and
 * {@code active} once ready; an update makes an accelerator or an endpoint group {@code configuring} and a listener
 * or an IP set {@code updating} (DescribeAccelerator, DescribeListener, DescribeIpSet and DescribeEndpointGroup
 * State values, GA API reference: AlibabaCloudDocs/ga and aliyun/alibabacloud-java-async-sdk ga-20191120); a
 * deleted one is {@code deleting}, then not found. Every change under an accelerator keeps it
 * {@code configuring} while it lasts, and a second change meanwhile answers {@code StateError.Accelerator}: the
 * provider retries exactly that code on every child Create, Update and Delete, as GA serialises changes to one
 * instance. The provider polls each wait first after 30 s (BuildStateConf delay); the durations below are sandbox
 * values within the provider's timeouts (accelerator Create 1 min, the others 15 min), scaled by {@link Timing}.
 *
 * <p><b>What a Read returns.</b> Exactly what was set. Optional inputs that the provider's schema does not mark
 * Computed (listener_type, forwarded_for_config, spec, isp_type, traffic_percentage, health_check_path, ...) are
 * returned only when they were sent: the provider's acceptance tests create each resource without them and fail on
 * a non-empty plan after apply (resource_alicloud_ga_*_test.go, e.g. TestAccAliCloudGaListener_basic0 sets no
 * listener_type, which is ForceNew), so the real API does not report defaults for them. Computed ones
 * (threshold_count, idle_timeout, endpoint_group_type, bandwidth_billing_type, resource_group_id, ...) carry the
 * documented default. Addresses come from the documentation ranges (RFC 5737: 203.0.113.0/24 for accelerated
 * addresses, 198.51.100.0/24 for the back-to-origin ones, 2001:db8::/32 for IPv6): plausible in shape, reachable
 * by nothing.
 *
 * <p><b>Validation</b> the real API does and this program relies on, each cited where it is checked: RegionId
 * cn-hangzhou; acceleration and endpoint-group regions that exist ({@code NotExist.BusinessRegion}); IP-set
 * bandwidth of at least 2 Mbit/s and a line type (IspType) on a pay-by-data-transfer instance; listener
 * protocols ({@code ProtocalIllegal.Listener}, sic), port ranges 1-65499 ({@code PortRangeIllegal.Listener},
 * {@code SystemPort.Listener}) and no port shared with another listener of the instance
 * ({@code PortConflict.Listener}); one default endpoint group per region per listener ({@code Exist.EndpointGroup});
 * health-check interval 1-50 s, threshold 2-10, endpoint types and weights 0-255; traffic percentage 1-100; no
 * listener deleted under its endpoint groups, no instance under its listeners or IP sets. What the program does not
 * use is refused by name: subscriptions, bandwidth plans, HTTPS listeners (certificates), custom routing, virtual
 * endpoint groups and endpoints that name other products' instances (ECS, SLB, ALB, NLB, ENI, OSS, IpTarget).
 *
 * <p><b>Region of a call ({@link #regionOf}).</b> GA is global and its API is served from one region: the provider
 * calls {@code ga.cn-hangzhou.aliyuncs.com} (connectivity/endpoint.go) and every action's RegionId must be cn-hangzhou
 * ("The ID of the region where the GA instance is deployed. Set the value to cn-hangzhou.", each action's API
 * reference). So every GA call, an endpoint group's in another region included, answers for cn-hangzhou: with
 * {@code --down cn-shanghai} GA stays fully manageable (a Shanghai endpoint group's weight can be set to 0), and with
 * {@code --down cn-hangzhou} no GA call is answered, while what GA already serves keeps running (its data plane and
 * health checks are not this API). A program that changes GA during a Hangzhou outage gets 503 here, as it would there.
 */
public final class Ga implements Product {
    static final String ACCELERATOR = "GaAccelerator";
    static final String IP_SET = "GaIpSet";
    static final String LISTENER = "GaListener";
    static final String ENDPOINT_GROUP = "GaEndpointGroup";
    /** "The ID of the region where the GA instance is deployed. Set the value to cn-hangzhou." (every GA action's RegionId). */
    static final String API_REGION = "cn-hangzhou";

    /** Sandbox values, within the provider's Create timeouts (1 min for an accelerator, 15 min for the others). */
    private static final Duration ACCELERATOR_READY = Duration.ofSeconds(30);
    private static final Duration IP_SET_READY = Duration.ofSeconds(60);
    private static final Duration LISTENER_READY = Duration.ofSeconds(30);
    private static final Duration ENDPOINT_GROUP_READY = Duration.ofSeconds(60);
    /** An update or a deletion (sandbox value; the provider's Update timeouts are 3-6 min). */
    private static final Duration CHANGE = Duration.ofSeconds(10);

    private static final String PHASE = "_phase";
    private static final String BUSY = "_busyUntil";
    private static final String TOKEN = "_clientToken";
    private static final String TAGS = "_tags";

    /** CreateAccelerator Spec: 1, 2, 3, 5, 8, 10, 20, 30, ..., 90, 100, 200. */
    private static final Set<String> SPECS = Set.of("1", "2", "3", "5", "8", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100", "200");
    /** CreateEndpointGroup EndpointConfigurations.N.Type (the provider's own list in the schema is the same). */
    private static final Set<String> ENDPOINT_TYPES = Set.of("Domain", "Ip", "IpTarget", "PublicIp", "ECS", "SLB", "ALB", "NLB", "ENI", "OSS");
    /** Endpoint types that name an instance of another product, which the sandbox does not emulate. */
    private static final Set<String> INSTANCE_TYPES = Set.of("IpTarget", "ECS", "SLB", "ALB", "NLB", "ENI", "OSS");

    private final Timing timing;

    public Ga(Timing timing) {
        this.timing = timing;
    }

    @Override
    public String name() {
        return "Ga";
    }

    @Override
    public String version() {
        return "2019-11-20";
    }

    @Override
    public Optional<Object> handle(ApiRequest r, CloudState s) {
        synchronized (s) { // check-then-change on one instance (StateError.Accelerator) must not interleave
            return Optional.ofNullable(switch (r.action()) {
                case "CreateAccelerator" -> createAccelerator(r, s);
                case "DescribeAccelerator" -> describeAccelerator(r, s);
                case "DescribeAcceleratorAutoRenewAttribute" -> autoRenew(r, s);
                case "UpdateAccelerator" -> updateAccelerator(r, s);
                case "DeleteAccelerator" -> deleteAccelerator(r, s);
                case "ListTagResources" -> listTags(r, s);
                case "TagResources" -> tag(r, s);
                case "UntagResources" -> untag(r, s);
                case "CreateIpSets" -> createIpSets(r, s);
                case "DescribeIpSet" -> describeIpSet(r, s);
                case "UpdateIpSet" -> updateIpSet(r, s);
                case "DeleteIpSets" -> deleteIpSets(r, s);
                case "CreateListener" -> createListener(r, s);
                case "DescribeListener" -> describeListener(r, s);
                case "UpdateListener" -> updateListener(r, s);
                case "DeleteListener" -> deleteListener(r, s);
                case "CreateEndpointGroup" -> createEndpointGroup(r, s);
                case "DescribeEndpointGroup" -> describeEndpointGroup(r, s);
                case "UpdateEndpointGroup" -> updateEndpointGroup(r, s);
                case "DeleteEndpointGroup" -> deleteEndpointGroup(r, s);
                default -> null;
            });
        }
    }

    /** See the class comment: GA's API is in cn-hangzhou, whatever the call is about (a call without RegionId too). */
    @Override
    public Optional<String> regionOf(ApiRequest r, CloudState s) {
        return Optional.of(API_REGION);
    }

    // ---- states ------------------------------------------------------------------------------------------

    /** The record, unless it is missing or its deletion has finished (then it is dropped). */
    private static Optional<ObjectNode> live(CloudState s, String kind, String id) {
        var record = s.get(kind, id);
        if (record.isPresent() && "deleting".equals(record.get().path(PHASE).asText()) && s.ready(record.get())) {
            s.remove(kind, id);
            return Optional.empty();
        }
        return record;
    }

    private static List<ObjectNode> liveAll(CloudState s, String kind, Predicate<ObjectNode> test) {
        var out = new ArrayList<ObjectNode>();
        for (var record : s.find(kind, test)) {
            live(s, kind, idOf(kind, record)).ifPresent(out::add);
        }
        return out;
    }

    private static String idOf(String kind, JsonNode record) {
        return record.path(switch (kind) {
            case ACCELERATOR -> "AcceleratorId";
            case IP_SET -> "IpSetId";
            case LISTENER -> "ListenerId";
            default -> "EndpointGroupId";
        }).asText();
    }

    /** The State the API reports: the phase until the change is done, then {@code active}, {@code configuring} while a child changes. */
    private static String state(CloudState s, ObjectNode record) {
        if (!s.ready(record)) {
            return record.path(PHASE).asText("init");
        }
        return record.path(BUSY).asLong(0) > s.now() ? "configuring" : "active";
    }

    private void begin(CloudState s, ObjectNode record, String phase, Duration real) {
        record.put(PHASE, phase);
        s.changing(record, timing.ms(real));
    }

    /** A change under {@code accelerator}: it is {@code configuring} until the change is done. */
    private void occupy(CloudState s, ObjectNode accelerator, Duration real) {
        accelerator.put(BUSY, Math.max(accelerator.path(BUSY).asLong(0), s.now() + timing.ms(real)));
        s.save();
    }

    /**
     * A change needs the resource {@code active}; otherwise the API's state error (GA API reference error codes, each
     * retried by the provider where it makes the change): "StateError.Accelerator: The state of the accelerated
     * instance is invalid.", "NotActive.Listener: The state of the listener is not active.", "StateError.IpSet: The
     * state of IpSet is invalid.", "StateError.EndPointGroup: The specified state of endpoint group is invalid."
     */
    private static void requireActive(CloudState s, String kind, ObjectNode record) {
        var state = state(s, record);
        if (!state.equals("active")) {
            var code = switch (kind) {
                case ACCELERATOR -> "StateError.Accelerator";
                case LISTENER -> "NotActive.Listener";
                case IP_SET -> "StateError.IpSet";
                default -> "StateError.EndPointGroup";
            };
            throw ApiException.badRequest(code, "The state of " + idOf(kind, record) + " is " + state + ", not active.");
        }
    }

    /**
     * The instance a child belongs to, active: the AcceleratorId a Delete sends must be the child's (else the child's
     * not-found code, as for any id the instance does not hold).
     */
    private static ObjectNode parent(ApiRequest r, CloudState s, String kind, ObjectNode child, String notFound) {
        var id = child.get("AcceleratorId").asText();
        if (r.param("AcceleratorId").isPresent() && !r.required("AcceleratorId").equals(id)) {
            throw ApiException.badRequest(notFound, idOf(kind, child) + " does not exist in " + r.required("AcceleratorId") + ".");
        }
        var accelerator = accelerator(s, id);
        requireActive(s, ACCELERATOR, accelerator);
        return accelerator;
    }

    // ---- idempotence -------------------------------------------------------------------------------------

    /** The records a repeated call with the same ClientToken created: the API answers them again instead of creating more. */
    private static List<ObjectNode> sameToken(ApiRequest r, CloudState s, String kind) {
        return r.param("ClientToken").map(token -> liveAll(s, kind, n -> token.equals(n.path(TOKEN).asText()))).orElse(List.of());
    }

    // ---- accelerators ------------------------------------------------------------------------------------

    private static ObjectNode accelerator(CloudState s, String id) {
        return live(s, ACCELERATOR, id).orElseThrow(() -> ApiException.badRequest("NotExist.Accelerator",
                "The accelerated instance does not exist: " + id + "."));
    }

    private Object createAccelerator(ApiRequest r, CloudState s) {
        var region = apiRegion(r);
        var again = sameToken(r, s, ACCELERATOR);
        if (!again.isEmpty()) {
            return Rpc.ok().put("AcceleratorId", again.get(0).get("AcceleratorId").asText());
        }
        // "The billing method of the GA. Default value is PREPAY (subscription)." (CreateAccelerator InstanceChargeType)
        var charge = oneOf("InstanceChargeType", r.param("InstanceChargeType").orElse("PREPAY"), Set.of("PREPAY", "POSTPAY"));
        if (charge.equals("PREPAY")) {
            throw ApiException.notImplemented(r, "subscription GA instances (InstanceChargeType PREPAY: orders, expiry and renewal "
                    + "are not emulated); this program creates pay-as-you-go ones (payment_type PayAsYouGo, InstanceChargeType POSTPAY)");
        }
        var billing = oneOf("BandwidthBillingType", r.param("BandwidthBillingType").orElse("BandwidthPackage"),
                Set.of("BandwidthPackage", "CDT", "CDT95"));
        if (!billing.equals("CDT")) {
            throw ApiException.notImplemented(r, "bandwidth billing " + billing + " (bandwidth plans and their attachment are not "
                    + "emulated); this program bills by data transfer (bandwidth_billing_type CDT)");
        }
        r.param("Spec").ifPresent(v -> oneOf("Spec", v, SPECS));
        r.param("Name").ifPresent(v -> checkName("GA instance", v, ACCELERATOR_NAME, "2 to 128 characters, letters, digits, _ and -, starting with a letter"));
        r.param("Description").ifPresent(GaParams::description);
        var id = s.newId("ga-", 20);
        var record = CloudState.object();
        record.put("AcceleratorId", id).put("RegionId", region).put("Name", r.param("Name").orElse(""))
                .put("Description", r.param("Description").orElse("")).put("InstanceChargeType", charge)
                .put("BandwidthBillingType", billing).put("ResourceGroupId", r.param("ResourceGroupId").orElse(Vpc.defaultResourceGroup()))
                .put("CreateTime", s.now()).put("CrossBorderStatus", false)
                // "This parameter is returned for GA instances whose bandwidth metering method is pay-by-data-transfer (CDT)" (DescribeAccelerator CrossBorderMode)
                .put("CrossBorderMode", "bgpPro").put("UpgradableStatus", "notUpgradable").put("ServiceManaged", false);
        r.param("Spec").ifPresent(v -> record.put("Spec", v));
        record.with("IpSetConfig").put("AccessMode", "UserDefine");
        r.param("ClientToken").ifPresent(t -> record.put(TOKEN, t));
        record.put(PHASE, "init");
        var tags = r.tags("Tag");
        tags.forEach(GaParams::tagRule);
        Rpc.tag(record, tags);
        s.create(ACCELERATOR, id, region, record, timing.ms(ACCELERATOR_READY));
        return Rpc.ok().put("AcceleratorId", id);
    }

    private Object describeAccelerator(ApiRequest r, CloudState s) {
        apiRegion(r);
        return answer(s, ACCELERATOR, accelerator(s, r.required("AcceleratorId")));
    }

    /** What a Describe action returns: the record without bookkeeping, its State, and its Tags where the resource takes tags. */
    private static ObjectNode answer(CloudState s, String kind, ObjectNode record) {
        var out = CloudState.view(record);
        out.put("State", state(s, record));
        if (kind.equals(ACCELERATOR) || kind.equals(ENDPOINT_GROUP)) {
            out.set("Tags", keyValues(record));
        }
        return out;
    }

    /**
     * For a pay-as-you-go instance there is nothing to renew: RenewalStatus {@code Normal} and AutoRenewDuration 0
     * (which the provider's Read skips); a sandbox answer, read by resource_alicloud_ga_accelerator.go Read.
     */
    private Object autoRenew(ApiRequest r, CloudState s) {
        apiRegion(r);
        var record = accelerator(s, r.required("AcceleratorId"));
        return Rpc.ok().put("AcceleratorId", record.get("AcceleratorId").asText()).put("AutoRenew", false)
                .put("AutoRenewDuration", 0).put("RenewalStatus", "Normal");
    }

    private Object updateAccelerator(ApiRequest r, CloudState s) {
        apiRegion(r);
        var record = accelerator(s, r.required("AcceleratorId"));
        requireActive(s, ACCELERATOR, record);
        r.param("Name").ifPresent(v -> checkName("GA instance", v, ACCELERATOR_NAME, "2 to 128 characters, letters, digits, _ and -, starting with a letter"));
        r.param("Description").ifPresent(GaParams::description);
        r.param("Spec").ifPresent(v -> oneOf("Spec", v, SPECS));
        r.param("Name").ifPresent(v -> record.put("Name", v));
        r.param("Description").ifPresent(v -> record.put("Description", v));
        r.param("Spec").ifPresent(v -> record.put("Spec", v));
        begin(s, record, "configuring", CHANGE);
        return Rpc.ok();
    }

    private Object deleteAccelerator(ApiRequest r, CloudState s) {
        apiRegion(r);
        var record = accelerator(s, r.required("AcceleratorId"));
        requireActive(s, ACCELERATOR, record);
        var id = record.get("AcceleratorId").asText();
        // DeleteAccelerator error codes: "Exist.IpSet: The IpSet already exists.", "Exist.Listener: The listener already exists."
        if (!liveAll(s, LISTENER, n -> id.equals(n.path("AcceleratorId").asText())).isEmpty()) {
            throw ApiException.badRequest("Exist.Listener", "The listener already exists: delete the listeners of " + id + " first.");
        }
        if (!liveAll(s, IP_SET, n -> id.equals(n.path("AcceleratorId").asText())).isEmpty()) {
            throw ApiException.badRequest("Exist.IpSet", "The IpSet already exists: delete the acceleration areas of " + id + " first.");
        }
        begin(s, record, "deleting", CHANGE);
        return Rpc.ok();
    }

    // ---- tags --------------------------------------------------------------------------------------------

    /** ResourceType of the tag calls the provider makes: {@code accelerator} (SetResourceTags, ListTagResources) and {@code endpointgroup} (ListTagResources). */
    private static String taggedKind(ApiRequest r) {
        var type = r.required("ResourceType");
        return switch (type) {
            case "accelerator" -> ACCELERATOR;
            case "endpointgroup" -> ENDPOINT_GROUP;
            default -> throw ApiException.notImplemented(r, "tags on GA resource type " + type);
        };
    }

    private static ObjectNode tagged(CloudState s, String kind, String id) {
        return kind.equals(ACCELERATOR) ? accelerator(s, id) : endpointGroup(s, id);
    }

    private Object tag(ApiRequest r, CloudState s) {
        apiRegion(r);
        var kind = taggedKind(r);
        var tags = r.tags("Tag");
        if (tags.isEmpty() || tags.size() > 20) {
            throw ApiException.badRequest("InvalidParameter", "TagResources takes 1 to 20 tags (Tag.N.Key, Tag.N.Value), not " + tags.size() + ".");
        }
        tags.forEach(GaParams::tagRule);
        var ids = r.list("ResourceId");
        if (ids.isEmpty()) {
            r.required("ResourceId.1");
        }
        ids.forEach(id -> Rpc.tag(tagged(s, kind, id), tags));
        s.save();
        return Rpc.ok();
    }

    private Object untag(ApiRequest r, CloudState s) {
        apiRegion(r);
        var kind = taggedKind(r);
        var all = r.param("All").map(v -> bool("All", v)).orElse(false);
        var keys = r.list("TagKey");
        for (var id : r.list("ResourceId")) {
            var record = tagged(s, kind, id);
            if (all) {
                record.remove(TAGS);
            } else {
                Rpc.untag(record, keys);
            }
        }
        s.save();
        return Rpc.ok();
    }

    /** {@code {"TagResources": {"TagResource": [{ResourceId, ResourceType, TagKey, TagValue}]}}}, one page (no NextToken): service_alicloud_ga.go ListTagResources. */
    private Object listTags(ApiRequest r, CloudState s) {
        apiRegion(r);
        var kind = taggedKind(r);
        var type = r.required("ResourceType");
        var ids = r.list("ResourceId");
        var records = ids.isEmpty() ? liveAll(s, kind, n -> true) : ids.stream().map(id -> tagged(s, kind, id)).toList();
        var out = Rpc.ok();
        var list = out.with("TagResources").putArray("TagResource");
        for (var record : records) {
            record.with(TAGS).fields().forEachRemaining(e -> list.addObject().put("ResourceId", idOf(kind, record))
                    .put("ResourceType", type).put("TagKey", e.getKey()).put("TagValue", e.getValue().asText()));
        }
        out.put("NextToken", "");
        return out;
    }

    /** {@code [{"Key": k, "Value": v}, …]}: the Tags list of DescribeAccelerator and DescribeEndpointGroup. */
    private static ArrayNode keyValues(ObjectNode record) {
        var list = CloudState.object().arrayNode();
        record.with(TAGS).fields().forEachRemaining(e -> list.addObject().put("Key", e.getKey()).put("Value", e.getValue().asText()));
        return list;
    }

    // ---- IP sets (acceleration areas) -------------------------------------------------------------------

    private static ObjectNode ipSet(CloudState s, String id) {
        return live(s, IP_SET, id).orElseThrow(() -> ApiException.badRequest("NotExist.IpSet", "The IpSet does not exist: " + id + "."));
    }

    private Object createIpSets(ApiRequest r, CloudState s) {
        var region = apiRegion(r);
        var acceleratorId = r.required("AcceleratorId");
        var accelerator = accelerator(s, acceleratorId);
        var again = sameToken(r, s, IP_SET);
        if (!again.isEmpty()) {
            return ipSetsAnswer(acceleratorId, again);
        }
        requireActive(s, ACCELERATOR, accelerator);
        var areas = r.objects("AccelerateRegion");
        if (areas.isEmpty()) {
            r.required("AccelerateRegion.1.AccelerateRegionId");
        }
        var cdt = accelerator.path("BandwidthBillingType").asText().startsWith("CDT");
        var seen = new LinkedHashSet<String>();
        for (var area : areas) {
            var where = field(area, "AccelerateRegionId").orElseThrow(() -> ApiException.badRequest("MissingParameter",
                    "The input parameter \"AccelerateRegion.N.AccelerateRegionId\" that is mandatory for processing this request is not supplied."));
            knownRegion(where, "AccelerateRegion.N.AccelerateRegionId");
            if (!seen.add(where)) {
                throw ApiException.badRequest("Repeat.IpSets", "The configuration of IpSet is duplicated: " + where + " is listed twice.");
            }
            if (!liveAll(s, IP_SET, n -> acceleratorId.equals(n.path("AcceleratorId").asText()) && where.equals(n.path("AccelerateRegionId").asText())).isEmpty()) {
                throw ApiException.badRequest("Exist.IpSet", "The IpSet already exists: " + acceleratorId + " already accelerates " + where + ".");
            }
            // "This parameter is required. You must allocate at least 2 Mbit/s of bandwidth to each acceleration region." (CreateIpSets AccelerateRegion.N.Bandwidth)
            var bandwidth = field(area, "Bandwidth").map(v -> integer("AccelerateRegion.N.Bandwidth", v)).orElseThrow(() -> ApiException.badRequest("MissingParameter",
                    "The input parameter \"AccelerateRegion.N.Bandwidth\" that is mandatory for processing this request is not supplied."));
            range("AccelerateRegion.N.Bandwidth", bandwidth, 2, Integer.MAX_VALUE, "InvalidParameter", "at least 2 Mbit/s per acceleration region, CreateIpSets");
            oneOf("AccelerateRegion.N.IpVersion", field(area, "IpVersion").orElse("IPv4"), Set.of("IPv4", "IPv6", "DUAL_STACK"));
            var isp = field(area, "IspType");
            isp.ifPresent(v -> oneOf("AccelerateRegion.N.IspType", v, Set.of("BGP", "BGP_PRO")));
            // "This parameter is required only if the bandwidth metering method of the GA instance is pay-by-data transfer." (CreateIpSets AccelerateRegion.N.IspType)
            if (cdt && isp.isEmpty()) {
                throw ApiException.badRequest("MissingParameter", "The input parameter \"AccelerateRegion.N.IspType\" (BGP or BGP_PRO) is mandatory for "
                        + "an acceleration area of a pay-by-data-transfer GA instance (" + acceleratorId + "); set isp_type on the alicloud_ga_ip_set.");
            }
        }
        var created = new ArrayList<ObjectNode>();
        for (var area : areas) {
            var id = s.newId("ips-", 20);
            var version = field(area, "IpVersion").orElse("IPv4");
            var record = CloudState.object();
            record.put("IpSetId", id).put("AcceleratorId", acceleratorId).put("AccelerateRegionId", area.get("AccelerateRegionId"))
                    .put("Bandwidth", integer("AccelerateRegion.N.Bandwidth", area.get("Bandwidth"))).put("IpVersion", version);
            field(area, "IspType").ifPresent(v -> record.put("IspType", v));
            var addresses = record.putArray("IpAddressList");
            allocate(s, version).forEach(addresses::add);
            r.param("ClientToken").ifPresent(t -> record.put(TOKEN, t));
            record.put(PHASE, "init");
            s.create(IP_SET, id, region, record, timing.ms(IP_SET_READY));
            created.add(record);
        }
        occupy(s, accelerator, IP_SET_READY);
        return ipSetsAnswer(acceleratorId, created);
    }

    private static ObjectNode ipSetsAnswer(String acceleratorId, List<ObjectNode> ipSets) {
        var out = Rpc.ok().put("AcceleratorId", acceleratorId);
        var list = out.putArray("IpSets");
        for (var ipSet : ipSets) {
            var item = list.addObject().put("IpSetId", ipSet.get("IpSetId").asText()).put("AccelerateRegionId", ipSet.get("AccelerateRegionId").asText())
                    .put("Bandwidth", ipSet.get("Bandwidth").asInt());
            if (ipSet.has("IspType")) {
                item.put("IspType", ipSet.get("IspType").asText());
            }
        }
        return out;
    }

    /** The next free accelerated address(es): 203.0.113.1-254 (RFC 5737 TEST-NET-3) and 2001:db8::/32 (RFC 3849). */
    private static List<String> allocate(CloudState s, String version) {
        var used = new LinkedHashSet<String>();
        s.all(IP_SET).forEach(n -> n.path("IpAddressList").forEach(a -> used.add(a.asText())));
        var out = new ArrayList<String>();
        if (!version.equals("IPv6")) {
            out.add(free(used, i -> "203.0.113." + i));
        }
        if (!version.equals("IPv4")) {
            out.add(free(used, i -> "2001:db8::" + Integer.toHexString(i)));
        }
        return out;
    }

    private static String free(Set<String> used, IntFunction<String> address) {
        for (int i = 1; i < 255; i++) {
            if (!used.contains(address.apply(i))) {
                return address.apply(i);
            }
        }
        throw ApiException.badRequest("QuotaExceeded.IpSet", "The sandbox has no accelerated address left (254 in use).");
    }

    private Object describeIpSet(ApiRequest r, CloudState s) {
        apiRegion(r);
        var out = answer(s, IP_SET, ipSet(s, r.required("IpSetId")));
        if (out.get("State").asText().equals("init")) {
            out.putArray("IpAddressList"); // the address is assigned as the area becomes active
        }
        return out;
    }

    private Object updateIpSet(ApiRequest r, CloudState s) {
        apiRegion(r);
        var record = ipSet(s, r.required("IpSetId"));
        var accelerator = parent(r, s, IP_SET, record, "NotExist.IpSet");
        requireActive(s, IP_SET, record);
        var bandwidth = integer("Bandwidth", r.required("Bandwidth"));
        range("Bandwidth", bandwidth, 2, Integer.MAX_VALUE, "InvalidParameter", "at least 2 Mbit/s per acceleration region, UpdateIpSet");
        record.put("Bandwidth", bandwidth);
        begin(s, record, "updating", CHANGE);
        occupy(s, accelerator, CHANGE);
        return Rpc.ok();
    }

    private Object deleteIpSets(ApiRequest r, CloudState s) {
        apiRegion(r);
        var ids = r.list("IpSetIds");
        if (ids.isEmpty()) {
            r.required("IpSetIds.1");
        }
        var records = new ArrayList<ObjectNode>();
        for (var id : ids) {
            records.add(live(s, IP_SET, id).orElseThrow(() -> ApiException.badRequest("NotExist.IpSets", "The IpSet does not exist: " + id + ".")));
        }
        for (var record : records) {
            parent(r, s, IP_SET, record, "NotExist.IpSets");
            requireActive(s, IP_SET, record);
        }
        for (var record : records) {
            begin(s, record, "deleting", CHANGE);
            occupy(s, accelerator(s, record.get("AcceleratorId").asText()), CHANGE);
        }
        return Rpc.ok();
    }

    // ---- listeners ---------------------------------------------------------------------------------------

    private static ObjectNode listener(CloudState s, String id) {
        return live(s, LISTENER, id).orElseThrow(() -> ApiException.badRequest("NotExist.Listener", "The listener does not exist: " + id + "."));
    }

    /** TCP, UDP, HTTP, HTTPS in any case: the API documents tcp/udp/http/https, the provider sends them upper-case (its schema allows only those). */
    private static String protocol(ApiRequest r, String value) {
        var lower = value.toLowerCase(Locale.ROOT);
        if (!Set.of("tcp", "udp", "http", "https").contains(lower)) {
            throw ApiException.badRequest("ProtocalIllegal.Listener", "The specified listener protocol is invalid: " + value + " (tcp, udp, http or https).");
        }
        if (lower.equals("https")) {
            throw ApiException.notImplemented(r, "HTTPS listeners (SSL certificates and TLS security policies are not emulated); this program listens on TCP");
        }
        return lower;
    }

    private record PortRange(int from, int to) {
        boolean overlaps(PortRange other) {
            return from <= other.to && other.from <= to;
        }
    }

    /**
     * PortRanges.N.FromPort/ToPort: "Valid values: 1 to 65499" (CreateListener PortRanges); CreateListener error codes
     * SystemPort.Listener ("Ports 65500-65535 are system reserved ports"), PortRangeIllegal.Listener,
     * PortRangeIllegal.UDP ("UDP ports 250, 4789, and 4790 are system reserved ports"), PortRanges.MustOne
     * ("The portRanges must be one for HTTPS and HTTP type listener").
     */
    private static List<PortRange> portRanges(ApiRequest r, String protocol) {
        var ranges = new ArrayList<PortRange>();
        for (var fields : r.objects("PortRanges")) {
            var from = field(fields, "FromPort").map(v -> integer("PortRanges.N.FromPort", v)).orElseThrow(() -> ApiException.badRequest("MissingParameter",
                    "The input parameter \"PortRanges.N.FromPort\" that is mandatory for processing this request is not supplied."));
            var to = field(fields, "ToPort").map(v -> integer("PortRanges.N.ToPort", v)).orElseThrow(() -> ApiException.badRequest("MissingParameter",
                    "The input parameter \"PortRanges.N.ToPort\" that is mandatory for processing this request is not supplied."));
            if (from > 65499 || to > 65499) {
                throw ApiException.badRequest("SystemPort.Listener", "Ports 65500-65535 are system reserved ports (" + from + "-" + to + ").");
            }
            if (from < 1 || from > to) {
                throw ApiException.badRequest("PortRangeIllegal.Listener", "The specified listener port range is invalid: " + from + "-" + to
                        + " (1 to 65499, FromPort not above ToPort).");
            }
            var range = new PortRange(from, to);
            if (protocol.equals("udp") && List.of(250, 4789, 4790).stream().anyMatch(p -> p >= from && p <= to)) {
                throw ApiException.badRequest("PortRangeIllegal.UDP", "UDP ports 250, 4789, and 4790 are system reserved ports.");
            }
            for (var other : ranges) {
                if (other.overlaps(range)) {
                    throw ApiException.badRequest("PortRangeIllegal.Listener", "The specified listener port range is invalid: " + from + "-" + to
                            + " overlaps " + other.from + "-" + other.to + ".");
                }
            }
            ranges.add(range);
        }
        if (ranges.isEmpty()) {
            r.required("PortRanges.1.FromPort");
        }
        if (protocol.startsWith("http") && (ranges.size() > 1 || ranges.get(0).from != ranges.get(0).to)) {
            throw ApiException.badRequest("PortRanges.MustOne", "The portRanges must be one for HTTPS and HTTP type listener.");
        }
        return ranges;
    }

    /** UDP is one port space, TCP (with HTTP and HTTPS over it) the other. */
    private static boolean sameTransport(String a, String b) {
        return a.equals("udp") == b.equals("udp");
    }

    /** "PortConflict.Listener: The listener port configuration is in conflict." (CreateListener error codes). */
    private static void noConflict(CloudState s, String acceleratorId, String self, String protocol, List<PortRange> ranges) {
        for (var other : liveAll(s, LISTENER, n -> acceleratorId.equals(n.path("AcceleratorId").asText()) && !self.equals(n.path("ListenerId").asText()))) {
            if (!sameTransport(protocol, other.get("Protocol").asText().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (var theirs : other.path("PortRanges")) {
                var range = new PortRange(theirs.get("FromPort").asInt(), theirs.get("ToPort").asInt());
                for (var mine : ranges) {
                    if (mine.overlaps(range)) {
                        throw ApiException.badRequest("PortConflict.Listener", "The listener port configuration is in conflict: " + mine.from + "-" + mine.to
                                + " overlaps listener " + other.get("ListenerId").asText() + " (" + range.from + "-" + range.to + ").");
                    }
                }
            }
        }
    }

    private static void putPortRanges(ObjectNode record, List<PortRange> ranges) {
        var list = record.putArray("PortRanges");
        ranges.forEach(p -> list.addObject().put("FromPort", p.from).put("ToPort", p.to));
    }

    /** IdleTimeout: "TCP: 10-900. Default value: 900. UDP: 10-20. Default value: 20. HTTP/HTTPS: 1-60. Default value: 15." (CreateListener). */
    private static int idleTimeout(String protocol, Optional<Integer> sent) {
        var bounds = switch (protocol) {
            case "tcp" -> new int[] {10, 900, 900};
            case "udp" -> new int[] {10, 20, 20};
            default -> new int[] {1, 60, 15};
        };
        sent.ifPresent(v -> range("IdleTimeout", v, bounds[0], bounds[1], "InvalidParameter", protocol.toUpperCase(Locale.ROOT) + " listeners, CreateListener IdleTimeout"));
        return sent.orElse(bounds[2]);
    }

    /** Name and Description of a listener or an endpoint group, each when sent (an Update clears one by sending it empty). */
    private static void nameAndDescription(ApiRequest r, ObjectNode record, String kind) {
        if (sent(r, "Name")) {
            var value = r.params().get("Name");
            if (!value.isEmpty()) {
                checkName(kind, value, CHILD_NAME, "1 to 128 characters, letters, digits, ., _ and -, starting with a letter");
            }
            record.put("Name", value);
        }
        if (sent(r, "Description")) {
            description(r.params().get("Description"));
            record.put("Description", r.params().get("Description"));
        }
    }

    /** Listener fields a Create sets and an Update may change, each only when sent. */
    private void listenerFields(ApiRequest r, ObjectNode record, String protocol) {
        r.param("ClientAffinity").ifPresent(v -> record.put("ClientAffinity", oneOf("ClientAffinity", v, Set.of("NONE", "SOURCE_IP"))));
        nameAndDescription(r, record, "listener");
        r.param("ProxyProtocol").ifPresent(v -> record.put("ProxyProtocol", bool("ProxyProtocol", v)));
        if (integer(r, "IdleTimeout").isPresent() || !record.has("IdleTimeout")) {
            record.put("IdleTimeout", idleTimeout(protocol, integer(r, "IdleTimeout")));
        }
        var request = integer(r, "RequestTimeout");
        if (protocol.startsWith("http")) {
            // "Valid values: 1 to 180. Default value: 60 ... only for HTTP or HTTPS listeners" (CreateListener RequestTimeout)
            request.ifPresent(v -> range("RequestTimeout", v, 1, 180, "InvalidParameter", "CreateListener RequestTimeout"));
            if (request.isPresent() || !record.has("RequestTimeout")) {
                record.put("RequestTimeout", request.orElse(60));
            }
            var forwarded = indexedMap(r, "XForwardedForConfig");
            if (!forwarded.isEmpty()) {
                var config = record.with("XForwardedForConfig");
                forwarded.forEach((k, v) -> config.put(k, bool("XForwardedForConfig." + k, v)));
            }
        } else {
            record.remove("RequestTimeout");
            record.remove("XForwardedForConfig");
        }
        for (var only : List.of("SecurityPolicyId", "HttpVersion", "Certificates.1.Id")) {
            if (r.param(only).isPresent()) {
                throw ApiException.notImplemented(r, only + " (HTTPS listeners are not emulated)");
            }
        }
    }

    private Object createListener(ApiRequest r, CloudState s) {
        var region = apiRegion(r);
        var acceleratorId = r.required("AcceleratorId");
        var accelerator = accelerator(s, acceleratorId);
        var again = sameToken(r, s, LISTENER);
        if (!again.isEmpty()) {
            return Rpc.ok().put("ListenerId", again.get(0).get("ListenerId").asText());
        }
        requireActive(s, ACCELERATOR, accelerator);
        var type = r.param("Type").orElse("Standard");
        oneOf("Type", type, Set.of("Standard", "CustomRouting"));
        if (type.equals("CustomRouting")) {
            throw ApiException.notImplemented(r, "custom routing listeners (Type CustomRouting); this program uses intelligent routing (Standard)");
        }
        // Protocol is optional (CreateListener: tcp, udp, http, https); the provider always sends one (its Default "TCP"),
        // a call without one gets tcp here (a sandbox choice: the reference names no default)
        var sentProtocol = r.param("Protocol").orElse("tcp");
        var protocol = protocol(r, sentProtocol);
        var ranges = portRanges(r, protocol);
        noConflict(s, acceleratorId, "", protocol, ranges);
        var id = s.newId("lsr-", 20);
        var record = CloudState.object();
        record.put("ListenerId", id).put("AcceleratorId", acceleratorId).put("Protocol", sentProtocol).put("Name", "").put("Description", "")
                .put("ClientAffinity", "NONE").put("ProxyProtocol", false).put("CreateTime", String.valueOf(s.now()));
        r.param("Type").ifPresent(v -> record.put("Type", v)); // reported only when set: see the class comment
        putPortRanges(record, ranges);
        record.putArray("Certificates");
        record.putArray("RelatedAcls");
        listenerFields(r, record, protocol);
        r.param("ClientToken").ifPresent(t -> record.put(TOKEN, t));
        record.put(PHASE, "init");
        s.create(LISTENER, id, region, record, timing.ms(LISTENER_READY));
        occupy(s, accelerator, LISTENER_READY);
        return Rpc.ok().put("ListenerId", id);
    }

    private Object describeListener(ApiRequest r, CloudState s) {
        apiRegion(r);
        return answer(s, LISTENER, listener(s, r.required("ListenerId")));
    }

    private Object updateListener(ApiRequest r, CloudState s) {
        apiRegion(r);
        var record = listener(s, r.required("ListenerId"));
        var accelerator = parent(r, s, LISTENER, record, "NotExist.Listener");
        requireActive(s, LISTENER, record);
        var id = record.get("ListenerId").asText();
        var sentProtocol = r.param("Protocol").orElse(record.get("Protocol").asText());
        var protocol = protocol(r, sentProtocol);
        var groups = liveAll(s, ENDPOINT_GROUP, n -> id.equals(n.path("ListenerId").asText()));
        if (r.param("Protocol").isPresent() && !protocol.equals(record.get("Protocol").asText().toLowerCase(Locale.ROOT))
                && groups.stream().anyMatch(g -> g.has("PortOverrides"))) {
            // "If you configure port mappings for a listener, you cannot modify the listener protocol." (CreateEndpointGroup PortOverrides)
            throw ApiException.badRequest("InvalidParameter", "The protocol of listener " + id + " cannot change while its endpoint groups map ports.");
        }
        var ranges = r.objects("PortRanges").isEmpty() ? storedRanges(record) : portRanges(r, protocol);
        noConflict(s, record.get("AcceleratorId").asText(), id, protocol, ranges);
        for (var group : groups) {
            overridesWithin(group.path("PortOverrides"), ranges);
        }
        var changed = record.deepCopy(); // validate everything before anything changes
        if (!protocol.equals(record.get("Protocol").asText().toLowerCase(Locale.ROOT))) {
            changed.remove(List.of("IdleTimeout", "RequestTimeout")); // the new protocol's defaults, unless sent
        }
        changed.put("Protocol", sentProtocol);
        putPortRanges(changed, ranges);
        listenerFields(r, changed, protocol);
        record.removeAll();
        record.setAll(changed);
        begin(s, record, "updating", CHANGE);
        occupy(s, accelerator, CHANGE);
        return Rpc.ok();
    }

    private static List<PortRange> storedRanges(ObjectNode listener) {
        var out = new ArrayList<PortRange>();
        listener.path("PortRanges").forEach(p -> out.add(new PortRange(p.get("FromPort").asInt(), p.get("ToPort").asInt())));
        return out;
    }

    private Object deleteListener(ApiRequest r, CloudState s) {
        var record = listener(s, r.required("ListenerId"));
        var id = record.get("ListenerId").asText();
        var accelerator = parent(r, s, LISTENER, record, "NotExist.Listener");
        requireActive(s, LISTENER, record);
        if (!liveAll(s, ENDPOINT_GROUP, n -> id.equals(n.path("ListenerId").asText())).isEmpty()) {
            // the provider retries DeleteListener on Exist.EndpointGroup (resource_alicloud_ga_listener.go Delete)
            throw ApiException.badRequest("Exist.EndpointGroup", "The endpoint group already exists: delete the endpoint groups of listener " + id + " first.");
        }
        begin(s, record, "deleting", CHANGE);
        occupy(s, accelerator, CHANGE);
        return Rpc.ok();
    }

    // ---- endpoint groups ---------------------------------------------------------------------------------

    private static ObjectNode endpointGroup(CloudState s, String id) {
        return live(s, ENDPOINT_GROUP, id).orElseThrow(() -> ApiException.badRequest("NotExist.EndPointGroup", "The endpoint group does not exist: " + id + "."));
    }

    private Object createEndpointGroup(ApiRequest r, CloudState s) {
        apiRegion(r);
        var acceleratorId = r.required("AcceleratorId");
        var listenerId = r.required("ListenerId");
        var groupRegion = r.required("EndpointGroupRegion");
        var accelerator = accelerator(s, acceleratorId);
        var listener = listener(s, listenerId);
        if (!listener.get("AcceleratorId").asText().equals(acceleratorId)) {
            throw ApiException.badRequest("NotExist.Listener", "The listener does not exist: " + listenerId + " is not a listener of " + acceleratorId + ".");
        }
        var again = sameToken(r, s, ENDPOINT_GROUP);
        if (!again.isEmpty()) {
            return Rpc.ok().put("EndpointGroupId", again.get(0).get("EndpointGroupId").asText());
        }
        requireActive(s, ACCELERATOR, accelerator);
        requireActive(s, LISTENER, listener);
        knownRegion(groupRegion, "EndpointGroupRegion");
        var protocol = listener.get("Protocol").asText().toLowerCase(Locale.ROOT);
        // "default (default): a default endpoint group; virtual: ... You can create virtual endpoint groups for only HTTP or HTTPS listeners" (CreateEndpointGroup EndpointGroupType)
        var type = oneOf("EndpointGroupType", r.param("EndpointGroupType").orElse("default"), Set.of("default", "virtual"));
        if (type.equals("virtual")) {
            throw ApiException.notImplemented(r, "virtual endpoint groups (they serve forwarding rules, which are not emulated)");
        }
        if (!liveAll(s, ENDPOINT_GROUP, n -> listenerId.equals(n.path("ListenerId").asText()) && groupRegion.equals(n.path("EndpointGroupRegion").asText())
                && "default".equals(n.path("EndpointGroupType").asText())).isEmpty()) {
            throw ApiException.badRequest("Exist.EndpointGroup", "The endpoint group already exists: listener " + listenerId
                    + " already has a default endpoint group in " + groupRegion + " (one per region).");
        }
        var id = s.newId("epg-", 20);
        var record = CloudState.object();
        record.put("EndpointGroupId", id).put("AcceleratorId", acceleratorId).put("ListenerId", listenerId).put("EndpointGroupRegion", groupRegion)
                .put("EndpointGroupType", type).put("Name", "").put("Description", "").put("HealthCheckEnabled", false)
                // "Valid values: 2 to 10. Default value: 3." (CreateEndpointGroup ThresholdCount)
                .put("ThresholdCount", 3);
        if (protocol.startsWith("http")) {
            record.put("EndpointRequestProtocol", "HTTP"); // "Default value: HTTP" (CreateEndpointGroup EndpointRequestProtocol)
        }
        endpointGroupFields(r, record, listener);
        if (r.objects("EndpointConfigurations").isEmpty()) {
            r.required("EndpointConfigurations.1.Endpoint");
        }
        var back = record.putArray("EndpointGroupIpList");
        backToOrigin(s).forEach(back::add);
        record.putArray("EndpointGroupUnconfirmedIpList");
        record.putArray("ForwardingRuleIds");
        r.param("ClientToken").ifPresent(t -> record.put(TOKEN, t));
        record.put(PHASE, "init");
        s.create(ENDPOINT_GROUP, id, groupRegion, record, timing.ms(ENDPOINT_GROUP_READY));
        occupy(s, accelerator, ENDPOINT_GROUP_READY);
        return Rpc.ok().put("EndpointGroupId", id);
    }

    /** Two back-to-origin addresses per group, the next free ones of 198.51.100.0/24 (RFC 5737 TEST-NET-2). */
    private static List<String> backToOrigin(CloudState s) {
        var used = new LinkedHashSet<String>();
        s.all(ENDPOINT_GROUP).forEach(n -> n.path("EndpointGroupIpList").forEach(a -> used.add(a.asText())));
        var out = new ArrayList<String>();
        for (int i = 1; i < 255 && out.size() < 2; i++) {
            if (!used.contains("198.51.100." + i)) {
                out.add("198.51.100." + i);
            }
        }
        if (out.size() < 2) {
            throw ApiException.badRequest("QuotaExceeded.EndPointGroup", "The sandbox has no back-to-origin address left.");
        }
        return out;
    }

    /**
     * The fields CreateEndpointGroup sets and UpdateEndpointGroup changes, each only when sent (the provider sends
     * HealthCheckPort, HealthCheckIntervalSeconds and TrafficPercentage on an Update only when they change, and the
     * endpoint list every time).
     */
    private static void endpointGroupFields(ApiRequest r, ObjectNode record, ObjectNode listener) {
        var protocol = listener.get("Protocol").asText().toLowerCase(Locale.ROOT);
        nameAndDescription(r, record, "endpoint group");
        r.param("EndpointRequestProtocol").ifPresent(v -> {
            // "You can set this parameter only when ... HTTP or HTTPS. An HTTP listener supports only HTTP as the backend service protocol."
            if (!protocol.startsWith("http") || (protocol.equals("http") && !v.equals("HTTP"))) {
                throw ApiException.badRequest("InvalidParameter", "EndpointRequestProtocol " + v + " does not fit a " + protocol.toUpperCase(Locale.ROOT)
                        + " listener (only HTTP and HTTPS listeners take it; an HTTP listener only HTTP).");
            }
            record.put("EndpointRequestProtocol", oneOf("EndpointRequestProtocol", v, Set.of("HTTP", "HTTPS")));
        });
        r.param("EndpointProtocolVersion").ifPresent(v -> record.put("EndpointProtocolVersion", oneOf("EndpointProtocolVersion", v, Set.of("HTTP1.1", "HTTP2"))));
        r.param("HealthCheckEnabled").ifPresent(v -> record.put("HealthCheckEnabled", bool("HealthCheckEnabled", v)));
        integer(r, "HealthCheckIntervalSeconds").ifPresent(v -> {
            // "Valid values: 1 to 50" (GA UpdateEndpointGroups EndpointGroupConfigurations.N.HealthCheckIntervalSeconds,
            // aliyun/alibabacloud-java-async-sdk ga-20191120 UpdateEndpointGroupsRequest.java); the provider does not check it
            range("HealthCheckIntervalSeconds", v, 1, 50, "InvalidParameter", "GA health-check interval, seconds");
            record.put("HealthCheckIntervalSeconds", v);
        });
        if (sent(r, "HealthCheckPath")) {
            record.put("HealthCheckPath", r.params().get("HealthCheckPath"));
        }
        integer(r, "HealthCheckPort").ifPresent(v -> {
            range("HealthCheckPort", v, 1, 65535, "InvalidParameter", "a TCP or UDP port");
            record.put("HealthCheckPort", v);
        });
        r.param("HealthCheckProtocol").ifPresent(v -> {
            // "tcp or TCP, http or HTTP, https or HTTPS" (CreateEndpointGroup HealthCheckProtocol); kept as sent
            oneOf("HealthCheckProtocol", v.toLowerCase(Locale.ROOT), Set.of("tcp", "http", "https"));
            record.put("HealthCheckProtocol", v);
        });
        integer(r, "ThresholdCount").ifPresent(v -> {
            range("ThresholdCount", v, 2, 10, "InvalidParameter", "CreateEndpointGroup ThresholdCount: Valid values: 2 to 10");
            record.put("ThresholdCount", v);
        });
        integer(r, "TrafficPercentage").ifPresent(v -> {
            range("TrafficPercentage", v, 1, 100, "InvalidParameter", "CreateEndpointGroup TrafficPercentage: Valid values: 1 to 100");
            record.put("TrafficPercentage", v);
        });
        var endpoints = r.objects("EndpointConfigurations");
        if (!endpoints.isEmpty()) {
            record.set("EndpointConfigurations", endpoints(r, endpoints, protocol));
        }
        var overrides = r.objects("PortOverrides");
        if (!overrides.isEmpty()) {
            var list = CloudState.object().arrayNode();
            for (var o : overrides) {
                var item = list.addObject();
                field(o, "ListenerPort").ifPresent(v -> item.put("ListenerPort", integer("PortOverrides.N.ListenerPort", v)));
                field(o, "EndpointPort").ifPresent(v -> {
                    range("PortOverrides.N.EndpointPort", integer("PortOverrides.N.EndpointPort", v), 1, 65535, "InvalidParameter", "a port");
                    item.put("EndpointPort", integer("PortOverrides.N.EndpointPort", v));
                });
            }
            overridesWithin(list, storedRanges(listener));
            record.set("PortOverrides", list);
        }
    }

    /** "The listener port configured for port mapping must be the same as that of the current listener." (CreateEndpointGroup PortOverrides.N.ListenerPort). */
    private static void overridesWithin(JsonNode overrides, List<PortRange> ranges) {
        for (var o : overrides) {
            if (o.has("ListenerPort")) {
                var port = o.get("ListenerPort").asInt();
                if (ranges.stream().noneMatch(p -> port >= p.from && port <= p.to)) {
                    throw ApiException.badRequest("InvalidParameter", "The port mapping's listener port " + port + " is not a port of the listener.");
                }
            }
        }
    }

    /**
     * EndpointConfigurations.N.*: Endpoint, Type and Weight (0 to 255) required; "EnableClientIPPreservation and
     * EnableProxyProtocol cannot be set to true at the same time", EnableProxyProtocol "available only to endpoint
     * groups of TCP listeners" (CreateEndpointGroup). The provider also sends SubAddress, VpcId (empty) and the two
     * booleans (false) for every endpoint: kept only when set.
     */
    private static ArrayNode endpoints(ApiRequest r, List<Map<String, String>> endpoints, String protocol) {
        var list = CloudState.object().arrayNode();
        for (var e : endpoints) {
            var endpoint = field(e, "Endpoint").orElseThrow(() -> ApiException.badRequest("MissingParameter",
                    "The input parameter \"EndpointConfigurations.N.Endpoint\" that is mandatory for processing this request is not supplied."));
            var type = field(e, "Type").orElseThrow(() -> ApiException.badRequest("MissingParameter",
                    "The input parameter \"EndpointConfigurations.N.Type\" that is mandatory for processing this request is not supplied."));
            oneOf("EndpointConfigurations.N.Type", type, ENDPOINT_TYPES);
            if (INSTANCE_TYPES.contains(type)) {
                throw ApiException.notImplemented(r, "endpoints of type " + type + " (they name instances of other products, which the sandbox "
                        + "does not hold); this program's endpoints are the gateways' public addresses (PublicIp)");
            }
            if ((type.equals("Ip") || type.equals("PublicIp")) && !IPV4.matcher(endpoint).matches()) {
                throw ApiException.badRequest("InvalidParameter", "The endpoint '" + endpoint + "' of type " + type + " is not an IPv4 address.");
            }
            if (type.equals("Domain") && !DOMAIN.matcher(endpoint).matches()) {
                throw ApiException.badRequest("InvalidParameter", "The endpoint '" + endpoint + "' of type Domain is not a domain name.");
            }
            var weight = field(e, "Weight").map(v -> integer("EndpointConfigurations.N.Weight", v)).orElseThrow(() -> ApiException.badRequest("MissingParameter",
                    "The input parameter \"EndpointConfigurations.N.Weight\" that is mandatory for processing this request is not supplied."));
            range("EndpointConfigurations.N.Weight", weight, 0, 255, "InvalidParameter", "CreateEndpointGroup: Valid values: 0 to 255");
            var proxy = field(e, "EnableProxyProtocol").map(v -> bool("EndpointConfigurations.N.EnableProxyProtocol", v)).orElse(false);
            var preserve = field(e, "EnableClientIPPreservation").map(v -> bool("EndpointConfigurations.N.EnableClientIPPreservation", v)).orElse(false);
            if (proxy && preserve) {
                throw ApiException.badRequest("InvalidParameter", "EnableClientIPPreservation and EnableProxyProtocol cannot be set to true at the same time.");
            }
            if (proxy && !protocol.equals("tcp")) {
                throw ApiException.badRequest("InvalidParameter", "EnableProxyProtocol is available only to endpoint groups of TCP listeners.");
            }
            var item = list.addObject();
            item.put("Endpoint", endpoint).put("Type", type).put("Weight", weight).put("EnableProxyProtocol", proxy).put("EnableClientIPPreservation", preserve);
            field(e, "SubAddress").ifPresent(v -> item.put("SubAddress", v));
            field(e, "VpcId").ifPresent(v -> item.put("VpcId", v));
            var vswitches = sublist(e, "VSwitchIds");
            if (!vswitches.isEmpty()) {
                var ids = item.putArray("VSwitchIds");
                vswitches.forEach(ids::add);
            }
        }
        return list;
    }

    private Object describeEndpointGroup(ApiRequest r, CloudState s) {
        apiRegion(r);
        return answer(s, ENDPOINT_GROUP, endpointGroup(s, r.required("EndpointGroupId")));
    }

    private Object updateEndpointGroup(ApiRequest r, CloudState s) {
        apiRegion(r);
        var record = endpointGroup(s, r.required("EndpointGroupId"));
        var id = record.get("EndpointGroupId").asText();
        var region = r.required("EndpointGroupRegion");
        if (!region.equals(record.get("EndpointGroupRegion").asText())) {
            throw ApiException.badRequest("InvalidParameter", "EndpointGroupRegion " + region + " is not the region of endpoint group " + id + " ("
                    + record.get("EndpointGroupRegion").asText() + "); a group cannot move (the provider replaces it).");
        }
        var accelerator = parent(r, s, ENDPOINT_GROUP, record, "NotExist.EndPointGroup");
        var listener = listener(s, record.get("ListenerId").asText());
        requireActive(s, LISTENER, listener);
        requireActive(s, ENDPOINT_GROUP, record);
        var changed = record.deepCopy(); // validate everything before anything changes
        endpointGroupFields(r, changed, listener);
        record.removeAll();
        record.setAll(changed);
        begin(s, record, "configuring", CHANGE);
        occupy(s, accelerator, CHANGE);
        return Rpc.ok();
    }

    private Object deleteEndpointGroup(ApiRequest r, CloudState s) {
        var record = endpointGroup(s, r.required("EndpointGroupId"));
        var accelerator = parent(r, s, ENDPOINT_GROUP, record, "NotExist.EndPointGroup");
        requireActive(s, ENDPOINT_GROUP, record);
        begin(s, record, "deleting", CHANGE);
        occupy(s, accelerator, CHANGE);
        return Rpc.ok();
    }
}
