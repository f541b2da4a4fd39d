package io.asmdr.config;

/**
 * The application: its namespace, and the registry its images come from. {@code imageRegistry} may
 * hold {@code {region}}, replaced by each cluster's region, for a registry mirror per region (ACR).
 */
public record AppSpec(String namespace, String imageRegistry) {
    /** The tutorial's: Docker Hub, which is generally unreachable from mainland-China regions. */
    public static final String DEFAULT_REGISTRY = "docker.io/istio";

    public String registryFor(String region) {
        return imageRegistry.replace("{region}", region);
    }
}
