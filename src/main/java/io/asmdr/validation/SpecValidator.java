package io.asmdr.validation;

import io.asmdr.config.Cidr;
import io.asmdr.config.Cni;
import io.asmdr.config.ConfigSchema;
import io.asmdr.config.ControlPlane;
import io.asmdr.config.IstioApi;
import io.asmdr.config.NetworkSpec;
import io.asmdr.config.StackSpec;
import io.asmdr.config.VSwitchSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rules that span fields or regions and that Alibaba Cloud would only report half-way through a
 * deployment (or never, leaving traffic silently unroutable). Enum spellings the provider checks
 * itself are left to the provider.
 */
public final class SpecValidator {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Set<String> REVIEWS_VERSIONS = Set.of("v1", "v2", "v3");
    private static final Set<String> SERVICE_TYPES = Set.of("LoadBalancer", "NodePort", "ClusterIP");

    private SpecValidator() {}

    /** A CIDR with the key it came from, for messages that name both sides of a conflict. */
    private record Located(String key, Cidr cidr) {}

    public static void validate(StackSpec spec, Problems problems) {
        regions(spec, problems);
        zones(spec, problems);
        names(spec, problems);
        prefixes(spec, problems);
        versions(spec, problems);
        addressPlan(spec, problems);
        clusters(spec, problems);
        if (spec.cen().crossRegionBandwidthMbps() <= 0) {
            problems.add("asm-dr:cen.crossRegionBandwidthMbps", String.valueOf(spec.cen().crossRegionBandwidthMbps()),
                    "must be above 0; without a cap CEN leaves only its 1 Kbit/s test link and ASM cannot reach remote clusters",
                    "set a cap in Mbit/s, e.g. 10");
        }
        spec.options().kubeconfigTtlMinutes().filter(m -> m < 15 || m > 4320).ifPresent(m ->
                problems.add("asm-dr:kubeconfigTtlMinutes", String.valueOf(m), "ACK issues temporary credentials for 15 to 4320 minutes",
                        "pick a value from 15 to 4320, or remove the key for a long-lived credential"));
        mesh(spec, problems);
        app(spec, problems);
        TrafficValidator.validate(spec, problems);
    }

    /**
     * The one rule a stack's shape alone decides; also checked by the loader when other problems keep the
     * spec from being built, so a one-region stack hears it together with the rest.
     */
    public static void regionCount(int regions, Problems problems) {
        if (regions < 2) {
            problems.add("asm-dr:regions", regions + " region(s)",
                    "cross-region disaster recovery needs at least two regions",
                    "add a second region with its own VPC and cluster");
        }
    }

    private static void regions(StackSpec spec, Problems problems) {
        for (int i = 0; i < spec.regions().size(); i++) {
            checkRegion("asm-dr:regions[" + i + "].region", spec.regions().get(i).region(), problems);
        }
        spec.mesh().network().ifPresent(mesh -> checkRegion("asm-dr:mesh.region", mesh.region(), problems));
        regionCount(spec.regions().size(), problems);
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < spec.regions().size(); i++) {
            var r = spec.regions().get(i).region();
            var first = seen.putIfAbsent(r, i);
            if (first != null) {
                problems.add("asm-dr:regions[" + i + "].region", r, "is already used by asm-dr:regions[" + first + "]",
                        "list each region once; a region hosts one cluster in this design");
            }
        }
    }

    private static void zones(StackSpec spec, Problems problems) {
        forEachNetwork(spec, (prefix, net) -> {
            for (int j = 0; j < net.vswitches().size(); j++) {
                checkZone(prefix + ".vswitches[" + j + "].zone", net.vswitches().get(j).zone(), net.region(), problems);
            }
            var zones = new LinkedHashSet<String>();
            net.vswitches().forEach(v -> zones.add(v.zone()));
            if (zones.size() < 2) {
                problems.add(prefix + ".vswitches", zones.isEmpty() ? "(none)" : "all in " + zones,
                        "a transit router attaches a VPC through vSwitches in two zones, so this VPC cannot join CEN",
                        "add a small vSwitch (a /24 is enough) in a second zone of " + net.region());
            }
        });
        for (int i = 0; i < spec.regions().size(); i++) {
            var r = spec.regions().get(i);
            var pods = r.cluster().podVswitches();
            for (int j = 0; j < pods.size(); j++) {
                checkZone("asm-dr:regions[" + i + "].cluster.podVswitches[" + j + "].zone", pods.get(j).zone(), r.region(), problems);
            }
        }
    }

    private static void checkZone(String key, String zone, String region, Problems problems) {
        if (!CloudRules.REGIONS.contains(region)) {
            return; // the region itself is reported; a zone cannot be judged against it
        }
        if (!CloudRules.isZoneOf(zone, region)) {
            problems.add(key, zone, "is not a zone of region " + region + " (a zone id is the region id and one letter)",
                    "use a zone id of that region, e.g. " + CloudRules.zoneExample(region)
                            + " (list them with `aliyun ecs DescribeZones --RegionId " + region + "`)");
        }
    }

    private static void checkRegion(String key, String region, Problems problems) {
        if (!CloudRules.REGIONS.contains(region)) {
            var guess = ConfigSchema.closest(region, CloudRules.REGIONS);
            problems.add(key, region, "is not an Alibaba Cloud region id" + guess.map(g -> "; did you mean " + g + "?").orElse(""),
                    "use a region id such as cn-hangzhou or ap-southeast-1 (list them with `aliyun ecs DescribeRegions`)");
        }
    }

    /** Names that the cloud APIs would refuse, each against its kind's rule ({@link CloudRules}). */
    private static void names(StackSpec spec, Problems problems) {
        forEachNetwork(spec, (prefix, net) -> {
            checkName(prefix + ".vpc.name", net.vpc().name(), CloudRules.VPC_NAME, problems);
            for (int j = 0; j < net.vswitches().size(); j++) {
                checkName(prefix + ".vswitches[" + j + "].name", net.vswitches().get(j).name(), CloudRules.VSWITCH_NAME, problems);
            }
        });
        for (int i = 0; i < spec.regions().size(); i++) {
            var c = spec.regions().get(i).cluster();
            checkName("asm-dr:regions[" + i + "].cluster.name", c.name(), CloudRules.CLUSTER_NAME, problems);
            for (int j = 0; j < c.podVswitches().size(); j++) {
                checkName("asm-dr:regions[" + i + "].cluster.podVswitches[" + j + "].name", c.podVswitches().get(j).name(), CloudRules.VSWITCH_NAME, problems);
            }
        }
        checkName("asm-dr:mesh.name", spec.mesh().name(), CloudRules.MESH_NAME, problems);
        if (spec.mesh().controlPlane() == ControlPlane.PER_REGION && CloudRules.MESH_NAME.violation(spec.mesh().name()).isEmpty()) {
            // each instance is <name>-<region>: the name rule holds for every one of them
            for (var region : spec.regions()) {
                var instance = spec.mesh().instanceName(region.region());
                CloudRules.MESH_NAME.violation(instance).ifPresent(why -> problems.add("asm-dr:mesh.name", spec.mesh().name(),
                        "makes the instance name " + instance + " of " + region.region() + ", which " + why + " (" + CloudRules.MESH_NAME.source() + ")",
                        "shorten it so that <name>-<region> has at most " + CloudRules.MESH_NAME.max() + " characters"));
            }
        }
        checkName("asm-dr:cen.name", spec.cen().name(), CloudRules.CEN_NAME, problems);
    }

    private static void checkName(String key, String name, CloudRules.NameRule rule, Problems problems) {
        rule.violation(name).ifPresent(why -> problems.add(key, name, why + " (" + rule.source() + ")",
                "rename it: " + rule.allowed() + ", " + rule.min() + " to " + rule.max() + " characters"));
    }

    /** Prefix lengths the services accept, reserved ranges, and node pools that fit their Pod CIDR. */
    private static void prefixes(StackSpec spec, Problems problems) {
        forEachNetwork(spec, (prefix, net) -> {
            checkRange(prefix + ".vpc.cidr", net.vpc().cidr(), CloudRules.VPC_PREFIX, problems);
            for (int j = 0; j < net.vswitches().size(); j++) {
                checkRange(prefix + ".vswitches[" + j + "].cidr", net.vswitches().get(j).cidr(), CloudRules.VSWITCH_PREFIX, problems);
            }
        });
        for (int i = 0; i < spec.regions().size(); i++) {
            var c = spec.regions().get(i).cluster();
            var key = "asm-dr:regions[" + i + "].cluster";
            c.podCidr().ifPresent(p -> checkRange(key + ".podCidr", p, CloudRules.POD_PREFIX, problems));
            checkRange(key + ".serviceCidr", c.serviceCidr(), CloudRules.SERVICE_PREFIX, problems);
            for (int j = 0; j < c.podVswitches().size(); j++) {
                checkRange(key + ".podVswitches[" + j + "].cidr", c.podVswitches().get(j).cidr(), CloudRules.VSWITCH_PREFIX, problems);
            }
            if (c.cni() == Cni.FLANNEL && c.podCidr().isPresent() && CloudRules.POD_PREFIX.allows(c.podCidr().get())) {
                long capacity = CloudRules.nodesPerPodCidr(c.podCidr().get());
                if (c.nodePool().size() > capacity) {
                    problems.add(key + ".nodePool.size", String.valueOf(c.nodePool().size()),
                            "the Pod CIDR " + c.podCidr().get() + " holds only " + capacity + " nodes: ACK gives each node a /"
                                    + CloudRules.NODE_CIDR_MASK + " of it (node_cidr_mask default)",
                            "shrink the pool to " + capacity + " or fewer, or give the cluster a larger Pod CIDR (a /16 holds 256 nodes)");
                }
            }
        }
    }

    private static void checkRange(String key, Cidr cidr, CloudRules.PrefixRange range, Problems problems) {
        if (!range.allows(cidr)) {
            problems.add(key, cidr.toString(), "has a /" + cidr.prefix() + " prefix; " + range.what() + " takes /" + range.shortest()
                            + " to /" + range.longest() + " (" + range.source() + ")",
                    "pick a CIDR with a prefix from /" + range.shortest() + " to /" + range.longest());
        }
        CloudRules.reservedOverlap(cidr).ifPresent(r -> problems.add(key, cidr.toString(),
                "overlaps " + r.range() + ", " + r.what() + "; Alibaba Cloud (CreateVpc) and Kubernetes cannot route it",
                "pick a private range: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, or another unicast block outside the reserved ones"));
    }

    /**
     * Versions only change when the stack file changes: an unset version is pinned at creation
     * (ignoreChanges), and a protected stack must name both so a rebuilt stack gets the same ones.
     */
    private static void versions(StackSpec spec, Problems problems) {
        var protect = spec.options().protect();
        for (int i = 0; i < spec.regions().size(); i++) {
            var c = spec.regions().get(i).cluster();
            var key = "asm-dr:regions[" + i + "].cluster.version";
            c.version().filter(v -> !CloudRules.ACK_VERSION.matcher(v).matches()).ifPresent(v -> problems.add(key, v,
                    "is not an ACK Kubernetes version", "write a version as ACK lists it, e.g. 1.31.1-aliyun.1 (`aliyun cs DescribeKubernetesVersionMetadata`)"));
            if (protect && c.version().isEmpty()) {
                problems.add(key, "(not set)", "a protected stack (asm-dr:protect: true) must pin its ACK version, or a rebuilt cluster gets whatever ACK offers that day",
                        "set the version the cluster runs, e.g. 1.31.1-aliyun.1 (`pulumi stack output` / the ACK console shows it)");
            }
        }
        var mesh = spec.mesh().version();
        mesh.filter(v -> !CloudRules.ASM_VERSION.matcher(v).matches()).ifPresent(v -> problems.add("asm-dr:mesh.version", v,
                "is not an ASM version", "write a version as servicemesh/getVersions lists it, e.g. v1.24.6.71-g5497b3e6-aliyun"));
        if (protect && mesh.isEmpty()) {
            problems.add("asm-dr:mesh.version", "(not set)", "a protected stack (asm-dr:protect: true) must pin its ASM version, or a rebuilt mesh gets whatever ASM offers that day",
                    "set the version the mesh runs (`aliyun servicemesh DescribeServiceMeshDetail` shows it)");
        }
    }

    /** VPCs disjoint; vSwitches inside their VPC and disjoint; Pod and Service CIDRs clear of everything. */
    private static void addressPlan(StackSpec spec, Problems problems) {
        var vpcs = new ArrayList<Located>();
        forEachNetwork(spec, (prefix, net) -> {
            var vpc = new Located(prefix + ".vpc.cidr", net.vpc().cidr());
            overlapping(vpc, vpcs).ifPresent(other -> problems.add(vpc.key(), vpc.cidr().toString(),
                    "overlaps " + other.key() + " (" + other.cidr() + "); CEN cannot route between overlapping VPCs",
                    "give every VPC in the stack its own, non-overlapping CIDR"));
            vpcs.add(vpc);
        });
        for (int i = 0; i < spec.regions().size(); i++) {
            var r = spec.regions().get(i);
            var subnets = new ArrayList<Located>();
            for (int j = 0; j < r.network().vswitches().size(); j++) {
                subnets.add(new Located("asm-dr:regions[" + i + "].vswitches[" + j + "].cidr", r.network().vswitches().get(j).cidr()));
            }
            for (int j = 0; j < r.cluster().podVswitches().size(); j++) {
                subnets.add(new Located("asm-dr:regions[" + i + "].cluster.podVswitches[" + j + "].cidr", r.cluster().podVswitches().get(j).cidr()));
            }
            checkSubnets(new Located("asm-dr:regions[" + i + "].vpc.cidr", r.network().vpc().cidr()), subnets, problems);
        }
        spec.mesh().network().ifPresent(mesh -> {
            var meshSubnets = new ArrayList<Located>();
            for (int j = 0; j < mesh.vswitches().size(); j++) {
                meshSubnets.add(new Located("asm-dr:mesh.vswitches[" + j + "].cidr", mesh.vswitches().get(j).cidr()));
            }
            checkSubnets(new Located("asm-dr:mesh.vpc.cidr", mesh.vpc().cidr()), meshSubnets, problems);
        });

        // Flannel Pod and every Service CIDR must be unique in the whole routed space, or CEN and
        // kube-proxy send packets to the wrong place.
        var clusterRanges = new ArrayList<Located>();
        for (int i = 0; i < spec.regions().size(); i++) {
            var c = spec.regions().get(i).cluster();
            var prefix = "asm-dr:regions[" + i + "].cluster.";
            c.podCidr().ifPresent(p -> clusterRanges.add(new Located(prefix + "podCidr", p)));
            clusterRanges.add(new Located(prefix + "serviceCidr", c.serviceCidr()));
        }
        var seen = new ArrayList<Located>();
        for (var range : clusterRanges) {
            overlapping(range, vpcs).ifPresent(vpc -> problems.add(range.key(), range.cidr().toString(),
                    "overlaps " + vpc.key() + " (" + vpc.cidr() + "); cluster addresses must lie outside every VPC joined by CEN",
                    "pick a range outside all VPC CIDRs, e.g. from 10.0.0.0/8 or 172.16.0.0/12 where no VPC lives"));
            overlapping(range, seen).ifPresent(other -> problems.add(range.key(), range.cidr().toString(),
                    "overlaps " + other.key() + " (" + other.cidr() + "); Pod and Service CIDRs must be unique across all clusters",
                    "give each cluster its own Pod and Service CIDRs, e.g. 10.0.0.0/16 and 10.1.0.0/16 for Pods"));
            seen.add(range);
        }
    }

    private static void checkSubnets(Located vpc, List<Located> subnets, Problems problems) {
        var seen = new ArrayList<Located>();
        for (var s : subnets) {
            if (!vpc.cidr().contains(s.cidr())) {
                problems.add(s.key(), s.cidr().toString(), "lies outside its VPC " + vpc.key() + " (" + vpc.cidr() + ")",
                        "pick a vSwitch CIDR inside " + vpc.cidr());
            }
            overlapping(s, seen).ifPresent(other -> problems.add(s.key(), s.cidr().toString(),
                    "overlaps " + other.key() + " (" + other.cidr() + ")", "give every vSwitch of the VPC its own range"));
            seen.add(s);
        }
    }

    private static Optional<Located> overlapping(Located candidate, List<Located> others) {
        return others.stream().filter(o -> o.cidr().overlaps(candidate.cidr())).findFirst();
    }

    private static void clusters(StackSpec spec, Problems problems) {
        var names = new HashMap<String, String>();
        var resourceNames = new HashMap<String, String>();
        forEachNetwork(spec, (prefix, net) -> {
            unique(resourceNames, net.vpc().name(), prefix + ".vpc.name", problems);
            for (int j = 0; j < net.vswitches().size(); j++) {
                unique(resourceNames, net.vswitches().get(j).name(), prefix + ".vswitches[" + j + "].name", problems);
            }
        });
        for (int i = 0; i < spec.regions().size(); i++) {
            var c = spec.regions().get(i).cluster();
            var prefix = "asm-dr:regions[" + i + "].cluster";
            var first = names.putIfAbsent(c.name(), prefix + ".name");
            if (first != null) {
                problems.add(prefix + ".name", c.name(), "is already the name of " + first, "give every cluster its own name");
            }
            for (int j = 0; j < c.podVswitches().size(); j++) {
                unique(resourceNames, c.podVswitches().get(j).name(), prefix + ".podVswitches[" + j + "].name", problems);
            }
            if (c.nodePool().size() < 1) {
                problems.add(prefix + ".nodePool.size", String.valueOf(c.nodePool().size()),
                        "a cluster with no nodes cannot run Bookinfo or join the mesh", "set size to 1 or more");
            }
            checkChoice(prefix + ".clusterSpec", c.clusterSpec(), CloudRules.ACK_CLUSTER_SPEC, problems);
            var disk = c.nodePool().systemDiskCategory();
            checkChoice(prefix + ".nodePool.systemDiskCategory", disk, CloudRules.SYSTEM_DISK_CATEGORY, problems);
            var range = CloudRules.systemDiskSizeRange(disk);
            var size = c.nodePool().systemDiskSize();
            if (size < range[0] || size > range[1]) {
                problems.add(prefix + ".nodePool.systemDiskSize", String.valueOf(size),
                        "is outside " + range[0] + "–" + range[1] + " GiB for " + disk + " (" + CloudRules.SYSTEM_DISK_SIZE_SOURCE + ")",
                        "set a size from " + range[0] + " to " + range[1] + " (the default is 120)");
            }
            if (c.nodePool().instanceTypes().isEmpty()) {
                problems.add(prefix + ".nodePool.instanceTypes", "[]", "the node pool needs at least one instance type",
                        "list one or more, e.g. [ecs.g7.xlarge]");
            }
            switch (c.cni()) {
                case FLANNEL -> {
                    if (c.podCidr().isEmpty()) {
                        problems.add(prefix + ".podCidr", "(not set)", "Flannel takes Pod IPs from podCidr",
                                "set a Pod CIDR outside every VPC, e.g. 10.0.0.0/16");
                    }
                    if (!c.podVswitches().isEmpty()) {
                        problems.add(prefix + ".podVswitches", c.podVswitches().size() + " vSwitch(es)", "are used by Terway only",
                                "remove podVswitches, or set network: terway");
                    }
                }
                case TERWAY -> {
                    c.podCidr().ifPresent(p -> problems.add(prefix + ".podCidr", p.toString(),
                            "Terway takes Pod IPs from podVswitches and ACK rejects a Pod CIDR beside them",
                            "remove podCidr and list podVswitches"));
                    if (c.podVswitches().isEmpty()) {
                        problems.add(prefix + ".podVswitches", "(not set)", "Terway needs vSwitches to take Pod IPs from",
                                "list one or more vSwitches in the cluster's VPC, in the zones of its node vSwitches");
                    }
                    var nodeZones = spec.regions().get(i).network().vswitches().stream().map(VSwitchSpec::zone).collect(Collectors.toCollection(TreeSet::new));
                    for (int j = 0; j < c.podVswitches().size(); j++) {
                        var zone = c.podVswitches().get(j).zone();
                        if (!nodeZones.contains(zone)) {
                            problems.add(prefix + ".podVswitches[" + j + "].zone", zone,
                                    "Terway gives a Pod an IP from a vSwitch in its node's zone, and no node vSwitch is in " + zone,
                                    "put Pod vSwitches in the node vSwitch zones " + nodeZones);
                        }
                    }
                }
            }
        }
    }

    private static void unique(Map<String, String> seen, String name, String key, Problems problems) {
        var first = seen.putIfAbsent(name, key);
        if (first != null) {
            problems.add(key, name, "is already the name of " + first, "give every VPC and vSwitch its own name");
        }
    }

    private static void checkChoice(String key, String value, CloudRules.Choice choice, Problems problems) {
        if (choice.values().contains(value)) {
            return;
        }
        var guess = ConfigSchema.closest(value, choice.values());
        problems.add(key, value, "is not one of " + String.join(", ", new TreeSet<>(choice.values())) + " (" + choice.source() + ")",
                guess.map(g -> "did you mean " + g + "?").orElse("use one of them"));
    }

    private static void mesh(StackSpec spec, Problems problems) {
        var mesh = spec.mesh();
        checkChoice("asm-dr:mesh.clusterSpec", mesh.clusterSpec(), CloudRules.MESH_CLUSTER_SPEC, problems);
        var many = mesh.ingressGateways().size() > 1;
        var seen = new HashSet<String>();
        for (int i = 0; i < mesh.ingressGateways().size(); i++) {
            var gw = mesh.ingressGateways().get(i);
            var key = many ? "asm-dr:mesh.ingressGateways[" + i + "]" : "asm-dr:mesh.ingressGateway";
            if (spec.regionOfCluster(gw.cluster()).isEmpty()) {
                problems.add(key + ".cluster", gw.cluster(), "is not the name of any configured cluster",
                        "name one of: " + String.join(", ", spec.regions().stream().map(r -> r.cluster().name()).toList()));
            } else if (!seen.add(gw.cluster())) {
                problems.add(key + ".cluster", gw.cluster(), "is listed twice; a cluster runs one gateway of the mesh",
                        "list each cluster once");
            }
            if (gw.replicas() < 1) {
                problems.add(key + ".replicas", String.valueOf(gw.replicas()), "a gateway with no pods serves nothing", "set 1 or more");
            }
            if (!SERVICE_TYPES.contains(gw.serviceType())) {
                problems.add(key + ".serviceType", gw.serviceType(), "is not a Kubernetes Service type",
                        "write LoadBalancer, NodePort or ClusterIP");
            }
        }
        var down = spec.options().unavailableRegions();
        for (var region : new TreeSet<>(down)) {
            var key = "asm-dr:unavailableRegions";
            if (spec.region(region).isEmpty()) {
                problems.add(key, region, "is not a region of this stack",
                        "name one of: " + String.join(", ", spec.regions().stream().map(r -> r.region()).toList()));
            } else if (spec.controlPlaneRegions().contains(region) && down.containsAll(spec.controlPlaneRegions())) {
                problems.add(key, region, "is the mesh region: the ASM control plane lives there, and every mesh change goes through"
                                + " its API, so no `pulumi up` can move traffic while it is down; the data planes keep their last configuration",
                        "remove it: the locality failover and the global entry's health checks move traffic without an update; see docs/dr.md");
            } else if (region.equals(spec.gatewayRegion()) && mesh.istioApi() == IstioApi.CR_AGGREGATION
                    && mesh.controlPlane() == ControlPlane.SINGLE) { // per region, each instance takes its objects through its own cluster
                problems.add(key, region, "hosts the primary gateway's cluster, through which (CR aggregation) every Istio object is"
                                + " applied, so no mesh change can be made while it is down",
                        "remove it and rely on the automatic failover; see docs/dr.md");
            }
        }
        // an outage switch that leaves no gateway standing leaves no entry to change anything for: refused, whatever the Istio API
        var gatewayRegions = mesh.ingressGateways().stream().map(g -> spec.regionOfCluster(g.cluster()))
                .flatMap(Optional::stream).map(r -> r.region()).distinct().toList();
        if (!down.isEmpty() && !gatewayRegions.isEmpty() && down.containsAll(gatewayRegions)) {
            problems.add("asm-dr:unavailableRegions", String.join(", ", new TreeSet<>(down)), "lists the region of every ingress gateway ("
                            + String.join(", ", gatewayRegions) + "): no ingress gateway is left to enter the mesh, so there is no recovery for a"
                            + " `pulumi up` to serve",
                    "remove " + (gatewayRegions.size() == 1 ? gatewayRegions.get(0) : "one of them") + " from the list; to survive this loss,"
                            + " give asm-dr:mesh.ingressGateways a cluster in another region (docs/dr.md)");
        }
        spec.globalEntry().ifPresent(g -> GlobalEntryRules.check(spec, g, problems));
        if (spec.options().protect() && mesh.ingressGateways().size() < 2) {
            problems.add(many ? "asm-dr:mesh.ingressGateways" : "asm-dr:mesh.ingressGateway", mesh.ingressGateway().cluster(),
                    "a protected stack has one ingress gateway, so the loss of its region makes Bookinfo unreachable whatever the"
                            + " locality policy says",
                    "list a gateway in at least two regions under asm-dr:mesh.ingressGateways (the present one first, so nothing"
                            + " existing is replaced); see docs/dr.md");
        }
        if (mesh.istioApi() == IstioApi.CR_AGGREGATION
                && CloudRules.MESH_CLUSTER_SPEC.values().contains(mesh.clusterSpec()) // an unknown spec is its own problem, above
                && (!mesh.edition().equals("Pro") || !(mesh.clusterSpec().equals("enterprise") || mesh.clusterSpec().equals("ultimate")))) {
            problems.add("asm-dr:mesh.clusterSpec", mesh.edition() + "/" + mesh.clusterSpec(),
                    "CR aggregation (istioApi: crAggregation) needs the Pro edition with clusterSpec enterprise or ultimate",
                    "set edition: Pro and clusterSpec: enterprise, or istioApi: asmKubeconfig when running inside the VPC");
        }
        // No ASM-version floor for distribution: ASM's "requires 1.22.6.66" is stated for the console's
        // "Geolocation-based Load Balancing" mesh feature (UpdateMeshFeature LocalityLBConf), which this
        // program does not use. It writes Istio's own DestinationRule
        // trafficPolicy.loadBalancer.localityLbSetting (istio/api networking/v1alpha3/destination_rule.proto,
        // LoadBalancerSettings.locality_lb_setting), which every ASM release on offer serves.
        for (int i = 0; i < spec.regions().size(); i++) {
            var reviews = spec.regions().get(i).bookinfo().reviews();
            if (!REVIEWS_VERSIONS.contains(reviews)) {
                problems.add("asm-dr:regions[" + i + "].bookinfo.reviews", reviews, "Bookinfo ships reviews v1, v2 and v3 only",
                        "write v1 (no stars), v2 (black stars) or v3 (red stars)");
            }
            if (spec.regions().get(i).bookinfo().reviewsReplicas() < 1) {
                problems.add("asm-dr:regions[" + i + "].bookinfo.reviewsReplicas", String.valueOf(spec.regions().get(i).bookinfo().reviewsReplicas()),
                        "a region without reviews pods cannot serve its share", "set 1 or more; use `drill` to rehearse a region loss");
            }
        }
    }

    /** host[:port]/path segments of lower-case letters, digits, '.', '_' and '-'; no scheme, no tag (Docker reference grammar). */
    private static final Pattern REGISTRY = Pattern.compile("[a-z0-9.{}-]+(:[0-9]+)?(/[a-z0-9._{}-]+)+");

    private static void app(StackSpec spec, Problems problems) {
        var registry = spec.app().imageRegistry();
        if (!REGISTRY.matcher(registry).matches() || registry.replace("{region}", "").contains("{") || registry.replace("{region}", "").contains("}")) {
            problems.add("asm-dr:app.imageRegistry", registry, "is not an image registry path",
                    "write host/namespace without a scheme or tag, e.g. registry-vpc.{region}.aliyuncs.com/asm-dr");
        }
        var ns = spec.app().namespace();
        if (!DNS_LABEL.matcher(ns).matches()) {
            problems.add("asm-dr:app.namespace", ns, "is not a valid Kubernetes namespace name",
                    "use lower-case letters, digits and '-', at most 63 characters, e.g. default or bookinfo");
        }
    }

    private interface NetworkVisitor {
        void visit(String keyPrefix, NetworkSpec network);
    }

    private static void forEachNetwork(StackSpec spec, NetworkVisitor visitor) {
        for (int i = 0; i < spec.regions().size(); i++) {
            visitor.visit("asm-dr:regions[" + i + "]", spec.regions().get(i).network());
        }
        spec.mesh().network().ifPresent(mesh -> visitor.visit("asm-dr:mesh", mesh));
    }
}
