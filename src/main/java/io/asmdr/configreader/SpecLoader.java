package io.asmdr.configreader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.config.AppSpec;
import io.asmdr.config.BookinfoSpec;
import io.asmdr.config.CenSpec;
import io.asmdr.config.Cidr;
import io.asmdr.config.ClusterSpec;
import io.asmdr.config.ControlPlane;
import io.asmdr.config.Cni;
import io.asmdr.config.ConfigSchema;
import io.asmdr.config.DeploymentOptions;
import io.asmdr.config.GlobalEntrySpec;
import io.asmdr.config.IngressGatewaySpec;
import io.asmdr.config.IstioApi;
import io.asmdr.config.MeshSpec;
import io.asmdr.config.NetworkSpec;
import io.asmdr.config.NodeLogin;
import io.asmdr.config.NodePoolSpec;
import io.asmdr.config.RegionSpec;
import io.asmdr.config.StackSpec;
import io.asmdr.config.TrafficSpec;
import io.asmdr.config.VSwitchSpec;
import io.asmdr.config.VpcSpec;
import io.asmdr.validation.ConfigNamespaces;
import io.asmdr.validation.Problems;
import io.asmdr.validation.SpecException;
import io.asmdr.validation.SpecValidator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.TreeSet;

/**
 * Stack config to {@link StackSpec}: parses every {@code asm-dr:*} key, fills defaults, then runs
 * the cross-field rules of {@link SpecValidator}. Either a complete, valid spec comes out or a
 * {@link SpecException} listing every problem; nothing else in the program reads config.
 */
public final class SpecLoader {
    public static final String NAMESPACE = "asm-dr";
    public static final String NODE_PASSWORD_KEY = "nodePassword";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecLoader() {}

    public static StackSpec load(ConfigSource source) {
        return load(source, List.of());
    }

    /**
     * The spec, with every key the stack sets ({@code allKeys}, every namespace) checked too: a key in
     * another namespace that nothing reads is a problem like an unknown asm-dr key.
     */
    public static StackSpec load(ConfigSource source, Collection<String> allKeys) {
        // keys in other namespaces are independent of the rest: reported with them, first, never instead of them
        var foreign = new Problems();
        ConfigNamespaces.check(allKeys, foreign);
        var problems = new Problems();
        var root = JSON.createObjectNode();
        for (var key : new TreeSet<>(source.keys())) {
            var fullKey = NAMESPACE + ":" + key;
            boolean secret = source.isSecret(key);
            if (ConfigSchema.SECRET_KEYS.contains(key)) {
                if (!secret) {
                    problems.add(fullKey, "(plain text)", "is stored in plain text in the stack file, where everyone who can read the repository sees it",
                            "remove it from the file and run `pulumi config set --secret " + fullKey + "`");
                }
                continue;
            }
            if (secret && ConfigSchema.ROOT.fields().containsKey(key)) {
                problems.add(fullKey, "(secret)", "is set as a secret (secure:), but it is plain configuration the program must read",
                        "set it again without --secret: `pulumi config rm " + fullKey + "`, then `pulumi config set " + fullKey + " …`"
                                + " (or `pulumi config set --path` for one field)");
                continue;
            }
            // an unknown secret key is still an unknown key; its value is never shown
            root.set(key, secret ? JSON.getNodeFactory().textNode("[secret]") : source.get(key).map(SpecLoader::decode).orElse(null));
        }
        // how a value is stored comes first: a secret `regions` would otherwise also read as "regions is required"
        throwIfAny(foreign, problems);
        var spec = parse(new ConfigNode(root, NAMESPACE + ":", problems, ConfigSchema.ROOT), source.hasSecret(NODE_PASSWORD_KEY), problems);
        if (spec == null && root.path("regions").isArray()) {
            SpecValidator.regionCount(root.path("regions").size(), problems); // with the problems that stopped the spec
        }
        throwIfAny(foreign, problems);
        SpecValidator.validate(spec, problems);
        throwIfAny(foreign, problems);
        foreign.throwIfAny();
        return spec.canonical();
    }

    /** Stops at this stage's problems, with the independent ones of other namespaces first. */
    private static void throwIfAny(Problems foreign, Problems problems) {
        if (!problems.isEmpty()) {
            problems.prepend(foreign);
            problems.throwIfAny();
        }
    }

    /** Structured values arrive JSON-encoded; scalars may arrive bare ({@code true}, {@code 10}, {@code none}). */
    private static JsonNode decode(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (Exception notJson) {
            return JSON.getNodeFactory().textNode(raw);
        }
    }

    private static StackSpec parse(ConfigNode root, boolean nodePasswordSet, Problems problems) {
        var regionNodes = root.list("regions", "list two or more regions, each with region, vpc, vswitches and cluster");
        var regions = new ArrayList<RegionSpec>();
        for (var r : regionNodes) {
            parseRegion(r, nodePasswordSet).ifPresent(regions::add);
        }
        var mesh = root.object("mesh", "set the mesh region, its own VPC and its vSwitches").flatMap(m -> parseMesh(m, regions));
        var cen = root.optionalObject("cen")
                .map(c -> new CenSpec(c.stringOr("name", "asm-dr-cen"), c.optionalInteger("crossRegionBandwidthMbps").orElse(10)))
                .orElse(new CenSpec("asm-dr-cen", 10));
        var app = root.optionalObject("app").map(a -> new AppSpec(a.stringOr("namespace", "default"), a.stringOr("imageRegistry", AppSpec.DEFAULT_REGISTRY)))
                .orElse(new AppSpec("default", AppSpec.DEFAULT_REGISTRY));
        var traffic = root.has("traffic")
                ? root.object("traffic", "set mode and its rules").flatMap(SpecLoader::parseTraffic)
                : Optional.of(new TrafficSpec(TrafficSpec.Mode.NONE, List.of(), List.of(), Optional.empty(), Optional.empty()));
        var unavailable = root.optionalList("unavailableRegions").stream()
                .map(r -> r.asString("write a region id, e.g. cn-shanghai")).flatMap(Optional::stream).collect(Collectors.toSet());
        var options = new DeploymentOptions(root.optionalBoolean("protect").orElse(false), root.optionalInteger("kubeconfigTtlMinutes"),
                unavailable);
        if (mesh.isEmpty() || traffic.isEmpty() || regions.size() != regionNodes.size()) {
            return null; // problems were recorded; load() throws before anyone sees this
        }
        var globalEntry = root.optionalObject("globalEntry").flatMap(SpecLoader::parseGlobalEntry);
        if (root.has("globalEntry") && globalEntry.isEmpty()) {
            return null;
        }
        return new StackSpec(regions, mesh.get(), cen, app, traffic.get(), options, globalEntry);
    }

    private static Optional<GlobalEntrySpec> parseGlobalEntry(ConfigNode g) {
        var kind = g.choice("kind", GlobalEntrySpec.Kind::parse, "ga or gtm", "gtm");
        var domain = g.string("domain", "name the domain clients use, e.g. bookinfo.example.com");
        var listed = g.optionalList("monitorNodes").stream()
                .map(n -> new GlobalEntrySpec.MonitorNode(n.stringOr("cityCode", ""), n.stringOr("ispCode", ""))).toList();
        // unset: the provider documentation's example node (terraform-provider-alicloud v1.285.0 website/docs/r/alidns_monitor_config.html.markdown)
        var nodes = listed.isEmpty() ? List.of(new GlobalEntrySpec.MonitorNode("503", "465")) : listed;
        var ga = kind.orElse(GlobalEntrySpec.Kind.GTM) == GlobalEntrySpec.Kind.GA;
        if (kind.isEmpty() || domain.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GlobalEntrySpec(kind.get(), domain.get(), g.stringOr("edition", "standard"), g.optionalInteger("ttl").orElse(60),
                // GA: the smallest threshold count its API takes (2); GTM: 2 of its 1-3
                g.optionalInteger("failures").orElse(2), g.optionalInteger("timeout").orElse(3000), g.optionalInteger("period").orElse(1),
                List.copyOf(nodes), g.optionalInteger("healthCheckTasks").orElse(GlobalEntrySpec.DEFAULT_HEALTH_CHECK_TASKS),
                // GA: the smallest interval its API takes (1 s); GTM: the only one its provider takes (60 s)
                g.optionalInteger("interval").orElse(ga ? 1 : GlobalEntrySpec.INTERVAL_SECONDS),
                g.stringOr("accelerateRegion", ga ? "cn-shenzhen" : ""), g.optionalInteger("bandwidth").orElse(ga ? 20 : 0), g.keys()));
    }

    private static Optional<NetworkSpec> parseNetwork(ConfigNode n, String region) {
        var vpc = n.object("vpc", "give the VPC a name and a CIDR, e.g. { name: vpc-hangzhou, cidr: 20.0.0.0/8 }")
                .flatMap(v -> {
                    var name = v.string("name", "name the VPC");
                    var cidr = v.cidr("cidr", "give the VPC an IPv4 CIDR such as 20.0.0.0/8");
                    return name.isPresent() && cidr.isPresent() ? Optional.of(new VpcSpec(name.get(), cidr.get())) : Optional.empty();
                });
        var nodes = n.list("vswitches", "list the VPC's vSwitches, in at least two zones");
        var vswitches = parseVswitches(nodes);
        if (vpc.isEmpty() || vswitches.size() != nodes.size()) {
            return Optional.empty();
        }
        return Optional.of(new NetworkSpec(region, vpc.get(), vswitches));
    }

    private static List<VSwitchSpec> parseVswitches(List<ConfigNode> nodes) {
        var out = new ArrayList<VSwitchSpec>();
        for (var s : nodes) {
            var name = s.string("name", "name the vSwitch");
            var cidr = s.cidr("cidr", "give the vSwitch an IPv4 CIDR inside its VPC");
            var zone = s.string("zone", "set the zone the vSwitch lives in, e.g. cn-hangzhou-h");
            if (name.isPresent() && cidr.isPresent() && zone.isPresent()) {
                out.add(new VSwitchSpec(name.get(), cidr.get(), zone.get(), s.path()));
            }
        }
        return out;
    }

    private static Optional<RegionSpec> parseRegion(ConfigNode r, boolean nodePasswordSet) {
        var region = r.string("region", "set the Alibaba Cloud region id, e.g. cn-hangzhou");
        var network = parseNetwork(r, region.orElse(""));
        var cluster = r.object("cluster", "describe the region's ACK cluster (name, podCidr, serviceCidr, network, nodePool)")
                .flatMap(c -> parseCluster(c, nodePasswordSet));
        var bookinfo = r.optionalObject("bookinfo")
                .map(b -> new BookinfoSpec(b.stringOr("reviews", "v1"), b.optionalInteger("reviewsReplicas").orElse(1)))
                .orElse(new BookinfoSpec("v1", 1));
        if (region.isEmpty() || network.isEmpty() || cluster.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RegionSpec(region.get(), network.get(), cluster.get(), bookinfo));
    }

    private static Optional<ClusterSpec> parseCluster(ConfigNode c, boolean nodePasswordSet) {
        var name = c.string("name", "name the cluster, e.g. ack-hangzhou");
        var cni = c.choice("network", Cni::fromConfig, "flannel or terway", "flannel");
        Optional<Cidr> podCidr = c.has("podCidr") ? c.cidr("podCidr", "give the Pod network an IPv4 CIDR such as 10.0.0.0/16") : Optional.empty();
        var serviceCidr = c.cidr("serviceCidr", "give the Service network an IPv4 CIDR such as 172.16.0.0/16");
        var podVswitchNodes = c.optionalList("podVswitches");
        var podVswitches = parseVswitches(podVswitchNodes);
        var pool = c.object("nodePool", "describe the node pool: instanceTypes, size and keyPair")
                .flatMap(p -> parseNodePool(p, nodePasswordSet));
        var clusterSpec = c.stringOr("clusterSpec", "ack.pro.small");
        var version = c.optionalString("version");
        if (name.isEmpty() || cni.isEmpty() || serviceCidr.isEmpty() || pool.isEmpty() || podVswitches.size() != podVswitchNodes.size()) {
            return Optional.empty();
        }
        return Optional.of(new ClusterSpec(name.get(), cni.get(), podCidr, serviceCidr.get(), podVswitches, pool.get(), clusterSpec, version, c.path()));
    }

    private static Optional<NodePoolSpec> parseNodePool(ConfigNode p, boolean nodePasswordSet) {
        var typeNodes = p.list("instanceTypes", "list one or more ECS instance types, e.g. [ecs.g7.xlarge]");
        var types = typeNodes.stream().map(t -> t.asString("write the instance type as a string")).flatMap(Optional::stream).toList();
        var size = p.integer("size", "set how many nodes the pool keeps, 1 or more");
        var keyPair = p.optionalString("keyPair");
        Optional<NodeLogin> login;
        if (keyPair.isPresent() && nodePasswordSet) {
            p.problems().add(p.child("keyPair"), keyPair.get(), "is set together with the secret asm-dr:nodePassword",
                    "keep one: remove keyPair, or run `pulumi config rm asm-dr:nodePassword`");
            login = Optional.empty();
        } else if (keyPair.isPresent()) {
            login = Optional.of(new NodeLogin.KeyPair(keyPair.get()));
        } else if (nodePasswordSet) {
            login = Optional.of(new NodeLogin.SecretPassword());
        } else {
            p.problems().add(p.child("keyPair"), "(not set)", "nodes need a login and neither keyPair nor the secret asm-dr:nodePassword is set",
                    "name an existing ECS key pair here, or run `pulumi config set --secret asm-dr:nodePassword`");
            login = Optional.empty();
        }
        var diskCategory = p.stringOr("systemDiskCategory", "cloud_essd");
        var diskSize = p.optionalInteger("systemDiskSize").orElse(120);
        if (types.size() != typeNodes.size() || size.isEmpty() || login.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NodePoolSpec(types, size.get(), login.get(), diskCategory, diskSize));
    }

    private static Optional<MeshSpec> parseMesh(ConfigNode m, List<RegionSpec> regions) {
        var controlPlane = m.choice("controlPlane", ControlPlane::fromConfig, "single or perRegion", ControlPlane.SINGLE.configName());
        var perRegion = controlPlane.filter(c -> c == ControlPlane.PER_REGION).isPresent();
        Optional<String> region;
        Optional<NetworkSpec> network;
        if (perRegion) {
            // each instance lives in its own cluster's VPC (the multi-master guide pairs each cluster with its instance):
            // a mesh VPC would hold nothing, so its keys are refused rather than silently ignored
            for (var key : List.of("region", "vpc", "vswitches")) {
                if (m.has(key)) {
                    m.problems().add(m.child(key), "(set)", "with controlPlane perRegion every ASM instance lives in its own cluster's VPC,"
                                    + " so the mesh has no region or VPC of its own",
                            "delete " + m.child("region") + ", " + m.child("vpc") + " and " + m.child("vswitches")
                                    + ", or set " + m.child("controlPlane") + ": single");
                }
            }
            region = Optional.empty();
            network = Optional.empty();
        } else {
            region = m.string("region", "set the region of the ASM instance, e.g. cn-hangzhou");
            network = parseNetwork(m, region.orElse(""));
        }
        // the default gateway cluster is the one in the mesh's region, never "the first listed": region order must not matter
        var defaultGatewayCluster = regions.stream().filter(r -> r.region().equals(region.orElse(""))).map(r -> r.cluster().name())
                .findFirst().orElse("");
        var gatewayNode = m.optionalObject("ingressGateway");
        var gatewayList = m.optionalList("ingressGateways");
        var gateways = new ArrayList<IngressGatewaySpec>();
        if (!gatewayList.isEmpty()) {
            if (gatewayNode.isPresent()) {
                m.problems().add(m.child("ingressGateway"), "(set)", "both ingressGateway and ingressGateways are set",
                        "keep one: move the gateway into the ingressGateways list (first entry: the primary) and delete ingressGateway");
            }
            for (var g : gatewayList) {
                g.string("cluster", "name the cluster that runs this gateway").ifPresent(cluster -> gateways.add(new IngressGatewaySpec(cluster,
                        g.optionalInteger("replicas").orElse(1), g.stringOr("serviceType", "LoadBalancer"))));
            }
        } else {
            var gatewayCluster = gatewayNode.flatMap(g -> g.optionalString("cluster")).orElse(defaultGatewayCluster);
            if (gatewayCluster.isEmpty() && region.isPresent()) {
                m.problems().add(m.child("ingressGateway.cluster"), "(not set)", "no cluster runs in the mesh region " + region.get()
                        + ", so there is no default for the cluster that runs the ingress gateway", "name one of the configured clusters");
            } else if (gatewayCluster.isEmpty() && perRegion) {
                m.problems().add(m.child("ingressGateway.cluster"), "(not set)", "with controlPlane perRegion there is no mesh region,"
                        + " so there is no default for the cluster that runs the ingress gateway",
                        "name one of the configured clusters, or list one per region in " + m.child("ingressGateways"));
            }
            gateways.add(new IngressGatewaySpec(gatewayCluster,
                    gatewayNode.flatMap(g -> g.optionalInteger("replicas")).orElse(1),
                    gatewayNode.map(g -> g.stringOr("serviceType", "LoadBalancer")).orElse("LoadBalancer")));
        }
        var istioApi = m.choice("istioApi", IstioApi::fromConfig, "crAggregation or asmKubeconfig", IstioApi.CR_AGGREGATION.configName());
        if (controlPlane.isEmpty() || (!perRegion && (region.isEmpty() || network.isEmpty())) || istioApi.isEmpty() || gateways.isEmpty()
                || (perRegion && (m.has("region") || m.has("vpc") || m.has("vswitches")))) {
            return Optional.empty();
        }
        return Optional.of(new MeshSpec(network, m.stringOr("name", "asm-dr"), m.stringOr("edition", "Pro"),
                m.stringOr("clusterSpec", "enterprise"), m.optionalString("version"), gateways, istioApi.get(), controlPlane.get()));
    }

    private static Optional<TrafficSpec> parseTraffic(ConfigNode t) {
        var distribute = new ArrayList<TrafficSpec.Distribute>();
        for (var d : t.optionalList("distribute")) {
            var from = d.string("from", "name the calling region, e.g. cn-hangzhou");
            var to = d.integerMap("to", "map each destination region to a weight, e.g. { cn-hangzhou: 90, cn-shanghai: 10 }");
            from.ifPresent(f -> distribute.add(new TrafficSpec.Distribute(f, to)));
        }
        var failover = new ArrayList<TrafficSpec.Failover>();
        for (var f : t.optionalList("failover")) {
            var from = f.string("from", "name the region whose traffic fails over, e.g. cn-hangzhou");
            var to = f.string("to", "name the region that takes over, e.g. cn-shanghai");
            if (from.isPresent() && to.isPresent()) {
                failover.add(new TrafficSpec.Failover(from.get(), to.get()));
            }
        }
        var outlier = t.optionalObject("outlierDetection").map(o -> new TrafficSpec.OutlierDetection(
                o.optionalInteger("consecutive5xxErrors").orElse(1),
                o.has("interval") ? o.duration("interval").orElse("") : "1s",
                o.has("baseEjectionTime") ? o.duration("baseEjectionTime").orElse("") : "1m",
                o.optionalInteger("maxEjectionPercent")));
        var pool = t.optionalObject("connectionPool")
                .map(p -> new TrafficSpec.ConnectionPool(p.optionalInteger("maxRequestsPerConnection").orElse(1)));
        Optional<TrafficSpec.Mode> mode;
        if (t.has("mode")) {
            mode = t.choice("mode", TrafficSpec.Mode::fromConfig, "distribute, failover or none", "none");
        } else if (!distribute.isEmpty() && !failover.isEmpty()) {
            t.problems().add(t.child("mode"), "(not set)", "both distribute and failover rules are given and ASM applies only one at a time",
                    "set mode to distribute or failover; the other list may stay for switching later");
            mode = Optional.empty();
        } else {
            mode = Optional.of(!distribute.isEmpty() ? TrafficSpec.Mode.DISTRIBUTE : !failover.isEmpty() ? TrafficSpec.Mode.FAILOVER : TrafficSpec.Mode.NONE);
        }
        return mode.map(md -> new TrafficSpec(md, distribute, failover, outlier, pool));
    }
}
