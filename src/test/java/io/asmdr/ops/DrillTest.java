package io.asmdr.ops;

import static io.asmdr.support.FakeGateway.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.spec.StackSpec;
import io.asmdr.spec.TrafficSpec;
import io.asmdr.support.BookinfoPages;
import io.asmdr.support.Cli;
import io.asmdr.support.FakeGateway;
import io.asmdr.support.FakeGateway.Answer;
import io.asmdr.support.TestStacks;
import io.asmdr.traffic.TrafficReport;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failover drill against fabric8's Kubernetes mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true, https = false)
class DrillTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    static StackSpec failoverDev() {
        return TrafficReport.withMode(TestStacks.file("Pulumi.dev.yaml").load(), TrafficSpec.Mode.FAILOVER);
    }

    @BeforeEach
    void bookinfoInHangzhou() {
        deploy("reviews-v1", "reviews", "v1", 3);
        deploy("productpage-v1", "productpage", "v1", 1);
        deploy("ratings-v1", "ratings", "v1", 1);
    }

    void deploy(String name, String app, String version, int replicas) {
        client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace("default").addToLabels(Map.of("app", app, "version", version)).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels(Map.of("app", app, "version", version)).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels(Map.of("app", app, "version", version)).endMetadata()
                .withNewSpec().addNewContainer().withName(app).withImage("docker.io/istio/examples-bookinfo-" + app + "-" + version + ":1.16.2")
                .endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
    }

    int replicas(String name) {
        return client.apps().deployments().inNamespace("default").withName(name).get().getSpec().getReplicas();
    }

    /** A verification as the live verifier would return it, for a given tally of pages. */
    static Verification judged(StackSpec spec, io.asmdr.traffic.TrafficModel.Scenario scenario, long v1, long v2) {
        var tally = new Tally();
        for (long i = 0; i < v1; i++) {
            tally.add(Outcome.REVIEWS_V1, 200);
        }
        for (long i = 0; i < v2; i++) {
            tally.add(Outcome.REVIEWS_V2, 200);
        }
        return Verification.judge(spec, scenario, tally);
    }

    Drill drill(StackSpec spec, Drill.Verifier verifier, Path report) {
        return new Drill(new Drill.Settings(spec, "cn-hangzhou", client, verifier, Duration.ofSeconds(5), Duration.ZERO, report), Clock.systemUTC());
    }

    @Test
    void scalesToZeroVerifiesAndRestoresTheExactCount() throws Exception {
        var spec = failoverDev();
        var seenDuringVerification = new AtomicInteger(-1);
        var productpageBefore = client.apps().deployments().inNamespace("default").withName("productpage-v1").get().getMetadata().getResourceVersion();
        var report = tmp.resolve("drill.json");
        var result = drill(spec, scenario -> {
            seenDuringVerification.set(replicas("reviews-v1"));
            return judged(spec, scenario, 0, 400);
        }, report).run();

        assertEquals(0, seenDuringVerification.get(), "reviews-v1 was at 0 while verifying");
        assertEquals(3, replicas("reviews-v1"), "restored to the exact original count");
        assertTrue(result.passed());
        assertEquals(productpageBefore, client.apps().deployments().inNamespace("default").withName("productpage-v1").get()
                .getMetadata().getResourceVersion(), "nothing but the named Deployment is touched");
        assertEquals(1, replicas("productpage-v1"));

        var json = new ObjectMapper().readTree(report.toFile());
        assertEquals("cn-hangzhou", json.path("region").asText());
        assertFalse(json.path("start").asText().isEmpty());
        assertFalse(json.path("end").asText().isEmpty());
        assertEquals(3, json.path("targets").get(0).path("originalReplicas").asInt());
        assertTrue(json.path("restore").path("ok").asBoolean());
        assertEquals(3, json.path("restore").path("deployments").get(0).path("restoredReplicas").asInt());
        assertEquals(1.0, json.path("verification").path("rows").get(1).path("observed").asDouble(), 1e-9);
        assertTrue(json.path("passed").asBoolean());
    }

    @Test
    void restoresWhenVerificationFails() throws Exception {
        var spec = failoverDev();
        var report = tmp.resolve("failed.json");
        var result = drill(spec, scenario -> judged(spec, scenario, 200, 200), report).run();
        assertFalse(result.passed());
        assertTrue(result.restoredOk());
        assertEquals(3, replicas("reviews-v1"));
        var json = new ObjectMapper().readTree(report.toFile());
        assertFalse(json.path("verification").path("passed").asBoolean());
        assertTrue(json.path("restore").path("ok").asBoolean());
    }

    @Test
    void restoresWhenVerificationThrows() {
        var result = drill(failoverDev(), scenario -> {
            throw new IllegalStateException("gateway went away");
        }, tmp.resolve("error.json")).run();
        assertEquals("gateway went away", result.errorMessage());
        assertEquals(3, replicas("reviews-v1"));
    }

    @Test
    void restoresWhenInterruptedMidway() throws Exception {
        var verifying = new CountDownLatch(1);
        var report = tmp.resolve("interrupted.json");
        var result = new AtomicReference<DrillReport>();
        var thread = new Thread(() -> result.set(drill(failoverDev(), scenario -> {
            verifying.countDown();
            Thread.sleep(60_000); // a long verification, cut short
            return null;
        }, report).run()));
        thread.start();
        assertTrue(verifying.await(10, TimeUnit.SECONDS));
        assertEquals(0, replicas("reviews-v1"));
        thread.interrupt();
        thread.join(10_000);
        assertFalse(thread.isAlive());
        assertTrue(result.get().wasInterrupted());
        assertTrue(result.get().restoredOk());
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(new ObjectMapper().readTree(report.toFile()).path("interrupted").asBoolean());
    }

    @Test
    void theShutdownHookRestoresOnceAndTheDrillDoesNotUndoIt() throws Exception {
        var spec = failoverDev();
        var holder = new AtomicReference<Drill>();
        var restoredByHook = new AtomicInteger(-1);
        var drill = drill(spec, scenario -> {
            holder.get().shutdownHook().run(); // what SIGTERM/Ctrl-C does while the drill runs
            restoredByHook.set(replicas("reviews-v1"));
            return judged(spec, scenario, 0, 100);
        }, tmp.resolve("sigterm.json"));
        holder.set(drill);
        var result = drill.run();
        assertEquals(3, restoredByHook.get(), "the hook put the count back immediately");
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(result.restoredOk());
    }

    @Test
    void theGatewayAddressComesFromTheLoadBalancerService() {
        var missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> LiveStack.gatewayUrl(client));
        assertTrue(missing.getMessage().contains("istio-system/istio-ingressgateway"), missing.getMessage());
        client.services().inNamespace("istio-system").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("istio-ingressgateway").withNamespace("istio-system").endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withName("http").withPort(80).endPort().endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("47.98.1.2").endIngress().endLoadBalancer().endStatus()
                .build()).create();
        assertEquals(java.net.URI.create("http://47.98.1.2/productpage"), LiveStack.gatewayUrl(client));
    }

    @Test
    void refusesToDrillANonFailoverStackAndTouchesNothing() {
        var r = Cli.run(DrillCommand::run, "failover", "--region", "cn-hangzhou", "--config-file", "Pulumi.dev.yaml",
                "--url", "http://127.0.0.1:1/productpage", "--kubeconfig", "/nonexistent");
        assertEquals(Verify.USAGE, r.code());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals(3, replicas("reviews-v1"));
    }

    @Test
    void theCommandDrillsEndToEnd() throws Exception {
        var stackFile = tmp.resolve("Pulumi.failover.yaml");
        Files.writeString(stackFile, Files.readString(Path.of("Pulumi.dev.yaml")).replace("mode: distribute", "mode: failover"));
        var kubeconfig = tmp.resolve("hz.kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context: {cluster: mock, user: mock, namespace: default}
                current-context: mock
                users:
                - name: mock
                  user: {token: test}
                """.formatted(client.getConfiguration().getMasterUrl()));
        var report = tmp.resolve("cli.json");
        try (var gw = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v2()))))) {
            var r = Cli.run(DrillCommand::run, "failover", "--region", "cn-hangzhou", "--config-file", stackFile.toString(),
                    "--kubeconfig", kubeconfig.toString(), "--url", gw.url().toString(), "--requests", "200", "--settle", "0s",
                    "--report", report.toString());
            var text = r.out();
            assertEquals(Verify.PASS, r.code(), text + r.err());
            assertTrue(text.contains("restore: ok"), text);
            assertTrue(text.contains("reviews lost in cn-hangzhou"), text);
        }
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(Files.exists(report));
        assertNull(new ObjectMapper().readTree(report.toFile()).path("error").textValue());
    }

}
