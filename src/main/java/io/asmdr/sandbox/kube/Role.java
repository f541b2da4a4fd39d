package io.asmdr.sandbox.kube;

/** What a sandbox API server plays. */
public enum Role {
    /**
     * An ACK member cluster: API server, controller manager, scheduler, and kwok playing the kubelets of a few fake
     * nodes in the cluster's region and zones; the load-balancer stand-in gives LoadBalancer Services an address.
     */
    ACK,
    /**
     * The ASM control plane's API server (what DescribeServiceMeshKubeconfig hands out): API server and controller
     * manager only (no nodes: nothing is scheduled there), the Istio kinds installed, and the gateway controller
     * stand-in watching its IstioGateways.
     */
    MESH
}
