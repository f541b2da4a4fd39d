package io.asmdr.mesh;

/**
 * What {@code pulumi up} asks the ingress gateway's cluster directly (a preview only reads the address, once): whether it
 * serves the Istio kinds yet, and the gateway's public address once its SLB has one. One value so
 * the program, and the simulated cloud that stands in for the cluster offline, pass both together.
 */
public record GatewayProbe(ApiReadiness readiness, GatewayAddress address) {}
