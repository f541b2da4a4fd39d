package io.asmdr.sandbox;

import io.asmdr.alicloud.Utilities;
import io.asmdr.kube.KubernetesPlugin;
import io.asmdr.preview.PreviewOffline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Pulumi side of a sandbox: the user's CLI, the two provider plugins at the versions the program asks
 * for, and the Java language host. Each is looked for where {@code tools/} builds it (the cache folder
 * {@code ${ASM_DR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/asm-dr}}) and on PATH; a missing one is named with
 * the command that gets it.
 */
record PulumiBinaries(Path pulumi, Path alicloud, Path kubernetes, Path javaHost) {

    static Path cache(Map<String, String> env) {
        if (env.containsKey("ASM_DR_CACHE") && !env.get("ASM_DR_CACHE").isBlank()) {
            return Path.of(env.get("ASM_DR_CACHE"));
        }
        var xdg = env.getOrDefault("XDG_CACHE_HOME", "");
        return (xdg.isBlank() ? Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache") : Path.of(xdg)).resolve("asm-dr");
    }

    /** Every binary, or the list of what is missing, each with how to get it. */
    static PulumiBinaries find(Map<String, String> env, List<String> missing) {
        var cache = cache(env);
        var pulumi = PreviewOffline.onPath("pulumi", env)
                .or(() -> executable(cache.resolve("pulumi-cli-v3.274.1/bin/pulumi")));
        if (pulumi.isEmpty()) {
            missing.add("the Pulumi CLI: install it (pulumi.com/docs/install) or build it with tools/pulumi-cli.sh (30-50 min)");
        }
        var alicloud = Optional.ofNullable(env.get("ASM_DR_ALICLOUD_PLUGIN")).filter(s -> !s.isBlank()).map(Path::of).flatMap(PulumiBinaries::executable)
                .or(() -> executable(cache.resolve("sandbox/plugins/pulumi-resource-alicloud-v" + Utilities.VERSION)));
        if (alicloud.isEmpty()) {
            missing.add("the alicloud provider plugin " + Utilities.VERSION + ": `pulumi plugin install resource alicloud " + Utilities.VERSION
                    + "` then set ASM_DR_ALICLOUD_PLUGIN to its pulumi-resource-alicloud (tools/sandbox-binaries.sh alicloud-plugin says where)");
        }
        var kubernetes = executable(cache.resolve("sandbox/plugins/pulumi-resource-kubernetes-v" + KubernetesPlugin.VERSION));
        if (kubernetes.isEmpty()) {
            missing.add("the kubernetes provider plugin " + KubernetesPlugin.VERSION + ": tools/sandbox-binaries.sh kubernetes-plugin (about 10 min)");
        }
        var host = PreviewOffline.onPath("pulumi-language-java", env).or(() -> executable(cache.resolve("sandbox/bin/pulumi-language-java")));
        if (host.isEmpty()) {
            missing.add("the Java language host pulumi-language-java: it comes with the Pulumi CLI's release, or tools/sandbox-binaries.sh java-host");
        }
        if (!missing.isEmpty()) {
            return null;
        }
        return new PulumiBinaries(pulumi.get(), alicloud.get(), kubernetes.get(), host.get());
    }

    private static Optional<Path> executable(Path path) {
        return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }

    /** The plugins to install into the sandbox's own PULUMI_HOME: kind, name, version, file. */
    List<String[]> plugins() {
        var out = new ArrayList<String[]>();
        out.add(new String[] {"resource", "alicloud", Utilities.VERSION, alicloud.toString()});
        out.add(new String[] {"resource", "kubernetes", KubernetesPlugin.VERSION, kubernetes.toString()});
        return out;
    }
}
