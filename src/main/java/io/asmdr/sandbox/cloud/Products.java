package io.asmdr.sandbox.cloud;

import io.asmdr.engine.CloudFacts;
import java.util.List;

/**
 * Every product the sandbox emulates, wired together: ACK and ASM share one view of the API servers
 * ({@link ControlPlanes}) over the sandbox's {@link ClusterHost}.
 */
public final class Products implements AutoCloseable {
    private final ControlPlanes planes;
    private final ContainerService clusters;
    private final ServiceMesh meshes;
    private final List<Product> all;

    public Products(CloudFacts facts, Timing timing, ClusterHost host) {
        this.planes = new ControlPlanes(host);
        this.clusters = new ContainerService(planes, timing, facts);
        this.meshes = new ServiceMesh(planes, timing, clusters);
        this.all = List.of(new Vpc(timing), new Ecs(), new Cbn(facts, timing), clusters, meshes, new Ga(timing));
    }

    public List<Product> all() {
        return all;
    }

    /** Brings back the API servers of the clusters and meshes a saved state holds (after a sandbox restart). */
    public void startApiServers(CloudState state) {
        clusters.startApiServers(state);
        meshes.startApiServers(state);
    }

    @Override
    public void close() {
        planes.close();
    }
}
