package io.asmdr.config;

import java.util.List;
import java.util.Optional;

/**
 * The mesh's control plane(s). {@code ingressGateways} is every managed ingress gateway, the primary
 * one first ({@code ingressGateway}: the stack output ingressGatewayCluster, where the drill lock lives).
 *
 * <p>{@code network} is the mesh's own VPC: present exactly when {@code controlPlane} is
 * {@link ControlPlane#SINGLE} (the tutorial's instance lives there). Under
 * {@link ControlPlane#PER_REGION} every instance lives in its own cluster's VPC, as ASM's
 * multi-master guide pairs each cluster with its instance, so there is no mesh VPC; validation
 * refuses its keys there.
 */
public record MeshSpec(
        Optional<NetworkSpec> network,
        String name,
        String edition,
        String clusterSpec,
        Optional<String> version,
        List<IngressGatewaySpec> ingressGateways,
        IstioApi istioApi,
        ControlPlane controlPlane) {

    public MeshSpec {
        ingressGateways = List.copyOf(ingressGateways);
        if (ingressGateways.isEmpty()) {
            throw new IllegalArgumentException("a mesh has at least one ingress gateway");
        }
        if (network.isPresent() != (controlPlane == ControlPlane.SINGLE)) {
            throw new IllegalArgumentException("a mesh VPC exists exactly for a single control plane");
        }
    }

    /** The primary ingress gateway. */
    public IngressGatewaySpec ingressGateway() {
        return ingressGateways.get(0);
    }

    /** The console name of the instance in {@code region}: the mesh's name, or {@code <name>-<region>} per region. */
    public String instanceName(String region) {
        return controlPlane == ControlPlane.SINGLE ? name : name + "-" + region;
    }
}
