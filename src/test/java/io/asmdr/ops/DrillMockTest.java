package io.asmdr.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.config.StackSpec;
import io.asmdr.config.TrafficSpec;
import io.asmdr.support.BookinfoPages;
import io.asmdr.support.FakeGateway;
import io.asmdr.support.FakeGateway.Answer;
import io.asmdr.support.TestStacks;
import io.asmdr.trafficmodel.TrafficReport;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.asmdr.support.FakeGateway.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drill's steps one at a time against fabric8's mock API server in CRUD mode, with expectations that make one call
 * answer otherwise (a lock taken by someone else between steps, a delete that removes nothing, a write that does not
 * stick): every test takes a second or two of real time at most, and asserts what the report and the cluster show.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class DrillMockTest {
    static final String ID = "drill-mock-1";
    static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/default/leases";
    static final String LOCK_PATH = LEASES + "/" + DrillLock.NAME;
    static final String V1_PATH = "/apis/apps/v1/namespaces/default/deployments/reviews-v1";
    static final String STATUS_404 = KubeStatus.failure(404, "NotFound");
    static final String STATUS_OK = KubeStatus.SUCCESS;
    static final Instant T = Instant.parse("2031-02-03T04:05:06Z");

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    Duration scaleDownTimeout = Duration.ofSeconds(5);
    Duration settle = Duration.ZERO;
    Duration lease = Duration.ofMinutes(5); // no renewal falls inside a test unless it asks for one
    Duration restoreTime = Duration.ofSeconds(10);
    Duration callTimeout = Duration.ofSeconds(5);
    Clock clock = Clock.systemUTC();
    RecoveryProbe.Settings recovery;

    @BeforeEach
    void bookinfo() {
        deploy("default", "reviews-v1", "reviews", "v1", 3);
        deploy("default", "reviews-v2", "reviews", "v2", 1);
        deploy("default", "productpage-v1", "productpage", "v1", 1);
        deploy("default", "ratings-v1", "ratings", "v1", 1);
        deploy("default", "details-v1", "details", "v1", 1);
    }

    void deploy(String namespace, String name, String app, String version, int replicas) {
        client.apps().deployments().inNamespace(namespace).resource(TestDeployments.bookinfo(namespace, name, app, version, replicas)).create();
    }

    int replicas(String name) {
        return client.apps().deployments().inNamespace("default").withName(name).get().getSpec().getReplicas();
    }

    Deployment reviewsV1() {
        return client.apps().deployments().inNamespace("default").withName("reviews-v1").get();
    }

    NetworkPolicy policy(String namespace) {
        return client.network().v1().networkPolicies().inNamespace(namespace).withName(Drill.BLACKHOLE).get();
    }

    static String policyPath(String namespace) {
        return "/apis/networking.k8s.io/v1/namespaces/" + namespace + "/networkpolicies/" + Drill.BLACKHOLE;
    }

    DrillLock lock() {
        return new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5));
    }

    Drill drill(Drill.Kind kind, StackSpec spec, String region, Drill.Verifier verifier, Path report) {
        return new Drill(new Drill.Settings(kind, spec, region, Map.of("cn-hangzhou", client, "cn-shanghai", client), Set.of(), verifier,
                recovery, scaleDownTimeout, settle, report, lease, restoreTime, callTimeout, ID), clock);
    }

    /** Hangzhou's reviews taken away (the failover stack, reviews-v1 at 3). */
    Drill failover(Drill.Verifier verifier, Path report) {
        return drill(Drill.Kind.FAILOVER, DrillTest.failoverDev(), "cn-hangzhou", verifier, report);
    }

    Drill.Verifier passing() {
        var spec = DrillTest.failoverDev();
        return scenario -> DrillTest.judged(spec, scenario, 0, 400);
    }

    /** Shanghai lost (dev, distribute): its Bookinfo pods black-holed in default; Hangzhou hosts the only gateway. */
    Drill shanghaiLost(Drill.Verifier verifier, Path report) {
        return drill(Drill.Kind.REGION_LOSS, TestStacks.file("Pulumi.dev.yaml").load(), "cn-shanghai", verifier, report);
    }

    Drill.Verifier shanghaiLostPasses() {
        var spec = TestStacks.file("Pulumi.dev.yaml").load();
        return scenario -> DrillTest.judged(spec, scenario, 400, 0);
    }

    static JsonNode json(Path report) throws Exception {
        return new ObjectMapper().readTree(report.toFile());
    }

    /** The lock is held by someone else from the drill's first check on: its own create is answered, the Lease is another's. */
    void lockTakenRightAfterTheCreate() {
        lock().acquire("someone-else", "cn-hangzhou", List.of(), Duration.ofMinutes(5));
        server.expect().get().withPath(LOCK_PATH).andReturn(404, STATUS_404).once(); // the preflight's read: no lock
        server.expect().post().withPath(LEASES).andReturn(201, new LeaseBuilder()
                .withNewMetadata().withName(DrillLock.NAME).withNamespace("default").withResourceVersion("424242").endMetadata()
                .withNewSpec().withHolderIdentity(ID).withLeaseDurationSeconds(300).endSpec().build()).once();
    }

    /** The lock changes hands now: the Lease names someone else. */
    void takeTheLock() {
        client.leases().inNamespace("default").withName(DrillLock.NAME).edit(l -> {
            l.getSpec().setHolderIdentity("someone-else");
            return l;
        });
    }

    // ---- the report -------------------------------------------------------------------------------------------

    @Test
    void theReportOfAFailoverDrillHasTheInstantsOfTheDrillsClock() throws Exception {
        clock = Clock.fixed(T, ZoneOffset.UTC);
        var report = tmp.resolve("fixed.json");
        var result = failover(passing(), report).run();
        assertTrue(result.passed(), result.document().toString());
        var json = json(report);
        assertEquals(T.toString(), json.path("start").asText());
        assertEquals(T.toString(), json.path("scaleDownStartedAt").asText(), json.toString());
        assertEquals(T.toString(), json.path("scaledDownAt").asText(), json.toString());
        assertEquals(T.toString(), json.path("end").asText());
        assertFalse(json.has("blackholes"), "a failover black-holes nothing: " + json);
        assertFalse(json.path("restore").has("networkPolicies"), "no NetworkPolicy to report: " + json.path("restore"));
        assertEquals("not held by a drill", json.path("restore").path("deployments").get(0).path("replicasField").asText(),
                "the count's ownership is looked at once the count is back: " + json.path("restore"));
        assertEquals("released", json.path("restore").path("lock").asText());
    }

    @Test
    void aRefusedDrillsReportEndsAtTheRefusal() throws Exception {
        clock = Clock.fixed(T, ZoneOffset.UTC);
        client.apps().deployments().inNamespace("default").withName("reviews-v1").edit(d -> {
            d.getSpec().setReplicas(0);
            return d;
        });
        var report = tmp.resolve("refused.json");
        assertThrows(Drill.RefusedException.class, () -> failover(passing(), report).run());
        var json = json(report);
        assertEquals("refused: nothing was touched", json.path("status").asText());
        assertEquals(T.toString(), json.path("end").asText(), json.toString());
        assertFalse(json.path("passed").asBoolean());
    }

    /** The preflight saw no lock; the create is the decision, and it says no: reported as a refusal, nothing touched. */
    @Test
    void aDrillRefusedByTheLocksCreateReportsTheRefusal() throws Exception {
        lock().acquire("someone-else", "cn-hangzhou", List.of(), Duration.ofMinutes(5));
        server.expect().get().withPath(LOCK_PATH).andReturn(404, STATUS_404).once();
        var before = reviewsV1().getMetadata().getResourceVersion();
        var report = tmp.resolve("create-refused.json");
        var e = assertThrows(Drill.RefusedException.class, () -> failover(passing(), report).run());
        assertTrue(e.getMessage().contains("took the lock first"), e.getMessage());
        var json = json(report);
        assertEquals("refused: nothing was touched", json.path("status").asText(), json.toString());
        assertEquals(e.getMessage(), json.path("error").asText());
        assertEquals(before, reviewsV1().getMetadata().getResourceVersion(), "reviews-v1 untouched");
        assertEquals("someone-else", lock().read().orElseThrow().id(), "the other's lock stays");
    }

    @Test
    void aRegionTheStackDoesNotHaveIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> drill(Drill.Kind.FAILOVER, DrillTest.failoverDev(), "cn-wuhan", passing(), tmp.resolve("w.json")).run());
        assertEquals("cn-wuhan is not a region of this stack", e.getMessage());
    }

    // ---- region-loss: the black holes ---------------------------------------------------------------------------

    /**
     * A gateway region lost: the app namespace's policy selects the Bookinfo apps, istio-system's the ingress gateway;
     * both carry the drill's id, are named in the report, and are removed by the restore.
     */
    @Test
    void aGatewayRegionsLossBlackHolesBothNamespacesEachWithItsOwnSelectorAndReportsThem() throws Exception {
        client.apps().deployments().inNamespace("istio-system").resource(TestDeployments.of("istio-system", "istio-ingressgateway",
                Map.of("istio", "ingressgateway", "app", "istio-ingressgateway"), 2, "istio-proxy", "proxyv2")).create();
        var spec = TrafficReport.withMode(TestStacks.file("Pulumi.dev.yaml").without("mesh.ingressGateway")
                .with("mesh.ingressGateways", List.of(Map.of("cluster", "ack-hangzhou"), Map.of("cluster", "ack-shanghai")))
                .with("regions[0].bookinfo.reviewsReplicas", 3).load(), TrafficSpec.Mode.FAILOVER);
        var during = new AtomicReference<List<NetworkPolicy>>();
        var report = tmp.resolve("gateway-region.json");
        var result = drill(Drill.Kind.REGION_LOSS, spec, "cn-hangzhou", scenario -> {
            var seen = new ArrayList<NetworkPolicy>();
            seen.add(policy("default"));
            seen.add(policy("istio-system"));
            during.set(seen);
            return DrillTest.judged(spec, scenario, 0, 400);
        }, report).run();
        assertTrue(result.passed(), result.document().toString());
        var app = during.get().get(0);
        var gateway = during.get().get(1);
        assertNotNull(app, "the app namespace's policy was there while the drill verified");
        assertNotNull(gateway, "istio-system's too");
        assertEquals(Drill.BOOKINFO_APPS, app.getSpec().getPodSelector().getMatchExpressions().get(0).getValues());
        assertTrue(app.getSpec().getPodSelector().getMatchLabels() == null || app.getSpec().getPodSelector().getMatchLabels().isEmpty(),
                "the app policy selects by expression only");
        assertEquals(Drill.GATEWAY_LABELS, gateway.getSpec().getPodSelector().getMatchLabels());
        assertTrue(gateway.getSpec().getPodSelector().getMatchExpressions() == null || gateway.getSpec().getPodSelector().getMatchExpressions().isEmpty(),
                "the gateway policy selects the gateway's pods by label only");
        assertEquals(ID, app.getMetadata().getLabels().get(Drill.BLACKHOLE_LABEL));
        var json = json(report);
        assertEquals(List.of("default/" + Drill.BLACKHOLE, "istio-system/" + Drill.BLACKHOLE),
                List.of(json.path("blackholes").get(0).asText(), json.path("blackholes").get(1).asText()), json.toString());
        assertEquals(2, json.path("blackholes").size());
        var restored = json.path("restore").path("networkPolicies");
        assertEquals(2, restored.size(), json.path("restore").toString());
        assertTrue(restored.get(0).path("ok").asBoolean() && restored.get(1).path("ok").asBoolean(), restored.toString());
        assertNull(policy("default"));
        assertNull(policy("istio-system"));
        assertEquals(2, client.apps().deployments().inNamespace("istio-system").withName("istio-ingressgateway").get().getSpec().getReplicas());
    }

    /** A black hole that does not read back within --scale-down-timeout is an error: nothing is verified, the restore lifts it. */
    @Test
    void aBlackHoleThatNeverReadsBackStopsTheDrillBeforeTheVerification() throws Exception {
        scaleDownTimeout = Duration.ofSeconds(1);
        server.expect().get().withPath(policyPath("default")).andReturn(404, STATUS_404).always();
        var verified = new AtomicBoolean();
        var result = shanghaiLost(scenario -> {
            verified.set(true);
            return shanghaiLostPasses().verify(scenario);
        }, tmp.resolve("no-read-back.json")).run();
        assertFalse(verified.get(), "no verification of a region whose black hole was not seen");
        assertEquals("NetworkPolicy default/" + Drill.BLACKHOLE + " in cn-shanghai did not read back within 1 s", result.errorMessage());
        assertTrue(result.restoredOk(), result.document().toString());
        assertTrue(client.network().v1().networkPolicies().inNamespace("default").list().getItems().isEmpty(), "lifted");
    }

    /** Pods of a scaled Deployment still there at --scale-down-timeout: an error, no verification, and the count back. */
    @Test
    void podsThatOutliveTheScaleDownTimeoutStopTheDrillBeforeTheVerification() {
        scaleDownTimeout = Duration.ofSeconds(1);
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("reviews-v1-abc")
                .addToLabels("app", "reviews").addToLabels("version", "v1").endMetadata()
                .withNewSpec().addNewContainer().withName("reviews").withImage("busybox").endContainer().endSpec().build()).create();
        var verified = new AtomicBoolean();
        var result = failover(scenario -> {
            verified.set(true);
            return passing().verify(scenario);
        }, tmp.resolve("pods.json")).run();
        assertFalse(verified.get(), "no verification while a pod of reviews-v1 runs");
        assertEquals("what the drill scaled in cn-hangzhou did not scale down within 1 s", result.errorMessage());
        assertTrue(result.restoredOk(), result.document().toString());
        assertEquals(3, replicas("reviews-v1"));
    }

    // ---- the lock between steps -----------------------------------------------------------------------------------

    @Test
    void aLockTakenBeforeTheScaleDownWriteStopsIt() throws Exception {
        lockTakenRightAfterTheCreate();
        var before = reviewsV1().getMetadata().getResourceVersion();
        var verified = new AtomicBoolean();
        var report = tmp.resolve("taken-before-write.json");
        var result = failover(scenario -> {
            verified.set(true);
            return passing().verify(scenario);
        }, report).run();
        assertFalse(verified.get());
        assertEquals(before, reviewsV1().getMetadata().getResourceVersion(), "reviews-v1 never written");
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(result.errorMessage().contains("held by someone-else now, not by this drill (" + ID + ")"), result.errorMessage());
        var restore = json(report).path("restore");
        assertEquals(0, restore.path("deployments").size(), "nothing written, nothing put back: " + restore);
        assertTrue(restore.path("lock").asText().startsWith("NOT released: "), restore.toString());
        assertEquals("someone-else", lock().read().orElseThrow().id());
    }

    @Test
    void aLockTakenBeforeTheBlackHoleCreateStopsIt() throws Exception {
        lockTakenRightAfterTheCreate();
        var verified = new AtomicBoolean();
        var report = tmp.resolve("taken-before-create.json");
        var result = shanghaiLost(scenario -> {
            verified.set(true);
            return shanghaiLostPasses().verify(scenario);
        }, report).run();
        assertFalse(verified.get());
        assertNull(policy("default"), "no black hole was created");
        assertTrue(result.errorMessage().contains("held by someone-else now"), result.errorMessage());
        assertFalse(json(report).path("restore").has("networkPolicies"), "nothing written, nothing to lift: " + json(report).path("restore"));
        assertEquals("someone-else", lock().read().orElseThrow().id());
    }

    /**
     * The lock changes hands while the drill verifies (a 3 s lease, renewed every 0.6 s): the renewal sees it, the drill
     * is stopped out of its verification (which turns the interrupt into an exception of its own), writes nothing more
     * and reports the lost lock; the region is the taker's to restore.
     */
    @Test
    void aLockLostWhileTheDrillVerifiesStopsItAndItWritesNothingMore() throws Exception {
        lease = Duration.ofSeconds(3);
        var report = tmp.resolve("lost.json");
        long start = System.nanoTime();
        var result = failover(scenario -> {
            takeTheLock();
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException("verification cut short");
            }
            return passing().verify(scenario);
        }, report).run();
        Thread.interrupted();
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "stopped out of the verification, not after it");
        assertTrue(result.errorMessage() != null && result.errorMessage().startsWith("the drill lost its lock and stopped: ")
                && result.errorMessage().contains("someone-else"), String.valueOf(result.errorMessage()));
        assertFalse(result.wasInterrupted(), "a lost lock is an error, not a signal");
        assertEquals(0, replicas("reviews-v1"), "the drill wrote nothing after losing its lock");
        var restore = json(report).path("restore");
        assertFalse(restore.path("ok").asBoolean());
        assertTrue(restore.path("deployments").get(0).path("error").asText().contains("whoever took the lock restores"), restore.toString());
        assertEquals("someone-else", lock().read().orElseThrow().id());
    }

    /** Taken over while the drill verifies, with no renewal due yet: the restore's check before its delete leaves the black hole. */
    @Test
    void aLockTakenBeforeTheRestoreLeavesTheBlackHoleToTheTaker() throws Exception {
        var report = tmp.resolve("taken-before-lift.json");
        var result = shanghaiLost(scenario -> {
            takeTheLock();
            return shanghaiLostPasses().verify(scenario);
        }, report).run();
        assertFalse(result.restoredOk());
        assertNotNull(policy("default"), "the black hole is the taker's to lift");
        var policies = json(report).path("restore").path("networkPolicies");
        assertFalse(policies.get(0).path("ok").asBoolean(), policies.toString());
        assertTrue(policies.get(0).path("error").asText().contains("whoever took the lock restores"), policies.toString());
    }

    @Test
    void theLockIsRenewedWhileTheDrillRuns() {
        lease = Duration.ofSeconds(3);
        var renewed = new AtomicBoolean();
        var result = failover(scenario -> {
            var first = client.leases().inNamespace("default").withName(DrillLock.NAME).get().getMetadata().getResourceVersion();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until && !renewed.get()) {
                renewed.set(!first.equals(client.leases().inNamespace("default").withName(DrillLock.NAME).get().getMetadata().getResourceVersion()));
                Thread.sleep(50);
            }
            return passing().verify(scenario);
        }, tmp.resolve("renewed.json")).run();
        assertTrue(renewed.get(), "a renewal (every 0.6 s of a 3 s lease) changed the Lease");
        assertTrue(result.passed(), result.document().toString());
    }

    // ---- the restore ----------------------------------------------------------------------------------------------

    /** A delete that leaves the NetworkPolicy in place is not a lift: the restore fails and keeps the lock. */
    @Test
    void aBlackHoleStillThereAfterTheDeleteIsNotLifted() throws Exception {
        restoreTime = Duration.ofSeconds(2);
        var report = tmp.resolve("not-lifted.json");
        var result = shanghaiLost(scenario -> {
            server.expect().delete().withPath(policyPath("default")).andReturn(200, STATUS_OK).always();
            return shanghaiLostPasses().verify(scenario);
        }, report).run();
        assertFalse(result.restoredOk(), result.document().toString());
        assertNotNull(policy("default"), "the truth: still there");
        var restore = json(report).path("restore");
        assertFalse(restore.path("networkPolicies").get(0).path("ok").asBoolean(), restore.toString());
        assertEquals("kept for `drill restore`", restore.path("lock").asText());
        assertEquals(ID, lock().read().orElseThrow().id(), "the lock stays for `drill restore`");
    }

    /** A write of the count that does not stick is not a restore: the read-back decides. */
    @Test
    void aCountThatDoesNotReadBackIsNotRestored() throws Exception {
        restoreTime = Duration.ofSeconds(2);
        var report = tmp.resolve("not-back.json");
        var result = failover(scenario -> {
            server.expect().put().withPath(V1_PATH).andReturn(200, reviewsV1()).always();
            return passing().verify(scenario);
        }, report).run();
        assertFalse(result.restoredOk(), result.document().toString());
        assertEquals(0, replicas("reviews-v1"), "the truth: still at 0");
        var restore = json(report).path("restore");
        var detail = restore.path("deployments").get(0);
        assertFalse(detail.path("ok").asBoolean(), restore.toString());
        assertEquals("the read-back did not show the original count", detail.path("error").asText());
        assertFalse(detail.has("replicasField"), "ownership is given back only once the count is: " + detail);
        assertEquals("kept for `drill restore`", restore.path("lock").asText());
        assertEquals(ID, lock().read().orElseThrow().id());
    }

    /** The count is back but giving up its ownership fails (the Deployment reads as gone): the restore is not ok, the lock stays. */
    @Test
    void aCountWhoseOwnershipCannotBeGivenBackFailsTheRestore() throws Exception {
        var report = tmp.resolve("owned.json");
        var result = failover(scenario -> {
            // the restore's read, its read-back (showing the count back), then the release's read: gone
            var atZero = reviewsV1();
            var back = reviewsV1();
            back.getSpec().setReplicas(3);
            server.expect().get().withPath(V1_PATH).andReturn(200, atZero).once();
            server.expect().get().withPath(V1_PATH).andReturn(200, back).once();
            server.expect().get().withPath(V1_PATH).andReturn(404, STATUS_404).once();
            return passing().verify(scenario);
        }, report).run();
        assertEquals(3, replicas("reviews-v1"));
        assertFalse(result.restoredOk(), result.document().toString());
        var restore = json(report).path("restore");
        var detail = restore.path("deployments").get(0);
        assertTrue(detail.path("ok").asBoolean(), restore.toString());
        assertTrue(detail.path("replicasField").asText().startsWith("still owned by a drill's manager (default/reviews-v1 in cn-hangzhou is gone)"),
                detail.toString());
        assertEquals("kept for `drill restore`", restore.path("lock").asText());
        assertEquals(ID, lock().read().orElseThrow().id());
    }

    /** A lock whose delete does not remove it is not released: the restore says so and is not ok. */
    @Test
    void aLockThatCannotBeReleasedFailsTheRestore() throws Exception {
        restoreTime = Duration.ofSeconds(2);
        var report = tmp.resolve("not-released.json");
        var result = failover(scenario -> {
            server.expect().delete().withPath(LOCK_PATH).andReturn(200, STATUS_OK).always();
            return passing().verify(scenario);
        }, report).run();
        assertEquals(3, replicas("reviews-v1"));
        assertFalse(result.restoredOk(), result.document().toString());
        var restore = json(report).path("restore");
        assertTrue(restore.path("deployments").get(0).path("ok").asBoolean(), restore.toString());
        assertFalse(restore.path("ok").asBoolean(), restore.toString());
        assertTrue(restore.path("lock").asText().startsWith("NOT released: "), restore.toString());
        assertEquals("finished, RESTORE FAILED", json(report).path("status").asText());
    }

    /**
     * A black hole's create whose answer never came may still land: the restore lifts, waits, and sweeps again (two
     * deletes), and reports the policy once.
     */
    @Test
    void anUnansweredBlackHoleCreateIsSweptTwiceAndReportedOnce() throws Exception {
        callTimeout = Duration.ofSeconds(1);
        server.expect().post().delay(3, TimeUnit.SECONDS).withPath("/apis/networking.k8s.io/v1/namespaces/default/networkpolicies")
                .andReturn(201, Drill.blackholePolicy("default", true, ID)).once();
        var deletes = new AtomicInteger();
        server.expect().delete().withPath(policyPath("default")).andReply(404, request -> {
            deletes.incrementAndGet();
            return STATUS_404;
        }).always();
        var report = tmp.resolve("unanswered.json");
        var result = shanghaiLost(shanghaiLostPasses(), report).run();
        assertTrue(result.errorMessage().contains("black-holing default/" + Drill.BLACKHOLE + " in cn-shanghai did not finish within 1 s"),
                result.errorMessage());
        assertEquals(2, deletes.get(), "swept, and swept again after the longest a late create can take");
        var policies = json(report).path("restore").path("networkPolicies");
        assertEquals(1, policies.size(), policies.toString());
        assertTrue(policies.get(0).path("ok").asBoolean(), policies.toString());
        assertTrue(result.restoredOk(), result.document().toString());
    }

    /** The DELETEs of {@code path} the mock server has recorded so far (and forgets them). */
    int deletesOf(String path) throws InterruptedException {
        int n = 0;
        for (var r = server.takeRequest(100, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            if (r.getMethod().equals("DELETE") && r.getPath().equals(path)) {
                n++;
            }
        }
        return n;
    }

    /** One black hole, its create answered: one delete. */
    @Test
    void anAnsweredBlackHoleIsDeletedOnce() throws Exception {
        var result = shanghaiLost(shanghaiLostPasses(), tmp.resolve("answered.json")).run();
        assertTrue(result.restoredOk(), result.document().toString());
        assertEquals(1, deletesOf(policyPath("default")), "one sweep when every create was answered");
        assertNull(policy("default"));
    }

    @Test
    void aScaledDeploymentThatChangedBeforeItsWriteIsNamedAndNotWritten() {
        for (var second : List.of("2 replicas", "gone")) {
            // every read of the test's own first: the expectations answer the drill's two reads, the preflight's and the scale-down's
            var preflight = reviewsV1();
            var changed = reviewsV1();
            changed.getSpec().setReplicas(2);
            var before = reviewsV1().getMetadata().getResourceVersion();
            server.expect().get().withPath(V1_PATH).andReturn(200, preflight).once();
            if (second.equals("gone")) {
                server.expect().get().withPath(V1_PATH).andReturn(404, STATUS_404).once();
            } else {
                server.expect().get().withPath(V1_PATH).andReturn(200, changed).once();
            }
            var result = failover(passing(), tmp.resolve("changed-" + second.charAt(0) + ".json")).run();
            assertEquals("default/reviews-v1 in cn-hangzhou changed since the drill read it (" + second + "); nothing more is scaled",
                    result.errorMessage());
            assertEquals(before, reviewsV1().getMetadata().getResourceVersion(), "not written");
            assertTrue(result.restoredOk(), result.document().toString());
            assertTrue(lock().read().isEmpty());
        }
    }

    // ---- putBack and lift, one try each -------------------------------------------------------------------------------

    @Test
    void putBackWritesTheCountAndItsAnnotationKeepingTheOthers() {
        var target = new Drill.Target("default", "reviews-v1", 3);
        client.apps().deployments().inNamespace("default").withName("reviews-v1").edit(d -> {
            d.getSpec().setReplicas(0);
            return d;
        });
        assertTrue(reviewsV1().getMetadata().getAnnotations().isEmpty(), "no annotations to start with");
        assertTrue(Drill.putBack(client, "cn-hangzhou", target, Duration.ofSeconds(5), "by-1"));
        assertEquals(3, replicas("reviews-v1"));
        assertTrue(reviewsV1().getMetadata().getAnnotations().get(Drill.RESTORED_BY).startsWith("by-1 "), reviewsV1().getMetadata().toString());
        client.apps().deployments().inNamespace("default").withName("reviews-v1").edit(d -> {
            d.getSpec().setReplicas(0);
            d.getMetadata().setAnnotations(Map.of("team", "reviews"));
            return d;
        });
        assertTrue(Drill.putBack(client, "cn-hangzhou", target, Duration.ofSeconds(5), "by-2"));
        var annotations = reviewsV1().getMetadata().getAnnotations();
        assertEquals("reviews", annotations.get("team"), "an annotation of someone else's stays: " + annotations);
        assertTrue(annotations.get(Drill.RESTORED_BY).startsWith("by-2 "), annotations.toString());
        assertEquals(3, replicas("reviews-v1"));
    }

    @Test
    void putBackIsFalseWhenTheCountDoesNotReadBack() {
        client.apps().deployments().inNamespace("default").withName("reviews-v1").edit(d -> {
            d.getSpec().setReplicas(0);
            return d;
        });
        server.expect().put().withPath(V1_PATH).andReturn(200, reviewsV1()).once();
        assertFalse(Drill.putBack(client, "cn-hangzhou", new Drill.Target("default", "reviews-v1", 3), Duration.ofSeconds(5), "by-1"));
        assertEquals(0, replicas("reviews-v1"));
    }

    @Test
    void liftIsTrueOnlyWhenTheBlackHoleIsGoneAfterwards() {
        var name = "default/" + Drill.BLACKHOLE;
        client.network().v1().networkPolicies().inNamespace("default").resource(Drill.blackholePolicy("default", true, ID)).create();
        server.expect().delete().withPath(policyPath("default")).andReturn(200, STATUS_OK).once();
        assertFalse(Drill.lift(client, "cn-shanghai", name, Duration.ofSeconds(5)), "deleted, yet still there");
        assertNotNull(policy("default"));
        assertTrue(Drill.lift(client, "cn-shanghai", name, Duration.ofSeconds(5)));
        assertNull(policy("default"));
        assertTrue(Drill.lift(client, "cn-shanghai", name, Duration.ofSeconds(5)), "already gone is lifted");
    }

    // ---- signals and interrupts ---------------------------------------------------------------------------------------

    /**
     * SIGTERM while the drill verifies, with a verifier that finishes its measurement when interrupted: the hook alone
     * marks the report interrupted; the drill restores, the hook returns without a warning.
     */
    @Test
    void theShutdownHookMarksTheReportInterruptedAndReturnsQuietlyOnceTheDrillRestored() throws Exception {
        var holder = new AtomicReference<Drill>();
        var hook = new AtomicReference<Thread>();
        var drill = failover(scenario -> {
            var t = new Thread(holder.get().shutdownHook(), "sigterm");
            hook.set(t);
            t.start();
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                // a verifier that ends its measurement with what it has
            }
            return passing().verify(scenario);
        }, tmp.resolve("hook.json"));
        holder.set(drill);
        var err = new ByteArrayOutputStream();
        var original = System.err;
        DrillReport result;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            result = drill.run();
            hook.get().join(10_000);
        } finally {
            System.setErr(original);
        }
        Thread.interrupted();
        assertFalse(hook.get().isAlive(), "the hook returned once the drill had restored");
        assertTrue(result.wasInterrupted(), result.document().toString());
        assertFalse(result.passed());
        assertTrue(result.restoredOk(), result.document().toString());
        assertEquals("interrupted, restored", json(tmp.resolve("hook.json")).path("status").asText());
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("did not finish its restore"), err.toString(StandardCharsets.UTF_8));
        assertEquals(3, replicas("reviews-v1"));
    }

    /** The hook's thread interrupted while it waits for the drill gives up the wait and keeps its interrupt. */
    @Test
    void anInterruptedShutdownHookKeepsItsInterrupt() throws Exception {
        var drill = failover(passing(), tmp.resolve("never-run.json"));
        var kept = new AtomicBoolean();
        var t = new Thread(() -> {
            drill.shutdownHook().run();
            kept.set(Thread.currentThread().isInterrupted());
        }, "hook-runner");
        t.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        t.interrupt();
        t.join(5_000);
        assertFalse(t.isAlive(), "the interrupted hook returned");
        assertTrue(kept.get(), "its interrupt is set again");
    }

    /** An interrupt pending when the drill ends is handed back to the caller, after a restore that ran without it. */
    @Test
    void anInterruptPendingAtTheEndIsHandedBackAfterTheRestore() {
        var result = failover(scenario -> {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the gateway went away");
        }, tmp.resolve("pending.json")).run();
        boolean handedBack = Thread.interrupted();
        assertTrue(handedBack, "the caller's interrupt is set again");
        assertEquals("the gateway went away", result.errorMessage());
        assertTrue(result.restoredOk(), result.document().toString());
        assertEquals(3, replicas("reviews-v1"));
    }

    @Test
    void theShutdownHookIsRegisteredWhileTheDrillRunsAndRemovedAfter() {
        var holder = new AtomicReference<Drill>();
        var registered = new AtomicReference<String>();
        var drill = failover(scenario -> {
            var hook = holder.get().shutdownHook();
            try {
                Runtime.getRuntime().addShutdownHook(hook);
                Runtime.getRuntime().removeShutdownHook(hook);
                registered.set("no");
            } catch (IllegalArgumentException alreadyThere) {
                registered.set("yes");
            }
            return passing().verify(scenario);
        }, tmp.resolve("hook-registered.json"));
        holder.set(drill);
        assertTrue(drill.run().passed());
        assertEquals("yes", registered.get(), "the drill registered its hook before it scaled anything");
        assertFalse(Runtime.getRuntime().removeShutdownHook(drill.shutdownHook()), "and removed it when it was done");
    }

    /** --settle: the verification starts no earlier than that long after the scale-down was seen. */
    @Test
    void theVerificationWaitsTheSettlePeriodAfterTheScaleDown() throws Exception {
        settle = Duration.ofSeconds(1);
        var report = tmp.resolve("settle.json");
        var waited = new AtomicReference<Duration>();
        var result = failover(scenario -> {
            waited.set(Duration.between(Instant.parse(json(report).path("scaledDownAt").asText()), Instant.now()));
            return passing().verify(scenario);
        }, report).run();
        assertTrue(result.passed(), result.document().toString());
        assertTrue(waited.get().compareTo(settle) >= 0, "verified " + waited.get() + " after the scale-down, --settle 1 s");
    }

    // ---- the recovery probe -----------------------------------------------------------------------------------------

    /**
     * A drill that ends before its recovery series does (the scale-down never completes) stops the probe before the
     * restore: the report has the series so far, and no request reaches the gateway after the drill returned.
     */
    @Test
    void aDrillThatEndsEarlyStopsItsProbeAndReportsTheSeriesSoFar() throws Exception {
        scaleDownTimeout = Duration.ofSeconds(1);
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("reviews-v1-abc")
                .addToLabels("app", "reviews").addToLabels("version", "v1").endMetadata()
                .withNewSpec().addNewContainer().withName("reviews").withImage("busybox").endContainer().endSpec().build()).create();
        var report = tmp.resolve("probe.json");
        try (var gw = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v2()))))) {
            recovery = new RecoveryProbe.Settings(gw.url(), 0.99, Duration.ofSeconds(40), 50, 2, Duration.ofSeconds(2), null);
            var result = failover(passing(), report).run();
            long atReturn = gw.hits();
            Thread.sleep(500);
            assertEquals(atReturn, gw.hits(), "no request after the drill returned");
            assertTrue(atReturn > 0, "the probe ran from the scale-down on");
            assertEquals("what the drill scaled in cn-hangzhou did not scale down within 1 s", result.errorMessage());
            var series = json(report).path("recovery");
            assertTrue(series.isObject() && series.path("verdict").asText().startsWith("FAIL"), series.toString());
            assertTrue(result.restoredOk(), result.document().toString());
        }
        assertEquals(3, replicas("reviews-v1"));
    }
}
