package io.asmdr.kube;

import com.pulumi.resources.CustomResourceOptions;

/**
 * The Kubernetes provider plugin this program runs with. The SDK we compile against,
 * {@code com.pulumi:kubernetes} 4.0.0 (the newest Maven Central serves here), asks for plugin
 * 4.0.0, a 2023 release, on every resource it registers (its generated {@code makeResourceOptions}
 * merges {@code Utilities.getVersion()} under the caller's options), and the engine loads a
 * provider plugin by exactly the version a resource or provider names
 * ({@code workspace.SelectCompatiblePlugin} in pulumi/pulumi v3.274.1). So every Kubernetes
 * provider and resource here names a maintained release instead; the caller's {@code version}
 * wins in {@code CustomResourceOptions.merge} (pulumi-java 1.36.1 {@code ResourceOptions.mergeSharedOptions}).
 *
 * <p>4.25.0 is the release the real preview in {@code reference/real-preview/} ran with; the
 * resources this program uses (core/v1 and apps/v1 objects, CustomResource, NamespacePatch) have
 * the same schema in both (docs/real-engine.md).
 */
public final class KubernetesPlugin {
    public static final String VERSION = "4.25.0";

    private KubernetesPlugin() {}

    /** Options for a Kubernetes provider or resource: the maintained plugin, and whatever the caller adds. */
    public static CustomResourceOptions.Builder options() {
        return CustomResourceOptions.builder().version(VERSION);
    }
}
