package io.asmdr.sandbox;

import io.asmdr.sandbox.cloud.CloudState;
import io.asmdr.sandbox.cloud.ClusterHost;
import io.asmdr.sandbox.dataplane.DataPlaneStandIn;
import io.asmdr.sandbox.kube.KubeFleet;
import io.asmdr.sandbox.kube.Role;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sandbox's {@link ClusterHost}: the emulated clusters and meshes get their API servers from a
 * {@link KubeFleet}. A mesh's API server serves the Istio kinds from the start; a member cluster serves them
 * through its mesh (CR aggregation) once the mesh asks. A region that is down has its clusters' API servers
 * stopped (SIGSTOP: connections hang, as when a region's control plane is gone) and started again when it is
 * back, checked every second.
 */
final class FleetHost implements ClusterHost, AutoCloseable {
    private final KubeFleet fleet;
    private final CloudState state;
    private final Supplier<Set<String>> down;
    private final PrintStream log;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "sandbox-region-outages");
        t.setDaemon(true);
        return t;
    });

    FleetHost(KubeFleet fleet, CloudState state, Supplier<Set<String>> down, PrintStream log) {
        this.fleet = fleet;
        this.state = state;
        this.down = down;
        this.log = log;
        watcher.scheduleWithFixedDelay(this::followOutages, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public String ensure(String id, String region, boolean meshControlPlane) {
        var kubeconfig = fleet.ensureCluster(id, region, meshControlPlane ? Role.MESH : Role.ACK);
        if (meshControlPlane) {
            fleet.serveIstioKinds(id);
        }
        return kubeconfig;
    }

    @Override
    public void delete(String id) {
        fleet.deleteCluster(id);
    }

    /** The member serves the Istio kinds of the mesh that lists it (CR aggregation). */
    @Override
    public void serveIstioKinds(String clusterId) {
        var mesh = state.find("ServiceMesh", m -> {
            for (var member : m.path("Clusters")) {
                if (member.asText().equals(clusterId)) {
                    return true;
                }
            }
            return false;
        }).stream().findFirst().orElseThrow(() -> new IllegalStateException("no service mesh lists cluster " + clusterId));
        var meshId = mesh.path("ServiceMeshInfo").path("ServiceMeshId").asText();
        fleet.serveIstioKinds(meshId);
        fleet.aggregateIstioKinds(clusterId, meshId);
    }

    private final Set<String> paused = ConcurrentHashMap.newKeySet();

    private void followOutages() {
        try {
            var regions = down.get();
            fleet.clusters().forEach((id, record) -> {
                var out = regions.contains(record.region());
                try {
                    if (out && !paused.contains(id)) {
                        fleet.pause(id);
                        paused.add(id);
                        log.println("sandbox: region " + record.region() + " is down: the API server of " + id + " stops answering");
                    } else if (!out && paused.contains(id)) {
                        fleet.resume(id);
                        paused.remove(id);
                        log.println("sandbox: region " + record.region() + " is back: the API server of " + id + " answers again");
                    }
                } catch (RuntimeException e) {
                    // one cluster that cannot be paused (not running) leaves the others to be followed; tried again next second
                    log.println("sandbox: cannot follow region " + record.region() + " for " + id + ": " + e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            log.println("sandbox: following region outages failed: " + e.getMessage());
        }
    }

    /** What the data plane stand-in reads of the sandbox: regions from the fleet, mesh members from the emulated cloud. */
    DataPlaneStandIn.Fleet dataPlaneView() {
        return new DataPlaneStandIn.Fleet() {
            @Override
            public Map<String, String> regions() {
                var out = new TreeMap<String, String>();
                fleet.clusters().forEach((id, record) -> out.put(id, record.region()));
                return out;
            }

            @Override
            public Map<String, List<String>> meshes() {
                var out = new TreeMap<String, List<String>>();
                for (var mesh : state.all("ServiceMesh")) {
                    var members = new ArrayList<String>();
                    mesh.path("Clusters").forEach(c -> members.add(c.asText()));
                    out.put(mesh.path("ServiceMeshInfo").path("ServiceMeshId").asText(), members);
                }
                return out;
            }

            @Override
            public Optional<String> kubeconfig(String id) {
                return fleet.kubeconfig(id);
            }
        };
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        fleet.close();
    }
}
