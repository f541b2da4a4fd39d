package io.asmdr.backbone;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOutputOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.asmdr.alicloud.Provider;
import io.asmdr.alicloud.cen.CenFunctions;
import io.asmdr.alicloud.cen.Instance;
import io.asmdr.alicloud.cen.InstanceArgs;
import io.asmdr.alicloud.cen.TransitRouter;
import io.asmdr.alicloud.cen.TransitRouterArgs;
import io.asmdr.alicloud.cen.TransitRouterPeerAttachment;
import io.asmdr.alicloud.cen.TransitRouterPeerAttachmentArgs;
import io.asmdr.alicloud.cen.TransitRouterRouteEntry;
import io.asmdr.alicloud.cen.TransitRouterRouteEntryArgs;
import io.asmdr.alicloud.cen.TransitRouterRouteTableAssociation;
import io.asmdr.alicloud.cen.TransitRouterRouteTableAssociationArgs;
import io.asmdr.alicloud.cen.TransitRouterRouteTablePropagation;
import io.asmdr.alicloud.cen.TransitRouterRouteTablePropagationArgs;
import io.asmdr.alicloud.cen.TransitRouterVpcAttachment;
import io.asmdr.alicloud.cen.TransitRouterVpcAttachmentArgs;
import io.asmdr.alicloud.cen.inputs.GetTransitRouterRouteTablesArgs;
import io.asmdr.alicloud.cen.inputs.TransitRouterVpcAttachmentZoneMappingArgs;
import io.asmdr.alicloud.vpc.RouteEntry;
import io.asmdr.alicloud.vpc.RouteEntryArgs;
import io.asmdr.naming.Identity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The CEN backbone: one CEN instance, an Enterprise transit router per region, every VPC attached to
 * its region's router, a pay-by-data-transfer peering for every region pair, and explicit routing on
 * each router's System route table (a new attachment is neither associated nor propagated by default).
 *
 * <p>It reads only VPC and vSwitch ids and CIDRs from config, never anything of the clusters, so
 * Pulumi builds it side by side with the ACK clusters.
 */
public final class Backbone extends ComponentResource {
    public static final String TYPE = "asm-dr:backbone:Backbone";

    /** A vSwitch the router places an ENI in; two zones per VPC. */
    public record ZoneMapping(String zone, Output<String> vswitchId) {}

    /**
     * One VPC to attach to the router of {@code region}; {@code key} is the network's stable key
     * (logical names), {@code vpcName} its config name (the console name of the attachment).
     */
    public record VpcAttachment(String key, String vpcName, String region, Output<String> vpcId, Output<String> routeTableId,
                                List<ZoneMapping> zoneMappings) {
        public VpcAttachment {
            zoneMappings = List.copyOf(zoneMappings);
        }
    }


    /**
     * @param homeRegion the region whose provider manages the CEN instance itself: the mesh's, which
     *                   does not depend on how the regions are ordered in the stack file
     */
    public record Args(
            String cenName,
            int crossRegionBandwidthMbps,
            String homeRegion,
            List<String> regions,
            Map<String, Provider> providers,
            List<VpcAttachment> vpcs,
            List<RoutePlan.PodRoute> podRoutes,
            List<RoutePlan.VpcRoute> vpcRoutes,
            Map<String, String> tags,
            boolean protect,
            Set<String> unavailableRegions) {
        public Args {
            unavailableRegions = Set.copyOf(unavailableRegions);
            regions = List.copyOf(regions);
            providers = Map.copyOf(providers);
            vpcs = List.copyOf(vpcs);
            podRoutes = List.copyOf(podRoutes);
            vpcRoutes = List.copyOf(vpcRoutes);
            tags = Map.copyOf(tags);
        }

        /** Named arguments, so two values of one type ({@code Output<String>}) cannot trade places. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String cenName;
            private int crossRegionBandwidthMbps;
            private String homeRegion;
            private List<String> regions;
            private Map<String, Provider> providers;
            private List<VpcAttachment> vpcs;
            private List<RoutePlan.PodRoute> podRoutes;
            private List<RoutePlan.VpcRoute> vpcRoutes;
            private Map<String, String> tags;
            private boolean protect;
            private Set<String> unavailableRegions = Set.of();

            private Builder() {}

            public Builder cenName(String cenName) {
                this.cenName = cenName;
                return this;
            }

            public Builder crossRegionBandwidthMbps(int crossRegionBandwidthMbps) {
                this.crossRegionBandwidthMbps = crossRegionBandwidthMbps;
                return this;
            }

            public Builder homeRegion(String homeRegion) {
                this.homeRegion = homeRegion;
                return this;
            }

            public Builder regions(List<String> regions) {
                this.regions = regions;
                return this;
            }

            public Builder providers(Map<String, Provider> providers) {
                this.providers = providers;
                return this;
            }

            public Builder vpcs(List<VpcAttachment> vpcs) {
                this.vpcs = vpcs;
                return this;
            }

            public Builder podRoutes(List<RoutePlan.PodRoute> podRoutes) {
                this.podRoutes = podRoutes;
                return this;
            }

            public Builder vpcRoutes(List<RoutePlan.VpcRoute> vpcRoutes) {
                this.vpcRoutes = vpcRoutes;
                return this;
            }

            public Builder tags(Map<String, String> tags) {
                this.tags = tags;
                return this;
            }

            public Builder protect(boolean protect) {
                this.protect = protect;
                return this;
            }

            /** Regions whose APIs are down (asm-dr:unavailableRegions): nothing is asked of them; default none. */
            public Builder unavailableRegions(Set<String> unavailableRegions) {
                this.unavailableRegions = unavailableRegions;
                return this;
            }

            /** The args; every one is required (an absent optional value is {@code Optional.empty()}). */
            public Args build() {
                return new Args(Objects.requireNonNull(cenName, "Backbone.Args: cenName is required"),
                        crossRegionBandwidthMbps,
                        Objects.requireNonNull(homeRegion, "Backbone.Args: homeRegion is required"),
                        Objects.requireNonNull(regions, "Backbone.Args: regions is required"),
                        Objects.requireNonNull(providers, "Backbone.Args: providers is required"),
                        Objects.requireNonNull(vpcs, "Backbone.Args: vpcs is required"),
                        Objects.requireNonNull(podRoutes, "Backbone.Args: podRoutes is required"),
                        Objects.requireNonNull(vpcRoutes, "Backbone.Args: vpcRoutes is required"),
                        Objects.requireNonNull(tags, "Backbone.Args: tags is required"),
                        protect,
                        Objects.requireNonNull(unavailableRegions, "Backbone.Args: unavailableRegions is required"));
            }
        }
    }

    private final Instance cen;
    private final Map<String, TransitRouter> routers = new LinkedHashMap<>();
    private final Map<String, Output<String>> systemRouteTables = new LinkedHashMap<>();
    private final Set<String> unavailable = new HashSet<>();
    private final Map<String, TransitRouterVpcAttachment> vpcAttachments = new LinkedHashMap<>();
    private final Map<String, Output<String>> vpcRouteTables = new LinkedHashMap<>();
    private final Map<String, TransitRouterPeerAttachment> peerAttachments = new LinkedHashMap<>();
    private final List<Resource> routing = new ArrayList<>();
    /** The association and propagation of each VPC attachment, by network key: what its VPC routes wait for. */
    private final Map<String, List<Resource>> attachmentRouting = new LinkedHashMap<>();

    public Backbone(String name, Args args, @Nullable ComponentResourceOptions options) {
        // the first release named the component and the CEN instance after the CEN's config name
        super(TYPE, name, Identity.previously(options, name, args.cenName()));
        var home = provider(args, args.homeRegion());
        this.cen = new Instance("cen", InstanceArgs.builder()
                .cenInstanceName(args.cenName())
                .description("asm-dr cross-region backbone")
                .tags(args.tags())
                .build(), opts(home).protect(args.protect()).aliases(Identity.previously("cen", args.cenName())).build());

        for (var region : args.regions()) {
            var provider = provider(args, region);
            var router = new TransitRouter(region + "-router", TransitRouterArgs.builder()
                    .cenId(cen.id())
                    .transitRouterName(region + "-router")
                    .tags(args.tags())
                    .build(), opts(provider).protect(args.protect()).build());
            routers.put(region, router);
            if (args.unavailableRegions().contains(region)) {
                // no call to a region whose API is down: the resources on its table keep the id in their state (onRouteTable)
                systemRouteTables.put(region, Output.of(UNAVAILABLE));
                unavailable.add(region);
                continue;
            }
            systemRouteTables.put(region, CenFunctions.getTransitRouterRouteTables(GetTransitRouterRouteTablesArgs.builder()
                            .transitRouterId(router.transitRouterId())
                            .transitRouterRouteTableType("System")
                            .build(), new InvokeOutputOptions.Builder().parent(this).provider(provider).build())
                    .applyValue(result -> {
                        if (result.tables() == null || result.tables().isEmpty()) {
                            throw new IllegalStateException("transit router in " + region + " reports no System route table");
                        }
                        return result.tables().get(0).transitRouterRouteTableId();
                    }));
        }

        for (var vpc : args.vpcs()) {
            var attachmentName = vpc.key() + "-attachment";
            var legacyName = vpc.vpcName() + "-attachment";
            var attachment = new TransitRouterVpcAttachment(attachmentName, TransitRouterVpcAttachmentArgs.builder()
                    .cenId(cen.id())
                    .transitRouterId(routers.get(vpc.region()).transitRouterId())
                    .vpcId(vpc.vpcId())
                    .zoneMappings(vpc.zoneMappings().stream().map(z -> TransitRouterVpcAttachmentZoneMappingArgs.builder()
                            .zoneId(z.zone())
                            .vswitchId(z.vswitchId())
                            .build()).toList())
                    .transitRouterVpcAttachmentName(legacyName)
                    // off: the VPC's routes to the rest of the stack are explicit RouteEntry resources (RoutePlan),
                    // and the two mechanisms must never install the same prefix twice
                    .autoPublishRouteEnabled(false)
                    .tags(args.tags())
                    .build(), opts(provider(args, vpc.region())).protect(args.protect())
                    .aliases(Identity.previously(attachmentName, legacyName)).build());
            vpcAttachments.put(vpc.key(), attachment);
            vpcRouteTables.put(vpc.key(), vpc.routeTableId());
            attachmentRouting.put(vpc.key(), route(attachmentName, legacyName, vpc.region(), attachment.transitRouterAttachmentId(), args));
        }

        // pairs in region-id order, so that neither the names nor which side owns a peering depends on the stack file's order
        var regions = args.regions().stream().sorted().toList();
        for (int i = 0; i < regions.size(); i++) {
            for (int j = i + 1; j < regions.size(); j++) {
                var local = regions.get(i);
                var peer = regions.get(j);
                var peerName = local + "-to-" + peer;
                // the first release oriented a pair by stack-file order; a stack that listed them the
                // other way keeps its URNs (the peering itself is replaced once: transitRouterId is ForceNew)
                var reversed = peer + "-to-" + local;
                var peering = new TransitRouterPeerAttachment(peerName, TransitRouterPeerAttachmentArgs.builder()
                        .cenId(cen.id())
                        .transitRouterId(routers.get(local).transitRouterId())
                        .peerTransitRouterId(routers.get(peer).transitRouterId())
                        .peerTransitRouterRegionId(peer)
                        // pay by data transfer; without a bandwidth the link has only CEN's 1 Kbit/s test bandwidth
                        .bandwidthType("DataTransfer")
                        .bandwidth(args.crossRegionBandwidthMbps())
                        .transitRouterPeerAttachmentName(peerName)
                        .autoPublishRouteEnabled(true)
                        .tags(args.tags())
                        .build(), opts(provider(args, local)).protect(args.protect())
                        .aliases(Identity.previously(peerName, reversed)).build());
                peerAttachments.put(pairKey(local, peer), peering);
                // a peering carries routes only where it is associated and propagated: on both routers
                route(peerName, reversed, local, peering.transitRouterAttachmentId(), args);
                route(peerName, reversed, peer, peering.transitRouterAttachmentId(), args);
            }
        }

        for (var pods : args.podRoutes()) {
            for (var region : regions) {
                var nextHop = region.equals(pods.homeRegion())
                        ? vpcAttachments.get(pods.homeNetwork()).transitRouterAttachmentId()
                        : peerAttachments.get(pairKey(region, pods.homeRegion())).transitRouterAttachmentId();
                var routeName = pods.homeRegion() + "-pods-via-" + region;
                routing.add(new TransitRouterRouteEntry(routeName, TransitRouterRouteEntryArgs.builder()
                        .transitRouterRouteTableId(systemRouteTables.get(region))
                        .transitRouterRouteEntryDestinationCidrBlock(pods.cidr().toString())
                        .transitRouterRouteEntryNextHopType("Attachment")
                        .transitRouterRouteEntryNextHopId(nextHop)
                        .transitRouterRouteEntryName(routeName)
                        .transitRouterRouteEntryDescription("Flannel Pod CIDR of " + pods.cluster())
                        .build(), onRouteTable(region, opts(provider(args, region)))
                        .deleteBeforeReplace(true) // see CONFLICTS_WITH_ITS_REPLACEMENT
                        .aliases(Identity.previously(routeName, pods.cluster() + "-pods-via-" + region)).build()));
            }
        }
        for (var route : args.vpcRoutes()) {
            var attachment = vpcAttachments.get(route.network());
            routing.add(new RouteEntry(route.name(), RouteEntryArgs.builder()
                    .routeTableId(vpcRouteTables.get(route.network()))
                    .destinationCidrblock(route.destination().toString())
                    .nexthopType("Attachment")
                    .nexthopId(attachment.transitRouterAttachmentId())
                    // name and description are ForceNew: built from the key and the destination only
                    .name(route.name())
                    .description("asm-dr: " + route.destination() + " via the transit router")
                    .build(), opts(provider(args, route.region()))
                    .deleteBeforeReplace(true) // see CONFLICTS_WITH_ITS_REPLACEMENT
                    // the attachment must forward before the VPC sends anything to it
                    .dependsOn(attachmentRouting.get(route.network()))
                    .build()));
        }
        registerOutputs(Map.of("cenId", cen.id()));
    }

    /** Associates and propagates an attachment on the router of {@code region}; returns both. */
    private List<Resource> route(String attachmentName, String legacyAttachmentName, String region,
                                                      Output<String> attachmentId, Args args) {
        var table = systemRouteTables.get(region);
        var provider = provider(args, region);
        var association = attachmentName + "-assoc-" + region;
        var associated = new TransitRouterRouteTableAssociation(association,
                TransitRouterRouteTableAssociationArgs.builder()
                        .transitRouterAttachmentId(attachmentId)
                        .transitRouterRouteTableId(table)
                        .build(), onRouteTable(region, opts(provider)).deleteBeforeReplace(true) // see CONFLICTS_WITH_ITS_REPLACEMENT
                        .aliases(Identity.previously(association, legacyAttachmentName + "-assoc-" + region)).build());
        var propagation = attachmentName + "-prop-" + region;
        var propagated = new TransitRouterRouteTablePropagation(propagation,
                TransitRouterRouteTablePropagationArgs.builder()
                        .transitRouterAttachmentId(attachmentId)
                        .transitRouterRouteTableId(table)
                        .build(), onRouteTable(region, opts(provider)).aliases(Identity.previously(propagation, legacyAttachmentName + "-prop-" + region)).build());
        routing.add(associated);
        routing.add(propagated);
        return List.of(associated, propagated);
    }

    /**
     * Resources whose replacement cannot exist beside the old one, so Pulumi's default (create the
     * replacement, then delete the old) would fail halfway through an {@code up}; they are deleted
     * first ({@code deleteBeforeReplace}), at the price of a short gap in that one route:
     * <ul>
     *   <li>a VPC route entry: one destination per route table; a second one fails with
     *       {@code RouterEntryConflict.Duplicated} (terraform-provider-alicloud resource_alicloud_route_entry.go, Create);</li>
     *   <li>a transit-router route entry: likewise one per destination in a route table;</li>
     *   <li>a route-table association: "each network instance can be associated only with one route
     *       table of an Enterprise Edition transit router" (Alibaba Cloud CEN, Associated forwarding, Limits).</li>
     * </ul>
     */
    static final List<String> CONFLICTS_WITH_ITS_REPLACEMENT = List.of(
            "alicloud:vpc/routeEntry:RouteEntry",
            "alicloud:cen/transitRouterRouteEntry:TransitRouterRouteEntry",
            "alicloud:cen/transitRouterRouteTableAssociation:TransitRouterRouteTableAssociation");

    private static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    private static Provider provider(Args args, String region) {
        var p = args.providers().get(region);
        if (p == null) {
            throw new IllegalArgumentException("no alicloud provider for region " + region);
        }
        return p;
    }

    /**
     * Whatever writes to a router's route table waits for that router explicitly. The table id comes
     * from an invoke, and an invoke whose input is still unknown (a first preview) returns an
     * unknown without the router as a dependency (pulumi-java DeploymentImpl.invoke): the explicit
     * edge keeps the preview's graph equal to the update's.
     */
    private CustomResourceOptions.Builder onRouteTable(String region, CustomResourceOptions.Builder options) {
        if (unavailable.contains(region)) {
            // the table id was not asked for (its region is down): the deployed resource keeps the id it has
            options.ignoreChanges("transitRouterRouteTableId");
        }
        return options.dependsOn(routers.get(region));
    }

    /**
     * What stands for a route table id the program did not ask a dead region for. Only resources that
     * already exist may sit on it: their ignoreChanges keeps the id in their state; a new one would fail
     * to create, which is why a region is listed as unavailable only for a deployed stack (docs/dr.md).
     */
    public static final String UNAVAILABLE = "unavailable-region-not-asked";

    private CustomResourceOptions.Builder opts(Provider provider) {
        return CustomResourceOptions.builder().parent(this).provider(provider);
    }

    public Output<String> cenId() {
        return cen.id();
    }

    /**
     * Everything a cross-region control plane needs before it can reach remote clusters: the
     * peerings and every association, propagation and static route. The ASM instance waits on these.
     */
    public List<Resource> connectivity() {
        var all = new ArrayList<Resource>(vpcAttachments.values());
        all.addAll(peerAttachments.values());
        all.addAll(routing);
        return List.copyOf(all);
    }
}
