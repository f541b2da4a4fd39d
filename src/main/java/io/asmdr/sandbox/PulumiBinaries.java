package io.asmdr.sandbox;

import io.asmdr.alicloud.Utilities;
import io.asmdr.kube.KubernetesPlugin;
import io.asmdr.preview.PreviewOffline;
import io.asmdr.sandbox.kube.Binaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Pulumi side of a sandbox: the user's CLI (on PATH, or where tools/pulumi-cli.sh builds it) and the
 * plugins and Java language host that {@link Binaries#pulumi} finds.
 */
public record PulumiBinaries(Path pulumi, Binaries.Pulumi plugins) {

    /** Every binary, or null with each missing one (and how to get it) added to {@code missing}. */
    public static PulumiBinaries find(Map<String, String> env, List<String> missing) {
        var cache = Binaries.cacheDir(env).getParent();
        var pulumi = PreviewOffline.onPath("pulumi", env)
                .or(() -> executable(cache.resolve("pulumi-cli-v3.274.1/bin/pulumi")));
        if (pulumi.isEmpty()) {
            missing.add("the Pulumi CLI: install it (pulumi.com/docs/install) or build it with tools/pulumi-cli.sh (30-50 min)");
        }
        Binaries.Pulumi plugins = null;
        try {
            plugins = Binaries.pulumi(env);
        } catch (Binaries.Missing e) {
            missing.add(e.getMessage());
        }
        return missing.isEmpty() ? new PulumiBinaries(pulumi.get(), plugins) : null;
    }

    private static Optional<Path> executable(Path path) {
        return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }

    Path javaHost() {
        return plugins.javaHost();
    }

    /** The plugins to install into the sandbox's own PULUMI_HOME: kind, name, version, file (the versions the program asks for). */
    List<String[]> installs() {
        return List.of(new String[] {"resource", "alicloud", Utilities.VERSION, plugins.alicloudPlugin().toString()},
                new String[] {"resource", "kubernetes", KubernetesPlugin.VERSION, plugins.kubernetesPlugin().toString()});
    }
}
