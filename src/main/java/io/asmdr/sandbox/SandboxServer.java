package io.asmdr.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.configreader.StackFile;
import io.asmdr.engine.CloudFacts;
import io.asmdr.loopback.Certificate;
import io.asmdr.sandbox.cloud.CloudEmulator;
import io.asmdr.sandbox.cloud.CloudState;
import io.asmdr.sandbox.dataplane.DataPlaneStandIn;
import io.asmdr.sandbox.cloud.Products;
import io.asmdr.sandbox.cloud.Timing;
import io.asmdr.sandbox.kube.Binaries;
import io.asmdr.sandbox.kube.KubeFleet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sandbox serve}: the long-running process of a sandbox. It serves the emulated Alibaba Cloud on one
 * loopback HTTPS port (the same port every time, so what {@code sandbox env} printed stays true), owns the
 * Kubernetes API servers behind its clusters and meshes, and writes {@link SandboxPaths#server()} once it
 * answers. It ends on SIGTERM (what {@code sandbox stop} sends), stopping everything it started.
 */
final class SandboxServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxServer() {}

    /** The record a running server leaves: its pid, port and certificate. */
    record Running(long pid, int port, Path certificate, String started) {
        String endpoint() {
            return "127.0.0.1:" + port;
        }

        boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        static Optional<Running> read(SandboxPaths paths) {
            try {
                if (!Files.isRegularFile(paths.server())) {
                    return Optional.empty();
                }
                var node = JSON.readTree(paths.server().toFile());
                return Optional.of(new Running(node.path("pid").asLong(), node.path("port").asInt(),
                        Path.of(node.path("certificate").asText()), node.path("started").asText()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    static int serve(SandboxPaths paths, PrintStream out, PrintStream err) {
        var running = Running.read(paths);
        if (running.isPresent() && running.get().alive() && running.get().pid() != ProcessHandle.current().pid()) {
            err.println("sandbox serve: a sandbox server already runs here (pid " + running.get().pid() + "); `bin/asm-dr sandbox stop` ends it");
            return 3;
        }
        try {
            Files.createDirectories(paths.root());
            var certificate = certificate(paths);
            var state = CloudState.open(paths.cloudState(), Clock.systemUTC());
            var down = new DownRegions(paths.down());
            var binaries = Binaries.locate(System.getenv());
            out.println("sandbox: starting etcd and the API servers the saved state has");
            var fleet = KubeFleet.open(paths.kube(), binaries);
            var host = new FleetHost(fleet, state, down, out);
            var dataPlane = new DataPlaneStandIn(host.dataPlaneView(), down, out::println, Duration.ofSeconds(1), System.nanoTime());
            var products = new Products(facts(paths, out), Timing.fromEnvironment(System.getenv()), host);
            products.startApiServers(state);
            var emulator = CloudEmulator.start(certificate, port(paths), state, products.all(), paths.requests(), down);
            Files.writeString(paths.root().resolve("port"), String.valueOf(emulator.port()));
            var done = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                emulator.close();
                dataPlane.close();
                products.close();
                host.close();
                try {
                    Files.deleteIfExists(paths.server());
                } catch (IOException ignored) {
                    // a stale record names a dead pid; the next start sees that
                }
                done.countDown();
            }, "sandbox-stop"));
            var record = new LinkedHashMap<String, Object>();
            record.put("pid", ProcessHandle.current().pid());
            record.put("port", emulator.port());
            record.put("certificate", certificate.pem().toString());
            record.put("started", Instant.now().toString());
            var temp = paths.server().resolveSibling("server.json.tmp");
            JSON.writeValue(temp.toFile(), record);
            Files.move(temp, paths.server(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println("sandbox: serving the emulated Alibaba Cloud at https://" + emulator.endpoint() + " (pid " + ProcessHandle.current().pid() + ")");
            out.flush();
            done.await();
            return 0;
        } catch (Binaries.Missing e) {
            err.println("sandbox serve: " + e.getMessage());
            return 3;
        } catch (IOException | RuntimeException e) {
            err.println("sandbox serve: " + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
    }

    /**
     * The cloud facts the emulator answers from: the published tables, completed for every stack of the project
     * the way synth and preview-offline complete them for one (a region the tables do not list takes the stack's
     * own zones; each such assumption is printed to the server's log).
     */
    static CloudFacts facts(SandboxPaths paths, PrintStream out) {
        var facts = CloudFacts.PUBLISHED;
        for (var file : stackFiles(Path.of(""))) {
            try {
                facts = facts.answering(StackFile.read(file).spec());
            } catch (RuntimeException e) {
                out.println("sandbox: " + file + " is not read for the cloud facts: " + e.getMessage());
            }
        }
        facts.assumptions().forEach(a -> out.println("sandbox: assumed, not published: " + a));
        return facts;
    }

    /** The project's stack files: Pulumi.STACK.yaml beside Pulumi.yaml and in stacks/. */
    static List<Path> stackFiles(Path project) {
        var out = new ArrayList<Path>();
        for (var dir : List.of(project, project.resolve("stacks"))) {
            try (var files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().matches("Pulumi\\.[^.]+\\.yaml")).sorted().forEach(out::add);
            } catch (IOException e) {
                // no such folder: no stacks there
            }
        }
        return out;
    }

    /** The sandbox's certificate, made once (valid a year) and kept: the clients trust it through SSL_CERT_FILE. */
    static Certificate certificate(SandboxPaths paths) throws IOException {
        var dir = paths.certificates();
        var existing = new Certificate(dir.resolve("stub.p12"), dir.resolve("stub-cert.pem"));
        if (Files.isRegularFile(existing.keystore()) && Files.isRegularFile(existing.pem())) {
            return existing;
        }
        Files.createDirectories(dir);
        try {
            return Certificate.make(dir, 365);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the sandbox's certificate");
        }
    }

    /** The port the sandbox used before (its endpoints were printed with it), else 0 (a free one). */
    private static int port(SandboxPaths paths) throws IOException {
        var file = paths.root().resolve("port");
        if (Files.isRegularFile(file)) {
            try {
                return Integer.parseInt(Files.readString(file).strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
