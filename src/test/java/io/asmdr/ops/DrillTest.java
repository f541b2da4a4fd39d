package io.asmdr.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.config.StackSpec;
import io.asmdr.config.TrafficSpec;
import io.asmdr.support.BookinfoPages;
import io.asmdr.support.Cli;
import io.asmdr.support.FakeGateway.Answer;
import io.asmdr.support.FakeGateway;
import io.asmdr.support.HoldingProxy;
import io.asmdr.support.MockKubeconfig;
import io.asmdr.support.TestStacks;
import io.asmdr.trafficmodel.TrafficModel;
import io.asmdr.trafficmodel.TrafficReport;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.asmdr.support.FakeGateway.times;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failover drill against fabric8's Kubernetes mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true, https = false)
class DrillTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    /** The tutorial stack in failover mode, with Hangzhou's reviews at the 3 replicas the mock cluster runs. */
    static StackSpec failoverDev() {
        return TrafficReport.withMode(TestStacks.file("Pulumi.dev.yaml").with("regions[0].bookinfo.reviewsReplicas", 3).load(),
                TrafficSpec.Mode.FAILOVER);
    }

    @BeforeEach
    void bookinfoInHangzhou() {
        deploy("reviews-v1", "reviews", "v1", 3);
        deploy("productpage-v1", "productpage", "v1", 1);
        deploy("ratings-v1", "ratings", "v1", 1);
    }

    void deploy(String name, String app, String version, int replicas) {
        client.apps().deployments().inNamespace("default").resource(TestDeployments.bookinfo("default", name, app, version, replicas)).create();
    }

    int replicas(String name) {
        return client.apps().deployments().inNamespace("default").withName(name).get().getSpec().getReplicas();
    }

    /** A verification as the live verifier would return it, for a given tally of pages. */
    static Verification judged(StackSpec spec, TrafficModel.Scenario scenario, long v1, long v2) {
        var tally = new Tally();
        for (long i = 0; i < v1; i++) {
            tally.add(Outcome.REVIEWS_V1, 200);
        }
        for (long i = 0; i < v2; i++) {
            tally.add(Outcome.REVIEWS_V2, 200);
        }
        return Verification.judge(spec, scenario, tally, Verification.Settings.defaults());
    }

    Drill drill(StackSpec spec, Drill.Verifier verifier, Path report) {
        return drill(spec, verifier, report, Duration.ofSeconds(10));
    }

    Drill drill(StackSpec spec, Drill.Verifier verifier, Path report, Duration restoreTime) {
        return drill(spec, verifier, report, restoreTime, client);
    }

    /** Both regions' clusters are the one mock cluster: reviews-v1 is Hangzhou's, reviews-v2 Shanghai's; the lock lives in Hangzhou's (the gateway's). */
    Drill drill(StackSpec spec, Drill.Verifier verifier, Path report, Duration restoreTime, KubernetesClient regionClient) {
        return drill(spec, "cn-hangzhou", verifier, report, restoreTime, regionClient);
    }

    static Drill drill(StackSpec spec, String region, Drill.Verifier verifier, Path report, Duration restoreTime, KubernetesClient client) {
        return new Drill(new Drill.Settings(spec, region, Map.of("cn-hangzhou", client, "cn-shanghai", client), Set.of(), verifier,
                Duration.ofSeconds(5), Duration.ZERO, report, Duration.ofSeconds(3), restoreTime, Duration.ofSeconds(5),
                UUID.randomUUID().toString()), Clock.systemUTC());
    }

    void scale(String name, int replicas) {
        client.apps().deployments().inNamespace("default").withName(name).edit(d -> {
            d.getSpec().setReplicas(replicas);
            return d;
        });
    }

    Map<String, String> annotations(String name) {
        var a = client.apps().deployments().inNamespace("default").withName(name).get().getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
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
        assertEquals(3, json.path("restore").path("deployments").get(0).path("replicas").asInt());
        assertEquals(1.0, json.path("verification").path("rows").get(1).path("observed").asDouble(), 1e-9);
        assertEquals("finished, restored", json.path("status").asText());
        assertTrue(annotations("reviews-v1").keySet().stream().noneMatch(k -> k.startsWith(OldStyleLease.PREFIX)), "the lease is gone");
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
        assertEquals(3, replicas("reviews-v1"));
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
        var drillId = new AtomicReference<String>();
        thread.start();
        assertTrue(verifying.await(10, TimeUnit.SECONDS));
        assertEquals(0, replicas("reviews-v1"));
        var lock = new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5)).read().orElseThrow();
        assertEquals(List.of(new Drill.Target("default", "reviews-v1", 3)), lock.targets(), "the count was written down before scaling");
        drillId.set(lock.id());
        thread.interrupt();
        thread.join(10_000);
        assertFalse(thread.isAlive());
        assertTrue(result.get().wasInterrupted());
        assertTrue(result.get().restoredOk());
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(new ObjectMapper().readTree(report.toFile()).path("interrupted").asBoolean());
    }

    @Test
    void theShutdownHookStopsTheDrillWhichRestoresOnce() throws Exception {
        var spec = failoverDev();
        var holder = new AtomicReference<Drill>();
        var hook = new AtomicReference<Thread>();
        var drill = drill(spec, scenario -> {
            // what SIGTERM/Ctrl-C does while the drill runs: the JVM starts the hook in a thread of its own
            var t = new Thread(holder.get().shutdownHook());
            hook.set(t);
            t.start();
            Thread.sleep(60_000); // the drill's thread is interrupted out of its verification
            return judged(spec, scenario, 0, 400);
        }, tmp.resolve("sigterm.json"));
        holder.set(drill);
        long start = System.nanoTime();
        var result = drill.run();
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "the hook interrupted the verification");
        hook.get().join(10_000);
        assertFalse(hook.get().isAlive(), "the hook returns once the drill has restored");
        assertTrue(result.wasInterrupted());
        assertTrue(result.restoredOk(), result.document().toString());
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5)).read().isEmpty(), "the lock is released");
    }

    @Test
    void theGatewayAddressComesFromTheLoadBalancerService() {
        var missing = Assertions.assertThrows(IllegalStateException.class, () -> LiveStack.gatewayUrl(client));
        assertTrue(missing.getMessage().contains("istio-system/istio-ingressgateway"), missing.getMessage());
        client.services().inNamespace("istio-system").resource(new ServiceBuilder()
                .withNewMetadata().withName("istio-ingressgateway").withNamespace("istio-system").endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withName("http").withPort(80).endPort().endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("47.98.1.2").endIngress().endLoadBalancer().endStatus()
                .build()).create();
        assertEquals(URI.create("http://47.98.1.2/productpage"), LiveStack.gatewayUrl(client));
    }

    @Test
    @Tag("slow") // ten seconds and more of real time: left out of PIT's runs (pom.xml), in every `mvn test`
    void refusesToDrillANonFailoverStackAndTouchesNothingAndForceDrillsAnyway() throws Exception {
        var r = Cli.run(DrillCommand::run, "failover", "--region", "cn-hangzhou", "--config-file", "Pulumi.dev.yaml",
                "--url", "http://127.0.0.1:1/productpage", "--kubeconfig", "/nonexistent", "--requests", "200");
        assertEquals(Verify.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals(3, replicas("reviews-v1"));
        // the advice followed as printed: --force drills against the current mode's prediction, and restores
        var distributing = tmp.resolve("Pulumi.distribute.yaml");
        Files.writeString(distributing, Files.readString(Path.of("Pulumi.dev.yaml"))
                .replace("bookinfo: {reviews: v1}", "bookinfo: {reviews: v1, reviewsReplicas: 3}"));
        try (var gw = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v2()))))) {
            var forced = Cli.run(DrillCommand::run, "failover", "--region", "cn-hangzhou", "--config-file", distributing.toString(),
                    "--kubeconfig", kubeconfig().toString(), "--skip-region", "cn-shanghai", "--url", gw.url().toString(), "--requests", "400",
                    "--settle", "0s", "--force");
            assertTrue(forced.code() != Verify.USAGE && forced.out().contains("restore: ok") && forced.out().contains("mode distribute"),
                    forced.out() + forced.err());
        }
        assertEquals(3, replicas("reviews-v1"));
    }

    /** dev in failover mode with Hangzhou's reviews at 3, as a stack file in {@code dir}: what the drill commands read. */
    static Path failoverStackFile(Path dir) throws IOException {
        var stackFile = dir.resolve("Pulumi.failover.yaml");
        Files.writeString(stackFile, Files.readString(Path.of("Pulumi.dev.yaml")).replace("mode: distribute", "mode: failover")
                .replace("bookinfo: {reviews: v1}", "bookinfo: {reviews: v1, reviewsReplicas: 3}"));
        return stackFile;
    }

    /** A kubeconfig file in {@code dir} for the API server at {@code masterUrl}. */
    static Path kubeconfig(Path dir, String masterUrl) throws IOException {
        var kubeconfig = dir.resolve("kubeconfig-" + System.nanoTime());
        Files.writeString(kubeconfig, MockKubeconfig.of(masterUrl));
        return kubeconfig;
    }

    Path failoverStackFile() throws Exception {
        return failoverStackFile(tmp);
    }

    Path kubeconfig() throws Exception {
        return kubeconfig(tmp, client.getConfiguration().getMasterUrl());
    }

    @Test
    @Tag("slow") // ten seconds and more of real time: left out of PIT's runs (pom.xml), in every `mvn test`
    void theCommandDrillsEndToEnd() throws Exception {
        var stackFile = failoverStackFile();
        var kubeconfig = kubeconfig();
        var report = tmp.resolve("cli.json");
        try (var gw = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v2()))))) {
            var r = Cli.run(DrillCommand::run, "failover", "--region", "cn-hangzhou", "--config-file", stackFile.toString(),
                    "--kubeconfig", kubeconfig.toString(), "--skip-region", "cn-shanghai", "--url", gw.url().toString(), "--requests", "400",
                    "--settle", "0s", "--report", report.toString());
            var text = r.out();
            assertEquals(Verify.PASS, r.code(), text + r.err());
            assertTrue(text.contains("restore: ok"), text);
            assertTrue(text.contains("reviews lost in cn-hangzhou"), text);
        }
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(Files.exists(report));
        assertNull(new ObjectMapper().readTree(report.toFile()).path("error").textValue());
    }


    @Test
    void everyInputIsCheckedBeforeAnythingIsTouched() throws Exception {
        var stackFile = failoverStackFile().toString();
        var kubeconfig = kubeconfig().toString();
        var aFile = tmp.resolve("a-file");
        Files.writeString(aFile, "x");
        var base = List.of("failover", "--region", "cn-hangzhou", "--config-file", stackFile, "--kubeconfig", kubeconfig,
                "--url", "http://127.0.0.1:9/productpage", "--requests", "200", "--settle", "0s");
        var underAFile = Cli.run(DrillCommand::run, concat(base, "--skip-region", "cn-shanghai", "--report", aFile.resolve("r.json").toString()));
        assertEquals(Verify.USAGE, underAFile.code(), underAFile.err());
        assertTrue(underAFile.err().contains("--report"), underAFile.err());
        var lease = Cli.run(DrillCommand::run, concat(base, "--skip-region", "cn-shanghai", "--lease", "999999999999999999m"));
        assertEquals(Verify.USAGE, lease.code(), lease.err());
        assertTrue(lease.err().contains("--lease 999999999999999999m is too long") && !lease.err().contains("\tat "), lease.err());
        var longLease = Cli.run(DrillCommand::run, concat(base, "--skip-region", "cn-shanghai", "--lease", "2000m"));
        assertTrue(longLease.code() == Verify.USAGE && longLease.err().contains("--lease must lie between"), longLease.err());
        var unsearched = Cli.run(DrillCommand::run, concat(base, "--report", tmp.resolve("u.json").toString()));
        assertEquals(Verify.USAGE, unsearched.code(), unsearched.err());
        assertTrue(unsearched.err().contains("no kubeconfig for cn-shanghai") && unsearched.err().contains("--skip-region"), unsearched.err());
        assertEquals(3, replicas("reviews-v1"), "nothing was scaled");
        assertTrue(new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5)).read().isEmpty(), "no lock was taken");
    }

    @Test
    void anOverlappingDrillIsRefusedAndTheRegionComesBackOnce() throws Exception {
        var spec = failoverDev();
        var second = new AtomicReference<Exception>();
        var result = drill(spec, scenario -> {
            try {
                drill(spec, s -> judged(spec, s, 0, 400), tmp.resolve("second.json")).run();
            } catch (Drill.RefusedException e) {
                second.set(e);
            }
            assertEquals(0, replicas("reviews-v1"), "the second drill touched nothing");
            return judged(spec, scenario, 0, 400);
        }, tmp.resolve("first.json")).run();
        assertTrue(second.get() != null && second.get().getMessage().contains("another drill holds the lock"), String.valueOf(second.get()));
        assertTrue(result.passed());
        assertEquals(3, replicas("reviews-v1"), "back to 3, not to the 0 a second drill would have recorded");
        var refused = new ObjectMapper().readTree(tmp.resolve("second.json").toFile());
        assertEquals("refused: nothing was touched", refused.path("status").asText());
    }

    @Test
    void aRegionAtZeroOrOffItsConfiguredCountIsRefused() {
        scale("reviews-v1", 0);
        var zero = Assertions.assertThrows(Drill.RefusedException.class,
                () -> drill(failoverDev(), s -> null, tmp.resolve("zero.json")).run());
        assertTrue(zero.getMessage().contains("already at 0"), zero.getMessage());
        scale("reviews-v1", 2);
        var off = Assertions.assertThrows(Drill.RefusedException.class,
                () -> drill(failoverDev(), s -> null, tmp.resolve("off.json")).run());
        assertTrue(off.getMessage().contains("runs 2 replicas but the stack config says 3"), off.getMessage());
        assertEquals(2, replicas("reviews-v1"));
    }

    @Test
    void aFailingRestoreIsRetriedUntilItWorks() {
        var spec = failoverDev();
        // a client without fabric8's own retries, so the drill's retry loop is what is tested
        try (var noRetries = new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build()) {
            var result = drill(spec, scenario -> {
                // the API server answers 503 to the next two writes of reviews-v1: the restore's first tries
                server.expect().put().withPath("/apis/apps/v1/namespaces/default/deployments/reviews-v1")
                        .andReturn(503, "{\"kind\":\"Status\",\"code\":503,\"message\":\"etcd leader changed\"}").times(2);
                return judged(spec, scenario, 0, 400);
            }, tmp.resolve("retry.json"), Duration.ofSeconds(20), noRetries).run();
            check(result);
        }
    }

    void check(DrillReport result) {
        assertTrue(result.restoredOk(), result.document().toString());
        assertEquals(3, replicas("reviews-v1"));
        @SuppressWarnings("unchecked")
        var detail = ((List<Map<String, Object>>) ((Map<String, Object>) result.document().get("restore")).get("deployments")).get(0);
        assertEquals(3, (Integer) detail.get("tries"), detail.toString());
    }

    /**
     * The API server refuses every write of the drill's restore (4 tries in 2 s): the drill says so and
     * keeps the lock; once the API server answers, `drill restore` as the drill's output says puts the
     * region back (the failed drill's lock goes unrenewed).
     */
    @Test
    void aRestoreThatCannotWorkSaysSoAndKeepsTheLeaseAndDrillRestoreFinishesIt() throws Exception {
        var spec = failoverDev();
        DrillReport result;
        try (var noRetries = new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build()) {
            result = drill(spec, scenario -> {
                server.expect().put().withPath("/apis/apps/v1/namespaces/default/deployments/reviews-v1")
                        .andReturn(503, "{\"kind\":\"Status\",\"code\":503}").times(4);
                return judged(spec, scenario, 0, 400);
            }, tmp.resolve("broken.json"), Duration.ofSeconds(2), noRetries).run();
        }
        assertFalse(result.restoredOk());
        assertFalse(result.passed());
        var json = new ObjectMapper().readTree(tmp.resolve("broken.json").toFile());
        assertEquals("finished, RESTORE FAILED", json.path("status").asText());
        assertFalse(json.path("restore").path("ok").asBoolean());
        assertTrue(json.path("restore").path("deployments").get(0).path("error").asText().length() > 0);
        assertEquals(0, replicas("reviews-v1"), "the truth: still at 0");
        var lock = new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5)).read();
        assertEquals(List.of(new Drill.Target("default", "reviews-v1", 3)), lock.orElseThrow().targets(), "the lock stays for `drill restore`");
        var restore = Cli.run(DrillCommand::run, "restore", "--config-file", failoverStackFile().toString(), "--kubeconfig",
                "cn-hangzhou=" + kubeconfig(), "--restore-timeout", "20s");
        assertEquals(Verify.PASS, restore.code(), restore.out() + restore.err());
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5)).read().isEmpty());
    }

    /** What a drill of an older version killed with SIGKILL leaves behind: the annotations, and the region at 0. */
    void oldStyleLeftover(String id, int original) {
        client.apps().deployments().inNamespace("default").withName("reviews-v1").edit(d -> {
            d.getMetadata().setAnnotations(Map.of(OldStyleLease.ID, id, OldStyleLease.ORIGINAL_REPLICAS, String.valueOf(original),
                    OldStyleLease.EXPIRES, Instant.now().plusSeconds(600).toString()));
            d.getSpec().setReplicas(0);
            return d;
        });
    }

    @Test
    void drillRestoreClearsAnOldStyleLeaseAndIsIdempotent() throws Exception {
        oldStyleLeftover("killed-drill", 3);
        var refused = Assertions.assertThrows(Drill.RefusedException.class,
                () -> drill(failoverDev(), s -> null, tmp.resolve("blocked.json")).run());
        assertEquals("a drill left an old-style drill lease (annotations " + OldStyleLease.PREFIX + "*) of drill killed-drill on"
                + " default/reviews-v1 in cn-hangzhou (back to 3). Run `drill restore` first", refused.getMessage());
        var r = Cli.run(DrillCommand::run, "restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig());
        assertEquals(Verify.PASS, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("killed-drill") && r.out().contains("ok=true"), r.out());
        assertTrue(r.err().contains("drill: WARNING: no kubeconfig for cn-shanghai: not searched for old-style leases"), r.err());
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(annotations("reviews-v1").keySet().stream().noneMatch(k -> k.startsWith(OldStyleLease.PREFIX)));
        var again = Cli.run(DrillCommand::run, "restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig());
        assertEquals(Verify.PASS, again.code());
        assertTrue(again.out().contains("nothing to do"), again.out());
        // restricted to one region, it searches that region
        oldStyleLeftover("killed-again", 3);
        scale("reviews-v1", 0);
        var region = Cli.run(DrillCommand::run, "restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig(),
                "--region", "cn-hangzhou");
        assertEquals(Verify.PASS, region.code(), region.out() + region.err());
        assertTrue(region.out().contains("killed-again") && region.out().contains("ok=true"), region.out());
        assertEquals(3, replicas("reviews-v1"));
        // restricted to the region it has a kubeconfig for, it has nothing to warn about
        var one = Cli.run(DrillCommand::run, "restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig(),
                "--region", "cn-hangzhou");
        assertEquals(Verify.PASS, one.code(), one.out() + one.err());
        assertEquals("restore: no drill lock, no old-style lease and no count a drill still owns found for cn-hangzhou; nothing to do",
                one.out().strip());
        assertEquals("", one.err(), "no warning: every region asked about was searched");
    }

    /**
     * A drill killed with SIGKILL after scaling leaves its lock (no longer renewed) and the region at 0.
     * The next drill is refused and says to run `drill restore`; run as printed, it watches the lock
     * for one lease, finds it unchanged, says so, puts the count back and removes the lock; then the
     * drill runs.
     */
    @Test
    void aKilledDrillsRegionIsRestoredByTheNextDrillRestoreAsTheRefusalSays() throws Exception {
        var lock = new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5));
        lock.acquire("killed-drill", "cn-hangzhou", List.of(new Drill.Target("default", "reviews-v1", 3)), Duration.ofSeconds(2));
        scale("reviews-v1", 0);
        var refused = Assertions.assertThrows(Drill.RefusedException.class, () -> drill(failoverDev(), s -> null, tmp.resolve("r.json")).run());
        assertTrue(refused.getMessage().contains("killed-drill") && refused.getMessage().contains("run `drill restore`"), refused.getMessage());
        var args = List.of("restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig());
        var restore = Cli.run(DrillCommand::run, args.toArray(String[]::new));
        assertEquals(Verify.PASS, restore.code(), restore.out() + restore.err());
        assertTrue(restore.out().lines().anyMatch(l -> l.startsWith("restore: the lock of drill killed-drill went unchanged for")
                && l.contains("its drill is dead")), "what it found, on a line of its own: " + restore.out());
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(lock.read().isEmpty(), "the lock is removed once the counts are back");
        assertTrue(Cli.run(DrillCommand::run, args.toArray(String[]::new)).out().contains("nothing to do"));
        var again = drill(failoverDev(), s -> judged(failoverDev(), s, 0, 400), tmp.resolve("again.json")).run();
        assertTrue(again.passed(), again.document().toString());
    }

    /** A lock that is renewed belongs to a drill under way: `drill restore` leaves it alone, --force or not. */
    @Test
    void drillRestoreLeavesALockThatIsRenewedAlone() throws Exception {
        var lock = new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5));
        var live = lock.acquire("live-drill", "cn-hangzhou", List.of(new Drill.Target("default", "reviews-v1", 3)), Duration.ofSeconds(2));
        live.startRenewing(why -> { });
        scale("reviews-v1", 0);
        try {
            var args = List.of("restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig(), "--force");
            var r = Cli.run(DrillCommand::run, args.toArray(String[]::new));
            assertEquals(Verify.ENVIRONMENT, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("renewed while it was watched") && r.out().contains("nothing was touched"), r.out());
            assertTrue(r.err().contains("--force is no longer needed"), r.err());
            assertEquals(0, replicas("reviews-v1"), "a drill under way: left alone");
            assertEquals("live-drill", lock.read().orElseThrow().id());
            assertEquals(null, live.lost(), "the live drill still holds its lock");
        } finally {
            live.stopRenewing();
        }
    }

    /**
     * What a drill of a gateway region records: its ingress gateway's Deployment too (istio-system, by label), and a
     * count of 1, the least a drill records. `drill restore` of a dead drill's lock puts both back and the report says
     * what it found and watched.
     */
    @Test
    void drillRestorePutsBackAGatewayRegionsIngressGatewayAndACountOfOne() throws Exception {
        client.apps().deployments().inNamespace(Drill.GATEWAY_NAMESPACE).resource(TestDeployments.of(Drill.GATEWAY_NAMESPACE,
                "istio-ingressgateway", Drill.GATEWAY_LABELS, 0, "istio-proxy", "proxyv2")).create();
        var lock = new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5));
        lock.acquire("killed-gateway-drill", "cn-hangzhou", List.of(new Drill.Target(Drill.GATEWAY_NAMESPACE, "istio-ingressgateway", 2),
                new Drill.Target("default", "reviews-v1", 1)), Duration.ofSeconds(1));
        scale("reviews-v1", 0);
        var args = List.of("restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig());
        var r = Cli.run(DrillCommand::run, args.toArray(String[]::new));
        assertEquals(Verify.PASS, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("restore: found drill killed-gateway-drill of cn-hangzhou holds the drill lock")
                && r.out().contains("; watching it for 1 s"), r.out());
        assertEquals(2, client.apps().deployments().inNamespace(Drill.GATEWAY_NAMESPACE).withName("istio-ingressgateway").get()
                .getSpec().getReplicas(), "the gateway a drill of its region can record is put back");
        assertEquals(1, replicas("reviews-v1"), "a count of 1 is put back");
        assertTrue(lock.read().isEmpty());
    }

    /** A Lease that names what no drill records is not obeyed: coredns stays as it is, the Lease's own reviews count comes back. */
    @Test
    void drillRestoreRestoresOnlyWhatADrillCanHaveRecorded() throws Exception {
        client.apps().deployments().inNamespace("kube-system").resource(TestDeployments.of("kube-system", "coredns",
                Map.of("k8s-app", "kube-dns"), 2, "coredns", "coredns")).create();
        var lock = new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5));
        lock.acquire("forged", "cn-hangzhou", List.of(new Drill.Target("kube-system", "coredns", 0), new Drill.Target("default", "reviews-v1", 3),
                new Drill.Target("default", "ratings-v1", 0)), Duration.ofSeconds(1));
        scale("reviews-v1", 0);
        var args = List.of("restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig());
        var r = Cli.run(DrillCommand::run, args.toArray(String[]::new));
        assertEquals(Verify.ENVIRONMENT, r.code(), "not everything the lock named was put back: " + r.out());
        assertTrue(r.out().contains("kube-system/coredns=0 (no drill of cn-hangzhou records it") && r.out().contains("check it by hand"), r.out());
        assertTrue(r.out().contains("default/ratings-v1=0 (a drill records only Deployments that run"), r.out());
        assertEquals(2, client.apps().deployments().inNamespace("kube-system").withName("coredns").get().getSpec().getReplicas(),
                "coredns is not scaled to 0");
        assertEquals(1, replicas("ratings-v1"));
        assertEquals(3, replicas("reviews-v1"), "what a drill can have recorded is put back");
        assertTrue(lock.read().isEmpty(), "the lock is removed: no drill is refused for ever by it");
        var again = Cli.run(DrillCommand::run, args.toArray(String[]::new));
        assertEquals(Verify.PASS, again.code(), again.out());
        assertTrue(again.out().contains("nothing to do"), again.out());
    }

    /**
     * A region-loss drill killed after black-holing its region leaves the NetworkPolicy it recorded: `drill restore`
     * removes that one, and names (and leaves) a NetworkPolicy no drill records (another name, or kube-system).
     */
    @Test
    void drillRestoreRemovesTheBlackHoleADeadDrillRecordedAndNamesWhatNoDrillRecords() throws Exception {
        var lock = new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5));
        lock.acquire("killed-region-loss", "cn-hangzhou", List.of(), List.of("default/" + Drill.BLACKHOLE, "kube-system/" + Drill.BLACKHOLE,
                "default/allow-nothing"), Duration.ofSeconds(1));
        for (var ns : List.of("default", "kube-system")) {
            client.network().v1().networkPolicies().inNamespace(ns).resource(Drill.blackholePolicy(ns, true, "killed-region-loss")).create();
        }
        var refused = Assertions.assertThrows(Drill.RefusedException.class, () -> drill(failoverDev(), s -> null, tmp.resolve("r.json")).run());
        assertTrue(refused.getMessage().contains("NetworkPolicies [default/" + Drill.BLACKHOLE), refused.getMessage());
        var args = List.of("restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig());
        var r = Cli.run(DrillCommand::run, args.toArray(String[]::new));
        assertEquals(Verify.ENVIRONMENT, r.code(), "not everything the lock named was acted on: " + r.out());
        assertTrue(r.out().contains("NetworkPolicy default/" + Drill.BLACKHOLE + " removed"), r.out());
        assertTrue(r.out().contains("NetworkPolicy kube-system/" + Drill.BLACKHOLE + " (no drill of cn-hangzhou records it")
                && r.out().contains("NetworkPolicy default/allow-nothing (no drill of cn-hangzhou records it"), r.out());
        assertEquals(null, client.network().v1().networkPolicies().inNamespace("default").withName(Drill.BLACKHOLE).get(), "removed");
        assertTrue(client.network().v1().networkPolicies().inNamespace("kube-system").withName(Drill.BLACKHOLE).get() != null,
                "what no drill records is not touched");
        assertTrue(lock.read().isEmpty(), "the lock is removed once what can be undone is undone");
        // a drill now refuses on its own: a black hole it did not record is left for a human, by name
        client.network().v1().networkPolicies().inNamespace("default").resource(Drill.blackholePolicy("default", true, "by-hand")).create();
        deploy("reviews-v2", "reviews", "v2", 1);
        deploy("details-v1", "details", "v1", 1);
        var leftover = Assertions.assertThrows(Drill.RefusedException.class, () -> new Drill(new Drill.Settings(Drill.Kind.REGION_LOSS,
                failoverDev(), "cn-shanghai", Map.of("cn-hangzhou", client, "cn-shanghai", client), Set.of(), s -> null, null,
                Duration.ofSeconds(5), Duration.ZERO, tmp.resolve("left.json"), Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(5),
                "next"), Clock.systemUTC()).run());
        assertTrue(leftover.getMessage().contains("NetworkPolicy default/" + Drill.BLACKHOLE + " already exists"), leftover.getMessage());
    }

    /** A Lease with no region, or one of a region the stack no longer has, is named and removed: no loop between drill and restore. */
    @Test
    void aLockWithoutARegionOrOfAnotherStackRegionIsHandledNotALoop() throws Exception {
        var args = List.of("restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig());
        for (var region : List.of("", "cn-wuhan")) {
            var lease = new LeaseBuilder().withNewMetadata().withName(DrillLock.NAME)
                    .withNamespace("default").addToAnnotations(DrillLock.TARGETS, "default/reviews-v1=3").endMetadata()
                    .withNewSpec().withHolderIdentity("old").withLeaseDurationSeconds(1).endSpec().build();
            if (!region.isEmpty()) {
                lease.getMetadata().getAnnotations().put(DrillLock.REGION, region);
            }
            client.leases().inNamespace("default").resource(lease).create();
            var refused = Assertions.assertThrows(Drill.RefusedException.class, () -> drill(failoverDev(), s -> null, tmp.resolve("r.json")).run());
            assertTrue(refused.getMessage().contains("run `drill restore`"), refused.getMessage());
            var r = Cli.run(DrillCommand::run, args.toArray(String[]::new));
            assertEquals(Verify.ENVIRONMENT, r.code(), r.out());
            assertTrue(r.out().contains(region.isEmpty() ? "the lock names no region" : "cn-wuhan is not a region of this stack"), r.out());
            assertEquals(3, replicas("reviews-v1"), "nothing of this stack was touched");
            var ran = drill(failoverDev(), s -> judged(failoverDev(), s, 0, 400), tmp.resolve("ran-" + region + ".json")).run();
            assertTrue(ran.passed(), "the next drill runs: " + ran.document());
        }
    }

    /** `drill restore --region` with the lock of another region says which command restores it, and that command does. */
    @Test
    void theAdviceOfARestoreForAnotherRegionWorksAsPrinted() throws Exception {
        var lock = new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5));
        lock.acquire("killed-drill", "cn-hangzhou", List.of(new Drill.Target("default", "reviews-v1", 3)), Duration.ofSeconds(1));
        scale("reviews-v1", 0);
        var base = List.of("restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig(),
                "--kubeconfig", "cn-shanghai=" + kubeconfig());
        var other = Cli.run(DrillCommand::run, concat(base, "--region", "cn-shanghai"));
        assertEquals(Verify.ENVIRONMENT, other.code(), other.out());
        var advice = Pattern.compile("`drill restore --region (cn-[a-z]+)`").matcher(other.out());
        assertTrue(advice.find(), other.out());
        assertEquals(0, replicas("reviews-v1"));
        var followed = Cli.run(DrillCommand::run, concat(base, "--region", advice.group(1)));
        assertEquals(Verify.PASS, followed.code(), followed.out() + followed.err());
        assertFalse(followed.err().contains("no kubeconfig"), "both regions have one: " + followed.err());
        assertEquals(3, replicas("reviews-v1"));
    }

    static String[] concat(List<String> args, String... more) {
        var all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aDrillHoldsTheDeployedPolicyNotTheStackFile() {
        var spec = failoverDev();
        var deployedDistribute = LiveStack.of(Map.of("trafficPolicy",
                TrafficReport.withMode(spec, TrafficSpec.Mode.DISTRIBUTE).traffic().policyJson()));
        var e = Assertions.assertThrows(Drill.RefusedException.class,
                () -> DeployedPolicy.of(spec, Optional.of(deployedDistribute), "drill", System.err));
        assertTrue(e.getMessage().contains("differs from the deployed one") && e.getMessage().contains("run `pulumi up` first"), e.getMessage());
        var deployedFailover = LiveStack.of(Map.of("trafficPolicy", spec.traffic().policyJson()));
        var held = assertDoesNotThrow(() -> DeployedPolicy.of(spec, Optional.of(deployedFailover), "drill", System.err));
        assertEquals(spec.appliedTraffic(), held, "the policy the drill holds is the deployed one, equal to the stack file's");
    }

    @Test
    @Tag("child-jvm")
    void sigtermToARealDrillRestoresAndLeavesAnInterruptedReport() throws Exception {
        var report = tmp.resolve("sigterm.json");
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.asmdr.App",
                "drill", "failover", "--region", "cn-hangzhou", "--config-file", failoverStackFile().toString(),
                "--kubeconfig", kubeconfig().toString(), "--skip-region", "cn-shanghai", "--url", "http://127.0.0.1:9/productpage", "--requests", "200",
                "--settle", "5m", "--report", report.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(report) && Files.readString(report).contains("scaled down; verifying")) && System.nanoTime() < deadline) {
                assertTrue(process.isAlive(), () -> "the drill exited early: " + read(tmp.resolve("child.log")));
                Thread.sleep(100);
            }
            assertEquals(0, replicas("reviews-v1"), "the child drill scaled the region down: " + read(tmp.resolve("child.log")));
            long signalled = System.nanoTime();
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the drill ends after SIGTERM");
            assertTrue(System.nanoTime() - signalled < TimeUnit.SECONDS.toNanos(25), "within the 25 s grace before SIGKILL");
        } finally {
            process.destroyForcibly();
        }
        assertEquals(3, replicas("reviews-v1"), "SIGTERM restored the region: " + read(tmp.resolve("child.log")));
        var json = new ObjectMapper().readTree(report.toFile());
        assertEquals("interrupted, restored", json.path("status").asText(), json.toString());
        assertTrue(json.path("interrupted").asBoolean());
    }

    /** A child JVM running `drill failover` against {@code masterUrl}, with a 3 s lease, verifying for 5 minutes. */
    Process childDrill(String masterUrl, Path report, Path log) throws Exception {
        var kubeconfig = kubeconfig(tmp, masterUrl);
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.asmdr.App",
                "drill", "failover", "--region", "cn-hangzhou", "--config-file", failoverStackFile().toString(),
                "--kubeconfig", kubeconfig.toString(), "--skip-region", "cn-shanghai", "--url", "http://127.0.0.1:9/productpage", "--requests", "400",
                "--settle", "5m", "--lease", "3s", "--timeout", "2s", "--report", report.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    void awaitScaledDown(Process process, Path report, Path log) throws Exception {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(report) && Files.readString(report).contains("scaled down; verifying")) && System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), () -> "the drill exited early: " + read(log));
            Thread.sleep(100);
        }
        assertEquals(0, replicas("reviews-v1"), "the child drill scaled the region down: " + read(log));
    }

    /** SIGKILL: no hook runs, the lock stays unrenewed; the next `drill restore` finds it, says what it found, and restores. */
    @Test
    @Tag("child-jvm")
    void aSigkilledDrillsRegionIsRestoredByTheNextDrillRestore() throws Exception {
        var report = tmp.resolve("sigkill.json");
        var log = tmp.resolve("sigkill.log");
        var process = childDrill(client.getConfiguration().getMasterUrl(), report, log);
        try {
            awaitScaledDown(process, report, log);
            process.destroyForcibly(); // SIGKILL
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        } finally {
            process.destroyForcibly();
        }
        assertEquals(0, replicas("reviews-v1"), "killed: nothing restored the region");
        var restore = Cli.run(DrillCommand::run, "restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig());
        assertEquals(Verify.PASS, restore.code(), restore.out() + restore.err());
        assertTrue(restore.out().contains("went unchanged for") && restore.out().contains("its drill is dead (killed, or its machine gone)")
                && restore.out().contains("restored=[default/reviews-v1=3]"), restore.out());
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5)).read().isEmpty());
    }

    /**
     * SIGTERM while the API server has stopped answering: the drill cannot restore, and still exits
     * within 25 s of the signal (the grace before SIGKILL), saying the restore failed; once the API
     * server answers again, `drill restore` puts the region back.
     */
    @Test
    @Tag("child-jvm")
    void theShutdownPathFitsInATwentyFiveSecondGraceEvenWhenTheApiHangs() throws Exception {
        var report = tmp.resolve("hang.json");
        var log = tmp.resolve("hang.log");
        try (var proxy = new HoldingProxy(URI.create(client.getConfiguration().getMasterUrl()))) {
            var process = childDrill(proxy.url(), report, log);
            long signalled;
            try {
                awaitScaledDown(process, report, log);
                proxy.pause(); // from now on nothing reaches the API server
                signalled = System.nanoTime();
                process.destroy(); // SIGTERM
                assertTrue(process.waitFor(40, TimeUnit.SECONDS), "the drill ends after SIGTERM");
            } finally {
                process.destroyForcibly();
            }
            double seconds = (System.nanoTime() - signalled) / 1e9;
            System.out.printf("SIGTERM with a hanging API server: the drill exited %.1f s after the signal%n", seconds);
            assertTrue(seconds < 25, "exited " + seconds + " s after SIGTERM: " + read(log));
            var json = new ObjectMapper().readTree(report.toFile());
            assertEquals("interrupted, RESTORE FAILED", json.path("status").asText(), json.toString());
            assertEquals(0, replicas("reviews-v1"), "the truth: still at 0");
            proxy.release();
        }
        var restore = Cli.run(DrillCommand::run, "restore", "--config-file", failoverStackFile().toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig());
        assertEquals(Verify.PASS, restore.code(), restore.out() + restore.err());
        assertEquals(3, replicas("reviews-v1"));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
