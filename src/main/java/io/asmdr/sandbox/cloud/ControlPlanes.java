package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API servers of the emulated clusters and meshes, as this process knows them: each
 * {@link ClusterHost} call runs on a thread of its own, once per id per process (the first request
 * that concerns a cluster after a sandbox restart starts it again), and a request only ever asks how
 * far it got. Shared by {@link ContainerService} and {@link ServiceMesh}, which is how a mesh knows
 * whether a member cluster serves the Istio kinds yet.
 *
 * <p>A kubeconfig the host returns is checked before anything is handed out: a loopback {@code https}
 * server, and for an ACK cluster the inline certificate fields the provider reads (see
 * {@link ClusterHost}). A host that fails, or a kubeconfig that fails the check, fails the cluster with
 * the reason, which the provider then reports.
 *
 * <p>Wiring: one instance over the fleet's host, shared by both products:
 * {@code var planes = new ControlPlanes(host); var cs = new ContainerService(planes, timing, CloudFacts.PUBLISHED);
 * var asm = new ServiceMesh(planes, timing, cs);} and, over a saved state, {@code cs.startApiServers(state)},
 * {@code asm.startApiServers(state)}; {@link #close} when the sandbox stops.
 */
public final class ControlPlanes implements AutoCloseable {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** How far an API server got: starting, up (with its kubeconfig), or failed (with the reason). */
    public record Server(Phase phase, String kubeconfig, String problem) {
        public enum Phase { STARTING, UP, FAILED }

        public boolean up() {
            return phase == Phase.UP;
        }

        /**
         * The kubeconfig of {@code what} (e.g. "cluster c…"), or the answer a request gets while there is
         * none: 503 {@code ServiceUnavailable} while the API server starts (the provider's NeedRetry
         * retries it), the host's reason once it failed.
         */
        public String kubeconfigOf(String what) {
            return switch (phase) {
                case STARTING -> throw new ApiException(503, "ServiceUnavailable",
                        "The sandbox is (re)starting the API server of " + what + "; retry in a few seconds.");
                case FAILED -> throw ApiException.badRequest("Sandbox.ApiServerFailed", "The API server of " + what
                        + " could not be started: " + problem);
                case UP -> kubeconfig;
            };
        }

        /** The {@code server} URL of the kubeconfig ({@code https://127.0.0.1:PORT}). */
        public String endpoint() {
            return serverOf(kubeconfig);
        }
    }

    private final ClusterHost host;
    private final Executor threads;
    private final ExecutorService owned;
    private final Map<String, CompletableFuture<String>> servers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> istio = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> deletions = new ConcurrentHashMap<>();

    /** Runs the host's calls on four threads of its own (a prod stack has three clusters and a mesh). */
    public ControlPlanes(ClusterHost host) {
        this(host, null);
    }

    ControlPlanes(ClusterHost host, Executor threads) {
        this.host = host;
        if (threads == null) {
            var count = new AtomicInteger();
            this.owned = Executors.newFixedThreadPool(4, r -> {
                var t = new Thread(r, "sandbox-cluster-host-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.threads = owned;
        } else {
            this.owned = null;
            this.threads = threads;
        }
    }

    /** The API server of {@code id}: asks the host for it unless this process already did; never blocks. */
    public Server server(String id, String region, boolean meshControlPlane) {
        var future = servers.computeIfAbsent(id, k -> CompletableFuture.supplyAsync(
                () -> checked(host.ensure(id, region, meshControlPlane), meshControlPlane), threads));
        return of(future);
    }

    /** What this process knows of {@code id}'s API server, without starting it. */
    public Optional<Server> known(String id) {
        return Optional.ofNullable(servers.get(id)).map(ControlPlanes::of);
    }

    /** Asks the host (once per process) to make {@code clusterId} serve the Istio kinds; never blocks. */
    public Server istioKinds(String clusterId) {
        var future = istio.computeIfAbsent(clusterId, k -> CompletableFuture.runAsync(() -> host.serveIstioKinds(clusterId), threads));
        return of(future.thenApply(v -> ""));
    }

    /** Stops {@code id}'s API server (on the host's own time) and forgets it here. */
    public void delete(String id) {
        servers.remove(id);
        istio.remove(id);
        deletions.put(id, CompletableFuture.runAsync(() -> host.delete(id), threads));
    }

    /** For tests: what the host is still doing for {@code id}. */
    CompletableFuture<?> pending(String id) {
        var all = new ArrayList<CompletableFuture<?>>();
        Optional.ofNullable(servers.get(id)).ifPresent(all::add);
        Optional.ofNullable(istio.get(id)).ifPresent(all::add);
        Optional.ofNullable(deletions.get(id)).ifPresent(all::add);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null);
    }

    private static Server of(CompletableFuture<String> future) {
        if (!future.isDone()) {
            return new Server(Server.Phase.STARTING, "", "");
        }
        try {
            return new Server(Server.Phase.UP, future.join(), "");
        } catch (CompletionException e) {
            var cause = e.getCause() == null ? e : e.getCause();
            return new Server(Server.Phase.FAILED, "", String.valueOf(cause.getMessage()));
        }
    }

    /** The kubeconfig, if it is one the provider and the Kubernetes provider can use; else the reason. */
    static String checked(String kubeconfig, boolean meshControlPlane) {
        var problems = problems(kubeconfig, !meshControlPlane);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the sandbox's cluster host returned a kubeconfig the provider cannot use: "
                    + String.join("; ", problems));
        }
        return kubeconfig;
    }

    static List<String> problems(String kubeconfig, boolean certificates) {
        JsonNode root;
        try {
            root = YAML.readTree(kubeconfig == null ? "" : kubeconfig);
        } catch (IOException e) {
            return List.of("it is not YAML (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            return List.of("it is not a kubeconfig (no YAML mapping)");
        }
        var problems = new ArrayList<String>();
        var cluster = root.path("clusters").path(0).path("cluster");
        var server = cluster.path("server").asText("");
        if (!isLoopbackHttps(server)) {
            problems.add("clusters[0].cluster.server is '" + server + "', not an https URL on 127.0.0.0/8");
        }
        if (certificates) {
            // resource_alicloud_cs_kubernetes.go flattenAlicloudCSCertificate indexes exactly these three
            if (cluster.path("certificate-authority-data").asText("").isEmpty()) {
                problems.add("clusters[0].cluster.certificate-authority-data is missing");
            }
            var user = root.path("users").path(0).path("user");
            for (var field : List.of("client-certificate-data", "client-key-data")) {
                if (user.path(field).asText("").isEmpty()) {
                    problems.add("users[0].user." + field + " is missing");
                }
            }
        }
        return problems;
    }

    private static boolean isLoopbackHttps(String server) {
        try {
            var uri = URI.create(server);
            return "https".equals(uri.getScheme()) && uri.getHost() != null
                    && (uri.getHost().startsWith("127.") || uri.getHost().equals("localhost"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String serverOf(String kubeconfig) {
        try {
            return YAML.readTree(kubeconfig).path("clusters").path(0).path("cluster").path("server").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
            try {
                owned.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
