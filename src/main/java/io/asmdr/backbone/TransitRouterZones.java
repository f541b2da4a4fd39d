package io.asmdr.backbone;

import com.pulumi.deployment.InvokeOptions;
import io.asmdr.alicloud.Provider;
import io.asmdr.alicloud.cen.CenFunctions;
import io.asmdr.alicloud.cen.inputs.GetTransitRouterAvailableResourcesPlainArgs;
import io.asmdr.alicloud.cen.outputs.GetTransitRouterAvailableResourcesResult;
import io.asmdr.config.NetworkSpec;
import io.asmdr.config.StackSpec;
import io.asmdr.validation.CloudCheck;
import io.asmdr.validation.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Are the vSwitches a VPC attaches through in zones its region's transit router serves? A VPC
 * attachment needs vSwitches in two such zones ("How transit routers work", CEN docs), and which
 * zones those are differs by region and changes over time ("Available regions and zones",
 * https://help.aliyun.com/en/cen/product-overview/regions-and-zones-that-support-transit-router),
 * so the program asks: {@code cen/getTransitRouterAvailableResources}, the provider's
 * ListTransitRouterAvailableResource call for the provider's region. Its {@code availableZones} is
 * the list that counts for transit routers since CEN's May 2022 VPC-connection upgrade (API
 * reference of ListTransitRouterAvailableResource); every router this stack creates is of that kind.
 *
 * <p>One question per region, judged against every VPC of the region (the cluster's, and the mesh's
 * own in the mesh region); {@link io.asmdr.validation.CloudCheck} waits for it before anything registers.
 */
public final class TransitRouterZones {
    private TransitRouterZones() {}

    /** One question per region that has VPCs; each answer judged against every VPC of that region. */
    public static List<CompletableFuture<List<Problem>>> verdicts(StackSpec spec, Map<String, Provider> providers) {
        return verdicts(spec, providers, Set.of());
    }

    /** The same, asking no region in {@code unavailable} (its API is down; its attachments exist and do not change). */
    public static List<CompletableFuture<List<Problem>>> verdicts(StackSpec spec, Map<String, Provider> providers, Set<String> unavailable) {
        var byRegion = new LinkedHashMap<String, List<NetworkSpec>>();
        spec.networks().stream().filter(n -> !unavailable.contains(n.region()))
                .forEach(n -> byRegion.computeIfAbsent(n.region(), r -> new ArrayList<>()).add(n));
        var verdicts = new ArrayList<CompletableFuture<List<Problem>>>();
        byRegion.forEach((region, networks) -> {
            var provider = Objects.requireNonNull(providers.get(region), () -> "no provider for " + region);
            verdicts.add(CloudCheck.asked(region, "ListTransitRouterAvailableResource",
                    CenFunctions.getTransitRouterAvailableResourcesPlain(GetTransitRouterAvailableResourcesPlainArgs.builder().build(),
                                    new InvokeOptions(null, provider, null))
                            .thenApply(answer -> problems(region, servedZones(answer), networks))));
        });
        return verdicts;
    }

    static List<String> servedZones(GetTransitRouterAvailableResourcesResult answer) {
        var zones = new TreeSet<String>();
        if (answer.resources() != null) {
            answer.resources().forEach(r -> {
                if (r.availableZones() != null) {
                    zones.addAll(r.availableZones());
                }
            });
        }
        return List.copyOf(zones);
    }

    /** What is wrong with these networks if the region's transit router serves {@code served}. */
    public static List<Problem> problems(String region, List<String> served, List<NetworkSpec> networks) {
        var problems = new ArrayList<Problem>();
        for (var net : networks) {
            for (var vsw : net.attachmentVswitches()) {
                if (served.contains(vsw.zone())) {
                    continue;
                }
                var conflict = served.isEmpty()
                        ? "Alibaba Cloud reports no zone in " + region + " where a transit router can attach a VPC (cen/getTransitRouterAvailableResources)"
                        : "the transit router in " + region + " attaches VPCs only in " + String.join(", ", served)
                                + " (cen/getTransitRouterAvailableResources), and VPC " + net.vpc().name() + " attaches through this vSwitch ("
                                + vsw.name() + ")";
                var fix = served.isEmpty()
                        ? "choose a region with transit-router zones (https://help.aliyun.com/en/cen/product-overview/regions-and-zones-that-support-transit-router)"
                        : "put the VPC's attachment vSwitches in two of those zones; a vSwitch's zone cannot change in place, so Pulumi "
                                + "replaces it. The attachment uses, in each of the VPC's first two zones by zone id, the vSwitch with the lowest CIDR";
                problems.add(new Problem(vsw.key() + ".zone", vsw.zone(), conflict, fix));
            }
        }
        return problems;
    }
}
