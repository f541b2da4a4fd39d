package io.asmdr.sandbox.kube;

import io.asmdr.config.IngressGatewaySpec;
import io.asmdr.mesh.GatewayAddress;
import io.asmdr.mesh.IngressGatewayManifest;
import io.asmdr.support.KubeBinaries;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fleet with the real binaries (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok): a
 * Deployment becomes Available the real way and a LoadBalancer Service gets an address, which is what
 * pulumi-kubernetes waits for; a mesh serves the Istio kinds, a member cluster serves them through aggregation, and
 * an IstioGateway written through the member becomes a gateway with an address; a paused API server answers
 * nothing; a cluster whose process died is started again; after a restart the same kubeconfig still works. Runs where {@code tools/sandbox-binaries.sh} has built
 * the binaries; says in one line that it was skipped elsewhere. Prints the start time and memory it measured.
 */
class KubeFleetIntegrationTest {
    private static Binaries binaries;

    @TempDir
    Path state;

    @BeforeAll
    static void findBinaries() {
        binaries = KubeBinaries.orSkipNote("KubeFleetIntegrationTest").orElse(null);
    }

    @Test
    void aClusterRunsDeploymentsAndLoadBalancersAMeshServesIstioAndARestartKeepsTheKubeconfig() throws Exception {
        assumeTrue(binaries != null, "the sandbox binaries are not built (tools/sandbox-binaries.sh)");
        String kubeconfig;
        try (var fleet = KubeFleet.open(state, binaries)) {
            long t0 = System.nanoTime();
            kubeconfig = fleet.ensureCluster("c-hz", "cn-hangzhou", List.of("cn-hangzhou-h", "cn-hangzhou-i"), Role.ACK);
            System.out.printf("measured: ACK cluster ready (API server healthy) in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            try (var client = client(kubeconfig, 10_000)) {
                assertEquals("v1.34.3", client.getKubernetesVersion().getGitVersion(), "the version pulumi-kubernetes reads");
                deployAndAwait(client);
            }
            fleet.etcdMemory().ifPresent(m -> System.out.println("measured: " + m));
            long total = 0;
            for (var m : fleet.memory("c-hz")) {
                System.out.println("measured: c-hz " + m);
                total += m.residentKib();
            }
            System.out.printf("measured: ACK cluster resident memory %d MiB (without the shared etcd)%n", total / 1024);

            t0 = System.nanoTime();
            fleet.ensureCluster("mesh", "cn-hangzhou", List.of(), Role.MESH);
            fleet.serveIstioKinds("mesh");
            fleet.aggregateIstioKinds("c-hz", "mesh");
            System.out.printf("measured: mesh API server, Istio CRDs and aggregation into c-hz in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            try (var member = client(kubeconfig, 10_000); var mesh = client(fleet.kubeconfig("mesh").orElseThrow(), 10_000)) {
                gatewayThroughAggregation(member, mesh);
                istioSchemasAreEnforced(member);
            }
            long meshTotal = fleet.memory("mesh").stream().mapToLong(KubeFleet.ProcessMemory::residentKib).sum();
            System.out.printf("measured: mesh API server resident memory %d MiB%n", meshTotal / 1024);

            fleet.pause("c-hz");
            try (var paused = client(kubeconfig, 2_000)) {
                assertThrows(KubernetesClientException.class, () -> paused.namespaces().list(), "a paused API server answers nothing");
            }
            fleet.resume("c-hz");
            try (var resumed = client(kubeconfig, 10_000)) {
                assertTrue(resumed.namespaces().withName("default").get() != null);
            }

            long kcm = fleet.memory("c-hz").stream().filter(m -> m.process().equals("kube-controller-manager")).findFirst().orElseThrow().pid();
            var handle = ProcessHandle.of(kcm).orElseThrow();
            handle.destroyForcibly();
            handle.onExit().get();
            assertEquals(kubeconfig, fleet.ensureCluster("c-hz", "cn-hangzhou", List.of("cn-hangzhou-h", "cn-hangzhou-i"), Role.ACK));
            assertTrue(fleet.memory("c-hz").stream().noneMatch(m -> m.pid() == kcm) && fleet.memory("c-hz").size() == 4,
                    "a cluster whose process exited is started again: " + fleet.memory("c-hz"));
        }
        assertTrue(KubeFleet.stopAll(state).isEmpty(), "close() stopped every process");
        long t0 = System.nanoTime();
        try (var fleet = KubeFleet.open(state, binaries)) {
            System.out.printf("measured: restart of etcd and both API servers in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            assertEquals(kubeconfig, fleet.kubeconfig("c-hz").orElseThrow(), "the same port, CA and token after a restart");
            try (var client = client(kubeconfig, 10_000)) {
                assertEquals(2, client.apps().deployments().inNamespace("app").withName("web").get().getSpec().getReplicas());
            }
            fleet.deleteCluster("c-hz");
            assertTrue(fleet.kubeconfig("c-hz").isEmpty());
        }
    }

    /** A Deployment of 2 replicas and a LoadBalancer Service, awaited as pulumi-kubernetes awaits them. */
    private static void deployAndAwait(KubernetesClient client) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("app").endMetadata().build()).create();
        var labels = Map.of("app", "web");
        client.apps().deployments().inNamespace("app").resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("docker.io/istio/examples-bookinfo-productpage-v1:1.16.2")
                .addNewPort().withContainerPort(9080).endPort().endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        client.services().inNamespace("app").resource(new ServiceBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withType("LoadBalancer").withSelector(labels).addNewPort().withPort(80).withNewTargetPort(9080).endPort().endSpec()
                .build()).create();
        long t0 = System.nanoTime();
        // provider/pkg/await/deployment.go: observedGeneration, Available=True, the new ReplicaSet's ready replicas
        await("Deployment app/web Available with 2 ready replicas", () -> {
            Deployment d = client.apps().deployments().inNamespace("app").withName("web").get();
            var s = d.getStatus();
            return s != null && d.getMetadata().getGeneration().equals(s.getObservedGeneration()) && Integer.valueOf(2).equals(s.getReadyReplicas())
                    && s.getConditions() != null && s.getConditions().stream().anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()))
                    ? Optional.of(true) : Optional.empty();
        });
        // provider/pkg/await/service.go: endpoints with addresses, and a load-balancer ingress
        await("Service app/web endpoints", () -> {
            var slices = client.discovery().v1().endpointSlices().inNamespace("app").withLabel("kubernetes.io/service-name", "web").list().getItems();
            return slices.stream().mapToLong(s -> s.getEndpoints() == null ? 0 : s.getEndpoints().size()).sum() == 2 ? Optional.of(true) : Optional.empty();
        });
        var address = await("Service app/web load-balancer address",
                () -> GatewayAddress.of(client.services().inNamespace("app").withName("web").get()));
        System.out.printf("measured: Deployment Available, endpoints and LoadBalancer address (%s) in %.1f s%n", address, (System.nanoTime() - t0) / 1e9);
        assertTrue(address.startsWith("127.1."), address);
        var nodes = client.nodes().list().getItems();
        assertEquals(2, nodes.size());
        assertTrue(nodes.stream().allMatch(n -> n.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))),
                "kwok keeps the fake nodes Ready");
    }

    /** The program's IstioGateway, written through the member cluster, lands on the mesh and becomes a gateway in the member. */
    private static void gatewayThroughAggregation(KubernetesClient member, KubernetesClient mesh) {
        assertTrue(member.supports(IngressGatewayManifest.API_VERSION, "IstioGateway"), "discovery of the member shows the aggregated kind");
        var manifest = IngressGatewayManifest.render(List.of(new IngressGatewaySpec("cn-hangzhou", 2, "LoadBalancer")), List.of("c-hz"));
        member.genericKubernetesResources(IstioKinds.ISTIO_GATEWAY.context()).inNamespace(manifest.namespace()).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(manifest.apiVersion()).withKind(manifest.kind())
                .withNewMetadata().withNamespace(manifest.namespace()).withName(manifest.name()).withAnnotations(IngressGatewayManifest.ANNOTATIONS).endMetadata()
                .withAdditionalProperties(Map.of("spec", new LinkedHashMap<>(manifest.spec()))).build()).create();
        assertTrue(mesh.genericKubernetesResources(IstioKinds.ISTIO_GATEWAY.context()).inNamespace("istio-system").withName("ingressgateway").get() != null,
                "stored by the mesh's API server");
        long t0 = System.nanoTime();
        var address = await("gateway Service with an address in c-hz",
                () -> GatewayAddress.of(member.services().inNamespace(IngressGatewayManifest.NAMESPACE).withName(GatewayAddress.SERVICE).get()));
        await("gateway Deployment ready in c-hz", () -> {
            var d = member.apps().deployments().inNamespace(IngressGatewayManifest.NAMESPACE).withName(GatewayAddress.SERVICE).get();
            return d != null && d.getStatus() != null && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()) ? Optional.of(true) : Optional.empty();
        });
        System.out.printf("measured: IstioGateway to a ready gateway with address %s in %.1f s%n", address, (System.nanoTime() - t0) / 1e9);
    }

    /** The API server validates Istio objects with Istio's schema: a string where Istio wants an integer is refused. */
    private static void istioSchemasAreEnforced(KubernetesClient member) {
        var dr = new ResourceDefinitionContext.Builder().withGroup("networking.istio.io").withVersion("v1alpha3").withKind("DestinationRule")
                .withPlural("destinationrules").withNamespaced(true).build();
        var bad = new GenericKubernetesResourceBuilder().withApiVersion("networking.istio.io/v1alpha3").withKind("DestinationRule")
                .withNewMetadata().withNamespace("istio-system").withName("bad").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("host", "reviews", "trafficPolicy",
                        Map.of("outlierDetection", Map.of("consecutive5xxErrors", "many"))))).build();
        var e = assertThrows(KubernetesClientException.class, () -> member.genericKubernetesResources(dr).inNamespace("istio-system").resource(bad).create());
        assertEquals(422, e.getCode(), e.getMessage());
    }

    private static <T> T await(String what, Supplier<Optional<T>> attempt) {
        long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            var answer = attempt.get();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within 180 s");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted");
            }
        }
    }

    private static KubernetesClient client(String kubeconfig, int timeoutMillis) {
        var config = Config.fromKubeconfig(kubeconfig);
        config.setRequestTimeout(timeoutMillis);
        config.setConnectionTimeout(timeoutMillis);
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
