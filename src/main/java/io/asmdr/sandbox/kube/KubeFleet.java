package io.asmdr.sandbox.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The sandbox's Kubernetes: real API servers, one per ACK cluster and one per ASM mesh, sharing one embedded etcd
 * (each under its own key prefix), with the processes that make them behave as a cluster does (controller manager,
 * scheduler, kwok for the kubelets) and stand-ins for what Alibaba runs inside a cluster (the load balancers,
 * ASM's gateway controller). It owns every process it starts; state lives under one directory ({@link Layout}) and
 * survives {@link #close()}: {@link #open} brings back every cluster recorded there, on the same port, with the
 * same credentials, so the kubeconfigs in a Pulumi state stay valid. docs/sandbox.md, "Kubernetes in the sandbox".
 *
 * <p>One JVM runs a state directory at a time (a file lock); {@link #stopAll} ends its processes from any JVM.
 */
public final class KubeFleet implements AutoCloseable {
    /** The client certificate of the kubeconfig the fleet hands out ({@link #kubeconfig}): pki/admin-client.{crt,key} per cluster. */
    private static final String ADMIN_CERTIFICATE = "admin-client";
    private static final String APISERVER = "kube-apiserver";
    private static final String CONTROLLER_MANAGER = "kube-controller-manager";
    private static final String SCHEDULER = "kube-scheduler";
    private static final String KWOK = "kwok";
    /** Who writes the CRDs and the aggregation objects (server-side apply). */
    private static final String FIELD_MANAGER = "asm-dr-sandbox";

    /**
     * @param startTimeout   how long an API server (and etcd) may take to become ready
     * @param resyncInterval how often the stand-ins look at every cluster
     */
    public record Options(Duration startTimeout, Duration resyncInterval) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(180), Duration.ofSeconds(1));
        }
    }

    /** A process of the fleet and its resident memory. */
    public record ProcessMemory(String process, long pid, long residentKib) {}

    private final Layout layout;
    private final Binaries binaries;
    private final Options options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Pki.Issued ca;
    private final String caPem;
    private final FleetRecord fleet;
    private final HttpClient https;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Object structure = new Object();
    private final Map<String, Live> clusters = new ConcurrentHashMap<>();
    private final LoadBalancerStandIn.Addresses addresses = new LoadBalancerStandIn.Addresses();
    private final ScheduledExecutorService standIns;
    private final Map<String, String> lastNotes = new ConcurrentHashMap<>();
    private final Thread shutdownHook;
    private volatile Processes.Running etcd;
    private volatile boolean closed;

    /** A cluster this fleet runs. */
    private static final class Live {
        final ClusterRecord record;
        /** Changed only by start and stop (under the Live's lock); read by others through {@link #snapshot()}. */
        final Map<String, Processes.Running> processes = Collections.synchronizedMap(new LinkedHashMap<>());
        volatile KubernetesClient admin;
        volatile boolean started;
        volatile boolean paused;
        volatile GatewayControllerStandIn gateways;

        Live(ClusterRecord record) {
            this.record = record;
        }

        List<Processes.Running> snapshot() {
            synchronized (processes) {
                return List.copyOf(processes.values());
            }
        }
    }

    private KubeFleet(Path stateDir, Binaries binaries, Options options) {
        this.layout = new Layout(stateDir.toAbsolutePath());
        this.binaries = binaries;
        this.options = options;
        try {
            Files.createDirectories(layout.root());
            this.lockChannel = FileChannel.open(layout.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            this.lock = lockChannel.tryLock();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + layout.lock() + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(lockChannel);
            throw new IllegalStateException("another process runs the sandbox's Kubernetes in " + layout.root()
                    + " (it holds " + layout.lock() + "); `bin/asm-dr sandbox stop` ends it");
        }
        // processes of a JVM that died without closing: this JVM holds the lock, so they are nobody's
        Processes.stopRecorded(layout.root(), Processes.GRACE);
        if (Files.isRegularFile(layout.caCertificate())) {
            this.ca = Pki.read(layout.pki(), "ca");
        } else {
            this.ca = Pki.newCa("asm-dr sandbox CA", Duration.ofDays(3650));
            Pki.issue(ca, Commands.FRONT_PROXY_CLIENT, List.of(), Pki.Usage.CLIENT, List.of(), List.of(), Duration.ofDays(3650))
                    .write(layout.pki(), Commands.FRONT_PROXY_CLIENT);
            ca.write(layout.pki(), "ca"); // last: its presence says the directory is complete
        }
        this.caPem = ca.certificatePem();
        this.https = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trusting(ca)).build();
        if (Files.isRegularFile(layout.fleetRecord())) {
            this.fleet = FleetRecord.read(layout.fleetRecord());
        } else {
            int client = Ports.choose(Set.of(), Ports.ETCD_FIRST, Ports.ETCD_LAST, Ports::bindable);
            int peer = Ports.choose(Set.of(client), Ports.ETCD_FIRST, Ports.ETCD_LAST, Ports::bindable);
            this.fleet = new FleetRecord(client, peer);
            fleet.write(layout.fleetRecord());
        }
        this.shutdownHook = new Thread(this::stopProcesses, "asm-dr-sandbox-kube-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.standIns = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "asm-dr-sandbox-stand-ins");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@link #open(Path, Binaries, Options)} with the default options. */
    public static KubeFleet open(Path stateDir, Binaries binaries) {
        return open(stateDir, binaries, Options.defaults());
    }

    /**
     * Takes the state directory (one JVM at a time), starts etcd and brings back every cluster recorded there;
     * returns once all their API servers are ready. Throws, having stopped what it started, when one does not start.
     */
    public static KubeFleet open(Path stateDir, Binaries binaries, Options options) {
        var fleet = new KubeFleet(stateDir, binaries, options);
        try {
            fleet.startEtcd();
            fleet.restartRecorded();
            fleet.standIns.scheduleWithFixedDelay(fleet::runStandIns, 0, options.resyncInterval().toMillis(), TimeUnit.MILLISECONDS);
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /**
     * Ends every process recorded under {@code stateDir}, whichever JVM started it (for {@code sandbox stop});
     * returns the pid files of those it ended. The state stays: the next {@link #open} brings the clusters back.
     */
    public static List<Path> stopAll(Path stateDir) {
        return Processes.stopRecorded(stateDir.toAbsolutePath(), Processes.GRACE);
    }

    /** {@link #ensureCluster(String, String, List, Role)} with one zone per cluster, {@code REGION-a} (no zone is known). */
    public String ensureCluster(String id, String region, Role role) {
        return ensureCluster(id, region, List.of(region + "-a"), role);
    }

    /**
     * The cluster's admin kubeconfig, after making sure it runs: created (port chosen and recorded first) when new,
     * started when stopped or when one of its processes has exited, as is when running. Blocks until its API server is ready, at most the start timeout;
     * throws naming the log file when it does not become ready. The same id with another region, zones or role is
     * refused.
     *
     * @param zones the zones of the cluster's nodes (its vSwitches' zones): its fake nodes carry them
     */
    public String ensureCluster(String id, String region, List<String> zones, Role role) {
        requireOpen();
        Live live;
        synchronized (structure) {
            live = clusters.get(ClusterRecord.requireId(id));
            if (live == null) {
                var recorded = layout.cluster(id).record();
                var record = Files.isRegularFile(recorded) ? ClusterRecord.read(recorded)
                        : ClusterRecord.allocate(layout, fleet, id, region, zones, role, Ports::bindable);
                live = new Live(record);
                clusters.put(id, live);
            }
        }
        var r = live.record;
        if (!r.region().equals(region) || !r.zones().equals(List.copyOf(zones)) || r.role() != role) {
            throw new IllegalArgumentException("cluster " + id + " exists as " + r.role() + " in " + r.region() + " " + r.zones()
                    + "; asked for " + role + " in " + region + " " + zones + ": delete it first");
        }
        start(live);
        return kubeconfig(id).orElseThrow();
    }

    /**
     * The admin kubeconfig of a cluster the fleet has, running or not: the fleet's CA and a client certificate
     * (user kubernetes-admin, group system:masters), as ACK's DescribeClusterUserKubeconfig hands out
     * (terraform-provider-alicloud's flattenAlicloudCSCertificate reads certificate-authority-data,
     * client-certificate-data and client-key-data and fails without them). The same text every time.
     */
    public Optional<String> kubeconfig(String id) {
        var live = clusters.get(id);
        if (live == null) {
            return Optional.empty();
        }
        var admin = Pki.read(layout.cluster(id).pki(), ADMIN_CERTIFICATE);
        return Optional.of(Credentials.clientCertificateKubeconfig(id, live.record.port(), caPem, admin.certificatePem(), admin.privateKeyPem()));
    }

    /** The clusters the fleet has, by id. */
    public Map<String, ClusterRecord> clusters() {
        var out = new TreeMap<String, ClusterRecord>();
        clusters.forEach((id, live) -> out.put(id, live.record));
        return out;
    }

    /**
     * Stops the cluster's processes and removes it: its objects in etcd, its directory (port and credentials go).
     * Member clusters that aggregate a deleted mesh keep APIServices that answer 503 until
     * {@link #stopAggregating} removes them. Unknown ids are ignored.
     */
    public void deleteCluster(String id) {
        requireOpen();
        Live live;
        synchronized (structure) {
            live = clusters.remove(ClusterRecord.requireId(id));
        }
        if (live != null) {
            synchronized (live) {
                stopCluster(live);
            }
        }
        deleteEtcdPrefix(Commands.etcdPrefix(id) + "/");
        deleteTree(layout.cluster(id).dir());
    }

    /**
     * Installs the Istio kinds ({@link IstioKinds}) on a mesh's API server and starts the gateway controller
     * stand-in there; returns once every CRD is established. Refused for an ACK cluster: a member serves the
     * kinds by aggregation ({@link #aggregateIstioKinds}), as with ASM.
     */
    public void serveIstioKinds(String meshId) {
        var live = running(meshId);
        if (live.record.role() != Role.MESH) {
            throw new IllegalArgumentException("cluster " + meshId + " is an ACK cluster: a member cluster serves the Istio kinds "
                    + "through its mesh (aggregateIstioKinds(member, mesh)), as ASM's CR aggregation does");
        }
        for (var crd : IstioKinds.crds()) {
            live.admin.genericKubernetesResources(IstioKinds.CRDS).resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        }
        for (var crd : IstioKinds.crds()) {
            var name = crd.getMetadata().getName();
            await("CRD " + name + " established on " + meshId, Duration.ofSeconds(60),
                    () -> condition(live.admin.genericKubernetesResources(IstioKinds.CRDS).withName(name).get(), "Established"));
        }
        enableGateways(live);
    }

    /**
     * CR aggregation: the member cluster serves the Istio API groups of the mesh, proxied to the mesh's API server by
     * the member's aggregation layer ({@link IstioKinds}); returns once every APIService is Available and the member's
     * discovery lists every kind (what the {@code asm-dr:mesh.istioApi: crAggregation} path of the program polls for).
     */
    public void aggregateIstioKinds(String memberId, String meshId) {
        var member = running(memberId);
        var mesh = running(meshId);
        if (member.record.role() != Role.ACK || mesh.record.role() != Role.MESH) {
            throw new IllegalArgumentException("aggregateIstioKinds(member, mesh) takes an ACK cluster and a mesh: got "
                    + memberId + " (" + member.record.role() + ") and " + meshId + " (" + mesh.record.role() + ")");
        }
        if (mesh.gateways == null) {
            throw new IllegalStateException("mesh " + meshId + " does not serve the Istio kinds yet: serveIstioKinds(\"" + meshId + "\") first");
        }
        var client = member.admin;
        ensureNamespace(client, IstioKinds.AGGREGATION_NAMESPACE);
        client.services().resource(IstioKinds.aggregationService(meshId, mesh.record.port()))
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        var apiServices = IstioKinds.apiServices(meshId, mesh.record.port(), caPem);
        for (var apiService : apiServices) {
            client.genericKubernetesResources(IstioKinds.API_SERVICES).resource(apiService).fieldManager(FIELD_MANAGER).forceConflicts()
                    .serverSideApply();
        }
        for (var apiService : apiServices) {
            var name = apiService.getMetadata().getName();
            await("APIService " + name + " available on " + memberId, Duration.ofSeconds(90),
                    () -> condition(client.genericKubernetesResources(IstioKinds.API_SERVICES).withName(name).get(), "Available"));
        }
        // an Available APIService is listed by the member's discovery once its discovery controller has fetched the
        // group from the mesh: only then do clients (and the program's ApiReadiness) see the kinds
        for (var kind : IstioKinds.KINDS) {
            for (var version : kind.versions()) {
                await(kind.group() + "/" + version + " " + kind.kind() + " in the discovery of " + memberId, Duration.ofSeconds(90),
                        () -> client.supports(kind.group() + "/" + version, kind.kind()));
            }
        }
    }

    /** Removes what {@link #aggregateIstioKinds} made on a member cluster (the mesh dropped it, or the feature is off). */
    public void stopAggregating(String memberId) {
        var client = running(memberId).admin;
        for (var apiService : IstioKinds.apiServices("", 1, "")) {
            client.genericKubernetesResources(IstioKinds.API_SERVICES).withName(apiService.getMetadata().getName()).delete();
        }
        client.services().inNamespace(IstioKinds.AGGREGATION_NAMESPACE).withName(IstioKinds.AGGREGATION_SERVICE).delete();
    }

    /**
     * Stops the cluster's API server (SIGSTOP): its port still accepts connections, but nothing answers, as when a
     * region's control plane is gone. The stand-ins leave it alone until {@link #resume}. Not kept across a restart.
     */
    public void pause(String id) {
        signalApiServer(id, "STOP", true);
    }

    public void resume(String id) {
        signalApiServer(id, "CONT", false);
    }

    /** A cluster that is starting is signalled once it has started (its start holds the same lock). */
    private void signalApiServer(String id, String signal, boolean paused) {
        requireOpen();
        var live = clusters.get(id);
        if (live == null) {
            throw new IllegalArgumentException("no sandbox cluster " + id + " (have " + clusters.keySet() + ")");
        }
        synchronized (live) {
            if (!live.started) {
                throw new IllegalStateException("sandbox cluster " + id + " is not running (its start failed or it was stopped)");
            }
            live.paused = paused;
            Processes.signal(live.processes.get(APISERVER).process().pid(), signal);
        }
    }

    /** Resident memory of the cluster's processes (from /proc), for measurements. */
    public List<ProcessMemory> memory(String id) {
        var out = new ArrayList<ProcessMemory>();
        running(id).snapshot().forEach(p -> Processes.rssKib(p.process().pid())
                .ifPresent(kib -> out.add(new ProcessMemory(p.name(), p.process().pid(), kib))));
        return out;
    }

    /** Resident memory of the shared etcd. */
    public Optional<ProcessMemory> etcdMemory() {
        var e = etcd;
        return e == null ? Optional.empty() : Processes.rssKib(e.process().pid()).map(kib -> new ProcessMemory("etcd", e.process().pid(), kib));
    }

    /** Stops every process the fleet started (clusters first, etcd last) and lets go of the state directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or ran
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
    }

    // --- internals ---

    private void stopProcesses() {
        standIns.shutdownNow();
        var all = new ArrayList<>(clusters.values());
        all.parallelStream().forEach(live -> {
            synchronized (live) {
                stopCluster(live);
            }
        });
        var e = etcd;
        if (e != null) {
            Processes.stop(e, Processes.GRACE);
            etcd = null;
        }
    }

    private void stopCluster(Live live) {
        live.started = false;
        var client = live.admin;
        live.admin = null;
        live.gateways = null;
        if (client != null) {
            client.close();
        }
        var names = new ArrayList<>(live.processes.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            Processes.stop(live.processes.get(names.get(i)), Processes.GRACE);
        }
        live.processes.clear();
        live.paused = false;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the sandbox's Kubernetes fleet is closed");
        }
    }

    private Live running(String id) {
        requireOpen();
        var live = clusters.get(id);
        if (live == null || !live.started) {
            throw new IllegalArgumentException("no running sandbox cluster " + id + " (have " + clusters.keySet() + ")");
        }
        return live;
    }

    private void restartRecorded() {
        var records = ClusterRecord.all(layout);
        if (records.isEmpty()) {
            return;
        }
        records.forEach(r -> clusters.put(r.id(), new Live(r)));
        var pool = Executors.newFixedThreadPool(Math.min(4, records.size()));
        try {
            var futures = new LinkedHashMap<String, Future<?>>();
            records.forEach(r -> futures.put(r.id(), pool.submit(() -> start(clusters.get(r.id())))));
            var failures = new ArrayList<String>();
            futures.forEach((id, f) -> {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(id + ": interrupted");
                }
            });
            if (!failures.isEmpty()) {
                throw new IllegalStateException("the sandbox's clusters did not all come back:\n  " + String.join("\n  ", failures));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void startEtcd() {
        for (int port : List.of(fleet.etcdClientPort(), fleet.etcdPeerPort())) {
            if (!Ports.bindable(port)) {
                throw new IllegalStateException("etcd's port 127.0.0.1:" + port + " (kept in " + layout.fleetRecord()
                        + ") is taken by another program; free it and start again");
            }
        }
        etcd = Processes.start("etcd", Commands.etcd(binaries, layout, fleet), layout.log("etcd"), layout.pid("etcd"));
        var started = etcd;
        awaitProcess("etcd", started, () -> {
            var response = send(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fleet.etcdClientPort() + "/health")).GET().build());
            return response.isPresent() && response.get().statusCode() == 200 && response.get().body().contains("true");
        });
    }

    private void start(Live live) {
        synchronized (live) {
            if (live.started) {
                var dead = live.snapshot().stream().filter(p -> !p.alive()).map(p -> p.name() + " (log " + p.log() + ")").toList();
                if (dead.isEmpty()) {
                    return;
                }
                // a process of the cluster exited on its own: start the cluster again, as a node's supervisor would
                log(live.record.id() + ": restarting, these had exited: " + String.join(", ", dead));
                stopCluster(live);
            }
            var r = live.record;
            if (!Ports.bindable(r.port())) {
                throw new IllegalStateException("cluster " + r.id() + ": its API server's port 127.0.0.1:" + r.port()
                        + " is taken by another program (the kubeconfigs in the Pulumi state name this port); free it and start again");
            }
            var tokens = prepareFiles(r);
            var dir = layout.cluster(r.id());
            var api = Processes.start(APISERVER, Commands.apiServer(binaries, layout, r, fleet), dir.log(APISERVER), dir.pid(APISERVER));
            live.processes.put(APISERVER, api);
            try {
                awaitProcess(APISERVER + " of cluster " + r.id(), api, () -> ready(r.port(), tokens.get(Credentials.User.ADMIN)));
                live.admin = client(kubeconfig(r, Credentials.User.ADMIN, tokens));
                live.processes.put(CONTROLLER_MANAGER, Processes.start(CONTROLLER_MANAGER, Commands.controllerManager(binaries, layout, r),
                        dir.log(CONTROLLER_MANAGER), dir.pid(CONTROLLER_MANAGER)));
                if (r.role() == Role.ACK) {
                    live.processes.put(SCHEDULER, Processes.start(SCHEDULER, Commands.scheduler(binaries, layout, r), dir.log(SCHEDULER), dir.pid(SCHEDULER)));
                    live.processes.put(KWOK, Processes.start(KWOK, Commands.kwok(binaries, layout, r), dir.log(KWOK), dir.pid(KWOK)));
                    for (var node : FakeNodes.render(r)) {
                        if (live.admin.nodes().withName(node.getMetadata().getName()).get() == null) {
                            live.admin.nodes().resource(node).create();
                        }
                    }
                } else {
                    ensureNamespace(live.admin, IstioKinds.AGGREGATION_NAMESPACE);
                    var gatewayCrd = IstioKinds.ISTIO_GATEWAY.crdName();
                    if (live.admin.genericKubernetesResources(IstioKinds.CRDS).withName(gatewayCrd).get() != null) {
                        enableGateways(live); // it served the Istio kinds before the restart
                    }
                }
                live.started = true;
            } catch (RuntimeException e) {
                stopCluster(live);
                throw e;
            }
        }
    }

    /** Certificates, service-account keys, tokens and kubeconfigs: made once, kept (kubeconfigs rewritten). */
    private Map<Credentials.User, String> prepareFiles(ClusterRecord r) {
        var dir = layout.cluster(r.id());
        if (!Files.isRegularFile(dir.pki().resolve("apiserver.crt"))) {
            var sa = Pki.rsaKeys();
            Pki.writePrivate(dir.pki().resolve("sa.key"), Pki.pem("PRIVATE KEY", sa.getPrivate().getEncoded()));
            Pki.writeFile(dir.pki().resolve("sa.pub"), Pki.pem("PUBLIC KEY", sa.getPublic().getEncoded()));
            Pki.issue(ca, "kube-apiserver", List.of(), Pki.Usage.SERVER,
                    List.of("localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local",
                            IstioKinds.AGGREGATION_SERVICE + "." + IstioKinds.AGGREGATION_NAMESPACE + ".svc"),
                    List.of("127.0.0.1"), Duration.ofDays(3650)).write(dir.pki(), "apiserver");
        }
        if (!Files.isRegularFile(dir.pki().resolve(ADMIN_CERTIFICATE + ".crt"))) {
            Pki.issue(ca, Credentials.User.ADMIN.name, Credentials.User.ADMIN.groups, Pki.Usage.CLIENT, List.of(), List.of(), Duration.ofDays(3650))
                    .write(dir.pki(), ADMIN_CERTIFICATE);
        }
        var tokens = Credentials.ensureTokens(dir.tokens());
        for (var user : Credentials.User.values()) {
            Pki.writePrivate(dir.kubeconfig(user.file), kubeconfig(r, user, tokens));
        }
        return tokens;
    }

    private String kubeconfig(ClusterRecord r, Credentials.User user, Map<Credentials.User, String> tokens) {
        return Credentials.kubeconfig(r.id(), r.port(), caPem, user.file, tokens.get(user));
    }

    private boolean ready(int port, String token) {
        var response = send(https, HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/readyz"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).GET().build());
        return response.isPresent() && response.get().statusCode() == 200;
    }

    private static Optional<HttpResponse<String>> send(HttpClient client, HttpRequest request) {
        try {
            return Optional.of(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits for {@code ready}; fails fast, with the log's last lines, when the process exits, and at the start timeout. */
    private void awaitProcess(String what, Processes.Running process, BooleanSupplier ready) {
        long end = System.nanoTime() + options.startTimeout().toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.alive()) {
                throw new IllegalStateException(what + " exited (code " + process.process().exitValue() + ") before it was ready; its log "
                        + process.log() + " ends:\n" + Processes.tail(process.log(), 15));
            }
            if (System.nanoTime() - end > 0) {
                Processes.stop(process, Processes.GRACE);
                throw new IllegalStateException(what + " was not ready within " + options.startTimeout().toSeconds() + " s; its log "
                        + process.log() + " ends:\n" + Processes.tail(process.log(), 15));
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** Asks {@code done} until it says yes; an error is an answer of "not yet" (the last one is in the timeout's message). */
    private static void await(String what, Duration deadline, BooleanSupplier done) {
        long end = System.nanoTime() + deadline.toNanos();
        String last = "no error";
        while (true) {
            try {
                if (done.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException(what + ": not within " + deadline.toSeconds() + " s (last: " + last + ")");
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** Whether the object's status has condition {@code type} True. */
    private static boolean condition(GenericKubernetesResource object, String type) {
        if (object == null || !(object.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
                || !(status.get("conditions") instanceof List<?> conditions)) {
            return false;
        }
        return conditions.stream().anyMatch(c -> c instanceof Map<?, ?> m && type.equals(m.get("type")) && "True".equals(m.get("status")));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void ensureNamespace(KubernetesClient client, String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        }
    }

    private void enableGateways(Live mesh) {
        mesh.gateways = new GatewayControllerStandIn(mesh.record.id(), mesh.admin,
                id -> Optional.ofNullable(clusters.get(id))
                        .filter(l -> l.started && !l.paused && l.record.role() == Role.ACK && l.admin != null).map(l -> l.admin),
                () -> {
                    var ids = new TreeSet<String>();
                    clusters.forEach((id, l) -> {
                        if (l.record.role() == Role.ACK) {
                            ids.add(id);
                        }
                    });
                    return ids;
                });
    }

    /** One pass of the stand-ins over every running, unpaused cluster; what they do goes to logs/stand-ins.log. */
    private void runStandIns() {
        for (var live : clusters.values()) {
            var client = live.admin;
            if (!live.started || live.paused || client == null) {
                continue;
            }
            var id = live.record.id();
            live.snapshot().stream().filter(p -> !p.alive())
                    .forEach(p -> logOnce(id + ": " + p.name() + " exited (code " + p.process().exitValue() + "); its log: " + p.log()
                            + "; ensureCluster starts the cluster again"));
            try {
                if (live.record.role() == Role.ACK) {
                    LoadBalancerStandIn.reconcile(client, addresses).forEach(s -> log(id + ": load-balancer address for " + s));
                } else if (live.gateways != null) {
                    var pass = live.gateways.reconcile();
                    pass.applied().forEach(a -> log(id + ": gateway applied " + a));
                    pass.deleted().forEach(d -> log(id + ": gateway deleted " + d));
                    pass.problems().forEach(p -> logOnce(id + ": gateway problem: " + p));
                    pass.ignored().forEach(i -> logOnce(id + ": IstioGateway field the stand-in does not play: " + i));
                }
            } catch (RuntimeException e) {
                logOnce(id + ": stand-in failed: " + e.getMessage());
            }
        }
    }

    /** Appends a line to logs/stand-ins.log once: a problem that persists is not repeated every pass. */
    private void logOnce(String line) {
        if (lastNotes.putIfAbsent(line, line) == null) {
            log(line);
        }
    }

    private void log(String line) {
        try {
            Files.createDirectories(layout.log("stand-ins").getParent());
            Files.writeString(layout.log("stand-ins"), Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // a log line is not worth failing the stand-ins for
        }
    }

    /** Deletes every etcd key under a prefix through etcd's JSON gateway ({@code POST /v3/kv/deleterange}). */
    private void deleteEtcdPrefix(String prefix) {
        var key = prefix.getBytes(StandardCharsets.UTF_8);
        var end = key.clone();
        end[end.length - 1]++;
        var body = "{\"key\":\"" + Base64.getEncoder().encodeToString(key) + "\",\"range_end\":\"" + Base64.getEncoder().encodeToString(end) + "\"}";
        var response = send(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fleet.etcdClientPort() + "/v3/kv/deleterange"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.isEmpty() || response.get().statusCode() != 200) {
            throw new IllegalStateException("etcd did not delete " + prefix + ": " + response.map(r -> r.statusCode() + " " + r.body()).orElse("no answer"));
        }
    }

    static KubernetesClient client(String kubeconfig) {
        var config = Config.fromKubeconfig(kubeconfig);
        config.setConnectionTimeout(5_000);
        config.setRequestTimeout(10_000);
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static SSLContext trusting(Pki.Issued ca) {
        try {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("asm-dr-sandbox-ca", ca.certificate());
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the sandbox CA: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (var f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
