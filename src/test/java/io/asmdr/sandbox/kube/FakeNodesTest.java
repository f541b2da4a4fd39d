package io.asmdr.sandbox.kube;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fake nodes carry the cluster's region and zones, as ACK's nodes do, for Istio's locality. */
class FakeNodesTest {
    @Test
    void oneNodePerZoneAtLeastTwoNamedAsAckNamesThem() {
        var three = new ClusterRecord("c", "cn-hangzhou", List.of("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"), Role.ACK, 16443, 2);
        var nodes = FakeNodes.render(three);
        assertEquals(List.of("cn-hangzhou.192.168.2.10", "cn-hangzhou.192.168.2.11", "cn-hangzhou.192.168.2.12"),
                nodes.stream().map(n -> n.getMetadata().getName()).toList());
        assertEquals(List.of("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"),
                nodes.stream().map(n -> n.getMetadata().getLabels().get("topology.kubernetes.io/zone")).toList());
        nodes.forEach(n -> assertEquals("cn-hangzhou", n.getMetadata().getLabels().get("topology.kubernetes.io/region")));
        var one = FakeNodes.render(new ClusterRecord("c", "cn-shanghai", List.of("cn-shanghai-e"), Role.ACK, 16443, 0));
        assertEquals(2, one.size());
        assertEquals("192.168.0.11", one.get(1).getStatus().getAddresses().get(0).getAddress());
        assertEquals("8", one.get(0).getStatus().getAllocatable().get("cpu").toString());
    }
}
