package io.asmdr.ops;

import io.asmdr.config.StackSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.asmdr.support.Cli;
import io.asmdr.support.HoldingProxy;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drills that race each other, and a SIGTERM that races the drill, against fabric8's mock API server
 * in CRUD mode, which refuses a create of an existing object and an update with a stale
 * resourceVersion (409), as a real API server does; checked by experiment: it does not enforce the
 * resourceVersion precondition of a DELETE, which the lock's removal sends anyway. Both regions'
 * clusters are the one mock cluster (reviews-v1 is Hangzhou's, reviews-v2 Shanghai's); the lock
 * lives in Hangzhou's, the gateway's. Every test ends with the original counts and no lock.
 */
@EnableKubernetesMockClient(crud = true, https = false)
// leases of 3 s renewed every 0.6 s, deadlines of 1 s, a 15 s bound: under PIT's instrumented runs on the loaded machine
// three of these tests failed without any mutation (renewals late by seconds), so PIT leaves the class out (pom.xml)
@Tag("wall-clock")
class DrillRaceTest {
    static final String LOCK_PATH = "/apis/coordination.k8s.io/v1/namespaces/default/leases/" + DrillLock.NAME;
    static final String V1_PATH = "/apis/apps/v1/namespaces/default/deployments/reviews-v1";

    KubernetesMockServer server;
    KubernetesClient client;
    StackSpec spec;
    int shanghaiReplicas;

    @TempDir
    Path tmp;

    @BeforeEach
    void bookinfoInBothRegions() {
        spec = DrillTest.failoverDev();
        shanghaiReplicas = spec.region("cn-shanghai").orElseThrow().bookinfo().reviewsReplicas();
        deploy("reviews-v1", "v1", 3);
        deploy("reviews-v2", "v2", shanghaiReplicas);
    }

    void deploy(String name, String version, int replicas) {
        client.apps().deployments().inNamespace("default").resource(TestDeployments.bookinfo("default", name, "reviews", version, replicas)).create();
    }

    int replicas(String name) {
        return client.apps().deployments().inNamespace("default").withName(name).get().getSpec().getReplicas();
    }

    DrillLock lock() {
        return new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5));
    }

    void assertBackAndUnlocked() {
        assertEquals(3, replicas("reviews-v1"), "Hangzhou's original count");
        assertEquals(shanghaiReplicas, replicas("reviews-v2"), "Shanghai's original count");
        assertTrue(lock().read().isEmpty(), "no stray lock");
    }

    Drill drill(String region, Drill.Verifier verifier, String report) {
        return DrillTest.drill(spec, region, verifier, tmp.resolve(report), Duration.ofSeconds(10), client);
    }

    @Test
    void twoDrillsOfDifferentRegionsStartedTogetherNeverRunTogether() throws Exception {
        for (int round = 0; round < 5; round++) {
            var barrier = new CyclicBarrier(2);
            var verifying = new AtomicInteger();
            var bothDownAtOnce = new AtomicInteger();
            var refused = new ConcurrentHashMap<String, String>();
            var ran = new ConcurrentHashMap<String, DrillReport>();
            var threads = new ArrayList<Thread>();
            for (var region : List.of("cn-hangzhou", "cn-shanghai")) {
                var t = new Thread(() -> {
                    try {
                        barrier.await(10, TimeUnit.SECONDS);
                        ran.put(region, drill(region, scenario -> {
                            verifying.incrementAndGet();
                            if (replicas("reviews-v1") == 0 && replicas("reviews-v2") == 0) {
                                bothDownAtOnce.incrementAndGet();
                            }
                            Thread.sleep(300); // long enough for the other drill to try everything it would
                            return DrillTest.judged(spec, scenario, 0, 400);
                        }, region + ".json").run());
                    } catch (Drill.RefusedException e) {
                        refused.put(region, e.getMessage());
                    } catch (Exception e) {
                        refused.put(region, "UNEXPECTED " + e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (var t : threads) {
                t.join(30_000);
                assertFalse(t.isAlive());
            }
            assertEquals(1, ran.size(), "round " + round + ": exactly one drill runs; refused: " + refused);
            assertEquals(1, refused.size(), refused.toString());
            assertTrue(refused.values().iterator().next().contains("another drill"), refused.toString());
            assertEquals(1, verifying.get());
            assertEquals(0, bothDownAtOnce.get(), "both regions were never at 0 together");
            assertTrue(ran.values().iterator().next().restoredOk());
            assertBackAndUnlocked();
        }
    }

    /**
     * The decision is the create: B reads "no lock" (the mock answers B's read with 404, as if A took
     * the lock right after it), passes its checks, and its create is refused. B's finally must not
     * put anything back or release anything: A's region stays at 0 with A's lock until A is done.
     */
    @Test
    void aDrillThatReadNoLockIsRefusedByTheCreateAndItsFinallyTouchesNothingOfTheWinner() {
        var loser = new AtomicReference<Drill.RefusedException>();
        var duringA = new AtomicReference<String>();
        var a = drill("cn-hangzhou", scenario -> {
            var held = lock().read().orElseThrow();
            server.expect().get().withPath(LOCK_PATH).andReturn(404, "{\"kind\":\"Status\",\"code\":404,\"reason\":\"NotFound\"}").once();
            try {
                drill("cn-shanghai", s -> DrillTest.judged(spec, s, 0, 400), "b.json").run();
            } catch (Drill.RefusedException e) {
                loser.set(e);
            }
            var after = lock().read().orElseThrow();
            duringA.set(replicas("reviews-v1") + "/" + replicas("reviews-v2") + "/" + after.id().equals(held.id()));
            return DrillTest.judged(spec, scenario, 0, 400);
        }, "a.json");
        var result = a.run();
        assertNotNull(loser.get(), "B was refused");
        assertTrue(loser.get().getMessage().contains("took the lock first"), loser.get().getMessage());
        assertEquals("0/" + shanghaiReplicas + "/true", duringA.get(), "B touched neither region nor A's lock");
        assertTrue(result.passed(), result.document().toString());
        assertBackAndUnlocked();
    }

    @Test
    void aSecondDrillOfTheSameRegionIsRefusedAndTheWinnerRestoresOnce() {
        var loser = new AtomicReference<Drill.RefusedException>();
        var result = drill("cn-hangzhou", scenario -> {
            try {
                drill("cn-hangzhou", s -> DrillTest.judged(spec, s, 0, 400), "same.json").run();
            } catch (Drill.RefusedException e) {
                loser.set(e);
            }
            assertEquals(0, replicas("reviews-v1"), "the loser did not scale the winner's Deployment back up");
            return DrillTest.judged(spec, scenario, 0, 400);
        }, "winner.json").run();
        assertTrue(loser.get().getMessage().contains("another drill holds the lock"), loser.get().getMessage());
        assertTrue(result.passed());
        assertBackAndUnlocked();
    }

    /**
     * SIGTERM arrives between the drill's read of the Deployment and its write of 0: the hook only
     * stops the drill and waits, so whatever the write did, the drill's own restore runs after it,
     * once, and the region ends at its count with the lock released.
     */
    @Test
    void aSigtermBetweenReadAndWriteEndsWithTheCountBackAndNoLock() throws Exception {
        Deployment snapshot = client.apps().deployments().inNamespace("default").withName("reviews-v1").get();
        var holder = new AtomicReference<Drill>();
        var hook = new AtomicReference<Thread>();
        var reads = new AtomicInteger();
        // the first read is the preflight's, the second the scale-down's: SIGTERM lands right after it
        server.expect().get().withPath(V1_PATH).andReply(200, request -> {
            if (reads.incrementAndGet() == 2) {
                var t = new Thread(holder.get().shutdownHook(), "sigterm");
                hook.set(t);
                t.start();
            }
            return snapshot;
        }).times(2);
        var drill = drill("cn-hangzhou", scenario -> {
            Thread.sleep(60_000);
            return DrillTest.judged(spec, scenario, 0, 400);
        }, "sigterm.json");
        holder.set(drill);
        var result = drill.run();
        Thread.interrupted(); // the drill hands the stop request's interrupt back to its caller; the test goes on
        assertEquals(2, reads.get());
        hook.get().join(30_000);
        assertFalse(hook.get().isAlive(), "the hook returned after the drill's restore");
        assertTrue(result.wasInterrupted(), result.document().toString());
        assertTrue(result.restoredOk(), result.document().toString());
        assertBackAndUnlocked();
    }

    // ---- a lock that stays a lock ------------------------------------------------------------------------

    Cli.Result drillRestore() throws Exception {
        return Cli.run(DrillCommand::run, "restore", "--config-file", DrillTest.failoverStackFile(tmp).toString(), "--kubeconfig",
                "cn-hangzhou=" + DrillTest.kubeconfig(tmp, client.getConfiguration().getMasterUrl()), "--restore-timeout", "10s");
    }

    Drill drill(String region, Drill.Verifier verifier, String report, Duration lease, Duration callTimeout, Duration restoreTime, KubernetesClient c) {
        return new Drill(new Drill.Settings(spec, region, Map.of("cn-hangzhou", c, "cn-shanghai", c), Set.of(), verifier,
                Duration.ofSeconds(5), Duration.ZERO, tmp.resolve(report), lease, restoreTime, callTimeout, UUID.randomUUID().toString()),
                Clock.systemUTC());
    }

    /**
     * The experiment: drill A with a 3 s lease and an 8 s verification; an operator's
     * `drill restore` at 4.5 s; then drill B of the same region. A renews its lock, so the restore sees
     * it renewed and touches nothing, B is refused, and A's verification sees its region at 0 in every
     * sample: never two drills acting at once.
     */
    @Test
    void theLeaseExpiryExperimentEndsWithBRefusedAndNeverTwoDrillsAtOnce() throws Exception {
        var samples = new ArrayList<Integer>();
        var restore = new AtomicReference<Cli.Result>();
        var b = new AtomicReference<Object>();
        var a = drill("cn-hangzhou", scenario -> {
            var operator = new Thread(() -> {
                try {
                    Thread.sleep(4_500);
                    restore.set(drillRestore());
                    try {
                        b.set(drill("cn-hangzhou", s -> DrillTest.judged(spec, s, 0, 400), "b.json").run());
                    } catch (Drill.RefusedException e) {
                        b.set(e);
                    }
                } catch (Exception e) {
                    b.set(e);
                }
            });
            operator.start();
            long end = System.nanoTime() + 8_000_000_000L;
            while (System.nanoTime() < end) {
                samples.add(replicas("reviews-v1"));
                Thread.sleep(500);
            }
            operator.join(30_000);
            return DrillTest.judged(spec, scenario, 0, 400);
        }, "a.json", Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10), client).run();
        assertTrue(samples.size() >= 12 && samples.stream().allMatch(r -> r == 0), "A's region stayed at 0 while A held the lock: " + samples);
        assertEquals(Verify.ENVIRONMENT, restore.get().code(), restore.get().out() + restore.get().err());
        assertTrue(restore.get().out().contains("renewed while it was watched") && restore.get().out().contains("nothing was touched"),
                restore.get().out());
        assertTrue(b.get() instanceof Drill.RefusedException r && r.getMessage().contains("another drill holds the lock"), String.valueOf(b.get()));
        assertTrue(a.passed() && a.restoredOk(), a.document().toString());
        assertBackAndUnlocked();
    }

    /** A renewal failure stops the drill and it restores: the API server refuses every renewal from 1 s in. */
    @Test
    void aDrillThatCannotRenewItsLockStopsAndRestores() {
        long start = System.nanoTime();
        var result = drill("cn-hangzhou", scenario -> {
            server.expect().put().withPath(LOCK_PATH).andReturn(500, "{\"kind\":\"Status\",\"code\":500}").always();
            Thread.sleep(60_000); // a long verification, cut short by the lost lock
            return DrillTest.judged(spec, scenario, 0, 400);
        }, "lost.json", Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10), client).run();
        Thread.interrupted();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 15, "stopped within the renew deadline (2 s) plus the restore, not after the verification: " + seconds + " s");
        assertTrue(result.errorMessage() != null && result.errorMessage().contains("lost its lock")
                && result.errorMessage().contains("could not be renewed"), result.document().toString());
        assertTrue(result.restoredOk(), result.document().toString());
        assertFalse(result.passed());
        assertBackAndUnlocked();
    }

    /**
     * No write abandoned by its deadline lands after a restore: drill A's scale-down PUT (and its own
     * restore's) is held in a proxy past A's 1 s deadline; A cannot restore and keeps its lock, which it
     * stops renewing; `drill restore` waits the lease out, takes the lock over and puts the count back,
     * writing the Deployment whatever its count (the fence). Then the proxy lets the old writes through:
     * they carry the old resourceVersion and the API server refuses them; the region stays back.
     */
    @Test
    void aWriteAbandonedByItsDeadlineCannotLandAfterTheRestore() throws Exception {
        try (var proxy = new HoldingProxy(URI.create(client.getConfiguration().getMasterUrl()));
             var slow = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration()).withMasterUrl(proxy.url())
                     .withRequestRetryBackoffLimit(0).build()).build()) {
            proxy.holdWhen(line -> line.startsWith("PUT " + V1_PATH));
            var a = drill("cn-hangzhou", s -> DrillTest.judged(spec, s, 0, 400), "a.json", Duration.ofSeconds(3), Duration.ofSeconds(1),
                    Duration.ofSeconds(2), slow).run();
            assertTrue(proxy.held() >= 1, "the scale-down write was held");
            assertFalse(a.restoredOk(), a.document().toString());
            assertTrue(a.errorMessage().contains("scaling default/reviews-v1 in cn-hangzhou to 0 did not finish"), a.errorMessage());
            assertEquals(3, replicas("reviews-v1"), "nothing has reached the server yet");
            var restore = drillRestore();
            assertEquals(Verify.PASS, restore.code(), restore.out() + restore.err());
            assertTrue(restore.out().contains("its drill is dead"), restore.out());
            proxy.release(); // the abandoned writes arrive now, after the restore
            Thread.sleep(2_000);
            assertEquals(3, replicas("reviews-v1"), "the late write of 0 carried an old resourceVersion and was refused");
            assertTrue(client.apps().deployments().inNamespace("default").withName("reviews-v1").get().getMetadata().getAnnotations()
                    .get(Drill.RESTORED_BY).startsWith("restore-"), "the restore wrote its fence");
        }
        assertBackAndUnlocked();
    }

    /**
     * A renewal that lands while its answer is lost (the call abandoned at its deadline) is the drill's
     * own write: the next renewal sees the Lease with exactly the renewTime it sent and carries on,
     * instead of taking its own write for someone else's and stopping the drill.
     */
    @Test
    void aRenewalWhoseAnswerIsLostIsStillTheDrillsOwn() throws Exception {
        try (var proxy = new HoldingProxy(URI.create(client.getConfiguration().getMasterUrl()));
             var slow = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration()).withMasterUrl(proxy.url())
                     .withRequestRetryBackoffLimit(0).build()).build()) {
            var result = drill("cn-hangzhou", scenario -> {
                proxy.holdAnswerWhen(line -> line.startsWith("PUT " + LOCK_PATH));
                Thread.sleep(1_500); // a renewal lands, its answer waits past the call's deadline of 1 s
                assertTrue(proxy.held() >= 1, "a renewal's answer was held");
                proxy.release();
                Thread.sleep(2_000); // renewals go on
                return DrillTest.judged(spec, scenario, 0, 400);
            }, "lost-answer.json", Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10), slow).run();
            assertTrue(result.passed() && result.restoredOk(), result.document().toString());
            assertEquals("released", ((Map<?, ?>) result.document().get("restore")).get("lock"), result.document().toString());
        }
        assertBackAndUnlocked();
    }
}
