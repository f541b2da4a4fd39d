package io.asmdr.config;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The whole validated plan: built once from stack config, then only read. */
public record StackSpec(
        List<RegionSpec> regions,
        MeshSpec mesh,
        CenSpec cen,
        AppSpec app,
        TrafficSpec traffic,
        DeploymentOptions options,
        Optional<GlobalEntrySpec> globalEntry) {

    public StackSpec {
        regions = List.copyOf(regions);
    }

    /** A stack without a global entry. */
    public StackSpec(List<RegionSpec> regions, MeshSpec mesh, CenSpec cen, AppSpec app, TrafficSpec traffic, DeploymentOptions options) {
        this(regions, mesh, cen, app, traffic, options, Optional.empty());
    }

    private static final Comparator<VSwitchSpec> BY_ZONE_THEN_CIDR =
            Comparator.comparing(VSwitchSpec::zone).thenComparing(VSwitchSpec::cidr);

    /**
     * The same stack with every list whose order carries no meaning sorted: regions by id, node and
     * Pod vSwitches by zone and CIDR, traffic rules by calling region. What the program declares then
     * cannot depend on how the YAML happens to be ordered, so reordering it changes nothing on the
     * next {@code pulumi up} (the ASM provider re-adds every member cluster on any change to the
     * order of {@code clusterIds}). The mesh's vSwitches keep their order: the first one hosts ASM.
     */
    public StackSpec canonical() {
        var sortedRegions = regions.stream()
                .map(r -> new RegionSpec(r.region(),
                        new NetworkSpec(r.network().region(), r.network().vpc(), r.network().vswitches().stream().sorted(BY_ZONE_THEN_CIDR).toList()),
                        withSortedPodVswitches(r.cluster()),
                        r.bookinfo()))
                .sorted(Comparator.comparing(RegionSpec::region))
                .toList();
        var t = traffic;
        var sortedTraffic = new TrafficSpec(t.mode(),
                t.distribute().stream().map(d -> new TrafficSpec.Distribute(d.from(), new TreeMap<>(d.to())))
                        .sorted(Comparator.comparing(TrafficSpec.Distribute::from)).toList(),
                t.failover().stream().sorted(Comparator.comparing(TrafficSpec.Failover::from)).toList(),
                t.outlierDetection(), t.connectionPool());
        return new StackSpec(sortedRegions, mesh, cen, app, sortedTraffic, options, globalEntry);
    }

    private static ClusterSpec withSortedPodVswitches(ClusterSpec c) {
        return new ClusterSpec(c.name(), c.cni(), c.podCidr(), c.serviceCidr(), c.podVswitches().stream().sorted(BY_ZONE_THEN_CIDR).toList(),
                c.nodePool(), c.clusterSpec(), c.version(), c.key());
    }

    /** Every region that needs a transit router: the cluster regions, then the mesh's if it is not one of them. */
    /**
     * The traffic policy the mesh is given: the stack's, without the regions marked unavailable
     * ({@code asm-dr:unavailableRegions}). The routing objects, the {@code trafficPolicy} output and
     * the policy verify and drill hold the mesh to are all this one.
     */
    public TrafficSpec appliedTraffic() {
        return traffic.without(options.unavailableRegions());
    }

    /** The key of the mesh's own network: its region and role, never a config name. */
    public String meshNetworkKey() {
        return mesh.network().region() + "-mesh";
    }

    public List<String> backboneRegions() {
        var set = new LinkedHashSet<String>();
        regions.forEach(r -> set.add(r.region()));
        set.add(mesh.network().region());
        return List.copyOf(set);
    }

    /** Every VPC in the stack: cluster networks in region order, then the mesh network. */
    public List<NetworkSpec> networks() {
        return Stream.concat(regions.stream().map(RegionSpec::network), Stream.of(mesh.network())).toList();
    }

    public Optional<RegionSpec> region(String name) {
        return regions.stream().filter(r -> r.region().equals(name)).findFirst();
    }

    /**
     * The regions that host a mesh control plane (an ASM instance). Today one: the mesh's region.
     * What survives the loss of a region is judged from this and {@link #controlPlaneRegionOf}.
     */
    public List<String> controlPlaneRegions() {
        return List.of(mesh.network().region());
    }

    /** The region of the control plane that configures the proxies of a cluster region. */
    public String controlPlaneRegionOf(String clusterRegion) {
        return mesh.network().region();
    }

    /** The region whose cluster runs the ingress gateway: where every page's first hop starts. */
    public String gatewayRegion() {
        return regionOfCluster(mesh.ingressGateway().cluster()).orElseThrow().region();
    }

    /** The regions of every ingress gateway, the primary one (where the drill lock lives) first. */
    public List<String> gatewayRegions() {
        return mesh.ingressGateways().stream().map(g -> regionOfCluster(g.cluster()).orElseThrow().region()).distinct().toList();
    }

    public Optional<RegionSpec> regionOfCluster(String clusterName) {
        return regions.stream().filter(r -> r.cluster().name().equals(clusterName)).findFirst();
    }
}
