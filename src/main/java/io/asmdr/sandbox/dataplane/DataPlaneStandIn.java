package io.asmdr.sandbox.dataplane;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.asmdr.mesh.GatewayAddress;
import io.asmdr.mesh.IngressGatewayManifest;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The sandbox's data plane: what answers on an ingress gateway's load-balancer address. For every ACK cluster whose
 * {@code istio-system/istio-ingressgateway} Service has an address (given by the load-balancer stand-in) and at least
 * one ready gateway endpoint, an HTTP server listens on that address and port and serves {@code /productpage}
 * ({@link ProductPage}) from the live state of the cluster's mesh ({@link MeshSnapshot}, read again every resync:
 * Envoy too learns of endpoint changes within about a second of the API server). So scaling a region's
 * {@code reviews} to zero changes the pages exactly as far as the real controllers change the ready endpoints, and
 * {@code verify} and {@code drill} measure that against the sandbox.
 *
 * <p>A gateway whose pods are all gone stops listening (connection refused); a gateway in a region that is down
 * ({@code sandbox --down}), or whose ready pods a NetworkPolicy cuts off from all ingress ({@code drill region-loss}),
 * is black-holed: connections are accepted and never answered, so a client's own timeout is what ends them, as with
 * a region whose network is gone. What it does not play: TLS, paths other than
 * {@code /productpage}, the time a connection to a dead endpoint takes to fail (an unejected endpoint in a down
 * region fails at once with Envoy's connect-timeout text).
 */
public final class DataPlaneStandIn implements AutoCloseable {
    /** Where ASM's gateway controller puts the gateway Service of the program's IstioGateway, and its name. */
    static final String GATEWAY_NAMESPACE = IngressGatewayManifest.NAMESPACE;
    static final String GATEWAY_SERVICE = GatewayAddress.SERVICE;
    /** How long a black-holed connection is held before it is closed unanswered. */
    static final Duration BLACK_HOLE = Duration.ofMinutes(5);

    /** What the stand-in needs of the sandbox: the ACK clusters' regions, the meshes' members, the kubeconfigs. */
    public interface Fleet {
        /** The region of every cluster and mesh control plane, by id. */
        Map<String, String> regions();

        /** Mesh id to the ids of its member clusters. */
        Map<String, List<String>> meshes();

        Optional<String> kubeconfig(String id);
    }

    private final Fleet fleet;
    private final Supplier<Set<String>> down;
    private final Consumer<String> log;
    private final Random random;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private final Map<String, MeshSnapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService loop;
    private final ExecutorService handlers = Executors.newFixedThreadPool(16, r -> {
        var t = new Thread(r, "sandbox-data-plane");
        t.setDaemon(true);
        return t;
    });

    /** One address's server: the gateway's region and mesh, and whether its region is down. */
    private final class Listener {
        final String address;
        final HttpServer server;
        volatile String region;
        volatile String mesh;
        volatile boolean blackHoled;

        Listener(String address, int port, String region, String mesh) throws IOException {
            this.address = address + ":" + port;
            this.region = region;
            this.mesh = mesh;
            this.server = HttpServer.create(new InetSocketAddress(address, port), 64);
            server.setExecutor(handlers);
            server.createContext("/", this::handle);
            server.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                if (blackHoled) {
                    long until = System.nanoTime() + BLACK_HOLE.toNanos();
                    while (blackHoled && System.nanoTime() < until) {
                        Thread.sleep(200);
                    }
                    return; // closed unanswered
                }
                ProductPage.Response response;
                var snapshot = snapshots.get(mesh);
                if (!exchange.getRequestURI().getPath().equals("/productpage")) {
                    response = new ProductPage.Response(404, "the sandbox's gateway serves /productpage only\n");
                } else if (snapshot == null) {
                    response = new ProductPage.Response(503, ProductPage.NO_HEALTHY_UPSTREAM);
                } else {
                    synchronized (random) {
                        response = servePage(snapshot);
                    }
                }
                var body = response.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", response.status() == 200 ? "text/html; charset=utf-8" : "text/plain");
                exchange.getResponseHeaders().set("X-Asm-Dr-Sandbox-Region", region);
                exchange.sendResponseHeaders(response.status(), body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private ProductPage.Response servePage(MeshSnapshot snapshot) {
            try {
                return ProductPage.serve(region, snapshot, random);
            } catch (LocalityLb.Unsupported e) {
                return new ProductPage.Response(500, e.getMessage() + "\n");
            }
        }
    }

    /** Starts the loop: every {@code resync}, the meshes are read again and the listeners follow the gateways. */
    public DataPlaneStandIn(Fleet fleet, Supplier<Set<String>> down, Consumer<String> log, Duration resync, long seed) {
        this.fleet = fleet;
        this.down = down;
        this.log = log;
        this.random = new Random(seed);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "sandbox-data-plane-loop");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(this::reconcile, 0, resync.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass; public for tests that drive it without waiting for the loop. */
    public void reconcile() {
        try {
            var regions = fleet.regions();
            var downNow = down.get();
            var wanted = new HashMap<String, String[]>(); // address:port -> {region, mesh}
            var silent = new HashSet<String>(); // addresses whose gateway pods a NetworkPolicy cuts off
            fleet.meshes().forEach((meshId, members) -> {
                var meshClient = client(meshId);
                if (meshClient.isEmpty()) {
                    return;
                }
                boolean meshDown = downNow.contains(regions.get(meshId));
                if (meshDown) {
                    // the control plane is gone: the proxies keep what it last sent them, and learn nothing new
                    once("mesh " + meshId + ": its region is down; its proxies keep their last configuration and endpoints");
                }
                var view = new ArrayList<MeshSnapshot.Member>();
                for (var id : members) {
                    var region = regions.get(id);
                    if (region != null) {
                        view.add(new MeshSnapshot.Member(region, downNow.contains(region) ? null : client(id).orElse(null)));
                    }
                }
                try {
                    if (!meshDown) {
                        snapshots.put(meshId, MeshSnapshot.read(meshClient.get(), view, downNow, snapshots.get(meshId)));
                    }
                } catch (RuntimeException e) {
                    once("mesh " + meshId + ": its rules and endpoints cannot be read: " + e.getMessage());
                }
                for (var id : members) {
                    var region = regions.get(id);
                    if (region == null || downNow.contains(region)) {
                        continue;
                    }
                    client(id).flatMap(DataPlaneStandIn::gateway).ifPresent(g -> {
                        wanted.put(g.address(), new String[] {region, meshId});
                        if (g.silent()) {
                            silent.add(g.address());
                        }
                    });
                }
            });
            // a down region's listeners stay, black-holed; the others follow the gateways
            for (var listener : listeners.values()) {
                listener.blackHoled = downNow.contains(listener.region) || silent.contains(listener.address);
                if (!listener.blackHoled && !wanted.containsKey(listener.address)) {
                    listener.server.stop(0);
                    listeners.remove(listener.address);
                    log.accept("sandbox: data plane: " + listener.address + " stops answering (no ready gateway there)");
                }
            }
            wanted.forEach((address, who) -> {
                var existing = listeners.get(address);
                if (existing != null) {
                    existing.region = who[0];
                    existing.mesh = who[1];
                    return;
                }
                // a new listener black-holes from the start if its gateway is silenced already
                int colon = address.lastIndexOf(':');
                try {
                    var listener = new Listener(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), who[0], who[1]);
                    listener.blackHoled = silent.contains(address);
                    listeners.put(address, listener);
                    log.accept("sandbox: data plane: the gateway of " + who[0] + " (mesh " + who[1] + ") answers on http://" + address);
                } catch (IOException e) {
                    once("data plane: cannot listen on " + address + ": " + e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            once("data plane: a pass failed: " + e.getMessage());
        }
    }

    /** A gateway's load-balancer address and HTTP port, and whether every ready gateway pod is cut off from ingress. */
    record Gateway(String address, boolean silent) {}

    /** The gateway Service's load-balancer address and HTTP port, when at least one gateway endpoint is ready. */
    static Optional<Gateway> gateway(KubernetesClient client) {
        Service service = client.services().inNamespace(GATEWAY_NAMESPACE).withName(GATEWAY_SERVICE).get();
        var address = GatewayAddress.of(service); // the program's own reading of the load-balancer address
        if (address.isEmpty()) {
            return Optional.empty();
        }
        var port = service.getSpec().getPorts().stream().filter(p -> "http2".equals(p.getName()) || Integer.valueOf(80).equals(p.getPort()))
                .findFirst().map(p -> p.getPort());
        var pods = new HashMap<String, Map<String, String>>();
        client.pods().inNamespace(GATEWAY_NAMESPACE).list().getItems().forEach(p -> pods.put(p.getMetadata().getName(),
                p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels()));
        var isolation = MeshSnapshot.Isolation.of(client.network().v1().networkPolicies().inNamespace(GATEWAY_NAMESPACE).list().getItems());
        var ready = client.discovery().v1().endpointSlices().inNamespace(GATEWAY_NAMESPACE)
                .withLabel("kubernetes.io/service-name", GATEWAY_SERVICE).list().getItems().stream()
                .flatMap(s -> s.getEndpoints() == null ? Stream.empty() : s.getEndpoints().stream())
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                .toList();
        if (port.isEmpty() || ready.isEmpty()) {
            return Optional.empty();
        }
        boolean silent = ready.stream().allMatch(e -> e.getTargetRef() != null
                && isolation.isolates(pods.getOrDefault(e.getTargetRef().getName(), Map.of())));
        return Optional.of(new Gateway(address.get() + ":" + port.get(), silent));
    }

    private Optional<KubernetesClient> client(String id) {
        var existing = clients.get(id);
        if (existing != null) {
            return Optional.of(existing);
        }
        return fleet.kubeconfig(id).map(yaml -> {
            var config = Config.fromKubeconfig(yaml);
            config.setRequestTimeout(5_000);
            config.setConnectionTimeout(5_000);
            return clients.computeIfAbsent(id, k -> new KubernetesClientBuilder().withConfig(config).build());
        });
    }

    private void once(String line) {
        if (logged.add(line)) {
            log.accept("sandbox: " + line);
        }
    }

    /** The addresses answering now (address:port), for tests and status. */
    public Set<String> listening() {
        return Set.copyOf(listeners.keySet());
    }

    @Override
    public void close() {
        loop.shutdownNow();
        listeners.values().forEach(l -> l.server.stop(0));
        listeners.clear();
        handlers.shutdownNow();
        clients.values().forEach(KubernetesClient::close);
    }
}
