package io.asmdr.sandbox.kube;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.asmdr.mesh.GatewayAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LoadBalancer Services get an address once, unique across clusters; others get none and lose one they had. */
class LoadBalancerStandInTest {
    private MockClusters clusters;
    private KubernetesClient hz;
    private KubernetesClient sh;
    private final LoadBalancerStandIn.Addresses addresses = new LoadBalancerStandIn.Addresses();

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        hz = clusters.add("hz");
        sh = clusters.add("sh");
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private static Service service(String ns, String name, String type) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withType(type).addNewPort().withPort(80).endPort().endSpec().build();
    }

    private static String address(KubernetesClient client, String ns, String name) {
        return GatewayAddress.of(client.services().inNamespace(ns).withName(name).get()).orElse(null);
    }

    @Test
    void everyLoadBalancerGetsItsOwnLoopbackAddressOnce() {
        hz.services().resource(service("istio-system", "istio-ingressgateway", "LoadBalancer")).create();
        hz.services().resource(service("default", "productpage", "ClusterIP")).create();
        sh.services().resource(service("istio-system", "istio-ingressgateway", "LoadBalancer")).create();

        assertEquals(List.of("istio-system/istio-ingressgateway"), LoadBalancerStandIn.reconcile(hz, addresses));
        assertEquals(List.of("istio-system/istio-ingressgateway"), LoadBalancerStandIn.reconcile(sh, addresses));
        assertEquals("127.1.0.1", address(hz, "istio-system", "istio-ingressgateway"));
        assertEquals("127.1.0.2", address(sh, "istio-system", "istio-ingressgateway"));
        assertEquals(null, address(hz, "default", "productpage"));
        assertEquals(List.of(), LoadBalancerStandIn.reconcile(hz, addresses), "a second pass changes nothing");
    }

    @Test
    void addressesAlreadyHandedOutAreNotHandedOutAgainAfterARestart() {
        hz.services().resource(service("a", "one", "LoadBalancer")).create();
        LoadBalancerStandIn.reconcile(hz, addresses);
        var restarted = new LoadBalancerStandIn.Addresses();
        hz.services().resource(service("a", "two", "LoadBalancer")).create();
        LoadBalancerStandIn.reconcile(hz, restarted);
        assertEquals("127.1.0.1", address(hz, "a", "one"));
        assertEquals("127.1.0.2", address(hz, "a", "two"));
    }

    @Test
    void aServiceThatStopsBeingALoadBalancerLosesItsAddress() {
        hz.services().resource(service("a", "one", "LoadBalancer")).create();
        LoadBalancerStandIn.reconcile(hz, addresses);
        hz.services().inNamespace("a").withName("one").edit(s -> {
            s.getSpec().setType("ClusterIP");
            return s;
        });
        assertEquals(List.of("a/one"), LoadBalancerStandIn.reconcile(hz, addresses));
        assertEquals(null, address(hz, "a", "one"));
    }

    @Test
    void theAddressPoolSkipsNetworkAndBroadcastOctets() {
        var pool = new LoadBalancerStandIn.Addresses();
        String last = null;
        for (int i = 0; i < 300; i++) {
            last = pool.next();
            var octet = Integer.parseInt(last.substring(last.lastIndexOf('.') + 1));
            assertTrue(octet > 0 && octet < 255, last);
        }
        assertEquals("127.1.1.46", last);
    }
}
