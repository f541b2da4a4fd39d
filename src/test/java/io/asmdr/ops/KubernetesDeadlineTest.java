package io.asmdr.ops;

import io.asmdr.ops.VerifyClientTest.RawServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Kubernetes call of verify and drill against an API server that sends its headers and then
 * drips its body, one byte every half second: the client's own timeout is an idle timeout and would
 * wait for ever; each call site must end at its deadline with a message that names what it was doing.
 */
class KubernetesDeadlineTest {
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    RawServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    @BeforeEach
    void drippingApiServer() throws Exception {
        server = new RawServer(VerifyClientTest::drip);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + server.socket.getLocalPort())
                .withRequestRetryBackoffLimit(0).withNamespace("default").build()).build();
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        server.close();
    }

    /** Runs {@code call}, which must fail at the deadline (plus a little) with a message containing {@code what}. */
    static void endsAtTheDeadline(String what, Callable<?> call) {
        long start = System.nanoTime();
        var e = assertThrows(Verify.EnvironmentException.class, call::call);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertTrue(seconds < TIMEOUT.toSeconds() + 3, what + " took " + seconds + " s");
    }

    @Test
    void theLockRead() {
        endsAtTheDeadline("reading the drill lock", () -> new DrillLock(client, "default", "cn-hangzhou", TIMEOUT).read());
    }

    @Test
    void theLockCreate() {
        endsAtTheDeadline("creating the drill lock", () -> new DrillLock(client, "default", "cn-hangzhou", TIMEOUT)
                .acquire("id", "cn-hangzhou", List.of(), Duration.ofSeconds(15)));
    }

    @Test
    void theSearchForOldStyleLeases() {
        endsAtTheDeadline("listing the Deployments", () -> OldStyleLease.find(client, "cn-hangzhou", "default", TIMEOUT));
    }

    @Test
    void theDrillsPreflight() {
        var drill = new Drill(new Drill.Settings(DrillTest.failoverDev(), "cn-hangzhou", Map.of("cn-hangzhou", client, "cn-shanghai", client),
                Set.of(), s -> null, TIMEOUT, Duration.ZERO, tmp.resolve("r.json"), Duration.ofSeconds(15), TIMEOUT, TIMEOUT,
                UUID.randomUUID().toString()), Clock.systemUTC());
        endsAtTheDeadline("drill lock", drill::run);
    }

    @Test
    void aDeploymentRead() {
        endsAtTheDeadline("reading default/reviews-v1", () -> Drill.deployment(client, "cn-hangzhou", "default", "reviews-v1", TIMEOUT));
    }

    @Test
    void drillRestore() {
        endsAtTheDeadline("reading the drill lock", () -> DrillRestore.run(DrillTest.failoverDev(), Map.of("cn-hangzhou", client),
                Optional.of("cn-hangzhou"), TIMEOUT, TIMEOUT, System.err));
    }

    @Test
    void theGatewayLookup() {
        var kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: drip
                  cluster: {server: "http://127.0.0.1:%d"}
                contexts:
                - name: drip
                  context: {cluster: drip, user: drip}
                current-context: drip
                users:
                - name: drip
                  user: {token: test}
                """.formatted(server.socket.getLocalPort());
        var live = LiveStack.of(Map.of("ingressGatewayCluster", "ack-hangzhou", "kubeconfig/ack-hangzhou", kubeconfig));
        endsAtTheDeadline("reading the gateway Service", () -> Verify.gatewayOf("dev", live, TIMEOUT));
    }
}
