package io.asmdr.engine;

import com.pulumi.exceptions.RunException;
import com.pulumi.test.Mocks;
import io.asmdr.mesh.ApiReadiness;
import io.asmdr.mesh.GatewayAddress;
import io.asmdr.plan.PlannedResource;
import io.asmdr.plan.Urns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deterministic stand-ins for what Alibaba Cloud and Kubernetes would answer, so the program runs
 * offline. Every id is derived from the resource's logical name (the same stack gives the same plan
 * byte for byte) and is obviously invented ({@code vpc-sim-…}). Outputs echo the inputs, plus the
 * few computed attributes the program reads (route-table ids, security-group ids, router ids…).
 * An invoke or a cloud resource type it does not know fails loudly instead of guessing.
 */
public final class SimulatedCloud implements Mocks {
    public static final String SIMULATED_ASM_VERSION = "v1.24.6.71-g5497b3e6-aliyun";

    private final boolean firstPreview;
    private final CloudFacts facts;
    /** Provider name to its region: an invoke names its provider, and the provider carries the region. */
    private final Map<String, String> providerRegions = new ConcurrentHashMap<>();

    /**
     * @param firstPreview answer as a real first {@code pulumi preview} does: nothing exists yet, so
     *                     no resource has an id, and the provider's preview {@code Create} returns
     *                     only the properties it knows, i.e. the known inputs it echoes; every
     *                     attribute the cloud computes is absent (reference/real-preview: a transit
     *                     router comes back as {@code {id:"", tags, transitRouterName}}). The SDK
     *                     resolves an absent property as an unknown with no resources behind it
     *                     (pulumi-java {@code OutputCompletionSource.trySetDefaultResult}), so an
     *                     input built from such an output carries no dependency, exactly as in
     *                     the real preview; the SDK then skips every invoke whose inputs are unknown.
     * @param facts        what to answer about Alibaba Cloud's catalogue (transit-router zones, ACK versions)
     */
    public SimulatedCloud(boolean firstPreview, CloudFacts facts) {
        this(firstPreview, facts, Set.of());
    }

    /**
     * @param deadRegions regions whose API refuses every call, as in a regional outage: an invoke there
     *                    fails. Resource registrations still answer: they stand for a deployed stack's
     *                    unchanged resources, for which a real preview calls no API (the bridged
     *                    provider's Check and Diff work on the state alone).
     */
    public SimulatedCloud(boolean firstPreview, CloudFacts facts, Set<String> deadRegions) {
        this.firstPreview = firstPreview;
        this.facts = facts;
        this.deadRegions = Set.copyOf(deadRegions);
    }

    private final Set<String> deadRegions;

    /** An API call to a region that is down. */
    public static final class RegionDown extends RunException {
        RegionDown(String message) {
            super(message);
        }
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var name = args.name;
        var type = args.type;
        var state = new HashMap<String, Object>();
        args.inputs.forEach((k, v) -> {
            if (v != null) {
                state.put(k, v);
            }
        });
        if (type.startsWith("asm-dr:")) {
            return done(Optional.empty(), state); // component: no cloud object behind it
        }
        var inputKeys = Set.copyOf(state.keySet());
        String id;
        switch (type) {
            case "pulumi:providers:alicloud", "pulumi:providers:kubernetes" -> {
                id = "sim-provider-" + name;
                if (args.inputs.get("region") instanceof String region) {
                    providerRegions.put(name, region);
                }
            }
            case "alicloud:vpc/network:Network" -> {
                id = "vpc-sim-" + name;
                state.put("routeTableId", "vtb-sim-" + name);
            }
            case "alicloud:vpc/switch:Switch" -> id = "vsw-sim-" + name;
            case "alicloud:cen/instance:Instance" -> {
                id = "cen-sim-" + name;
                state.put("status", "Active");
            }
            case "alicloud:cen/transitRouter:TransitRouter" -> {
                state.put("transitRouterId", "tr-sim-" + name);
                id = args.inputs.get("cenId") + ":tr-sim-" + name;
            }
            case "alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment",
                 "alicloud:cen/transitRouterPeerAttachment:TransitRouterPeerAttachment" -> {
                state.put("transitRouterAttachmentId", "tr-attach-sim-" + name);
                id = args.inputs.get("cenId") + ":tr-attach-sim-" + name;
            }
            case "alicloud:cen/transitRouterRouteTableAssociation:TransitRouterRouteTableAssociation",
                 "alicloud:cen/transitRouterRouteTablePropagation:TransitRouterRouteTablePropagation" -> {
                id = args.inputs.get("transitRouterRouteTableId") + ":" + args.inputs.get("transitRouterAttachmentId");
                state.put("status", "Active");
            }
            case "alicloud:vpc/routeEntry:RouteEntry" -> {
                // the provider's id: route table, router, destination, next hop type and id
                state.put("routerId", "vrt-sim-" + args.inputs.get("routeTableId"));
                id = args.inputs.get("routeTableId") + ":vrt-sim:" + args.inputs.get("destinationCidrblock") + ":"
                        + args.inputs.get("nexthopType") + ":" + args.inputs.get("nexthopId");
            }
            case "alicloud:cen/transitRouterRouteEntry:TransitRouterRouteEntry" -> {
                state.put("transitRouterRouteEntryId", "rte-sim-" + name);
                id = args.inputs.get("transitRouterRouteTableId") + ":rte-sim-" + name;
            }
            case "alicloud:cs/managedKubernetes:ManagedKubernetes" -> {
                id = "c-sim-" + name;
                state.put("securityGroupId", "sg-sim-" + name);
            }
            case "alicloud:cs/nodePool:NodePool" -> id = args.inputs.get("clusterId") + ":np-sim-" + name;
            case "alicloud:ecs/securityGroupRule:SecurityGroupRule" -> {
                id = "sgr-sim-" + name;
                state.put("securityGroupRuleId", id);
            }
            case "alicloud:servicemesh/serviceMesh:ServiceMesh" -> {
                id = "m-sim-" + name;
                state.put("status", "running");
                state.put("kubeconfig", kubeconfig("asm-" + name, "https://" + id + ".asm.simulated.invalid:6443"));
            }
            case "alicloud:dns/gtmInstance:GtmInstance" -> {
                id = "gtm-cn-sim-" + name;
                // Optional+Computed in the provider's schema (resource_alicloud_alidns_gtm_instance.go): the cloud fills what is unset
                state.putIfAbsent("cnameType", "PUBLIC");
                state.putIfAbsent("strategyMode", "GEO");
                state.putIfAbsent("publicCnameMode", "SYSTEM_ASSIGN");
                state.putIfAbsent("renewalStatus", "ManualRenewal");
                state.putIfAbsent("publicZoneName", "sim-gtm.invalid");
                state.putIfAbsent("publicRr", name);
            }
            case "alicloud:dns/addressPool:AddressPool" -> id = "pool-sim-" + name;
            case "alicloud:dns/accessStrategy:AccessStrategy" -> {
                id = "strategy-sim-" + name;
                state.putIfAbsent("accessMode", "AUTO");
            }
            case "alicloud:dns/monitorConfig:MonitorConfig" -> id = "monitor-sim-" + name;
            // Global Accelerator: ids in the API's shapes (ga-, ips-, lsr-, epg-); the Computed outputs the program reads
            case "alicloud:ga/accelerator:Accelerator" -> {
                id = "ga-sim-" + name;
                state.put("status", "active");
            }
            case "alicloud:ga/ipSet:IpSet" -> {
                id = "ips-sim-" + name;
                state.put("status", "active");
                // RFC 5737 TEST-NET-3, as the sandbox answers: plausible in shape, reachable by nothing
                state.put("ipAddressLists", List.of("203.0.113.1"));
            }
            case "alicloud:ga/listener:Listener" -> {
                id = "lsr-sim-" + name;
                state.put("status", "active");
            }
            case "alicloud:ga/endpointGroup:EndpointGroup" -> {
                id = "epg-sim-" + name;
                state.put("status", "active");
                state.putIfAbsent("endpointGroupType", "default");
            }
            default -> {
                if (!type.startsWith("kubernetes:")) {
                    throw new IllegalArgumentException("the simulated cloud does not know resource type " + type
                            + "; teach SimulatedCloud its computed outputs");
                }
                id = kubernetesId(args);
            }
        }
        if (firstPreview) {
            state.keySet().retainAll(inputKeys);
            return done(Optional.empty(), state);
        }
        return done(Optional.of(id), state);
    }

    /**
     * The simulated API servers accept every object they are sent, so they serve every kind from the
     * start: there is no CR-aggregation warm-up to wait for, and the wait returns at once.
     */
    public static final ApiReadiness SERVES_EVERY_KIND = (kubeconfig, apiVersion, kind) -> { };

    /**
     * Whether a value stands for something only the cloud knows, made up here: the ASM version on offer
     * ({@link #SIMULATED_ASM_VERSION}), the gateway's address and hosts ({@code .simulated.invalid}). Ids are made up too, but
     * from the logical name ({@code vpc-sim-<name>}), so comparing two of them compares which resource
     * an input points at; the replacement cascade in diff handles new ids.
     */
    static boolean invented(Object value) {
        if (value instanceof String s) {
            return s.contains(".simulated.invalid") || s.equals(SIMULATED_ASM_VERSION) || s.equals(SIMULATED_GATEWAY_ADDRESS);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(SimulatedCloud::invented);
        }
        return false;
    }

    /**
     * {@code urn|inputs.path} of every input that holds an invented value, for plan.json's
     * {@code invented} list: {@code diff} cannot compare such a value with what the cloud really has.
     */
    static Set<String> inventedPaths(List<PlannedResource> resources) {
        var out = new TreeSet<String>();
        for (var r : resources) {
            collect(r.urn(), "inputs", r.inputs(), out);
        }
        return out;
    }

    private static void collect(String urn, String path, Object value, Set<String> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(urn, path + "." + k, v, out));
        } else if (invented(value)) {
            out.add(urn + "|" + path);
        }
    }

    /** The gateway's address as the simulated cloud answers it: obviously invented, and an IPv4 address as an SLB's is. */
    static final String SIMULATED_GATEWAY_ADDRESS = "192.0.2.10"; // RFC 5737 TEST-NET-1: documentation only
    public static final GatewayAddress GATEWAY_ADDRESS = kubeconfig -> SIMULATED_GATEWAY_ADDRESS;

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        var in = args.args;
        if (!deadRegions.isEmpty() && deadRegions.contains(regionOf(args))) {
            throw new RegionDown("simulated outage: " + regionOf(args) + " refuses every call, and the program asked it " + args.token);
        }
        return CompletableFuture.completedFuture(switch (args.token) {
            case "alicloud:cen/getTransitRouterRouteTables:getTransitRouterRouteTables" -> {
                var router = String.valueOf(in.get("transitRouterId"));
                var table = "vtb-sys-" + router;
                yield Map.of("id", router, "transitRouterId", router, "tables", List.of(Map.of(
                        "id", table, "transitRouterRouteTableId", table, "transitRouterRouteTableType", "System",
                        "transitRouterRouteTableName", "System route table of " + router, "status", "Active",
                        "transitRouterRouteTableDescription", "simulated")));
            }
            case "alicloud:cs/getClusterCredential:getClusterCredential" -> {
                var cluster = String.valueOf(in.get("clusterId"));
                yield Map.of("id", cluster, "clusterId", cluster, "clusterName", cluster,
                        "kubeConfig", kubeconfig(cluster, "https://" + cluster + ".k8s.simulated.invalid:6443"),
                        "expiration", "2099-01-01T00:00:00Z");
            }
            case "alicloud:servicemesh/getVersions:getVersions" -> Map.of("id", "versions", "ids", List.of(SIMULATED_ASM_VERSION),
                    "versions", List.of(Map.of("id", SIMULATED_ASM_VERSION, "edition", String.valueOf(in.getOrDefault("edition", "Pro")),
                            "version", SIMULATED_ASM_VERSION)));
            case "alicloud:cen/getTransitRouterAvailableResources:getTransitRouterAvailableResources" -> {
                var region = regionOf(args);
                var row = facts.transitRouterZones(region).filter(CloudFacts.ZoneRow::complete).orElseThrow(() -> new Unanswerable(
                        "strict: " + CloudFacts.ZONES_FILE + " has " + (facts.transitRouterZones(region).isPresent() ? "only an incomplete row" : "no row")
                                + " for the transit-router zones of " + region + ", so the simulation cannot check the stack's zones there:"
                                + " run a real `pulumi preview`, add the region's row with its source, or synth without --strict"
                                + " to take the stack's own zones as the answer (printed and recorded in plan.json)"));
                var zones = row.zones();
                yield Map.of("id", "simulated-" + region, "resources", List.of(Map.of(
                        "availableZones", zones, "masterZones", List.of(), "slaveZones", List.of(), "supportMulticast", false)));
            }
            case "alicloud:cs/getKubernetesVersion:getKubernetesVersion" -> {
                var version = String.valueOf(in.get("kubernetesVersion"));
                if (!facts.describesKubernetesVersion(version)) {
                    throw new Unanswerable("strict: " + CloudFacts.VERSIONS_FILE + " does not list ACK version " + version
                            + ", so the simulation cannot say whether ACK knows it: run a real `pulumi preview`, add the version with its"
                            + " source, or synth without --strict to take the stack's pin as known (printed and recorded in plan.json)");
                }
                // runtimes stay empty: the table does not say them, and the program reads only the version
                yield Map.of("id", "simulated-" + version, "clusterType", String.valueOf(in.get("clusterType")), "kubernetesVersion", version,
                        "metadatas", List.of(Map.of("version", version, "runtimes", List.of())));
            }
            default -> throw new IllegalArgumentException("the simulated cloud has no answer for invoke " + args.token);
        });
    }

    /**
     * A catalogue question the published tables cannot answer. A RunException, so the program stops
     * with this message alone: it is the simulation's limit, stated, not a fault of the stack.
     */
    public static final class Unanswerable extends RunException {
        Unanswerable(String message) {
            super(message);
        }
    }

    /** The region of the invoke's provider: its reference is {@code URN::id}, and a URN ends with the provider's name. */
    private String regionOf(CallArgs args) {
        var reference = String.valueOf(args.provider);
        var region = providerRegions.get(Urns.name(Urns.ofProviderReference(reference)));
        if (region == null) {
            throw new IllegalArgumentException("invoke " + args.token + " went to provider " + reference + ", which has no region");
        }
        return region;
    }

    /** Kubernetes names objects namespace/name; cluster-scoped ones by name alone. */
    @SuppressWarnings("unchecked")
    private static String kubernetesId(ResourceArgs args) {
        var metadata = args.inputs.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.<String, Object>of();
        var objectName = String.valueOf(metadata.getOrDefault("name", args.name));
        var namespace = metadata.get("namespace");
        return namespace == null ? objectName : namespace + "/" + objectName;
    }

    /** A syntactically real kubeconfig with no usable credential in it. */
    static String kubeconfig(String cluster, String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: simulated
                current-context: %1$s
                users:
                - name: simulated
                  user:
                    token: simulated-by-asm-dr-synth
                """.formatted(cluster, server);
    }

    private static CompletableFuture<ResourceResult> done(Optional<String> id, Map<String, Object> state) {
        return CompletableFuture.completedFuture(ResourceResult.of(id, state));
    }
}
