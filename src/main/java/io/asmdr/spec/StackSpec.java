package io.asmdr.spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The whole validated plan: built once from stack config, then only read. */
public record StackSpec(
        List<RegionSpec> regions,
        MeshSpec mesh,
        CenSpec cen,
        AppSpec app,
        TrafficSpec traffic,
        DeploymentOptions options) {

    public StackSpec {
        regions = List.copyOf(regions);
    }

    /** Every region that needs a transit router: the cluster regions, then the mesh's if it is not one of them. */
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

    /** The region whose cluster runs the ingress gateway: where every page's first hop starts. */
    public String gatewayRegion() {
        return regionOfCluster(mesh.ingressGateway().cluster()).orElseThrow().region();
    }

    public Optional<RegionSpec> regionOfCluster(String clusterName) {
        return regions.stream().filter(r -> r.cluster().name().equals(clusterName)).findFirst();
    }
}
