package io.asmdr.sandbox.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The programs the sandbox runs, found where {@code tools/sandbox-binaries.sh} puts them
 * ({@code ${ASM_DR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/asm-dr}/sandbox/}) or, for the Kubernetes ones, on
 * {@code PATH}. A missing one is named with the command that builds it, all of them in one message.
 *
 * @param kwokStages the kwok Stage objects (node initialize and heartbeat, pod ready, complete and delete) that the
 *                   kwok step copies out of kwok's module: kwok plays nothing without stages
 */
public record Binaries(Path etcd, Path kubeApiserver, Path kubeControllerManager, Path kubeScheduler, Path kwok, Path kwokStages) {
    public static final String SCRIPT = "tools/sandbox-binaries.sh";
    /** The kubernetes plugin the program asks for ({@code io.asmdr.kube.KubernetesPlugin}). */
    public static final String KUBERNETES_PLUGIN_VERSION = "4.25.0";
    public static final String ALICLOUD_PLUGIN_VERSION = "3.105.0";

    /** Some binaries are not built; the message names each with its build step. */
    public static final class Missing extends RuntimeException {
        public Missing(String message) {
            super(message);
        }
    }

    /** The Pulumi side: the plugins and the Java language host that {@code pulumi up} loads. */
    public record Pulumi(Path kubernetesPlugin, Path alicloudPlugin, Path javaHost) {}

    /** Where the build script caches everything, from the same variables it reads. */
    public static Path cacheDir(Map<String, String> env) {
        var base = nonEmpty(env.get("ASM_DR_CACHE")).map(Path::of)
                .or(() -> nonEmpty(env.get("XDG_CACHE_HOME")).map(x -> Path.of(x, "asm-dr")))
                .orElseGet(() -> Path.of(nonEmpty(env.get("HOME")).orElse(System.getProperty("user.home")), ".cache", "asm-dr"));
        return base.resolve("sandbox");
    }

    /** Every Kubernetes binary, or {@link Missing} naming each one that is not there. */
    public static Binaries locate(Map<String, String> env) {
        var cache = cacheDir(env);
        var missing = new ArrayList<String>();
        var etcd = find(cache.resolve("bin/asm-dr-etcd"), null, env, "etcd", missing);
        var apiserver = find(cache.resolve("bin/kube-apiserver"), "kube-apiserver", env, "kube-apiserver", missing);
        var kcm = find(cache.resolve("bin/kube-controller-manager"), "kube-controller-manager", env, "kube-controller-manager", missing);
        var scheduler = find(cache.resolve("bin/kube-scheduler"), "kube-scheduler", env, "kube-scheduler", missing);
        var kwok = find(cache.resolve("bin/kwok"), "kwok", env, "kwok", missing);
        var stages = cache.resolve("share/kwok-stages.yaml");
        if (!Files.isRegularFile(stages) && Files.isExecutable(kwok)) {
            missing.add("kwok's stages " + stages + " (" + SCRIPT + " kwok)");
        }
        fail(missing, cache);
        return new Binaries(etcd, apiserver, kcm, scheduler, kwok, stages);
    }

    /** The plugins and the language host, or {@link Missing} naming each one that is not there and how to get it. */
    public static Pulumi pulumi(Map<String, String> env) {
        var cache = cacheDir(env);
        var missing = new ArrayList<String>();
        var kubernetes = find(cache.resolve("plugins/pulumi-resource-kubernetes-v" + KUBERNETES_PLUGIN_VERSION), null, env, "kubernetes-plugin", missing);
        var javaHost = find(cache.resolve("bin/pulumi-language-java"), "pulumi-language-java", env, "java-host", missing);
        var alicloud = nonEmpty(env.get("ASM_DR_ALICLOUD_PLUGIN")).map(Path::of)
                .orElse(cache.resolve("plugins/pulumi-resource-alicloud-v" + ALICLOUD_PLUGIN_VERSION));
        if (!Files.isExecutable(alicloud)) {
            missing.add("the alicloud plugin " + ALICLOUD_PLUGIN_VERSION + " (not at " + alicloud + "; where the Pulumi plugin registry is "
                    + "reachable, `pulumi plugin install resource alicloud " + ALICLOUD_PLUGIN_VERSION + "` and set ASM_DR_ALICLOUD_PLUGIN to "
                    + "the installed pulumi-resource-alicloud; the Go module proxy does not serve it)");
        }
        fail(missing, cache);
        return new Pulumi(kubernetes, alicloud, javaHost);
    }

    private static void fail(List<String> missing, Path cache) {
        if (!missing.isEmpty()) {
            throw new Missing("the sandbox needs binaries that are not built: " + String.join("; ", missing)
                    + ". They are looked for in " + cache + " (ASM_DR_CACHE moves it); " + SCRIPT + " builds them from the Go module proxy"
                    + " (needs Go; times in docs/sandbox.md).");
        }
    }

    private static Path find(Path cached, String onPath, Map<String, String> env, String step, List<String> missing) {
        if (Files.isExecutable(cached)) {
            return cached;
        }
        if (onPath != null) {
            for (var dir : nonEmpty(env.get("PATH")).orElse("").split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, onPath))) {
                    return Path.of(dir, onPath);
                }
            }
        }
        missing.add((onPath != null ? onPath : cached.getFileName().toString()) + " (" + SCRIPT + " " + step + ")");
        return cached;
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
