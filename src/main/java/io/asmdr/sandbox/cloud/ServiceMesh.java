package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asmdr.engine.SimulatedCloud;
import io.asmdr.mesh.AsmVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ASM (servicemesh, API version 2020-01-11, RPC): the mesh instance that terraform-provider-alicloud
 * v1.285.0 drives for {@code alicloud_service_mesh_service_mesh}, and the data source
 * {@code servicemesh/getVersions}. Request parameters and response paths as the provider builds and
 * reads them (files under terraform-provider-alicloud v1.285.0/alicloud/):
 *
 * <table>
 * <caption>Actions, and who calls them</caption>
 * <tr><th>action</th><th>caller</th></tr>
 * <tr><td>CreateServiceMesh</td><td>resource_alicloud_service_mesh_service_mesh.go {@code resourceAliCloudServiceMeshServiceMeshCreate}
 *     (then waits for {@code $.ServiceMeshInfo.State} = running, and runs Update)</td></tr>
 * <tr><td>DescribeServiceMeshDetail</td><td>service_alicloud_service_mesh_v2.go {@code DescribeServiceMeshServiceMesh} ({@code $.ServiceMesh};
 *     every wait, every Read)</td></tr>
 * <tr><td>DescribeKialiConfiguration, ListTagResources, DescribeServiceMeshKubeconfig ({@code PrivateIpAddress=true})</td>
 *     <td>service_alicloud_service_mesh_v2.go, from {@code resourceAliCloudServiceMeshServiceMeshRead}</td></tr>
 * <tr><td>UpdateMeshFeature, UpdateMeshCRAggregation, UpgradeMeshEditionPartially, ModifyServiceMeshName, UpdateKialiConfiguration,
 *     AddClusterIntoServiceMesh, RemoveClusterFromServiceMesh</td><td>{@code resourceAliCloudServiceMeshServiceMeshUpdate}; right after
 *     Create it sends UpdateMeshFeature (outbound_traffic_policy), UpdateMeshCRAggregation (when
 *     extra_configuration.cr_aggregation_enabled is true), UpdateKialiConfiguration (mesh_config changed from nothing), one
 *     AddClusterIntoServiceMesh per cluster_ids entry, each followed by a wait for running; a later change of cluster_ids
 *     removes every old cluster and adds every new one</td></tr>
 * <tr><td>TagResources, UntagResources</td><td>service_alicloud_service_mesh_v2.go {@code SetResourceTags} (also right after Create)</td></tr>
 * <tr><td>DeleteServiceMesh</td><td>{@code resourceAliCloudServiceMeshServiceMeshDelete} (then waits until not found)</td></tr>
 * <tr><td>DescribeVersions</td><td>data_source_alicloud_service_mesh_versions.go ({@code $.VersionInfo})</td></tr>
 * </table>
 *
 * <p>A mesh is {@code initial} until its (scaled) creation time has passed and its control plane's
 * {@link ClusterHost} API server is up; after a change it is {@code updating} until the change has
 * taken its time and, under CR aggregation, every cluster joining it serves the Istio kinds
 * ({@link ClusterHost#serveIstioKinds}). A mesh whose API server could not be had answers
 * DescribeServiceMeshDetail with that reason, so the provider's wait fails at once instead of timing out.
 *
 * <p>Answers carry what the program set and no more where the provider's schema would see more as a
 * change: MeshConfig blocks that are Optional but not Computed (AccessLog, Pilot, ControlPlaneLogInfo,
 * SidecarInjector, Proxy, OPA) appear only when they were set. The provider's Read always writes one
 * {@code mesh_config.kiali} element, whatever the API answers; a program that sets no
 * {@code meshConfig.kiali} sees it as a change on every preview (the provider's, not the sandbox's).
 *
 * <p>The sandbox does not know ASM's release calendar: {@code DescribeVersions} offers the version the
 * offline simulation uses ({@link SimulatedCloud#SIMULATED_ASM_VERSION}), and CreateServiceMesh takes any
 * version in ASM's shape, so that a stack pinning an older one still deploys.
 */
public final class ServiceMesh implements Product {
    public static final String VERSION = "2020-01-11";
    static final String KIND = "ServiceMesh";

    /** Sandbox values (ASM publishes no durations); the provider itself waits 60 s before its first poll after a create. */
    static final Duration CREATE = Duration.ofMinutes(5);
    static final Duration JOIN = Duration.ofMinutes(1);
    static final Duration CHANGE = Duration.ofSeconds(30);
    static final Duration UPGRADE = Duration.ofMinutes(10);
    static final Duration DELETE = Duration.ofMinutes(2);

    static final Set<String> EDITIONS = Set.of("Default", "Pro");
    static final Set<String> CLUSTER_SPECS = Set.of("standard", "enterprise", "ultimate");
    static final Pattern ASM_VERSION = Pattern.compile("v\\d+(\\.\\d+){2,3}(-g[0-9a-f]+)?-aliyun");
    /** Parameters every RPC call carries (tea-rpc {@code DoRequest}, the signature). */
    static final Set<String> COMMON = Set.of("Action", "Version", "Format", "Timestamp", "SignatureNonce", "SignatureMethod", "SignatureVersion",
            "SignatureType", "Signature", "AccessKeyId", "SecurityToken", "SourceIp", "SecureTransport", "RegionId");
    static final Set<String> CREATE_PARAMS = Set.of("Name", "VpcId", "VSwitches", "ApiServerPublicEip", "Tracing", "TraceSampling",
            "CustomizedZipkin", "Telemetry", "IncludeIPRanges", "KialiEnabled", "AccessLogEnabled", "AccessLogProject",
            "LocalityLoadBalancing", "IstioVersion", "Edition", "ClusterSpec", "EnableAudit", "AuditProject",
            "ControlPlaneLogEnabled", "ControlPlaneLogProject");
    static final Set<String> FEATURE_PARAMS = Set.of("ServiceMeshId", "OutboundTrafficPolicy", "Tracing", "TraceSampling", "Telemetry",
            "CustomizedZipkin", "IncludeIPRanges", "Http10Enabled", "EnableAudit", "AuditProject", "ClusterSpec", "AccessLogEnabled",
            "AccessLogProject");
    static final Set<String> KIALI_STRINGS = Set.of("CustomPrometheusUrl", "KialiServiceAnnotations", "KialiArmsAuthTokens", "AuthStrategy");
    static final Set<String> KIALI_JSON = Set.of("RAMOAuthConfig", "OpenIdConfig", "ServerConfig");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ControlPlanes hosts;
    private final Timing timing;
    private final ContainerService clusters;

    /** @param clusters the ACK product, asked whether a cluster that joins a mesh is running */
    public ServiceMesh(ControlPlanes hosts, Timing timing, ContainerService clusters) {
        this.hosts = hosts;
        this.timing = timing;
        this.clusters = clusters;
    }

    @Override
    public String name() {
        return "servicemesh";
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Optional<Object> handle(ApiRequest request, CloudState state) {
        synchronized (state) {
            return Optional.ofNullable(switch (request.action()) {
                case "CreateServiceMesh" -> create(request, state);
                case "DescribeServiceMeshDetail" -> describe(request, state);
                case "DescribeKialiConfiguration" -> kiali(request, state);
                case "DescribeServiceMeshKubeconfig" -> kubeconfig(request, state);
                case "ListTagResources" -> listTags(request, state);
                case "TagResources" -> tag(request, state);
                case "UntagResources" -> untag(request, state);
                case "UpdateMeshFeature" -> updateFeature(request, state);
                case "UpdateMeshCRAggregation" -> updateCrAggregation(request, state);
                case "UpgradeMeshEditionPartially" -> upgrade(request, state);
                case "ModifyServiceMeshName" -> rename(request, state);
                case "UpdateKialiConfiguration" -> updateKiali(request, state);
                case "AddClusterIntoServiceMesh" -> addCluster(request, state);
                case "RemoveClusterFromServiceMesh" -> removeCluster(request, state);
                case "DeleteServiceMesh" -> delete(request, state);
                case "DescribeVersions" -> versions();
                default -> null;
            });
        }
    }

    /** {@code RegionId} where the call has one; else the region of the mesh it names. */
    @Override
    public Optional<String> regionOf(ApiRequest request, CloudState state) {
        return request.region().or(() -> request.param("ServiceMeshId").or(() -> request.param("ResourceId.1"))
                .flatMap(id -> state.get(KIND, id)).map(CloudState::region));
    }

    /** As {@link ContainerService#startApiServers}, for every mesh's control plane. */
    public void startApiServers(CloudState state) {
        synchronized (state) {
            state.all(KIND).stream().filter(m -> !Set.of("failed", "deleting").contains(m.path("_phase").asText()))
                    .forEach(m -> hosts.server(m.path("ServiceMeshInfo").path("ServiceMeshId").asText(), CloudState.region(m), true));
        }
    }

    // ---------------------------------------------------------------- create, describe, delete

    private ObjectNode create(ApiRequest request, CloudState state) {
        only(request, CREATE_PARAMS, "Tags.");
        var region = request.required("RegionId");
        var vpcId = request.required("VpcId");
        Network.vpc(state, region, vpcId);
        var vswitches = jsonList(request.required("VSwitches"), "VSwitches");
        if (vswitches.isEmpty()) {
            throw ApiException.badRequest("InvalidParameter.VSwitches", "VSwitches must list at least one vSwitch of the VPC.");
        }
        Network.vswitches(state, vpcId, vswitches);
        var edition = request.param("Edition").orElse("Default");
        if (!EDITIONS.contains(edition)) {
            throw ApiException.badRequest("InvalidParameter.Edition", "Edition must be one of " + EDITIONS + ", not '" + edition + "'.");
        }
        var spec = request.param("ClusterSpec").orElse("standard");
        if (!CLUSTER_SPECS.contains(spec)) {
            throw ApiException.badRequest("InvalidParameter.ClusterSpec", "ClusterSpec must be one of " + CLUSTER_SPECS + ", not '" + spec + "'.");
        }
        var version = request.param("IstioVersion").orElse(SimulatedCloud.SIMULATED_ASM_VERSION);
        if (!ASM_VERSION.matcher(version).matches()) {
            throw ApiException.badRequest("InvalidParameter.IstioVersion", "'" + version + "' is not an ASM version (e.g. "
                    + SimulatedCloud.SIMULATED_ASM_VERSION + ").");
        }
        var id = state.newId("c", 32);
        var m = CloudState.object();
        var info = m.putObject("ServiceMeshInfo");
        info.put("ServiceMeshId", id);
        info.put("Name", request.param("Name").orElse(id));
        info.put("RegionId", region);
        info.put("Profile", edition);
        info.put("Version", version);
        info.put("CreationTime", Rpc.time(state.now()));
        info.put("ErrorMessage", "");
        m.put("ClusterSpec", spec);
        m.putArray("Clusters");
        var s = m.putObject("Spec");
        var network = s.putObject("Network");
        network.put("VpcId", vpcId);
        var list = network.putArray("VSwitches");
        vswitches.forEach(list::add);
        network.put("SecurityGroupId", Network.newSecurityGroup(state, region, vpcId, "asm-sg-" + id, "security group of ASM instance " + id, id));
        var lb = s.putObject("LoadBalancer");
        lb.put("ApiServerLoadbalancerId", state.newId("lb-", 23));
        lb.put("ApiServerPublicEip", bool(request, "ApiServerPublicEip", false));
        lb.put("PilotPublicEip", false);
        lb.put("PilotPublicLoadbalancerId", "");
        var mc = s.putObject("MeshConfig");
        mc.put("EnableLocalityLB", bool(request, "LocalityLoadBalancing", false));
        mc.put("OutboundTrafficPolicy", "ALLOW_ANY");
        mc.put("IncludeIPRanges", "*");
        mc.putObject("Audit").put("Enabled", false).put("Project", "");
        mc.putObject("Prometheus").put("UseExternal", false).put("ExternalUrl", "");
        mc.putObject("ExtraConfiguration").putObject("CRAggregationConfiguration").put("Enabled", false);
        features(request, m);
        if (request.param("ControlPlaneLogEnabled").isPresent()) {
            mc.putObject("ControlPlaneLogInfo").put("Enabled", bool(request, "ControlPlaneLogEnabled", false))
                    .put("Project", request.param("ControlPlaneLogProject").orElse("")).put("LogTTL", 7);
        }
        Rpc.tag(m, request.tags("Tags"));
        var kiali = m.putObject("_kiali");
        kiali.put("Enabled", bool(request, "KialiEnabled", false));
        m.putObject("_joins");
        m.put("_phase", "initial");
        state.create(KIND, id, region, m, timing.ms(CREATE));
        hosts.server(id, region, true);
        var out = CloudState.object();
        out.put("ServiceMeshId", id);
        return out;
    }

    /** The mesh, unless its deletion has finished (then it is removed, with its security group). */
    private Optional<ObjectNode> live(CloudState state, String id) {
        var m = state.get(KIND, id);
        if (m.isPresent() && "deleting".equals(m.get().path("_phase").asText()) && state.ready(m.get())) {
            Network.removeCreated(state, "SecurityGroup", m.get().path("Spec").path("Network").path("SecurityGroupId").asText());
            state.remove(KIND, id);
            return Optional.empty();
        }
        return m;
    }

    /** ASM's not-found answer: {@code ServiceMesh.NotFound}, which DescribeServiceMeshServiceMesh and Delete take as gone. */
    private ObjectNode mesh(CloudState state, String id) {
        return live(state, id).orElseThrow(() -> ApiException.notFound("ServiceMesh.NotFound", "The service mesh " + id + " is not found."));
    }

    private ObjectNode mesh(ApiRequest request, CloudState state) {
        return mesh(state, request.required("ServiceMeshId"));
    }

    /**
     * The state as ASM reports it, settling what has finished: {@code initial} → {@code running} once the
     * time has passed and the control plane's API server is up; {@code updating}/{@code upgrading} →
     * {@code running} once the change's time has passed and every joining cluster has joined.
     */
    String meshState(CloudState state, ObjectNode m) {
        var phase = m.path("_phase").asText();
        var id = m.path("ServiceMeshInfo").path("ServiceMeshId").asText();
        switch (phase) {
            case "initial" -> {
                var server = hosts.server(id, CloudState.region(m), true);
                if (!state.ready(m) || server.phase() == ControlPlanes.Server.Phase.STARTING) {
                    return phase;
                }
                if (server.up()) {
                    m.put("_phase", "running");
                } else {
                    fail(m, "the API server of the mesh's control plane could not be started: " + server.problem());
                }
                state.save();
                return m.path("_phase").asText();
            }
            case "updating", "upgrading" -> {
                if (!state.ready(m) || !joined(state, m)) {
                    return m.path("_phase").asText();
                }
                if (m.has("_next_version")) {
                    m.with("ServiceMeshInfo").put("Version", m.path("_next_version").asText());
                    m.remove("_next_version");
                }
                m.put("_phase", "running");
                state.save();
                return "running";
            }
            default -> {
                return phase;
            }
        }
    }

    /** Every cluster joining the mesh has had its time and, under CR aggregation, serves the Istio kinds. */
    private boolean joined(CloudState state, ObjectNode m) {
        var joins = m.with("_joins");
        var aggregation = crAggregation(m);
        var done = new ArrayList<String>();
        for (var it = joins.fields(); it.hasNext(); ) {
            var join = it.next();
            if (state.now() < join.getValue().asLong()) {
                continue;
            }
            if (aggregation) {
                var istio = hosts.istioKinds(join.getKey());
                if (istio.phase() == ControlPlanes.Server.Phase.STARTING) {
                    continue;
                }
                if (istio.phase() == ControlPlanes.Server.Phase.FAILED) {
                    fail(m, "cluster " + join.getKey() + " could not be made to serve the Istio kinds: " + istio.problem());
                    state.save();
                    return false;
                }
            }
            done.add(join.getKey());
        }
        done.forEach(joins::remove);
        if (!done.isEmpty()) {
            state.save();
        }
        return joins.isEmpty();
    }

    private static void fail(ObjectNode m, String problem) {
        m.put("_phase", "failed");
        m.with("ServiceMeshInfo").put("ErrorMessage", problem);
    }

    private static boolean crAggregation(ObjectNode m) {
        return m.path("Spec").path("MeshConfig").path("ExtraConfiguration").path("CRAggregationConfiguration").path("Enabled").asBoolean(false);
    }

    private ObjectNode describe(ApiRequest request, CloudState state) {
        var m = mesh(request, state);
        var now = meshState(state, m);
        if (now.equals("failed")) {
            // not one of the codes DescribeServiceMeshServiceMesh takes as not found: the provider's wait stops with this
            throw ApiException.badRequest("Sandbox.ApiServerFailed", "Service mesh " + m.path("ServiceMeshInfo").path("ServiceMeshId").asText()
                    + " failed: " + m.path("ServiceMeshInfo").path("ErrorMessage").asText());
        }
        var view = CloudState.view(m);
        view.with("ServiceMeshInfo").put("State", now);
        view.with("ServiceMeshInfo").put("UpdateTime", Rpc.time(m.path("_readyAt").asLong(state.now())));
        var out = CloudState.object();
        out.set("ServiceMesh", view);
        return out;
    }

    private ObjectNode delete(ApiRequest request, CloudState state) {
        var m = mesh(request, state);
        if (!"deleting".equals(m.path("_phase").asText())) {
            m.put("_phase", "deleting");
            state.changing(m, timing.ms(DELETE));
            hosts.delete(m.path("ServiceMeshInfo").path("ServiceMeshId").asText());
        }
        return CloudState.object();
    }

    // ---------------------------------------------------------------- changes

    /** A mesh a change can be made to: it exists and is running. */
    private ObjectNode running(ApiRequest request, CloudState state) {
        var m = mesh(request, state);
        var now = meshState(state, m);
        if (!now.equals("running")) {
            throw ApiException.badRequest("InvalidActiveState.ServiceMesh", "Service mesh " + request.param("ServiceMeshId").orElse("")
                    + " is " + now + "; this needs it running.");
        }
        return m;
    }

    private void changing(CloudState state, ObjectNode m, String phase, Duration real) {
        m.put("_phase", phase);
        state.changing(m, timing.ms(real));
    }

    private ObjectNode updateFeature(ApiRequest request, CloudState state) {
        only(request, FEATURE_PARAMS, null);
        var m = running(request, state);
        features(request, m);
        request.param("OutboundTrafficPolicy").ifPresent(p -> {
            if (!Set.of("ALLOW_ANY", "REGISTRY_ONLY").contains(p)) {
                throw ApiException.badRequest("InvalidParameter.OutboundTrafficPolicy", "OutboundTrafficPolicy must be ALLOW_ANY or REGISTRY_ONLY, not '" + p + "'.");
            }
            m.with("Spec").with("MeshConfig").put("OutboundTrafficPolicy", p);
        });
        request.param("ClusterSpec").ifPresent(spec -> {
            if (!CLUSTER_SPECS.contains(spec)) {
                throw ApiException.badRequest("InvalidParameter.ClusterSpec", "ClusterSpec must be one of " + CLUSTER_SPECS + ", not '" + spec + "'.");
            }
            m.put("ClusterSpec", spec);
        });
        changing(state, m, "updating", CHANGE);
        return CloudState.object();
    }

    /** The MeshConfig features CreateServiceMesh and UpdateMeshFeature share, each only when sent. */
    private static void features(ApiRequest request, ObjectNode m) {
        var mc = m.with("Spec").with("MeshConfig");
        for (var flag : List.of("Tracing", "Telemetry", "CustomizedZipkin")) {
            if (request.param(flag).isPresent()) {
                mc.put(flag, bool(request, flag, false));
            }
        }
        if (!mc.has("Tracing")) {
            mc.put("Tracing", false).put("Telemetry", false).put("CustomizedZipkin", false);
        }
        request.param("IncludeIPRanges").ifPresent(r -> mc.put("IncludeIPRanges", r));
        if (request.param("TraceSampling").isPresent()) {
            try {
                mc.with("Pilot").put("TraceSampling", Double.parseDouble(request.param("TraceSampling").get()));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("InvalidParameter.TraceSampling", "TraceSampling must be a number (0-100).");
            }
        }
        if (request.param("Http10Enabled").isPresent()) {
            mc.with("Pilot").put("Http10Enabled", bool(request, "Http10Enabled", false));
        }
        if (request.param("EnableAudit").isPresent()) {
            mc.with("Audit").put("Enabled", bool(request, "EnableAudit", false));
        }
        request.param("AuditProject").ifPresent(p -> mc.with("Audit").put("Project", p));
        if (request.param("AccessLogEnabled").isPresent()) {
            mc.with("AccessLog").put("Enabled", bool(request, "AccessLogEnabled", false));
        }
        request.param("AccessLogProject").ifPresent(p -> mc.with("AccessLog").put("Project", p));
    }

    private ObjectNode updateCrAggregation(ApiRequest request, CloudState state) {
        only(request, Set.of("ServiceMeshId", "Enabled"), null);
        var m = running(request, state);
        var on = bool(request, "Enabled", false);
        var was = crAggregation(m);
        m.with("Spec").with("MeshConfig").with("ExtraConfiguration").with("CRAggregationConfiguration").put("Enabled", on);
        if (on && !was) {
            // every member cluster's API server starts serving the Istio kinds
            var joins = m.with("_joins");
            m.path("Clusters").forEach(c -> joins.put(c.asText(), state.now() + timing.ms(CHANGE)));
        }
        changing(state, m, "updating", CHANGE);
        if (on) {
            m.path("Clusters").forEach(c -> hosts.istioKinds(c.asText()));
        }
        return CloudState.object();
    }

    private ObjectNode upgrade(ApiRequest request, CloudState state) {
        only(request, Set.of("ServiceMeshId", "ExpectedVersion", "ASMGatewayContinue"), null);
        var m = running(request, state);
        var next = request.required("ExpectedVersion");
        var now = m.path("ServiceMeshInfo").path("Version").asText();
        if (!ASM_VERSION.matcher(next).matches() || AsmVersions.ORDER.compare(next, now) <= 0) {
            throw ApiException.badRequest("InvalidParameter.ExpectedVersion", "The mesh runs " + now + "; it can be upgraded to a newer ASM version, not to '"
                    + next + "'.");
        }
        m.put("_next_version", next);
        changing(state, m, "upgrading", UPGRADE);
        return CloudState.object();
    }

    private ObjectNode rename(ApiRequest request, CloudState state) {
        only(request, Set.of("ServiceMeshId", "Name"), null);
        var m = mesh(request, state);
        m.with("ServiceMeshInfo").put("Name", request.required("Name"));
        state.save();
        return CloudState.object();
    }

    private ObjectNode addCluster(ApiRequest request, CloudState state) {
        only(request, Set.of("ServiceMeshId", "ClusterId"), null);
        var m = running(request, state);
        var meshId = request.required("ServiceMeshId");
        var clusterId = request.required("ClusterId");
        var c = state.get(ContainerService.CLUSTER, clusterId).orElseThrow(() -> ApiException.badRequest("InvalidParameter.ClusterId",
                "The ACK cluster '" + clusterId + "' does not exist."));
        var clusterNow = clusters.clusterState(state, c);
        if (!Set.of("running", "updating", "upgrading").contains(clusterNow)) {
            throw ApiException.badRequest("InvalidActiveState.ACK", "The ACK cluster " + clusterId + " is " + clusterNow + ", not running.");
        }
        for (var other : state.all(KIND)) {
            for (var member : other.path("Clusters")) {
                if (member.asText().equals(clusterId)) {
                    var owner = other.path("ServiceMeshInfo").path("ServiceMeshId").asText();
                    throw ApiException.badRequest("InvalidParameter.ClusterId", "The ACK cluster " + clusterId + " is already in service mesh "
                            + owner + (owner.equals(meshId) ? "" : "; remove it there first") + ".");
                }
            }
        }
        ((ArrayNode) m.path("Clusters")).add(clusterId);
        m.with("_joins").put(clusterId, state.now() + timing.ms(JOIN));
        changing(state, m, "updating", JOIN);
        if (crAggregation(m)) {
            hosts.istioKinds(clusterId);
        }
        return CloudState.object();
    }

    private ObjectNode removeCluster(ApiRequest request, CloudState state) {
        only(request, Set.of("ServiceMeshId", "ClusterId"), null);
        var m = running(request, state);
        var clusterId = request.required("ClusterId");
        var members = (ArrayNode) m.path("Clusters");
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).asText().equals(clusterId)) {
                members.remove(i);
                m.with("_joins").remove(clusterId);
                changing(state, m, "updating", JOIN);
                return CloudState.object();
            }
        }
        throw ApiException.badRequest("InvalidParameter.ClusterId", "The ACK cluster " + clusterId + " is not in service mesh "
                + request.param("ServiceMeshId").orElse("") + ".");
    }

    // ---------------------------------------------------------------- kiali, tags, kubeconfig, versions

    private ObjectNode kiali(ApiRequest request, CloudState state) {
        var m = mesh(request, state);
        var k = m.path("_kiali");
        var out = CloudState.object();
        out.put("Enabled", k.path("Enabled").asBoolean(false));
        out.put("IntegrateCLB", k.path("IntegrateCLB").asBoolean(false));
        out.put("AuthStrategy", k.path("AuthStrategy").asText("anonymous"));
        for (var field : List.of("CustomPrometheusUrl", "KialiServiceAnnotations", "KialiArmsAuthTokens")) {
            out.put(field, k.path(field).asText(""));
        }
        for (var field : List.of("AggregatedKialiAddress", "DistributedKialiAddresses", "DistributedKialiAccessTokens", "KialiIstioIngressAddress")) {
            out.put(field, "");
        }
        out.put("UsePopulatedArmsPrometheus", false);
        for (var field : KIALI_JSON) {
            if (k.path(field).isObject() && !k.path(field).isEmpty()) {
                out.set(field, k.path(field).deepCopy());
            }
        }
        return out;
    }

    private ObjectNode updateKiali(ApiRequest request, CloudState state) {
        var allowed = new HashSet<String>(KIALI_STRINGS);
        allowed.addAll(KIALI_JSON);
        allowed.addAll(Set.of("ServiceMeshId", "Enabled", "IntegrateCLB"));
        only(request, allowed, null);
        var m = running(request, state);
        var k = m.with("_kiali");
        for (var flag : List.of("Enabled", "IntegrateCLB")) {
            if (request.param(flag).isPresent()) {
                k.put(flag, bool(request, flag, false));
            }
        }
        KIALI_STRINGS.forEach(f -> request.param(f).ifPresent(v -> k.put(f, v)));
        for (var field : KIALI_JSON) {
            var text = request.param(field);
            if (text.isPresent()) {
                try {
                    var node = JSON.readTree(text.get());
                    if (!node.isObject()) {
                        throw new IllegalArgumentException();
                    }
                    k.set(field, node);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    throw ApiException.badRequest("InvalidParameter." + field, field + " must be a JSON object, not '" + text.get() + "'.");
                }
            }
        }
        changing(state, m, "updating", CHANGE);
        return CloudState.object();
    }

    private ObjectNode listTags(ApiRequest request, CloudState state) {
        var type = request.required("ResourceType");
        if (!"servicemesh".equals(type)) {
            throw ApiException.notImplemented(request, "ResourceType '" + type + "'");
        }
        var out = CloudState.object();
        var rows = out.putArray("TagResources");
        for (var id : request.list("ResourceId")) {
            live(state, id).ifPresent(m -> m.path("_tags").fields().forEachRemaining(t -> rows.addObject()
                    .put("ResourceId", id).put("ResourceType", type).put("TagKey", t.getKey()).put("TagValue", t.getValue().asText())));
        }
        return out;
    }

    private ObjectNode tag(ApiRequest request, CloudState state) {
        var meshes = tagged(request, state);
        var tags = request.tags("Tag");
        if (tags.isEmpty()) {
            throw ApiException.badRequest("MissingParameter", "TagResources needs Tag.N.Key.");
        }
        meshes.forEach(m -> Rpc.tag(m, tags));
        state.save();
        return CloudState.object();
    }

    private ObjectNode untag(ApiRequest request, CloudState state) {
        var meshes = tagged(request, state);
        var all = request.param("All").map(Boolean::parseBoolean).orElse(false);
        var keys = request.list("TagKey");
        meshes.forEach(m -> {
            if (all) {
                m.putObject("_tags");
            } else {
                Rpc.untag(m, keys);
            }
        });
        state.save();
        return CloudState.object();
    }

    private List<ObjectNode> tagged(ApiRequest request, CloudState state) {
        if (!"servicemesh".equals(request.required("ResourceType"))) {
            throw ApiException.notImplemented(request, "ResourceType '" + request.param("ResourceType").orElse("") + "'");
        }
        var ids = request.list("ResourceId");
        if (ids.isEmpty()) {
            throw ApiException.badRequest("MissingParameter", "ResourceId.N is mandatory.");
        }
        return ids.stream().map(id -> mesh(state, id)).toList();
    }

    /**
     * The control plane's kubeconfig (the {@link ClusterHost}'s). The provider asks for the private one
     * ({@code PrivateIpAddress=true}); the public one exists only for a mesh created with
     * {@code ApiServerPublicEip}.
     */
    private ObjectNode kubeconfig(ApiRequest request, CloudState state) {
        var m = mesh(request, state);
        var id = m.path("ServiceMeshInfo").path("ServiceMeshId").asText();
        var now = meshState(state, m);
        if (!Set.of("running", "updating", "upgrading").contains(now)) {
            throw ApiException.badRequest("InvalidActiveState.ServiceMesh", "Service mesh " + id + " is " + now + ": it has no kubeconfig.");
        }
        var internal = request.param("PrivateIpAddress").map(Boolean::parseBoolean).orElse(false);
        if (!internal && !m.path("Spec").path("LoadBalancer").path("ApiServerPublicEip").asBoolean(false)) {
            throw ApiException.badRequest("InvalidParameter.PrivateIpAddress", "Service mesh " + id
                    + " has no public API server address (created without ApiServerPublicEip); ask with PrivateIpAddress=true.");
        }
        var out = CloudState.object();
        out.put("Kubeconfig", hosts.server(id, CloudState.region(m), true).kubeconfigOf("service mesh " + id));
        out.put("ExpireTime", Rpc.time(state.now() + ContainerService.KUBECONFIG_VALIDITY.toMillis()).replace('T', ' ').replace("Z", ""));
        return out;
    }

    private static ObjectNode versions() {
        var out = CloudState.object();
        var rows = out.putArray("VersionInfo");
        for (var edition : List.of("Pro", "Default")) {
            rows.addObject().put("Edition", edition).putArray("Versions").add(SimulatedCloud.SIMULATED_ASM_VERSION);
        }
        return out;
    }

    // ---------------------------------------------------------------- parameters

    /** Refuses by name any parameter the sandbox does not model ({@code prefix}: a family of numbered ones, e.g. {@code Tags.}). */
    private static void only(ApiRequest request, Set<String> known, String prefix) {
        for (var name : request.params().keySet()) {
            if (!COMMON.contains(name) && !known.contains(name) && (prefix == null || !name.startsWith(prefix))) {
                throw ApiException.notImplemented(request, "parameter '" + name + "'");
            }
        }
    }

    private static boolean bool(ApiRequest request, String name, boolean otherwise) {
        var value = request.param(name);
        if (value.isEmpty()) {
            return otherwise;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("InvalidParameter." + name, name + " must be true or false, not '" + value.get() + "'.");
        };
    }

    private static List<String> jsonList(String text, String name) {
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isArray()) {
                throw new IllegalArgumentException();
            }
            var out = new ArrayList<String>();
            node.forEach(v -> out.add(v.asText()));
            return out;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.badRequest("InvalidParameter." + name, name + " must be a JSON list of ids, not '" + text + "'.");
        }
    }
}
