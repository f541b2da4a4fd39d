package io.asmdr.sandbox;

import java.util.Map;
import java.nio.file.Path;

/**
 * Where a sandbox keeps everything, under one folder ({@code target/sandbox} of the project by default): the
 * emulated cloud's state and request log, the TLS certificate its endpoint presents, the running server's
 * record, the Pulumi backend and plugin home of its stacks, a copy of the project per stack, and the
 * regions that are down. Nothing in it is needed by anything outside the sandbox; {@code sandbox stop} then
 * deleting the folder resets it.
 */
public record SandboxPaths(Path root) {
    public SandboxPaths {
        root = root.toAbsolutePath().normalize();
    }

    /** {@code target/sandbox} of the project, or {@code ASM_DR_SANDBOX_DIR} when set (the tests' own sandboxes). */
    public static SandboxPaths of(Path project, Map<String, String> env) {
        var chosen = env.getOrDefault("ASM_DR_SANDBOX_DIR", "");
        return new SandboxPaths(chosen.isBlank() ? project.resolve("target").resolve("sandbox") : Path.of(chosen));
    }

    public Path cloudState() {
        return root.resolve("cloud").resolve("state.json");
    }

    /** One JSON line per request the emulated cloud answered. */
    public Path requests() {
        return root.resolve("requests.jsonl");
    }

    public Path certificates() {
        return root.resolve("tls");
    }

    /** The running server: its pid, port and start time (written once it answers). */
    public Path server() {
        return root.resolve("server.json");
    }

    public Path serverLog() {
        return root.resolve("server.log");
    }

    /** The regions whose API (and Kubernetes API servers) are down: a JSON list of region ids. */
    public Path down() {
        return root.resolve("down.json");
    }

    public Path kube() {
        return root.resolve("kube");
    }

    public Path backend() {
        return root.resolve("backend");
    }

    public Path pulumiHome() {
        return root.resolve("pulumi-home");
    }

    /** The sandbox's own passphrase for its stacks' secrets: random, readable by the owner only. */
    public Path passphrase() {
        return root.resolve("passphrase");
    }

    /** The copy of the project a stack runs in. */
    public Path project(String stack) {
        return root.resolve("stacks").resolve(stack);
    }

    public Path logs() {
        return root.resolve("logs");
    }
}
