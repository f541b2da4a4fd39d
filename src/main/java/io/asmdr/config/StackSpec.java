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

    /**
     * The traffic policy the mesh is given: the stack's, without the regions marked unavailable
     * ({@code asm-dr:unavailableRegions}). The routing objects, the {@code trafficPolicy} output and
     * the policy verify and drill hold the mesh to are all this one.
     */
    public TrafficSpec appliedTraffic() {
        return traffic.without(options.unavailableRegions());
    }

    /** The key of the mesh's own network (its region and role, never a config name); none per region: there is no mesh VPC. */
    public Optional<String> meshNetworkKey() {
        return mesh.network().map(n -> n.region() + "-mesh");
    }

    /** Every region that needs a transit router: the cluster regions, then the mesh VPC's if it is not one of them. */
    public List<String> backboneRegions() {
        var set = new LinkedHashSet<String>();
        regions.forEach(r -> set.add(r.region()));
        mesh.network().ifPresent(n -> set.add(n.region()));
        return List.copyOf(set);
    }

    /** Every VPC in the stack: cluster networks in region order, then the mesh network (single control plane only). */
    public List<NetworkSpec> networks() {
        return Stream.concat(regions.stream().map(RegionSpec::network), mesh.network().stream()).toList();
    }

    /**
     * The region whose provider manages what belongs to no region (the CEN instance, the global
     * entry): the mesh region under one control plane; per region, the primary gateway's region.
     */
    public String homeRegion() {
        return mesh.network().map(NetworkSpec::region).orElseGet(this::gatewayRegion);
    }

    public Optional<RegionSpec> region(String name) {
        return regions.stream().filter(r -> r.region().equals(name)).findFirst();
    }

    /**
     * The regions that host a mesh control plane (an ASM instance): the mesh's region under
     * {@link ControlPlane#SINGLE}; every cluster region, in region order, under
     * {@link ControlPlane#PER_REGION}. What survives the loss of a region is judged from this and
     * {@link #controlPlaneRegionOf}.
     */
    public List<String> controlPlaneRegions() {
        return switch (mesh.controlPlane()) {
            case SINGLE -> List.of(homeRegion());
            case PER_REGION -> regions.stream().map(RegionSpec::region).toList();
        };
    }

    /**
     * The region of the control plane that configures the proxies of a cluster region: the mesh's
     * region under one control plane, the cluster's own region per region.
     */
    public String controlPlaneRegionOf(String clusterRegion) {
        return switch (mesh.controlPlane()) {
            case SINGLE -> homeRegion();
            case PER_REGION -> clusterRegion;
        };
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
