package io.asmdr.sandbox.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The nodes of a sandbox ACK cluster: Node objects that kwok plays (it manages nodes annotated
 * {@value Commands#KWOK_NODE_ANNOTATION}{@code =fake}: heartbeats, leases, and the pods bound to them become Running
 * and Ready). One per zone, at least two, named as ACK names its nodes ({@code REGION.IP}) and labelled with the
 * well-known topology labels Istio's locality load balancing reads ({@code topology.kubernetes.io/region} and
 * {@code /zone}). Each offers what an 8 vCPU, 32 GiB ECS instance offers, so the scheduler places pods as it would.
 */
final class FakeNodes {
    static final int MINIMUM = 2;

    private FakeNodes() {}

    static List<Node> render(ClusterRecord cluster) {
        var zones = cluster.zones();
        int count = Math.max(MINIMUM, zones.size());
        var nodes = new ArrayList<Node>();
        for (int n = 0; n < count; n++) {
            var address = Commands.nodeAddress(cluster, n);
            var name = cluster.region() + "." + address;
            var labels = new TreeMap<String, String>();
            labels.put("kubernetes.io/hostname", name);
            labels.put("kubernetes.io/os", "linux");
            labels.put("kubernetes.io/arch", "amd64");
            labels.put("topology.kubernetes.io/region", cluster.region());
            labels.put("topology.kubernetes.io/zone", zones.get(n % zones.size()));
            labels.put("type", "kwok");
            labels.put(IstioKinds.MANAGED_BY, IstioKinds.SANDBOX);
            var capacity = Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi"), "pods", new Quantity("110"),
                    "ephemeral-storage", new Quantity("120Gi"));
            nodes.add(new NodeBuilder()
                    .withNewMetadata().withName(name).withLabels(labels)
                    .withAnnotations(Map.of(Commands.KWOK_NODE_ANNOTATION, "fake", "node.alpha.kubernetes.io/ttl", "0")).endMetadata()
                    .withNewSpec().withProviderID("sandbox://" + cluster.id() + "/" + name).endSpec()
                    .withNewStatus()
                    .withCapacity(capacity).withAllocatable(capacity)
                    .addNewAddress().withType("InternalIP").withAddress(address).endAddress()
                    .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                    .endStatus()
                    .build());
        }
        return nodes;
    }
}
