package io.asmdr.backbone;

import io.asmdr.config.Cidr;
import io.asmdr.config.Cni;
import io.asmdr.config.StackSpec;
import io.asmdr.naming.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which prefixes each route table must carry, derived from the spec alone: what {@link Backbone}
 * declares and what {@code synth}'s {@code routes.md} lists come from this one place.
 *
 * <ul>
 *   <li>Every VPC's route table gets an explicit route (next hop: its own transit-router
 *       attachment) to every other VPC CIDR of the stack and to every Flannel Pod CIDR of another
 *       cluster. Route learning advertises only a VPC's system routes to its router ("Route
 *       learning", CEN docs), and Flannel's per-node routes have an ECS next hop, which VPCs do not
 *       propagate by default ("Advertise routes to a transit router", CEN docs), so no mechanism
 *       found in Alibaba's documentation writes remote Pod prefixes into a VPC; auto-publishing is
 *       off, so the two never install the same prefix twice.</li>
 *   <li>Every Flannel Pod CIDR gets a static route on every transit router: on its home router to
 *       its VPC's attachment, on the others to the peering towards its home region.</li>
 * </ul>
 */
public final class RoutePlan {
    private RoutePlan() {}

    /** A network of the stack: its key (logical names), region, CIDR, and the Flannel Pod CIDR of the cluster inside it, if any. */
    public record Network(String key, String vpcName, String region, Cidr cidr, Optional<Cidr> flannelPods, String cluster) {}

    /** A route in one VPC's route table: {@code destination} via that VPC's own attachment. */
    public record VpcRoute(String network, String region, Cidr destination, String reason) {
        /** The route's logical and console name: key and destination only, both ForceNew (name and description are too). */
        public String name() {
            return network + "-to-" + Identity.cidr(destination);
        }
    }

    /** A static route on the router of {@code region}: a Flannel Pod CIDR towards its home. */
    public record PodRoute(String cluster, Cidr cidr, String homeRegion, String homeNetwork) {}

    /** Every network of the stack: the cluster regions', then the mesh's own VPC (a single control plane only). */
    public static List<Network> networks(StackSpec spec) {
        var out = new ArrayList<Network>();
        for (var r : spec.regions()) {
            var pods = r.cluster().cni() == Cni.FLANNEL ? r.cluster().podCidr() : Optional.<Cidr>empty();
            out.add(new Network(r.region(), r.network().vpc().name(), r.region(), r.network().vpc().cidr(), pods, r.cluster().name()));
        }
        spec.mesh().network().ifPresent(mesh -> out.add(new Network(spec.meshNetworkKey().orElseThrow(), mesh.vpc().name(), mesh.region(),
                mesh.vpc().cidr(), Optional.empty(), "(ASM)")));
        return out;
    }

    public static List<VpcRoute> vpcRoutes(List<Network> networks) {
        var out = new ArrayList<VpcRoute>();
        for (var self : networks) {
            for (var other : networks) {
                if (other == self) {
                    continue;
                }
                out.add(new VpcRoute(self.key(), self.region(), other.cidr(), "VPC " + other.vpcName()));
                other.flannelPods().ifPresent(p -> out.add(new VpcRoute(self.key(), self.region(), p, "Flannel Pods of " + other.cluster())));
            }
        }
        return out;
    }

    public static List<PodRoute> podRoutes(List<Network> networks) {
        var out = new ArrayList<PodRoute>();
        for (var n : networks) {
            n.flannelPods().ifPresent(p -> out.add(new PodRoute(n.cluster(), p, n.region(), n.key())));
        }
        return out;
    }
}
