package io.asmdr.sandbox.kube;

import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of the fleet's processes. Everything listens on 127.0.0.1 only; the controller manager and the
 * scheduler serve nothing ({@code --secure-port=0}: they only talk to their API server). Flags are those of
 * Kubernetes v1.34 ({@code kube-apiserver --help}; kubernetes.io/docs/reference/command-line-tools-reference/) and
 * kwok v0.8.0 ({@code pkg/kwok/cmd/root.go}).
 */
final class Commands {
    /** What the aggregator's client certificate is called, and what every API server accepts from it. */
    static final String FRONT_PROXY_CLIENT = "front-proxy-client";
    /** ACK's default Service CIDR (the console's and terraform-provider-alicloud's {@code service_cidr} example). */
    static final String SERVICE_CIDR = "172.21.0.0/20";
    /** The service-account token issuer: what ACK writes into its tokens and what a cluster's API server checks. */
    static final String ISSUER = "https://kubernetes.default.svc";
    /** The annotation kwok manages nodes by (kwok's documented convention). */
    static final String KWOK_NODE_ANNOTATION = "kwok.x-k8s.io/node";

    private Commands() {}

    static List<String> etcd(Binaries binaries, Layout layout, FleetRecord fleet) {
        return List.of(binaries.etcd().toString(), "-data-dir", layout.etcdData().toString(),
                "-client-port", Integer.toString(fleet.etcdClientPort()), "-peer-port", Integer.toString(fleet.etcdPeerPort()));
    }

    static String etcdPrefix(String clusterId) {
        return "/asm-dr/clusters/" + ClusterRecord.requireId(clusterId);
    }

    static List<String> apiServer(Binaries binaries, Layout layout, ClusterRecord cluster, FleetRecord fleet) {
        var dir = layout.cluster(cluster.id());
        var fleetPki = layout.pki();
        var args = new ArrayList<>(List.of(binaries.kubeApiserver().toString(),
                "--bind-address=127.0.0.1",
                "--secure-port=" + cluster.port(),
                // the `kubernetes` Service's Endpoints may not hold a loopback address (ValidateEndpointIP), and no pod
                // runs to use them: the reconciler that writes them is off
                "--advertise-address=127.0.0.1",
                "--endpoint-reconciler-type=none",
                "--etcd-servers=http://127.0.0.1:" + fleet.etcdClientPort(),
                "--etcd-prefix=" + etcdPrefix(cluster.id()),
                "--tls-cert-file=" + dir.pki().resolve("apiserver.crt"),
                "--tls-private-key-file=" + dir.pki().resolve("apiserver.key"),
                "--token-auth-file=" + dir.tokens(),
                // the kubeconfig handed out for a cluster authenticates with a client certificate, as ACK's does
                "--client-ca-file=" + layout.caCertificate(),
                "--authorization-mode=RBAC",
                "--service-account-issuer=" + ISSUER,
                "--api-audiences=" + ISSUER,
                "--service-account-key-file=" + dir.pki().resolve("sa.pub"),
                "--service-account-signing-key-file=" + dir.pki().resolve("sa.key"),
                "--service-cluster-ip-range=" + SERVICE_CIDR,
                "--allow-privileged=true",
                "--profiling=false",
                // the aggregation layer both ways: as a member cluster it proxies the Istio groups to the mesh's API
                // server with this client certificate; as the mesh it accepts that certificate's X-Remote-* headers
                "--proxy-client-cert-file=" + fleetPki.resolve(FRONT_PROXY_CLIENT + ".crt"),
                "--proxy-client-key-file=" + fleetPki.resolve(FRONT_PROXY_CLIENT + ".key"),
                "--requestheader-client-ca-file=" + layout.caCertificate(),
                "--requestheader-allowed-names=" + FRONT_PROXY_CLIENT,
                "--requestheader-username-headers=X-Remote-User",
                "--requestheader-group-headers=X-Remote-Group",
                "--requestheader-extra-headers-prefix=X-Remote-Extra-"));
        return List.copyOf(args);
    }

    static List<String> controllerManager(Binaries binaries, Layout layout, ClusterRecord cluster) {
        var dir = layout.cluster(cluster.id());
        return List.of(binaries.kubeControllerManager().toString(),
                "--kubeconfig=" + dir.kubeconfig("controller-manager"),
                "--bind-address=127.0.0.1",
                "--secure-port=0",
                "--leader-elect=false",
                "--cluster-name=" + cluster.id(),
                "--service-account-private-key-file=" + dir.pki().resolve("sa.key"),
                "--root-ca-file=" + layout.caCertificate(),
                "--use-service-account-credentials=true");
    }

    static List<String> scheduler(Binaries binaries, Layout layout, ClusterRecord cluster) {
        return List.of(binaries.kubeScheduler().toString(),
                "--kubeconfig=" + layout.cluster(cluster.id()).kubeconfig("scheduler"),
                "--bind-address=127.0.0.1",
                "--secure-port=0",
                "--leader-elect=false");
    }

    static List<String> kwok(Binaries binaries, Layout layout, ClusterRecord cluster) {
        // no --server-address and no --node-port: kwok then serves nothing (root.go startServer)
        return List.of(binaries.kwok().toString(),
                "--kubeconfig=" + layout.cluster(cluster.id()).kubeconfig("kwok"),
                "--config=" + binaries.kwokStages(),
                "--manage-all-nodes=false",
                "--manage-nodes-with-annotation-selector=" + KWOK_NODE_ANNOTATION + "=fake",
                "--cidr=" + podCidr(cluster),
                "--node-lease-duration-seconds=40");
    }

    /** Pod addresses: 10.(64+index).0.0/16, so two clusters' pods never share an address. */
    static String podCidr(ClusterRecord cluster) {
        return "10." + (64 + cluster.index()) + ".0.0/16";
    }

    /** The n-th fake node's address: 192.168.INDEX.(10+n). */
    static String nodeAddress(ClusterRecord cluster, int n) {
        return "192.168." + cluster.index() + "." + (10 + n);
    }
}
