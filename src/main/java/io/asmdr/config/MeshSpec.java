package io.asmdr.config;

import java.util.List;
import java.util.Optional;

/**
 * The ASM instance. {@code ingressGateways} is every managed ingress gateway, the primary one first
 * ({@code ingressGateway}: the stack output ingressGatewayCluster, where the drill lock lives).
 */
public record MeshSpec(
        NetworkSpec network,
        String name,
        String edition,
        String clusterSpec,
        Optional<String> version,
        List<IngressGatewaySpec> ingressGateways,
        IstioApi istioApi) {

    public MeshSpec {
        ingressGateways = List.copyOf(ingressGateways);
        if (ingressGateways.isEmpty()) {
            throw new IllegalArgumentException("a mesh has at least one ingress gateway");
        }
    }

    /** The primary ingress gateway. */
    public IngressGatewaySpec ingressGateway() {
        return ingressGateways.get(0);
    }
}
