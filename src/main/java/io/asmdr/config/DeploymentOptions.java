package io.asmdr.config;

import java.util.Optional;

/**
 * Per-environment switches. {@code protect} turns on ACK deletion protection and Pulumi's protect
 * option on the stateful resources; {@code kubeconfigTtlMinutes} asks ACK for short-lived credentials.
 */
public record DeploymentOptions(boolean protect, Optional<Integer> kubeconfigTtlMinutes) {}
