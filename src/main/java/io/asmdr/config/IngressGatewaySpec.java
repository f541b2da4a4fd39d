package io.asmdr.config;

public record IngressGatewaySpec(String cluster, int replicas, String serviceType) {}
