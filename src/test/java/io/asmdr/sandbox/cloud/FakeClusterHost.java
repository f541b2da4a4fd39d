package io.asmdr.sandbox.cloud;

import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ClusterHost} for the products' tests: no API server, a kubeconfig in ACK's shape naming a
 * loopback server (one port per id), the calls it got, and switches to hold an API server back
 * ({@link #hold}), fail it ({@link #failing}) or hand out a kubeconfig without certificates.
 */
final class FakeClusterHost implements ClusterHost {
    final List<String> ensured = new CopyOnWriteArrayList<>();
    final List<String> deleted = new CopyOnWriteArrayList<>();
    final List<String> istio = new CopyOnWriteArrayList<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    volatile boolean withoutCertificates;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final ConcurrentHashMap<String, Integer> ports = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(16443);

    /** API servers (and Istio kinds) asked for from now on wait until {@link #release}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    private void pass() {
        try {
            if (!gate.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the fake cluster host");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String ensure(String id, String region, boolean meshControlPlane) {
        ensured.add(id);
        pass();
        if (failing.contains(id)) {
            throw new IllegalStateException("kube-apiserver for " + id + " exited with status 1");
        }
        var port = ports.computeIfAbsent(id, k -> next.getAndIncrement());
        return kubeconfig(id, "https://127.0.0.1:" + port, !withoutCertificates);
    }

    static String kubeconfig(String id, String server, boolean certificates) {
        var b64 = Base64.getEncoder();
        var ca = certificates ? "    certificate-authority-data: " + b64.encodeToString(("CA of " + id).getBytes()) + "\n" : "";
        var user = certificates
                ? "    client-certificate-data: " + b64.encodeToString(("cert of " + id).getBytes()) + "\n"
                        + "    client-key-data: " + b64.encodeToString(("key of " + id).getBytes()) + "\n"
                : "    token: t\n";
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: kubernetes\n  cluster:\n    server: " + server + "\n" + ca
                + "contexts:\n- name: admin-" + id + "\n  context:\n    cluster: kubernetes\n    user: admin\n"
                + "current-context: admin-" + id + "\nusers:\n- name: admin\n  user:\n" + user;
    }

    @Override
    public void delete(String id) {
        deleted.add(id);
    }

    @Override
    public void serveIstioKinds(String clusterId) {
        pass();
        istio.add(clusterId);
    }
}
