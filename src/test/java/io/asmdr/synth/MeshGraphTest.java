package io.asmdr.synth;

import io.asmdr.engine.SimulatedCloud;
import io.asmdr.engine.Wire;
import io.asmdr.plan.Plan;
import io.asmdr.plan.PlannedResource;
import io.asmdr.support.TestStacks;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.asmdr.support.Types.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mesh, app and traffic layers of the real program under the simulated cloud. */
class MeshGraphTest {
    static Plan dev;

    @BeforeAll
    static void synthDev() {
        dev = TestStacks.devPlan();
    }

    /** Objects deployed through the Kubernetes provider of a region's cluster. */
    static List<PlannedResource> onCluster(Plan plan, String type, String region) {
        var provider = plan.named(K8S, region + "-k8s").urn();
        return plan.ofType(type).stream().filter(r -> r.providerUrn().equals(provider)).toList();
    }

    @Test
    void oneAsmInstanceWithBothClustersInTheMeshVpc() {
        assertEquals(1, dev.count(ASM));
        var asm = dev.ofType(ASM).get(0);
        assertEquals(List.of("c-sim-cn-hangzhou-ack", "c-sim-cn-shanghai-ack"), asm.input("clusterIds"));
        assertEquals("vpc-sim-cn-hangzhou-mesh-vpc", asm.input("network.vpcId"));
        assertEquals("vsw-sim-cn-hangzhou-mesh-vsw-192.168.0.0-24", asm.input("network.vswitcheList"));
        assertEquals(true, asm.input("meshConfig.enableLocalityLb"));
        assertEquals(true, asm.input("extraConfiguration.crAggregationEnabled"));
        assertEquals("Pro", asm.input("edition"));
        assertEquals(SimulatedCloud.SIMULATED_ASM_VERSION, asm.input("version"), "version from servicemesh/getVersions");
    }

    @Test
    void asmJoinsClustersOnlyOnceTheyAreReachableAndHaveNodes() {
        var asm = dev.ofType(ASM).get(0);
        for (var type : List.of(PEER, ASSOC, PROP,
                ROUTE, RULE, POOL)) {
            for (var r : dev.ofType(type)) {
                assertTrue(dev.dependsOn(asm, r), "ASM must wait for " + r.name());
            }
        }
    }

    @Test
    void oneIngressGatewayBoundToTheGatewayCluster() {
        assertEquals(1, dev.count(ISTIO_GATEWAY));
        var gw = dev.ofType(ISTIO_GATEWAY).get(0);
        assertEquals("istio-system", gw.input("metadata.namespace"));
        assertEquals("ingressgateway", gw.input("metadata.name"));
        assertEquals(List.of("c-sim-cn-hangzhou-ack"), gw.input("spec.clusterIds"));
        assertEquals("LoadBalancer", gw.input("spec.serviceType"));
        assertEquals(1L, gw.input("spec.replicaCount"));
        assertEquals("100%", gw.input("spec.rollingMaxSurge"));
        assertTrue(dev.dependsOn(gw, dev.ofType(ASM).get(0)));
    }

    @Test
    void bookinfoInEveryClusterWithTheRegionsReviewsVersion() {
        for (var cluster : List.of("cn-hangzhou", "cn-shanghai")) {
            assertEquals(4, onCluster(dev, SERVICE, cluster).size(), cluster);
            assertEquals(4, onCluster(dev, SA, cluster).size(), cluster);
            assertEquals(4, onCluster(dev, DEPLOYMENT, cluster).size(), cluster);
            assertEquals(1, onCluster(dev, NS_PATCH, cluster).size(), cluster);
        }
        var hz = onCluster(dev, DEPLOYMENT, "cn-hangzhou").stream().map(d -> (String) d.input("metadata.name")).collect(Collectors.toSet());
        var sh = onCluster(dev, DEPLOYMENT, "cn-shanghai").stream().map(d -> (String) d.input("metadata.name")).collect(Collectors.toSet());
        assertTrue(hz.contains("reviews-v1") && !hz.contains("reviews-v2"), hz.toString());
        assertTrue(sh.contains("reviews-v2") && !sh.contains("reviews-v1"), sh.toString());
        var reviews = dev.named(DEPLOYMENT, "cn-shanghai-reviews-v2");
        @SuppressWarnings("unchecked")
        var container = (Map<String, Object>) ((List<?>) reviews.input("spec.template.spec.containers")).get(0);
        assertEquals("docker.io/istio/examples-bookinfo-reviews-v2:1.16.2", container.get("image"));
        assertEquals(Map.of("runAsUser", 1000L), container.get("securityContext"));
        assertEquals("enabled", dev.named(NS_PATCH, "cn-hangzhou-namespace").input("metadata.labels.istio-injection"));
    }

    @Test
    void imagesComeFromTheConfiguredRegistryPerRegion() {
        var run = TestStacks.file("Pulumi.dev.yaml")
                .with("app", Map.of("namespace", "default", "imageRegistry", "registry-vpc.{region}.aliyuncs.com/asm-dr")).run("acr");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var reviews = run.plan().named(DEPLOYMENT, "cn-shanghai-reviews-v2");
        @SuppressWarnings("unchecked")
        var container = (Map<String, Object>) ((List<?>) reviews.input("spec.template.spec.containers")).get(0);
        assertEquals("registry-vpc.cn-shanghai.aliyuncs.com/asm-dr/examples-bookinfo-reviews-v2:1.16.2", container.get("image"));
    }

    @Test
    void podsStartOnlyInAMeshedCluster() {
        var asm = dev.ofType(ASM).get(0);
        for (var d : dev.ofType(DEPLOYMENT)) {
            assertTrue(dev.dependsOn(d, asm), d.name() + " would start without a sidecar injector");
            var cluster = d.name().startsWith("cn-hangzhou") ? "cn-hangzhou" : "cn-shanghai";
            assertTrue(dev.dependsOn(d, dev.named(NS_PATCH, cluster + "-namespace")), d.name());
        }
    }

    @Test
    void routingOnTheControlPlane() {
        assertEquals(1, dev.count(GATEWAY));
        assertEquals(1, dev.count(VS));
        assertEquals(4, dev.count(DR));
        var vs = dev.ofType(VS).get(0);
        assertEquals(5, ((List<?>) ((Map<?, ?>) ((List<?>) vs.input("spec.http")).get(0)).get("match")).size());
        var asm = dev.ofType(ASM).get(0);
        var hzProvider = dev.named(K8S, "cn-hangzhou-k8s").urn();
        for (var r : dev.resources()) {
            if (r.type().startsWith("kubernetes:networking.istio.io/")) {
                assertTrue(dev.dependsOn(r, asm), r.name());
                assertEquals(hzProvider, r.providerUrn(), "CR aggregation: through the gateway cluster's API server");
            }
        }
    }

    @Test
    void noVirtualServicePinsReviewsToASubset() {
        var json = dev.ofType(VS).stream().map(r -> r.inputs().toString()).collect(Collectors.joining());
        assertFalse(json.contains("subset"), json);
        assertTrue(dev.ofType(VS).stream().noneMatch(r -> r.inputs().toString().contains("host=reviews")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void reviewsDistributesNinetyTenWithTheTutorialsResilienceSettings() {
        var reviews = dev.ofType(DR).stream().filter(r -> "reviews".equals(r.input("spec.host"))).findFirst().orElseThrow();
        var locality = (Map<String, Object>) reviews.input("spec.trafficPolicy.loadBalancer.localityLbSetting");
        var rule = (Map<String, Object>) ((List<?>) locality.get("distribute")).get(0);
        assertEquals("cn-hangzhou/*", rule.get("from"));
        assertEquals(Map.of("cn-hangzhou/*", 90L, "cn-shanghai/*", 10L), rule.get("to"));
        assertFalse(locality.containsKey("failover"));
        assertEquals(Map.of("consecutive5xxErrors", 1L, "interval", "1s", "baseEjectionTime", "1m"), reviews.input("spec.trafficPolicy.outlierDetection"));
        assertEquals(1L, reviews.input("spec.trafficPolicy.connectionPool.http.maxRequestsPerConnection"));
        assertEquals(3, ((List<?>) reviews.input("spec.subsets")).size());
    }

    @Test
    void everyKubeconfigIsSecret() {
        for (var p : dev.ofType(K8S)) {
            assertEquals(Wire.SECRET, p.input("kubeconfig"));
        }
        var json = dev.toPreviewJson();
        assertFalse(json.contains("simulated-by-asm-dr-synth"), "no kubeconfig content anywhere in the plan");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prodFailsOverAcrossThreeRegions() {
        var run = TestStacks.file("stacks/Pulumi.prod.yaml").run("prod");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var plan = run.plan();
        // one control plane per region (asm-dr:mesh.controlPlane: perRegion), each with its own cluster: PerRegionControlPlaneTest
        assertEquals(3, plan.count(ASM));
        plan.ofType(ASM).forEach(asm -> assertEquals(1, ((List<?>) asm.input("clusterIds")).size(), asm.name()));
        for (var dr : plan.ofType(DR)) {
            var locality = (Map<String, Object>) dr.input("spec.trafficPolicy.loadBalancer.localityLbSetting");
            // sorted by calling region: the stack file's order never reaches Istio
            assertEquals(List.of(
                    Map.of("from", "cn-beijing", "to", "cn-shanghai"),
                    Map.of("from", "cn-hangzhou", "to", "cn-shanghai"),
                    Map.of("from", "cn-shanghai", "to", "cn-hangzhou")), locality.get("failover"));
            assertFalse(locality.containsKey("distribute"));
            assertEquals(100L, dr.input("spec.trafficPolicy.outlierDetection.maxEjectionPercent"));
        }
    }

    @Test
    void theAsmKubeconfigRouteUsesAPrivateControlPlaneProvider() {
        var run = TestStacks.file("Pulumi.dev.yaml").with("mesh.istioApi", "asmKubeconfig").with("app", Map.of("namespace", "bookinfo")).run("private");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var plan = run.plan();
        var controlPlane = plan.named(K8S, "mesh-control-plane");
        assertEquals(Wire.SECRET, controlPlane.input("kubeconfig"));
        assertEquals(false, plan.ofType(ASM).get(0).input("extraConfiguration.crAggregationEnabled"));
        for (var r : plan.resources()) {
            if (r.type().startsWith("kubernetes:networking.istio.io/") || r.type().equals(ISTIO_GATEWAY)) {
                assertEquals(controlPlane.urn(), r.providerUrn(), r.name());
            }
        }
        // the app namespace is created (not patched) in each cluster and on the ASM API server
        assertEquals(0, plan.count(NS_PATCH));
        assertEquals(3, plan.count("kubernetes:core/v1:Namespace"));
    }
}
