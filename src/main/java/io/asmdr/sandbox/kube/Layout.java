package io.asmdr.sandbox.kube;

import java.nio.file.Path;

/**
 * Where the fleet keeps its state (docs/sandbox.md, "Kubernetes in the sandbox"):
 * <pre>
 *   STATE/fleet.lock, fleet.json          the lock of the JVM that runs the fleet; etcd's ports
 *   STATE/pki/ca.{crt,key}                the CA every API server's certificate and the aggregator's client come from
 *   STATE/pki/front-proxy-client.{crt,key}
 *   STATE/etcd/                           etcd's data (every cluster under its own key prefix)
 *   STATE/logs/etcd.log, STATE/run/etcd.pid
 *   STATE/clusters/ID/cluster.json        {@link ClusterRecord}: region, zones, role, port
 *   STATE/clusters/ID/pki/                serving certificate, service-account keys
 *   STATE/clusters/ID/tokens.csv          the API server's static tokens (admin and each component)
 *   STATE/clusters/ID/USER.kubeconfig     admin, controller-manager, scheduler, kwok
 *   STATE/clusters/ID/logs/, run/         each process's output and pid file
 * </pre>
 */
record Layout(Path root) {
    Path lock() {
        return root.resolve("fleet.lock");
    }

    Path fleetRecord() {
        return root.resolve("fleet.json");
    }

    Path pki() {
        return root.resolve("pki");
    }

    Path caCertificate() {
        return pki().resolve("ca.crt");
    }

    Path etcdData() {
        return root.resolve("etcd");
    }

    Path log(String process) {
        return root.resolve("logs").resolve(process + ".log");
    }

    Path pid(String process) {
        return root.resolve("run").resolve(process + ".pid");
    }

    Path clusters() {
        return root.resolve("clusters");
    }

    Cluster cluster(String id) {
        return new Cluster(clusters().resolve(ClusterRecord.requireId(id)));
    }

    /** One cluster's directory. */
    record Cluster(Path dir) {
        Path record() {
            return dir.resolve("cluster.json");
        }

        Path pki() {
            return dir.resolve("pki");
        }

        Path tokens() {
            return dir.resolve("tokens.csv");
        }

        Path kubeconfig(String user) {
            return dir.resolve(user + ".kubeconfig");
        }

        Path log(String process) {
            return dir.resolve("logs").resolve(process + ".log");
        }

        Path pid(String process) {
            return dir.resolve("run").resolve(process + ".pid");
        }
    }
}
