package io.asmdr.config;

import java.util.Optional;

public record MeshSpec(
        NetworkSpec network,
        String name,
        String edition,
        String clusterSpec,
        Optional<String> version,
        IngressGatewaySpec ingressGateway,
        IstioApi istioApi) {}
