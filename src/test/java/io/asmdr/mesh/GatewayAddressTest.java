package io.asmdr.mesh;

import com.pulumi.core.internal.Internal;
import io.asmdr.engine.SimulatedCloud;
import io.asmdr.support.MockKubeconfig;
import io.asmdr.support.TestStacks;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ingress gateway's address: read from the Service ASM creates, unknown in a preview, a stack output. */
@EnableKubernetesMockClient(crud = true, https = false)
class GatewayAddressTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private String kubeconfig() {
        return MockKubeconfig.of(client.getConfiguration().getMasterUrl());
    }

    private void service(String ip) {
        var service = new ServiceBuilder().withNewMetadata().withName(GatewayAddress.SERVICE).withNamespace("istio-system").endMetadata()
                .withNewSpec().withType("LoadBalancer").endSpec();
        if (ip != null) {
            service.withNewStatus().withNewLoadBalancer().withIngress(new LoadBalancerIngressBuilder().withIp(ip).build()).endLoadBalancer().endStatus();
        }
        client.services().inNamespace("istio-system").resource(service.build()).create();
    }

    @Test
    void theAddressIsTheServicesLoadBalancerIngress() {
        service("47.96.0.10");
        assertEquals("47.96.0.10", GatewayAddress.fromService(Duration.ofSeconds(5), Duration.ofMillis(100)).await(kubeconfig()));
    }

    @Test
    void noAddressByTheDeadlineSaysWhichServiceAndWhatToDo() {
        service(null);
        var started = System.nanoTime();
        var late = assertThrows(GatewayAddress.NotAssigned.class,
                () -> GatewayAddress.fromService(Duration.ofMillis(600), Duration.ofMillis(100)).await(kubeconfig()));
        assertTrue(late.getMessage().contains("istio-system/istio-ingressgateway has no load-balancer address after 0 s")
                && late.getMessage().contains("run `pulumi up` again"), late.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000, "bounded by the deadline");
    }

    @Test
    void theStackExportsItAndAPreviewCannotKnowIt() throws Exception {
        var stack = TestStacks.file("Pulumi.dev.yaml");
        var up = stack.run("dev");
        assertTrue(up.succeeded(), () -> up.result().exceptions().toString());
        var address = up.result().outputs().get("ingressGatewayAddress");
        assertEquals("192.0.2.10", Internal.of(address).getValueNullable().get());
        assertEquals("192.0.2.10", SimulatedCloud.GATEWAY_ADDRESS.await(""));
        var preview = stack.preview("dev");
        var unknown = preview.result().outputs().get("ingressGatewayAddress");
        assertEquals(false, Internal.of(unknown).isKnown().get(), "a preview shows it unknown");
    }
}
