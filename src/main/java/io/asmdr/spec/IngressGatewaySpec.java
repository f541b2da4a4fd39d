package io.asmdr.spec;

public record IngressGatewaySpec(String cluster, int replicas, String serviceType) {}
