package io.asmdr.mesh;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.asmdr.engine.InProcessEngine;
import io.asmdr.support.MockKubeconfig;
import io.asmdr.support.TestStacks;
import io.asmdr.support.Types;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under CR aggregation the Istio objects wait until the gateway cluster serves their kinds:
 * the discovery wait against a real HTTP API server, and its place in the program.
 */
class ApiReadinessTest {
    private static final String GROUP_VERSION = "networking.istio.io/v1alpha3";

    /** An API server whose discovery serves VirtualService only from the {@code servedFrom}-th request on. */
    private static HttpServer apiServer(int servedFrom, AtomicInteger asked) throws IOException {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var path = exchange.getRequestURI().getPath();
            if (path.equals("/apis/" + GROUP_VERSION) && asked.incrementAndGet() >= servedFrom) {
                reply(exchange, 200, """
                        {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"%s",
                         "resources":[{"name":"virtualservices","singularName":"virtualservice","namespaced":true,
                                       "kind":"VirtualService","verbs":["get","list","create"]}]}""".formatted(GROUP_VERSION));
            } else {
                reply(exchange, 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
            }
        });
        server.start();
        return server;
    }

    private static void reply(HttpExchange exchange, int code, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String kubeconfig(HttpServer server) {
        return MockKubeconfig.of("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void waitsThroughTheWarmUpUntilTheKindIsServed() throws Exception {
        var asked = new AtomicInteger();
        var server = apiServer(3, asked);
        try {
            ApiReadiness.discovery(Duration.ofSeconds(30), Duration.ofMillis(100))
                    .awaitServed(kubeconfig(server), GROUP_VERSION, "VirtualService");
            assertTrue(asked.get() >= 3, "asked " + asked.get() + " times");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void givesUpAtTheDeadlineWithWhatToDo() throws Exception {
        var server = apiServer(Integer.MAX_VALUE, new AtomicInteger());
        try {
            long start = System.nanoTime();
            var e = assertThrows(ApiReadiness.NotServed.class, () -> ApiReadiness.discovery(Duration.ofMillis(800), Duration.ofMillis(100))
                    .awaitServed(kubeconfig(server), GROUP_VERSION, "VirtualService"));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis < 10_000, "bounded: " + tookMillis + " ms");
            assertTrue(e.getMessage().contains(GROUP_VERSION + " VirtualService"), e.getMessage());
            assertTrue(e.getMessage().contains("pulumi up") && e.getMessage().contains("asm-dr:mesh.istioApi"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    /** Records what is waited for; throws for one kind to show that nothing of that kind is sent. */
    private record Recorder(List<String> asked, String refuse) implements ApiReadiness {
        Recorder(String refuse) {
            this(Collections.synchronizedList(new ArrayList<>()), refuse);
        }

        @Override
        public void awaitServed(String kubeconfig, String apiVersion, String kind) {
            asked.add(apiVersion + " " + kind + " @ " + kubeconfig.lines().filter(l -> l.contains("server:")).findFirst().orElse("?").trim());
            if (kind.equals(refuse)) {
                throw new NotServed("not served in this test");
            }
        }
    }

    private static InProcessEngine.Run dev(boolean preview, Recorder readiness, String istioApi) {
        var stack = TestStacks.file("Pulumi.dev.yaml").with("mesh.istioApi", istioApi);
        return InProcessEngine.runProgram("dev", stack.config(), stack.secretKeys(), preview, stack.facts(), readiness);
    }

    @Test
    void underCrAggregationTheIstioObjectsWaitForTheGatewayCluster() {
        var readiness = new Recorder("none");
        var run = dev(false, readiness, "crAggregation");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var gatewayCluster = run.plan().resources().stream().filter(r -> r.type().equals(Types.ISTIO_GATEWAY)).findFirst().orElseThrow();
        // one wait per kind family, both against the gateway cluster's API server
        assertEquals(2, readiness.asked().size(), readiness.asked().toString());
        assertTrue(readiness.asked().stream().allMatch(a -> a.contains(".k8s.simulated.invalid")), readiness.asked().toString());
        assertTrue(readiness.asked().stream().anyMatch(a -> a.startsWith("istio.alibabacloud.com/v1beta1 IstioGateway @ server: https://")), readiness.asked().toString());
        assertTrue(readiness.asked().stream().anyMatch(a -> a.startsWith(GROUP_VERSION + " VirtualService @ server: https://")), readiness.asked().toString());
        // the same dependency as before: the mesh, so neither the graph nor the state changes
        var mesh = run.plan().resources().stream().filter(r -> r.type().equals(Types.ASM)).findFirst().orElseThrow();
        assertTrue(gatewayCluster.dependencies().contains(mesh.urn()), gatewayCluster.dependencies().toString());
    }

    @Test
    void anIstioKindThatIsNeverServedStopsItsObjectsBeforeTheyAreSent() {
        var run = dev(false, new Recorder("VirtualService"), "crAggregation");
        assertFalse(run.succeeded(), "the run fails");
        var types = run.plan().resources().stream().map(r -> r.type()).toList();
        assertTrue(types.contains(Types.ASM) && types.contains(Types.ISTIO_GATEWAY), types.toString());
        assertFalse(types.contains(Types.VS) || types.contains(Types.DR) || types.contains(Types.GATEWAY), "no routing object was registered: " + types);
    }

    @Test
    void inItsOwnNamespaceRoutingAlsoWaitsForThatNamespaceOnTheGatewayCluster() {
        var stack = TestStacks.file("Pulumi.dev.yaml").with("app.namespace", "bookinfo");
        var run = InProcessEngine.runProgram("dev", stack.config(), stack.secretKeys(), true, stack.facts());
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var resources = run.plan().resources();
        var gateway = stack.load().mesh().ingressGateway().cluster();
        var gatewayRegion = stack.load().regions().stream().filter(r -> r.cluster().name().equals(gateway)).findFirst().orElseThrow().region();
        var namespaces = resources.stream().filter(r -> r.type().equals("kubernetes:core/v1:Namespace")).toList();
        var onGateway = namespaces.stream().filter(r -> r.urn().endsWith("::" + gatewayRegion + "-namespace")).findFirst().orElseThrow();
        var others = namespaces.stream().filter(r -> r != onGateway).map(r -> r.urn()).toList();
        assertFalse(others.isEmpty(), "every region has the namespace");
        for (var vs : resources.stream().filter(r -> r.type().equals(Types.VS) || r.type().equals(Types.DR)).toList()) {
            assertTrue(vs.dependencies().contains(onGateway.urn()), vs.urn() + " waits for " + onGateway.urn());
            assertTrue(others.stream().noneMatch(vs.dependencies()::contains), "no false edge to other clusters' namespaces: " + vs.urn());
        }
    }

    @Test
    void previewsAndTheAsmKubeconfigPathDoNotWait() {
        var inPreview = new Recorder("none");
        assertTrue(dev(true, inPreview, "crAggregation").succeeded());
        assertEquals(List.of(), inPreview.asked());
        var viaAsm = new Recorder("none");
        assertTrue(dev(false, viaAsm, "asmKubeconfig").succeeded());
        assertEquals(List.of(), viaAsm.asked());
    }
}
