package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asmdr.engine.CloudFacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ACK (CS, API version 2015-12-15, ROA): the managed clusters, node pools and tasks that
 * terraform-provider-alicloud v1.285.0 drives for {@code alicloud_cs_managed_kubernetes},
 * {@code alicloud_cs_kubernetes_node_pool} and the data sources {@code cs/getClusterCredential} and
 * {@code cs/getKubernetesVersion}. Calls are told apart by method and path; all three clients the
 * provider uses for CS send {@code x-acs-version: 2015-12-15} (tea-roa v1.3.4 {@code DoRequest},
 * darabonba-openapi v2.1.14 {@code Execute} behind cs-20151215 v7.6.0, denverdino/aliyungo
 * {@code cs.Client.Invoke}), which is how the emulator routes them here. Only the
 * darabonba client also sends {@code x-acs-action}; {@link #actionOf} names every call from its
 * method and path.
 *
 * <table>
 * <caption>Actions, and who calls them (files under terraform-provider-alicloud v1.285.0/alicloud/)</caption>
 * <tr><th>action</th><th>call</th><th>caller</th></tr>
 * <tr><td>CreateCluster</td><td>POST /clusters</td><td>resource_alicloud_cs_managed_kubernetes.go {@code resourceAlicloudCSManagedKubernetesCreate}</td></tr>
 * <tr><td>DescribeClusterDetail</td><td>GET /clusters/{id}</td><td>service_alicloud_cs.go {@code CsClient.DescribeClusterDetail} (Read),
 *     {@code CsService.DescribeCsKubernetes} (denverdino; {@code CsKubernetesInstanceStateRefreshFunc}: initial → running,
 *     updating → running, running/deleting → gone), data_source_alicloud_cs_cluster_credential.go</td></tr>
 * <tr><td>DescribeTaskInfo</td><td>GET /tasks/{id}</td><td>service_alicloud_cs.go {@code DescribeTaskRefreshFunc},
 *     service_alicloud_ack_v2.go {@code DescribeAsyncDescribeTaskInfo} ({@code $.state} → success)</td></tr>
 * <tr><td>DescribeClusterResources</td><td>GET /clusters/{id}/resources</td><td>resource_alicloud_cs_kubernetes.go {@code getApiServerSlbID}</td></tr>
 * <tr><td>DescribeClusterUserKubeconfig</td><td>GET /k8s/{id}/user_config</td><td>service_alicloud_cs.go
 *     {@code DescribeClusterKubeConfigWithExpiration} (from {@code setCerts} on every Read, and the credential data source)</td></tr>
 * <tr><td>CheckControlPlaneLogEnable</td><td>GET /clusters/{id}/controlplanelog</td><td>resource_alicloud_cs_managed_kubernetes.go {@code checkControlPlaneLogEnable}</td></tr>
 * <tr><td>GetClusterAuditProject</td><td>GET /clusters/{id}/audit</td><td>resource_alicloud_cs_managed_kubernetes.go {@code getClusterAuditProject}</td></tr>
 * <tr><td>ModifyCluster</td><td>PUT /api/v2/clusters/{id}</td><td>resource_alicloud_cs_kubernetes.go {@code modifyCluster}</td></tr>
 * <tr><td>ModifyClusterTags</td><td>POST /clusters/{id}/tags</td><td>resource_alicloud_cs_managed_kubernetes.go {@code updateKubernetesClusterTag}
 *     (which sends it to cs.aliyuncs.com itself, not to {@code ALIBABA_CLOUD_ENDPOINT_CS}: connectivity.OpenAckService)</td></tr>
 * <tr><td>UpgradeCluster</td><td>POST /api/v2/clusters/{id}/upgrade</td><td>resource_alicloud_cs_managed_kubernetes.go {@code UpgradeAlicloudKubernetesCluster}</td></tr>
 * <tr><td>DeleteCluster</td><td>DELETE /clusters/{id}</td><td>resource_alicloud_cs_kubernetes.go {@code resourceAlicloudCSKubernetesDelete}</td></tr>
 * <tr><td>DescribeKubernetesVersionMetadata</td><td>GET /api/v1/metadata/versions</td><td>data_source_alicloud_cs_kubernetes_version.go</td></tr>
 * <tr><td>CreateClusterNodePool</td><td>POST /clusters/{id}/nodepools</td><td>resource_alicloud_cs_kubernetes_node_pool.go {@code resourceAliCloudAckNodepoolCreate}</td></tr>
 * <tr><td>DescribeClusterNodePoolDetail</td><td>GET /clusters/{id}/nodepools/{np}</td><td>service_alicloud_ack_v2.go {@code DescribeAckNodepool}</td></tr>
 * <tr><td>ModifyClusterNodePool</td><td>PUT /clusters/{id}/nodepools/{np}</td><td>resource_alicloud_cs_kubernetes_node_pool.go {@code resourceAliCloudAckNodepoolUpdate}</td></tr>
 * <tr><td>DeleteClusterNodepool</td><td>DELETE /clusters/{id}/nodepools/{np}</td><td>resource_alicloud_cs_kubernetes_node_pool.go {@code resourceAliCloudAckNodepoolDelete}</td></tr>
 * </table>
 *
 * <p>A cluster's Read also calls Vpc {@code DescribeNatGateways} (the Vpc product's): CreateCluster with
 * {@code snat_entry} creates the {@code NatGateway} record it finds, and a {@code SecurityGroup} record
 * for the cluster, whose id DescribeClusterDetail reports as {@code security_group_id}.
 *
 * <p>A cluster is {@code initial} until both its (scaled) creation time has passed and its
 * {@link ClusterHost} API server is up; the kubeconfig handed out is that server's. Statuses and
 * answers are shaped so that a Read right after Create sets exactly what the program sent: no
 * {@code auto_mode}, {@code timezone} or {@code container_cidr} unless given (Optional, not Computed,
 * ForceNew for some), a non-empty {@code meta_data} ({@code flattenRRSAMetadata} fails on an empty one).
 */
public final class ContainerService implements Product {
    public static final String VERSION = "2015-12-15";
    static final String CLUSTER = "Cluster";
    static final String NODE_POOL = "NodePool";
    static final String TASK = "Task";

    /** ACK documents 10–20 minutes to initialise a cluster created through its API (README, Cost and duration). */
    static final Duration CLUSTER_CREATE = Duration.ofMinutes(10);
    /** Sandbox values: the provider's own waits poll every 5-60 s, so only the order of magnitude matters. */
    static final Duration CLUSTER_DELETE = Duration.ofMinutes(5);
    static final Duration CLUSTER_MODIFY = Duration.ofSeconds(30);
    static final Duration CLUSTER_UPGRADE = Duration.ofMinutes(15);
    static final Duration NODE_POOL_CREATE = Duration.ofMinutes(5);
    static final Duration NODE_POOL_MODIFY = Duration.ofMinutes(2);
    static final Duration NODE_POOL_DELETE = Duration.ofMinutes(3);
    /** ACK's default validity of a kubeconfig (UpdateK8sClusterUserConfigExpire API reference: three years). */
    static final Duration KUBECONFIG_VALIDITY = Duration.ofDays(3 * 365);
    static final String RUNTIME = "containerd";
    static final String RUNTIME_VERSION = "1.6.36";

    static final Set<String> CLUSTER_SPECS = Set.of("ack.standard", "ack.pro.small", "ack.pro.xlarge", "ack.pro.2xlarge", "ack.pro.4xlarge");
    static final Set<String> NETWORK_ADDONS = Set.of("flannel", "terway-eniip", "terway-eni", "terway-controlplane");
    static final Set<String> DISK_CATEGORIES = Set.of("cloud", "cloud_efficiency", "cloud_ssd", "cloud_essd", "cloud_auto", "cloud_essd_entry");
    /** What CreateCluster takes here: the provider's keys for the inputs the sandbox models (anything else is refused by name). */
    static final Set<String> CREATE_KEYS = Set.of("name", "region_id", "cluster_type", "profile", "tags", "addons", "vpcid", "vswitch_ids",
            "kubernetes_version", "deletion_protection", "resource_group_id", "snat_entry", "endpoint_public_access", "load_balancer_spec",
            "security_group_id", "service_cidr", "proxy_mode", "ip_stack", "timezone", "pod_vswitch_ids",
            "container_cidr", "node_cidr_mask", "cluster_spec", "cluster_domain", "maintenance_window", "controlplane_log_components",
            "controlplane_log_ttl", "controlplane_log_project", "audit_log_config");
    static final Set<String> MODIFY_KEYS = Set.of("cluster_name", "deletion_protection", "resource_group_id", "maintenance_window",
            "vswitch_ids", "timezone", "security_group_id");
    static final Set<String> NODE_POOL_SECTIONS = Set.of("nodepool_info", "scaling_group", "kubernetes_config", "management", "auto_scaling",
            "tee_config", "node_config", "auto_mode", "eflo_node_group");

    private interface Handler {
        Object handle(ApiRequest request, CloudState state, Matcher path);
    }

    private record Route(String method, Pattern path, String action, Handler handler) {}

    private final ControlPlanes hosts;
    private final Timing timing;
    private final CloudFacts facts;
    private final List<Route> routes = new ArrayList<>();

    /**
     * @param facts the Kubernetes versions ACK offers ({@link CloudFacts#PUBLISHED}: reference/cloud-facts/kubernetes-versions.json)
     */
    public ContainerService(ControlPlanes hosts, Timing timing, CloudFacts facts) {
        this.hosts = hosts;
        this.timing = timing;
        this.facts = facts;
        route("POST", "/clusters", "CreateCluster", this::createCluster);
        route("GET", "/clusters/([^/]+)", "DescribeClusterDetail", (r, s, m) -> describeCluster(s, m.group(1)));
        route("DELETE", "/clusters/([^/]+)", "DeleteCluster", this::deleteCluster);
        route("PUT", "/api/v2/clusters/([^/]+)", "ModifyCluster", this::modifyCluster);
        route("POST", "/api/v2/clusters/([^/]+)/upgrade", "UpgradeCluster", this::upgradeCluster);
        route("GET", "/clusters/([^/]+)/resources", "DescribeClusterResources", (r, s, m) -> resources(s, m.group(1)));
        route("GET", "/k8s/([^/]+)/user_config", "DescribeClusterUserKubeconfig", this::kubeconfig);
        route("GET", "/clusters/([^/]+)/controlplanelog", "CheckControlPlaneLogEnable", (r, s, m) -> controlPlaneLog(s, m.group(1)));
        route("GET", "/clusters/([^/]+)/audit", "GetClusterAuditProject", (r, s, m) -> audit(s, m.group(1)));
        route("POST", "/clusters/([^/]+)/tags", "ModifyClusterTags", this::modifyTags);
        route("GET", "/tasks/([^/]+)", "DescribeTaskInfo", (r, s, m) -> task(s, m.group(1)));
        route("GET", "/api/v1/metadata/versions", "DescribeKubernetesVersionMetadata", (r, s, m) -> versions(r));
        route("POST", "/clusters/([^/]+)/nodepools", "CreateClusterNodePool", this::createNodePool);
        route("GET", "/clusters/([^/]+)/nodepools/([^/]+)", "DescribeClusterNodePoolDetail", (r, s, m) -> describeNodePool(s, m.group(1), m.group(2)));
        route("PUT", "/clusters/([^/]+)/nodepools/([^/]+)", "ModifyClusterNodePool", this::modifyNodePool);
        // the API's own name has a lower-case p (ACK API reference "DeleteClusterNodepool"; RAM action cs:DeleteClusterNodepool)
        route("DELETE", "/clusters/([^/]+)/nodepools/([^/]+)", "DeleteClusterNodepool", this::deleteNodePool);
    }

    private void route(String method, String path, String action, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), action, handler));
    }

    @Override
    public String name() {
        return "CS";
    }

    @Override
    public String version() {
        return VERSION;
    }

    /** The API action a CS call is, from its method and path (only one of the provider's three clients names it). */
    @Override
    public String actionName(ApiRequest request) {
        return request.action().isEmpty() ? actionOf(request.method(), request.path()).orElse("") : request.action();
    }

    public Optional<String> actionOf(String method, String path) {
        return match(method, path).map(m -> m.route().action());
    }

    private record Match(Route route, Matcher matcher) {}

    private Optional<Match> match(String method, String path) {
        var clean = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (var route : routes) {
            var m = route.path().matcher(clean);
            if (route.method().equalsIgnoreCase(method) && m.matches()) {
                return Optional.of(new Match(route, m));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Object> handle(ApiRequest request, CloudState state) {
        var match = match(request.method(), request.path());
        if (match.isEmpty()) {
            return Optional.empty();
        }
        synchronized (state) {
            return Optional.of(match.get().route().handler().handle(request, state, match.get().matcher()));
        }
    }

    /**
     * A create is in the region of its body ({@code region_id}); the version metadata in {@code Region};
     * a task in its cluster's; anything that names a cluster in that cluster's region.
     */
    @Override
    public Optional<String> regionOf(ApiRequest request, CloudState state) {
        var match = match(request.method(), request.path());
        if (match.isEmpty()) {
            return request.region();
        }
        var action = match.get().route().action();
        switch (action) {
            case "CreateCluster":
                return Optional.of(request.body().path("region_id").asText("")).filter(r -> !r.isEmpty());
            case "DescribeKubernetesVersionMetadata":
                return request.param("Region");
            case "DescribeTaskInfo":
                return state.get(TASK, match.get().matcher().group(1)).map(CloudState::region).filter(r -> !r.isEmpty());
            default:
                return state.get(CLUSTER, match.get().matcher().group(1)).map(CloudState::region);
        }
    }

    /**
     * Asks the host for the API server of every cluster the state holds (not failed, not being deleted),
     * without waiting: for a sandbox that starts again over a saved state, so that its kubeconfigs are
     * there by the time the provider asks (until then DescribeClusterUserKubeconfig answers a retryable 503).
     */
    public void startApiServers(CloudState state) {
        synchronized (state) {
            state.all(CLUSTER).stream().filter(c -> !Set.of("failed", "deleting").contains(c.path("_phase").asText()))
                    .forEach(c -> hosts.server(c.path("cluster_id").asText(), CloudState.region(c), false));
        }
    }

    // ---------------------------------------------------------------- clusters

    private Object createCluster(ApiRequest request, CloudState state, Matcher path) {
        var body = request.body();
        if (!body.isObject()) {
            throw ApiException.badRequest("InvalidParameter", "CreateCluster takes a JSON object.");
        }
        body.fieldNames().forEachRemaining(key -> {
            if (!CREATE_KEYS.contains(key)) {
                throw ApiException.notImplemented(request, "CreateCluster parameter '" + key + "'");
            }
        });
        var region = text(body, "region_id");
        if (region.isEmpty()) {
            throw ApiException.badRequest("MissingParameter", "region_id is mandatory for CreateCluster.");
        }
        var type = text(body, "cluster_type");
        if (!"ManagedKubernetes".equals(type)) {
            throw ApiException.notImplemented(request, "cluster_type '" + type + "' (only ManagedKubernetes)");
        }
        var profile = body.path("profile").asText("Default");
        if (!"Default".equals(profile)) {
            throw ApiException.notImplemented(request, "profile '" + profile + "' (only Default)");
        }
        var name = text(body, "name");
        if (name.isEmpty() || name.length() > 63) {
            throw ApiException.badRequest("InvalidParameter.Name", "The cluster name must be 1 to 63 characters, not '" + name + "'.");
        }
        var vswitchIds = strings(body.path("vswitch_ids"));
        if (vswitchIds.isEmpty()) {
            throw ApiException.notImplemented(request, "a cluster without vswitch_ids (zone_ids: the sandbox creates no vSwitches)");
        }
        var vpcId = text(body, "vpcid").isEmpty() ? state.get("VSwitch", vswitchIds.get(0)).map(v -> v.path("VpcId").asText()).orElse("")
                : text(body, "vpcid");
        var vpc = Network.vpc(state, region, vpcId);
        Network.vswitches(state, vpcId, vswitchIds);
        var podVswitchIds = strings(body.path("pod_vswitch_ids"));
        Network.vswitches(state, vpcId, podVswitchIds);

        var addons = body.path("addons");
        var network = new ArrayList<String>();
        addons.forEach(a -> {
            if (NETWORK_ADDONS.contains(a.path("name").asText()) && !a.path("disabled").asBoolean(false)) {
                network.add(a.path("name").asText());
            }
        });
        if (network.size() != 1) {
            throw ApiException.badRequest("InvalidParameter.Addons", "A cluster needs exactly one network plug-in among " + NETWORK_ADDONS
                    + " in addons, not " + network + ".");
        }
        var flannel = network.get(0).equals("flannel");
        var vpcCidr = vpc.path("CidrBlock").asText("");
        var serviceCidr = body.path("service_cidr").asText("172.21.0.0/20");
        var containerCidr = text(body, "container_cidr");
        Cidr.valid("service_cidr", serviceCidr);
        Cidr.disjoint("service_cidr", serviceCidr, "the VPC's CIDR block", vpcCidr);
        if (flannel) {
            if (containerCidr.isEmpty()) {
                throw ApiException.badRequest("InvalidParameter.ContainerCidr", "Flannel needs container_cidr (the Pod CIDR block).");
            }
            Cidr.valid("container_cidr", containerCidr);
            Cidr.disjoint("container_cidr", containerCidr, "the VPC's CIDR block", vpcCidr);
            Cidr.disjoint("container_cidr", containerCidr, "service_cidr", serviceCidr);
        } else if (podVswitchIds.isEmpty()) {
            throw ApiException.badRequest("InvalidParameter.PodVswitchIds", "Terway needs pod_vswitch_ids.");
        }
        var version = body.path("kubernetes_version").asText("");
        if (version.isEmpty()) {
            version = newestVersion().orElseThrow(() -> ApiException.badRequest("InvalidParameter.KubernetesVersion", "ACK offers no version."));
        } else if (!facts.describesKubernetesVersion(version)) {
            throw ApiException.badRequest("InvalidParameter.KubernetesVersion", "ACK does not offer Kubernetes " + version + " (offered: "
                    + sortedVersions() + "; reference/cloud-facts/kubernetes-versions.json).");
        }
        var spec = body.path("cluster_spec").asText("ack.pro.small");
        if (!CLUSTER_SPECS.contains(spec)) {
            throw ApiException.badRequest("InvalidParameter.ClusterSpec", "cluster_spec must be one of " + CLUSTER_SPECS + ", not '" + spec + "'.");
        }

        var id = state.newId("c", 32);
        var c = CloudState.object();
        c.put("cluster_id", id);
        c.put("name", name);
        c.put("region_id", region);
        c.put("cluster_type", type);
        c.put("cluster_spec", spec);
        c.put("profile", profile);
        c.put("init_version", version);
        c.put("current_version", version);
        c.put("vpc_id", vpcId);
        c.set("vswitch_ids", body.path("vswitch_ids").deepCopy());
        c.put("vswitch_id", String.join(",", vswitchIds));
        c.put("zone_id", state.get("VSwitch", vswitchIds.get(0)).map(v -> v.path("ZoneId").asText()).orElse(""));
        c.put("network_mode", "vpc");
        c.put("service_cidr", serviceCidr);
        if (flannel) {
            c.put("container_cidr", containerCidr);
            c.put("subnet_cidr", containerCidr);
        }
        c.put("proxy_mode", body.path("proxy_mode").asText("ipvs"));
        c.put("ip_stack", body.path("ip_stack").asText("ipv4"));
        c.put("node_cidr_mask", body.path("node_cidr_mask").asText("26"));
        c.put("cluster_domain", body.path("cluster_domain").asText("cluster.local"));
        c.put("deletion_protection", body.path("deletion_protection").asBoolean(false));
        c.put("resource_group_id", body.path("resource_group_id").asText(Vpc.defaultResourceGroup()));
        if (body.has("timezone")) {
            c.put("timezone", text(body, "timezone"));
        }
        c.put("private_zone", false);
        c.put("worker_ram_role_name", "KubernetesWorkerRole-" + state.newId("", 8) + "-" + state.newId("", 4));
        c.put("created", Network.beijing(state.now()));
        var tags = JsonNodeFactory.instance.arrayNode();
        tags.addObject().put("key", "ack.aliyun.com").put("value", id);
        body.path("tags").forEach(t -> tags.addObject().put("key", t.path("key").asText()).put("value", t.path("value").asText()));
        c.set("tags", tags);
        var window = c.putObject("maintenance_window");
        window.put("enable", false).put("maintenance_time", "").put("duration", "").put("weekly_period", "");
        if (body.path("maintenance_window").isObject()) {
            window.setAll((ObjectNode) body.path("maintenance_window").deepCopy());
        }
        var meta = CloudState.object();
        meta.putObject("Capabilities");
        meta.putObject("RRSAConfig").put("enabled", false);
        c.put("meta_data", meta.toString());

        // bookkeeping: what the Describe answers derive from, and what ACK created for the cluster
        c.put("_phase", "initial");
        c.put("_public", body.path("endpoint_public_access").asBoolean(false));
        c.set("_addons", addons.deepCopy());
        c.set("_pod_vswitch_ids", body.path("pod_vswitch_ids").deepCopy());
        c.set("_controlplane_log", controlPlaneLogOf(body, id));
        c.set("_audit", auditOf(body, id));
        c.put("_slb", state.newId("lb-", 23));
        if (body.hasNonNull("security_group_id")) {
            var sg = text(body, "security_group_id");
            state.get("SecurityGroup", sg).filter(g -> vpcId.equals(g.path("VpcId").asText())).orElseThrow(() ->
                    ApiException.badRequest("InvalidSecurityGroupId.NotFound", "The security group '" + sg + "' does not exist in " + vpcId + "."));
            c.put("security_group_id", sg);
        } else {
            // ACK creates the cluster's security group (resource_alicloud_cs_managed_kubernetes.go reads it back as security_group_id)
            c.put("security_group_id", Network.newSecurityGroup(state, region, vpcId, "alicloud-cs-auto-created-security-group-" + id,
                    "security group of ACK cluster " + id, id));
            c.put("_created_sg", c.path("security_group_id").asText());
        }
        if (body.path("snat_entry").asBoolean(false)) {
            c.put("_created_nat", Network.newNatGateway(state, region, vpcId, vswitchIds.get(0), id));
        }
        state.create(CLUSTER, id, region, c, timing.ms(CLUSTER_CREATE));
        hosts.server(id, region, false);
        var task = newTask(state, region, id, "cluster_create", CLUSTER, id, 0);
        var out = CloudState.object();
        out.put("cluster_id", id);
        out.put("task_id", task);
        return out;
    }

    /** The cluster, or ACK's not-found answer (404 {@code ErrorClusterNotFound}: NotFoundError and IsExpectedErrors both match it). */
    private ObjectNode cluster(CloudState state, String id) {
        return live(state, id).orElseThrow(() -> ApiException.notFound("ErrorClusterNotFound", "cluster " + id + " not found."));
    }

    /** The cluster unless its deletion has finished (then it is removed, with what ACK created for it). */
    private Optional<ObjectNode> live(CloudState state, String id) {
        var c = state.get(CLUSTER, id);
        if (c.isPresent() && "deleting".equals(c.get().path("_phase").asText()) && state.ready(c.get())) {
            state.find(NODE_POOL, p -> id.equals(p.path("_cluster").asText()))
                    .forEach(p -> state.remove(NODE_POOL, p.path("nodepool_info").path("nodepool_id").asText()));
            Network.removeCreated(state, "SecurityGroup", c.get().path("_created_sg").asText());
            Network.removeCreated(state, "NatGateway", c.get().path("_created_nat").asText());
            state.remove(CLUSTER, id);
            return Optional.empty();
        }
        return c;
    }

    /**
     * The cluster's state as ACK reports it, settling what has finished: {@code initial} until its time
     * has passed and its API server is up, {@code updating}/{@code upgrading} for a change, then
     * {@code running}; {@code failed} when the API server could not be had; {@code deleting}.
     */
    String clusterState(CloudState state, ObjectNode c) {
        var phase = c.path("_phase").asText();
        switch (phase) {
            case "initial" -> {
                if (!state.ready(c)) {
                    hosts.server(c.path("cluster_id").asText(), CloudState.region(c), false);
                    return phase;
                }
                var server = hosts.server(c.path("cluster_id").asText(), CloudState.region(c), false);
                if (server.phase() == ControlPlanes.Server.Phase.STARTING) {
                    return phase;
                }
                if (server.phase() == ControlPlanes.Server.Phase.FAILED) {
                    c.put("_phase", "failed");
                    c.put("_error", server.problem());
                } else {
                    c.put("_phase", "running");
                    c.put("_endpoint", server.endpoint());
                }
                state.save();
                return c.path("_phase").asText();
            }
            case "updating", "upgrading" -> {
                if (!state.ready(c)) {
                    return phase;
                }
                if (c.has("_next_version")) {
                    c.put("current_version", c.path("_next_version").asText());
                    c.remove("_next_version");
                }
                c.put("_phase", "running");
                state.save();
                return "running";
            }
            default -> {
                return phase;
            }
        }
    }

    private ObjectNode describeCluster(CloudState state, String id) {
        var c = cluster(state, id);
        var out = CloudState.view(c);
        out.put("state", clusterState(state, c));
        out.put("size", state.find(NODE_POOL, p -> id.equals(p.path("_cluster").asText()))
                .stream().mapToLong(p -> p.path("scaling_group").path("desired_size").asLong(0)).sum());
        out.put("updated", Network.beijing(c.path("_readyAt").asLong(state.now())));
        out.put("external_loadbalancer_id", c.path("_slb").asText());
        var endpoint = c.path("_endpoint").asText("");
        var master = CloudState.object();
        master.put("api_server_endpoint", c.path("_public").asBoolean() ? endpoint : "");
        master.put("intranet_api_server_endpoint", endpoint);
        out.put("master_url", endpoint.isEmpty() ? "" : master.toString());
        var parameters = out.putObject("parameters");
        parameters.put("ServiceCIDR", c.path("service_cidr").asText());
        parameters.put("ProxyMode", c.path("proxy_mode").asText());
        parameters.put("KubernetesVersion", c.path("current_version").asText());
        return out;
    }

    private Object deleteCluster(ApiRequest request, CloudState state, Matcher path) {
        var id = path.group(1);
        var c = cluster(state, id);
        if (c.path("deletion_protection").asBoolean(false)) {
            throw ApiException.badRequest("ErrorDeletionProtection", "Cluster " + id + " has deletion protection on: turn it off "
                    + "(ModifyCluster deletion_protection=false) before deleting it.");
        }
        if (!"deleting".equals(c.path("_phase").asText())) {
            hosts.delete(id);
        }
        return change(state, c, "deleting", CLUSTER_DELETE, "cluster_delete");
    }

    /** Puts the cluster in {@code phase} for (the scaled) {@code real}, and answers with the task that follows it. */
    private ObjectNode change(CloudState state, ObjectNode c, String phase, Duration real, String taskType) {
        var id = c.path("cluster_id").asText();
        if (!phase.equals(c.path("_phase").asText())) {
            c.put("_phase", phase);
            state.changing(c, timing.ms(real));
        }
        var out = CloudState.object();
        out.put("cluster_id", id);
        out.put("task_id", newTask(state, CloudState.region(c), id, taskType, CLUSTER, id, 0));
        return out;
    }

    private Object modifyCluster(ApiRequest request, CloudState state, Matcher path) {
        var id = path.group(1);
        var c = running(state, id);
        var body = request.body();
        body.fieldNames().forEachRemaining(key -> {
            if (!MODIFY_KEYS.contains(key)) {
                throw ApiException.notImplemented(request, "ModifyCluster parameter '" + key + "'");
            }
        });
        if (body.has("vswitch_ids")) {
            Network.vswitches(state, c.path("vpc_id").asText(), strings(body.path("vswitch_ids")));
            c.set("vswitch_ids", body.path("vswitch_ids").deepCopy());
            c.put("vswitch_id", String.join(",", strings(body.path("vswitch_ids"))));
        }
        if (body.has("security_group_id")) {
            var sg = text(body, "security_group_id");
            state.get("SecurityGroup", sg).filter(g -> c.path("vpc_id").asText().equals(g.path("VpcId").asText())).orElseThrow(() ->
                    ApiException.badRequest("InvalidSecurityGroupId.NotFound", "The security group '" + sg + "' does not exist in the cluster's VPC."));
            c.put("security_group_id", sg);
        }
        if (body.has("cluster_name")) {
            c.put("name", text(body, "cluster_name"));
        }
        if (body.has("deletion_protection")) {
            c.put("deletion_protection", body.path("deletion_protection").asBoolean());
        }
        if (body.has("resource_group_id")) {
            c.put("resource_group_id", text(body, "resource_group_id"));
        }
        if (body.has("timezone")) {
            c.put("timezone", text(body, "timezone"));
        }
        if (body.path("maintenance_window").isObject()) {
            ((ObjectNode) c.path("maintenance_window")).setAll((ObjectNode) body.path("maintenance_window").deepCopy());
        }
        return change(state, c, "updating", CLUSTER_MODIFY, "cluster_update");
    }

    private Object upgradeCluster(ApiRequest request, CloudState state, Matcher path) {
        var id = path.group(1);
        var c = running(state, id);
        var next = text(request.body(), "next_version");
        if (!facts.describesKubernetesVersion(next)) {
            throw ApiException.badRequest("InvalidParameter.NextVersion", "ACK does not offer Kubernetes '" + next + "' (offered: " + sortedVersions() + ").");
        }
        if (VERSION_ORDER.compare(next, c.path("current_version").asText()) <= 0) {
            throw ApiException.badRequest("InvalidParameter.NextVersion", "Cluster " + id + " runs " + c.path("current_version").asText()
                    + "; it can only be upgraded to a newer version, not to " + next + ".");
        }
        c.put("_next_version", next);
        return change(state, c, "upgrading", CLUSTER_UPGRADE, "cluster_upgrade");
    }

    private Object modifyTags(ApiRequest request, CloudState state, Matcher path) {
        var c = running(state, path.group(1));
        if (!request.body().isArray()) {
            throw ApiException.badRequest("InvalidParameter", "ModifyClusterTags takes a JSON list of {key, value}.");
        }
        var tags = JsonNodeFactory.instance.arrayNode();
        c.path("tags").forEach(t -> {
            if (t.path("key").asText().equals("ack.aliyun.com")) {
                tags.add(t.deepCopy());
            }
        });
        request.body().forEach(t -> tags.addObject().put("key", t.path("key").asText()).put("value", t.path("value").asText()));
        c.set("tags", tags);
        state.save();
        return CloudState.object();
    }

    /** A cluster a change can be made to: it exists and is running. */
    private ObjectNode running(CloudState state, String id) {
        var c = cluster(state, id);
        var now = clusterState(state, c);
        if (!"running".equals(now)) {
            throw ApiException.badRequest("ErrorClusterState", "Cluster " + id + " is " + now + "; this needs it running.");
        }
        return c;
    }

    private ArrayNode resources(CloudState state, String id) {
        var c = cluster(state, id);
        var out = JsonNodeFactory.instance.arrayNode();
        resource(out, c, "ALIYUN::SLB::LoadBalancer", c.path("_slb").asText(), "k8s_master_slb");
        if (c.has("_created_sg")) {
            resource(out, c, "ALIYUN::ECS::SecurityGroup", c.path("_created_sg").asText(), "k8s_sg");
        }
        if (c.has("_created_nat")) {
            resource(out, c, "ALIYUN::VPC::NatGateway", c.path("_created_nat").asText(), "k8s_nat_gateway");
        }
        return out;
    }

    private static void resource(ArrayNode into, ObjectNode c, String type, String instance, String logicalId) {
        var info = CloudState.object();
        info.put("Id", logicalId).put("Name", logicalId).put("Type", type).put("Status", "CREATE_COMPLETE").put("PhysicalId", instance);
        into.addObject().put("cluster_id", c.path("cluster_id").asText()).put("created", c.path("created").asText())
                .put("instance_id", instance).put("resource_type", type).put("resource_info", info.toString())
                .put("state", "CREATE_COMPLETE").put("auto_create", 1);
    }

    /**
     * The API server's kubeconfig (the {@link ClusterHost}'s). {@code PrivateIpAddress=false} (what the
     * provider always asks) wants the public endpoint, which only a cluster created with
     * {@code endpoint_public_access} has. With {@code TemporaryDurationMinutes} (15-4320) the answer
     * expires then, and, as a temporary credential of the real API is a new one on every call, its text
     * differs from the last (a comment line with the expiry: the sandbox cannot mint certificates); without,
     * it is the cluster's long-lived credential, the same text every time.
     */
    private ObjectNode kubeconfig(ApiRequest request, CloudState state, Matcher path) {
        var id = path.group(1);
        var c = cluster(state, id);
        var now = clusterState(state, c);
        if (!Set.of("running", "updating", "upgrading").contains(now)) {
            throw ApiException.badRequest("ErrorClusterState", "Cluster " + id + " is " + now + ": it has no kubeconfig"
                    + (c.has("_error") ? " (" + c.path("_error").asText() + ")" : "") + ".");
        }
        var internal = request.param("PrivateIpAddress").map(Boolean::parseBoolean).orElse(false);
        if (!internal && !c.path("_public").asBoolean()) {
            throw ApiException.badRequest("ErrorClusterEndpoint", "Cluster " + id + " has no public API server endpoint "
                    + "(created without endpoint_public_access); ask with PrivateIpAddress=true.");
        }
        var minutes = request.param("TemporaryDurationMinutes").map(ContainerService::minutes);
        var server = hosts.server(id, CloudState.region(c), false);
        var config = server.kubeconfigOf("cluster " + id);
        if (!server.endpoint().equals(c.path("_endpoint").asText())) {
            c.put("_endpoint", server.endpoint());
            state.save();
        }
        var expires = state.now() + minutes.map(m -> Duration.ofMinutes(m)).orElse(KUBECONFIG_VALIDITY).toMillis();
        var out = CloudState.object();
        out.put("config", minutes.isPresent() ? "# temporary credential, expires " + Rpc.time(expires) + "\n" + config : config);
        out.put("expiration", Rpc.time(expires));
        return out;
    }

    private static int minutes(String value) {
        try {
            var m = Integer.parseInt(value);
            if (m >= 15 && m <= 4320) {
                return m;
            }
        } catch (NumberFormatException e) {
            // the same answer as out of range
        }
        throw ApiException.badRequest("InvalidParameter.TemporaryDurationMinutes",
                "TemporaryDurationMinutes must be 15 to 4320 (minutes), not '" + value + "'.");
    }

    private static ObjectNode controlPlaneLogOf(JsonNode body, String id) {
        var log = CloudState.object();
        var components = log.putArray("components");
        body.path("controlplane_log_components").forEach(c -> components.add(c.asText()));
        if (!components.isEmpty()) {
            log.put("log_ttl", body.path("controlplane_log_ttl").asText("30"));
            log.put("log_project", body.path("controlplane_log_project").asText("k8s-log-" + id));
        }
        return log;
    }

    private static ObjectNode auditOf(JsonNode body, String id) {
        var audit = CloudState.object();
        var on = body.path("audit_log_config").path("enabled").asBoolean(false);
        audit.put("audit_enabled", on);
        audit.put("sls_project_name", on ? body.path("audit_log_config").path("sls_project_name").asText("k8s-log-" + id) : "");
        return audit;
    }

    private ObjectNode controlPlaneLog(CloudState state, String id) {
        return (ObjectNode) cluster(state, id).path("_controlplane_log").deepCopy();
    }

    private ObjectNode audit(CloudState state, String id) {
        return (ObjectNode) cluster(state, id).path("_audit").deepCopy();
    }

    // ---------------------------------------------------------------- tasks

    /** A task that succeeds once {@code kind}/{@code target} settles (or is gone, for a deletion). */
    private String newTask(CloudState state, String region, String clusterId, String type, String kind, String target, long delayMs) {
        var id = "T-" + state.newId("", 24);
        var t = CloudState.object();
        t.put("task_id", id);
        t.put("cluster_id", clusterId);
        t.put("task_type", type);
        t.put("created", Network.beijing(state.now()));
        t.putObject("target").put("id", target).put("type", kind.equals(CLUSTER) ? "cluster" : "nodepool");
        t.put("_kind", kind);
        t.put("_target", target);
        state.create(TASK, id, region, t, delayMs);
        return id;
    }

    private ObjectNode task(CloudState state, String id) {
        var t = state.require(TASK, id, "ErrorTaskNotFound");
        var out = CloudState.view(t);
        var target = t.path("_target").asText();
        String settled;
        String problem = "";
        if (!state.ready(t)) {
            settled = "running";
        } else if (t.path("_kind").asText().equals(CLUSTER)) {
            var c = live(state, target);
            settled = c.map(x -> switch (clusterState(state, x)) {
                case "running" -> "success";
                case "failed" -> "failed";
                default -> "running";
            }).orElse("success");
            problem = c.map(x -> x.path("_error").asText("")).orElse("");
        } else {
            var p = livePool(state, t.path("cluster_id").asText(), target);
            settled = p.map(x -> switch (nodePoolState(state, x)) {
                case "active" -> "success";
                case "failed" -> "failed";
                default -> "running";
            }).orElse("success");
        }
        out.put("state", settled);
        out.put("updated", Network.beijing(state.now()));
        if (settled.equals("failed")) {
            out.putObject("error").put("code", "Sandbox.ApiServerFailed").put("message", problem);
        }
        return out;
    }

    // ---------------------------------------------------------------- versions

    /** Kubernetes versions compared by their numbers ({@code 1.30.7-aliyun.1}). */
    static final Comparator<String> VERSION_ORDER = Comparator.comparing(ContainerService::numbers, Arrays::compare);

    private static int[] numbers(String version) {
        return Pattern.compile("[^0-9]+").splitAsStream(version).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }

    private List<String> sortedVersions() {
        return facts.kubernetesVersions().keySet().stream().sorted(VERSION_ORDER).toList();
    }

    private Optional<String> newestVersion() {
        return facts.kubernetesVersions().keySet().stream().max(VERSION_ORDER);
    }

    /**
     * The versions ACK offers (reference/cloud-facts/kubernetes-versions.json, through {@link CloudFacts}),
     * each creatable, with the newer ones as its upgrade targets; with {@code KubernetesVersion}, that
     * one only (none when it is not offered, which {@code KubernetesVersionCheck} reports).
     */
    private ArrayNode versions(ApiRequest request) {
        var type = request.param("ClusterType").orElse("ManagedKubernetes");
        if (!Set.of("Kubernetes", "ManagedKubernetes").contains(type)) {
            throw ApiException.notImplemented(request, "ClusterType '" + type + "'");
        }
        var profile = request.param("Profile").orElse("Default");
        if (!"Default".equals(profile)) {
            throw ApiException.notImplemented(request, "Profile '" + profile + "'");
        }
        var wanted = request.param("KubernetesVersion");
        var all = sortedVersions();
        var out = JsonNodeFactory.instance.arrayNode();
        for (var version : all) {
            if (wanted.isPresent() && !wanted.get().equals(version)) {
                continue;
            }
            var row = out.addObject();
            row.put("version", version);
            row.put("creatable", true);
            row.putArray("runtimes").addObject().put("name", RUNTIME).put("version", RUNTIME_VERSION);
            var upgrades = row.putArray("upgradable_versions");
            all.stream().filter(v -> VERSION_ORDER.compare(v, version) > 0).forEach(upgrades::add);
        }
        return out;
    }

    // ---------------------------------------------------------------- node pools

    private Optional<ObjectNode> livePool(CloudState state, String clusterId, String poolId) {
        var p = state.get(NODE_POOL, poolId).filter(x -> clusterId.equals(x.path("_cluster").asText()));
        if (p.isPresent() && "deleting".equals(p.get().path("_phase").asText()) && state.ready(p.get())) {
            state.remove(NODE_POOL, poolId);
            return Optional.empty();
        }
        return p;
    }

    private ObjectNode pool(CloudState state, String clusterId, String poolId) {
        cluster(state, clusterId);
        return livePool(state, clusterId, poolId).orElseThrow(() ->
                ApiException.notFound("ErrorNodePoolNotFound", "node pool " + poolId + " not found in cluster " + clusterId + "."));
    }

    /** {@code initial} until its time has passed and its cluster runs, {@code scaling}/{@code updating} for a change, then {@code active}. */
    String nodePoolState(CloudState state, ObjectNode p) {
        var phase = p.path("_phase").asText();
        if (Set.of("initial", "scaling", "updating").contains(phase) && state.ready(p)) {
            var c = live(state, p.path("_cluster").asText());
            var clusterNow = c.map(x -> clusterState(state, x)).orElse("deleting");
            if (clusterNow.equals("failed")) {
                p.put("_phase", "failed");
                state.save();
            } else if (!phase.equals("initial") || clusterNow.equals("running") || clusterNow.equals("updating") || clusterNow.equals("upgrading")) {
                p.put("_phase", "active");
                state.save();
            }
        }
        return p.path("_phase").asText();
    }

    private Object createNodePool(ApiRequest request, CloudState state, Matcher path) {
        var clusterId = path.group(1);
        var c = cluster(state, clusterId);
        var body = request.body();
        checkSections(request, body);
        if (body.has("count")) {
            throw ApiException.notImplemented(request, "CreateClusterNodePool 'count' (the sandbox sizes node pools by scaling_group.desired_size)");
        }
        var now = clusterState(state, c);
        if (!Set.of("running", "updating", "upgrading").contains(now)) {
            throw ApiException.badRequest("ErrorClusterState", "Cluster " + clusterId + " is " + now + "; node pools are added to a running cluster.");
        }
        var info = body.path("nodepool_info");
        var name = info.path("name").asText("");
        if (name.isEmpty()) {
            throw ApiException.badRequest("MissingParameter", "nodepool_info.name is mandatory for CreateClusterNodePool.");
        }
        var group = body.path("scaling_group");
        checkScalingGroup(state, c, group, true);

        var id = state.newId("np", 32);
        var p = CloudState.object();
        for (var section : NODE_POOL_SECTIONS) {
            if (body.path(section).isObject()) {
                p.set(section, body.path(section).deepCopy());
            }
        }
        var pi = p.with("nodepool_info");
        pi.put("nodepool_id", id);
        pi.put("region_id", CloudState.region(c));
        pi.put("created", Network.beijing(state.now()));
        pi.put("is_default", false);
        if (!pi.has("resource_group_id")) {
            pi.put("resource_group_id", c.path("resource_group_id").asText());
        }
        if (!pi.has("type")) {
            pi.put("type", "ess");
        }
        var sg = p.with("scaling_group");
        sg.remove("login_password");
        sg.put("scaling_group_id", state.newId("asg-", 20));
        sg.put("security_group_id", c.path("security_group_id").asText());
        sg.putArray("security_group_ids").add(c.path("security_group_id").asText());
        defaults(sg, "instance_charge_type", "PostPaid");
        defaults(sg, "image_type", "AliyunLinux3");
        defaults(sg, "image_id", "aliyun_3_x64_20G_alibase_20240819.vhd");
        defaults(sg, "platform", "AliyunLinux");
        defaults(sg, "multi_az_policy", "PRIORITY");
        defaults(sg, "spot_strategy", "NoSpot");
        defaults(sg, "scaling_policy", "release");
        defaults(sg, "system_disk_category", "cloud_efficiency");
        defaults(sg, "ram_role_name", c.path("worker_ram_role_name").asText());
        if (!sg.has("system_disk_categories")) {
            sg.putArray("system_disk_categories").add(sg.path("system_disk_category").asText());
        }
        if (!sg.has("desired_size")) {
            sg.put("desired_size", 0);
        }
        var kc = p.with("kubernetes_config");
        defaults(kc, "runtime", RUNTIME);
        defaults(kc, "runtime_version", RUNTIME_VERSION);
        defaults(kc, "cpu_policy", "none");
        p.put("_cluster", clusterId);
        p.put("_phase", "initial");
        state.create(NODE_POOL, id, CloudState.region(c), p, timing.ms(NODE_POOL_CREATE));
        var out = CloudState.object();
        out.put("nodepool_id", id);
        out.put("task_id", newTask(state, CloudState.region(c), clusterId, "nodepool_create", NODE_POOL, id, 0));
        return out;
    }

    private static void defaults(ObjectNode node, String field, String value) {
        if (!node.hasNonNull(field) || node.path(field).asText().isEmpty()) {
            node.put(field, value);
        }
    }

    private static void checkSections(ApiRequest request, JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("InvalidParameter", "The node pool call takes a JSON object.");
        }
        body.fieldNames().forEachRemaining(key -> {
            if (!NODE_POOL_SECTIONS.contains(key) && !key.equals("count") && !key.equals("update_nodes")) {
                throw ApiException.notImplemented(request, "node pool parameter '" + key + "'");
            }
        });
    }

    private static void checkScalingGroup(CloudState state, ObjectNode cluster, JsonNode group, boolean create) {
        var vpc = cluster.path("vpc_id").asText();
        if (create || group.has("vswitch_ids")) {
            var ids = strings(group.path("vswitch_ids"));
            if (ids.isEmpty()) {
                throw ApiException.badRequest("MissingParameter", "scaling_group.vswitch_ids is mandatory.");
            }
            Network.vswitches(state, vpc, ids);
        }
        if ((create || group.has("instance_types")) && strings(group.path("instance_types")).isEmpty()) {
            throw ApiException.badRequest("MissingParameter", "scaling_group.instance_types is mandatory.");
        }
        if (create && group.path("key_pair").asText("").isEmpty() && group.path("login_password").asText("").isEmpty()) {
            throw ApiException.badRequest("MissingParameter", "A node pool needs scaling_group.key_pair or scaling_group.login_password.");
        }
        if (group.has("desired_size") && (!group.path("desired_size").canConvertToLong() || group.path("desired_size").asLong() < 0)) {
            throw ApiException.badRequest("InvalidParameter.DesiredSize", "scaling_group.desired_size must be a whole number >= 0, not "
                    + group.path("desired_size") + ".");
        }
        if (group.has("system_disk_category") && !DISK_CATEGORIES.contains(group.path("system_disk_category").asText())) {
            throw ApiException.badRequest("InvalidParameter.SystemDiskCategory", "system_disk_category must be one of " + DISK_CATEGORIES
                    + ", not '" + group.path("system_disk_category").asText() + "'.");
        }
    }

    private ObjectNode describeNodePool(CloudState state, String clusterId, String poolId) {
        var p = pool(state, clusterId, poolId);
        var out = CloudState.view(p);
        var now = nodePoolState(state, p);
        var size = p.path("scaling_group").path("desired_size").asLong(0);
        var up = now.equals("active") || now.equals("updating") ? size : 0;
        var status = out.putObject("status");
        status.put("state", now);
        status.put("total_nodes", now.equals("initial") ? 0 : size);
        status.put("healthy_nodes", up);
        status.put("serving_nodes", up);
        status.put("initial_nodes", now.equals("initial") || now.equals("scaling") ? size : 0);
        status.put("failed_nodes", 0);
        status.put("offline_nodes", 0);
        status.put("removing_nodes", 0);
        status.put("spot_nodes", 0);
        out.with("nodepool_info").put("updated", Network.beijing(p.path("_readyAt").asLong(state.now())));
        return out;
    }

    private Object modifyNodePool(ApiRequest request, CloudState state, Matcher path) {
        var clusterId = path.group(1);
        var p = pool(state, clusterId, path.group(2));
        var body = request.body();
        checkSections(request, body);
        if (body.has("count")) {
            throw ApiException.notImplemented(request, "ModifyClusterNodePool 'count' (node_count without desired_size)");
        }
        var now = nodePoolState(state, p);
        if (!now.equals("active")) {
            throw ApiException.badRequest("ErrorNodePoolState", "Node pool " + path.group(2) + " is " + now + "; it can be changed when active.");
        }
        var c = cluster(state, clusterId);
        checkScalingGroup(state, c, body.path("scaling_group"), false);
        var resized = body.path("scaling_group").has("desired_size")
                && body.path("scaling_group").path("desired_size").asLong() != p.path("scaling_group").path("desired_size").asLong();
        for (var section : NODE_POOL_SECTIONS) {
            if (body.path(section).isObject()) {
                var merged = p.with(section);
                merged.setAll((ObjectNode) body.path(section).deepCopy());
                merged.remove("login_password");
            }
        }
        p.put("_phase", resized ? "scaling" : "updating");
        state.changing(p, timing.ms(NODE_POOL_MODIFY));
        var out = CloudState.object();
        out.put("task_id", newTask(state, CloudState.region(p), clusterId, "nodepool_update", NODE_POOL, path.group(2), 0));
        return out;
    }

    private Object deleteNodePool(ApiRequest request, CloudState state, Matcher path) {
        var clusterId = path.group(1);
        var p = pool(state, clusterId, path.group(2));
        if (!"deleting".equals(p.path("_phase").asText())) {
            p.put("_phase", "deleting");
            state.changing(p, timing.ms(NODE_POOL_DELETE));
        }
        var out = CloudState.object();
        out.put("task_id", newTask(state, CloudState.region(p), clusterId, "nodepool_delete", NODE_POOL, path.group(2), 0));
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static String text(JsonNode node, String field) {
        return node.path(field).isValueNode() ? node.path(field).asText("") : "";
    }

    private static List<String> strings(JsonNode list) {
        var out = new ArrayList<String>();
        list.forEach(v -> out.add(v.asText()));
        return out;
    }
}
