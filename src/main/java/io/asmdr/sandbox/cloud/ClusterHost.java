package io.asmdr.sandbox.cloud;

/**
 * The real Kubernetes API servers behind the emulated ACK clusters and ASM meshes: the sandbox's
 * cloud hands out the kubeconfig this host returns (DescribeClusterUserKubeconfig,
 * DescribeServiceMeshKubeconfig), and a cluster or mesh becomes {@code running} only once its API
 * server is up. The products call it from their own threads ({@link ControlPlanes}), never from a
 * request's.
 *
 * <p>What the kubeconfig must carry, because terraform-provider-alicloud v1.285.0 reads it: one
 * cluster with {@code server} (a loopback https URL) and inline {@code certificate-authority-data}, one
 * user with inline {@code client-certificate-data} and {@code client-key-data}
 * ({@code flattenAlicloudCSCertificate}, resource_alicloud_cs_kubernetes.go, indexes exactly these
 * and panics without them). It must be the same text for the same id across calls and across sandbox
 * restarts (same port, same certificates): it is the input of the stack's Kubernetes providers and the
 * mesh's {@code kubeconfig} attribute, so a different one shows up as a change on the next
 * {@code pulumi up} and as drift on {@code pulumi refresh}.
 */
public interface ClusterHost {
    /**
     * Starts the API server of this cluster (or mesh control plane) unless it already runs, and
     * returns its admin kubeconfig (YAML). Idempotent. Blocking; may take 10-30 s.
     *
     * @param id               the ACK cluster id or the ASM instance id
     * @param region           the region it was created in
     * @param meshControlPlane true for an ASM instance's API server (serves the Istio and
     *                         {@code istio.alibabacloud.com} kinds)
     */
    String ensure(String id, String region, boolean meshControlPlane);

    /** Stops the API server of {@code id} and forgets its data. */
    void delete(String id);

    /**
     * The mesh turns on CR aggregation for a member cluster: that cluster's API server starts
     * serving the Istio kinds. Idempotent; blocking.
     */
    void serveIstioKinds(String clusterId);
}
