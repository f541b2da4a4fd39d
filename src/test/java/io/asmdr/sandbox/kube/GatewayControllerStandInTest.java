package io.asmdr.sandbox.kube;

import io.asmdr.config.IngressGatewaySpec;
import io.asmdr.mesh.GatewayAddress;
import io.asmdr.mesh.IngressGatewayManifest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ASM's gateway controller as the sandbox plays it, against mock API servers: the program's own IstioGateway
 * ({@link IngressGatewayManifest}) becomes a Deployment and the {@link GatewayAddress#SERVICE} Service in every
 * listed cluster, with its overrides, and they go when the cluster leaves the list or the IstioGateway goes.
 */
class GatewayControllerStandInTest {
    private MockClusters clusters;
    private KubernetesClient mesh;
    private final Set<String> unreachable = new TreeSet<>();
    private GatewayControllerStandIn controller;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        mesh = clusters.add("mesh");
        clusters.add("c-hz");
        clusters.add("c-sh");
        controller = new GatewayControllerStandIn("mesh", mesh,
                id -> unreachable.contains(id) ? Optional.empty() : Optional.ofNullable(clusters.get(id)), () -> Set.of("c-hz", "c-sh"));
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private GenericKubernetesResource write(List<IngressGatewaySpec> gateways, List<String> clusterIds) {
        var manifest = IngressGatewayManifest.render(gateways, clusterIds);
        var object = new GenericKubernetesResourceBuilder().withApiVersion(manifest.apiVersion()).withKind(manifest.kind())
                .withNewMetadata().withNamespace(manifest.namespace()).withName(manifest.name()).endMetadata()
                .withAdditionalProperties(Map.of("spec", new LinkedHashMap<>(manifest.spec()))).build();
        var resources = mesh.genericKubernetesResources(IstioKinds.ISTIO_GATEWAY.context()).inNamespace(manifest.namespace());
        if (resources.withName(manifest.name()).get() != null) {
            resources.withName(manifest.name()).delete();
        }
        return resources.resource(object).create();
    }

    private Deployment deployment(String cluster) {
        return clusters.get(cluster).apps().deployments().inNamespace("istio-system").withName(GatewayAddress.SERVICE).get();
    }

    @Test
    void eachListedClusterGetsTheGatewayWithItsOverride() {
        write(List.of(new IngressGatewaySpec("cn-hangzhou", 2, "LoadBalancer"), new IngressGatewaySpec("cn-shanghai", 3, "LoadBalancer")),
                List.of("c-hz", "c-sh"));
        var pass = controller.reconcile();
        assertEquals(List.of(), pass.problems());
        assertEquals(4, pass.applied().size(), pass.applied().toString());
        assertEquals(2, deployment("c-hz").getSpec().getReplicas());
        assertEquals(3, deployment("c-sh").getSpec().getReplicas(), "spec.overrides[c-sh].replicaCount");
        var service = clusters.get("c-hz").services().inNamespace(IngressGatewayManifest.NAMESPACE).withName(GatewayAddress.SERVICE).get();
        assertEquals("LoadBalancer", service.getSpec().getType());
        assertEquals("Local", service.getSpec().getExternalTrafficPolicy());
        assertEquals(List.of(80, 443), service.getSpec().getPorts().stream().map(p -> p.getPort()).toList());
        // the Bookinfo Gateway selects istio: ingressgateway
        assertEquals("ingressgateway", deployment("c-hz").getSpec().getTemplate().getMetadata().getLabels().get("istio"));
        assertEquals(Map.of("app", "istio-ingressgateway", "istio", "ingressgateway"), service.getSpec().getSelector());
        assertEquals("200m", deployment("c-hz").getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests().get("cpu").toString());
        assertEquals(List.of(), controller.reconcile().applied(), "nothing changed, nothing applied");
    }

    @Test
    void aClusterThatLeavesTheListLosesItsGatewayAndAGoneIstioGatewayTakesAll() {
        write(List.of(new IngressGatewaySpec("cn-hangzhou", 2, "LoadBalancer"), new IngressGatewaySpec("cn-shanghai", 2, "LoadBalancer")),
                List.of("c-hz", "c-sh"));
        controller.reconcile();
        write(List.of(new IngressGatewaySpec("cn-hangzhou", 2, "LoadBalancer")), List.of("c-hz"));
        var pass = controller.reconcile();
        assertEquals(List.of(), pass.problems());
        assertEquals(List.of("c-hz:Deployment/istio-system/istio-ingressgateway", "c-hz:Service/istio-system/istio-ingressgateway"), pass.applied(),
                "the spec changed (clusterIds): re-applied");
        assertEquals(List.of("c-sh:Deployment/istio-system/istio-ingressgateway", "c-sh:Service/istio-system/istio-ingressgateway"), pass.deleted());
        assertNull(deployment("c-sh"));
        assertNotNull(deployment("c-hz"));
        mesh.genericKubernetesResources(IstioKinds.ISTIO_GATEWAY.context()).inNamespace("istio-system").withName("ingressgateway").delete();
        controller.reconcile();
        assertNull(deployment("c-hz"));
    }

    @Test
    void aScaledGatewayIsPutBackAndAnUnreachableClusterWaits() {
        write(List.of(new IngressGatewaySpec("cn-hangzhou", 2, "LoadBalancer")), List.of("c-hz"));
        controller.reconcile();
        clusters.get("c-hz").apps().deployments().inNamespace("istio-system").withName(GatewayAddress.SERVICE).edit(d -> {
            d.getSpec().setReplicas(0);
            return d;
        });
        assertEquals(List.of(), controller.reconcile().problems());
        assertEquals(2, deployment("c-hz").getSpec().getReplicas(), "ASM owns the gateway's replicas");
        write(List.of(new IngressGatewaySpec("cn-hangzhou", 2, "LoadBalancer"), new IngressGatewaySpec("cn-beijing", 2, "LoadBalancer")),
                List.of("c-hz", "c-bj"));
        var pass = controller.reconcile();
        assertTrue(pass.problems().stream().anyMatch(p -> p.startsWith("c-bj: no such cluster")), pass.problems().toString());
        unreachable.add("c-hz");
        assertTrue(controller.reconcile().applied().isEmpty());
    }

    @Test
    void fieldsItDoesNotPlayAreReportedNotSwallowed() {
        var gateway = write(List.of(new IngressGatewaySpec("cn-hangzhou", 2, "LoadBalancer")), List.of("c-hz"));
        @SuppressWarnings("unchecked")
        var spec = new LinkedHashMap<>((Map<String, Object>) gateway.getAdditionalProperties().get("spec"));
        spec.put("compression", Map.of("enabled", true));
        gateway.getMetadata().setResourceVersion(null);
        gateway.setAdditionalProperty("spec", spec);
        mesh.genericKubernetesResources(IstioKinds.ISTIO_GATEWAY.context()).inNamespace("istio-system").resource(gateway).update();
        assertEquals(List.of("istio-system/ingressgateway: spec.compression"), controller.reconcile().ignored());
    }
}
