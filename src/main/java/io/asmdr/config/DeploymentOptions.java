package io.asmdr.config;

import java.util.Optional;
import java.util.Set;

/**
 * Per-environment switches. {@code protect} turns on ACK deletion protection and Pulumi's protect
 * option on the stateful resources; {@code kubeconfigTtlMinutes} asks ACK for short-lived credentials;
 * {@code unavailableRegions} names regions whose APIs are down: nothing is asked of them, their
 * resources are kept as they are, and traffic rules stop sending to them (docs/dr.md).
 */
public record DeploymentOptions(boolean protect, Optional<Integer> kubeconfigTtlMinutes, Set<String> unavailableRegions) {
    public DeploymentOptions {
        unavailableRegions = Set.copyOf(unavailableRegions);
    }

    public DeploymentOptions(boolean protect, Optional<Integer> kubeconfigTtlMinutes) {
        this(protect, kubeconfigTtlMinutes, Set.of());
    }
}
