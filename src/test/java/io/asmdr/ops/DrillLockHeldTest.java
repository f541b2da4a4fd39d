package io.asmdr.ops;

import io.asmdr.support.HoldingProxy;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock as its holder has it, against fabric8's mock API server in CRUD mode (answers it should not give are
 * expectations on top): what a check and a renewal say when the Lease is gone or someone else's, a renewal whose answer
 * was lost taken as the holder's own write, the renewer losing the lock (gone, conflict, no renewal for the deadline),
 * stopping it, and the release. Each test takes at most a few seconds: the leases are long enough that no renewal
 * falls due unless the test waits for one.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class DrillLockHeldTest {
    static final Duration CALL = Duration.ofSeconds(5);
    static final String LOCK_PATH = "/apis/coordination.k8s.io/v1/namespaces/default/leases/" + DrillLock.NAME;
    static final String RENEWER = "drill-lock-renewal";

    KubernetesClient client;
    KubernetesMockServer server;

    DrillLock lock() {
        return lock(client);
    }

    static DrillLock lock(KubernetesClient client) {
        return new DrillLock(client, "default", "cn-hangzhou", CALL);
    }

    Lease lease() {
        return client.leases().inNamespace("default").withName(DrillLock.NAME).get();
    }

    /** The Lease as someone else writes it: {@code edit} applied to the stored one. */
    void writeByHand(Consumer<Lease> edit) {
        var l = lease();
        edit.accept(l);
        client.leases().inNamespace("default").resource(l).update();
    }

    static Set<Thread> renewers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(RENEWER)).collect(Collectors.toSet());
    }

    /** The one renewal thread started since {@code before} was taken. */
    static Thread newRenewer(Set<Thread> before) {
        var started = renewers().stream().filter(t -> !before.contains(t)).toList();
        assertEquals(1, started.size(), "one renewal thread started: " + started);
        return started.get(0);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "within 10 s: " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void aHeldLockKnowsItsIdItsLeaseAndWhereItIs() {
        var held = lock().acquire("drill-a", "cn-hangzhou", List.of(), Duration.ofSeconds(40));
        assertEquals("drill-a", held.id());
        assertEquals(Duration.ofSeconds(40), held.lease());
        assertNull(held.lost());
        assertEquals("Lease default/asm-dr-drill in the cluster of cn-hangzhou", lock().where());
    }

    @Test
    void aTakeOverThatMeetsAConflictIsRefusedAndAnyOtherErrorIsThrownAsItIs() {
        lock().acquire("dead", "cn-hangzhou", List.of(), Duration.ofSeconds(30));
        var dead = lock().read().orElseThrow();
        server.expect().put().withPath(LOCK_PATH).andReturn(409, KubeStatus.failure(409)).once();
        var refused = assertThrows(Drill.RefusedException.class, () -> lock().takeOver(dead, "taker", Duration.ofSeconds(15)));
        assertEquals("the drill lock was renewed or taken by someone else while it was being taken over; nothing was touched", refused.getMessage());
        assertEquals("dead", lease().getSpec().getHolderIdentity());
        server.expect().put().withPath(LOCK_PATH).andReturn(403, KubeStatus.failure(403)).once();
        var forbidden = assertThrows(KubernetesClientException.class, () -> lock().takeOver(dead, "taker", Duration.ofSeconds(15)));
        assertEquals(403, forbidden.getCode());
        assertEquals("dead", lease().getSpec().getHolderIdentity());
    }

    @Test
    void aCheckSaysWhyTheLockIsNoLongerThisHolders() {
        var held = lock().acquire("drill-a", "cn-hangzhou", List.of(), Duration.ofSeconds(30));
        held.check();
        var written = lease().getMetadata().getResourceVersion();
        writeByHand(l -> l.getSpec().setRenewTime(ZonedDateTime.of(2026, 12, 7, 1, 0, 0, 0, ZoneOffset.UTC)));
        var changed = assertThrows(DrillLock.LostException.class, held::check);
        assertEquals("the drill lock was changed by someone else (resourceVersion " + lease().getMetadata().getResourceVersion()
                + ", this drill last wrote " + written + ")", changed.getMessage());
        writeByHand(l -> l.getSpec().setHolderIdentity("drill-b"));
        assertEquals("the drill lock is held by drill-b now, not by this drill (drill-a)",
                assertThrows(DrillLock.LostException.class, held::check).getMessage());
        client.leases().inNamespace("default").withName(DrillLock.NAME).delete();
        assertEquals("the drill lock is gone (Lease default/asm-dr-drill in the cluster of cn-hangzhou): this drill no longer holds it",
                assertThrows(DrillLock.LostException.class, held::check).getMessage());
    }

    @Test
    void aRenewalSaysWhyItCannotRenew() {
        var held = lock().acquire("drill-a", "cn-hangzhou", List.of(), Duration.ofSeconds(30));
        held.renew(CALL);
        held.check(); // its own renewal is the Lease's
        writeByHand(l -> l.getSpec().setHolderIdentity("drill-b"));
        var other = lease().getMetadata().getResourceVersion();
        assertEquals("the drill lock is held by drill-b (resourceVersion " + other + "), not as this drill (drill-a) left it",
                assertThrows(DrillLock.LostException.class, () -> held.renew(CALL)).getMessage());
        assertEquals(other, lease().getMetadata().getResourceVersion(), "not written");
        client.leases().inNamespace("default").withName(DrillLock.NAME).delete();
        assertEquals("the drill lock is gone", assertThrows(DrillLock.LostException.class, () -> held.renew(CALL)).getMessage());
        assertNull(lease(), "not written");
    }

    /**
     * A renewal that lands while its answer is lost (held in a proxy past the call's deadline) is the holder's own write:
     * a check after it and the next renewal take the Lease's resourceVersion as theirs; a write of the same holder with
     * another renewTime is someone else's.
     */
    @Test
    void aRenewalWhoseAnswerWasLostIsTheHoldersOwnAndNothingElseIs() throws Exception {
        try (var proxy = new HoldingProxy(URI.create(client.getConfiguration().getMasterUrl()));
             var slow = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration()).withMasterUrl(proxy.url())
                     .withRequestRetryBackoffLimit(0).build()).build()) {
            var held = lock(slow).acquire("drill-a", "cn-hangzhou", List.of(), Duration.ofSeconds(30));

            // lost, then a check
            var before = lease().getMetadata().getResourceVersion();
            lostRenewal(proxy, held, before);
            assertDoesNotThrow(() -> held.check(), "the landed renewal is this holder's own");

            // lost, then a renewal
            before = lease().getMetadata().getResourceVersion();
            lostRenewal(proxy, held, before);
            var landed = lease().getMetadata().getResourceVersion();
            held.renew(CALL);
            assertNotEquals(landed, lease().getMetadata().getResourceVersion(), "renewed after the lost answer");
            held.check();

            // lost, then the same holder's name written by someone else with another renewTime
            before = lease().getMetadata().getResourceVersion();
            lostRenewal(proxy, held, before);
            writeByHand(l -> l.getSpec().setRenewTime(ZonedDateTime.of(2026, 12, 7, 1, 0, 0, 0, ZoneOffset.UTC)));
            var e = assertThrows(DrillLock.LostException.class, () -> held.check());
            assertTrue(e.getMessage().startsWith("the drill lock was changed by someone else (resourceVersion "), e.getMessage());
        }
    }

    /**
     * A renewal whose request reaches the API server and whose answer is held in the proxy: the call is abandoned (its
     * thread interrupted, as at a deadline or a stop) once the write has landed.
     */
    void lostRenewal(HoldingProxy proxy, DrillLock.Held held, String before) throws Exception {
        proxy.holdAnswerWhen(line -> line.startsWith("PUT " + LOCK_PATH));
        var ended = new CompletableFuture<Throwable>();
        var renewal = new Thread(() -> {
            try {
                held.renew(CALL);
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        }, "renewal");
        renewal.start();
        await(() -> !before.equals(lease().getMetadata().getResourceVersion()), "the renewal landed");
        renewal.interrupt();
        var e = ended.get(10, TimeUnit.SECONDS);
        assertTrue(e instanceof Deadline.InterruptedCallException, "abandoned without its answer: " + e);
        proxy.release();
    }

    @Test
    void theRenewerLosesALockThatIsGone() throws Exception {
        var lost = renewerLoses(() -> client.leases().inNamespace("default").withName(DrillLock.NAME).delete(), "the drill lock is gone");
        assertEquals(List.of(), List.copyOf(lost), "told once");
    }

    @Test
    void theRenewerLosesALockWhoseRenewalMeetsAConflict() throws Exception {
        renewerLoses(() -> server.expect().put().withPath(LOCK_PATH).andReturn(409, KubeStatus.failure(409)).once(),
                "the drill lock was changed by someone else while this drill renewed it");
    }

    /** A held lock, then {@code meanwhile}; its renewer says {@code why} through onLost and lost(). What else it said, after. */
    private ArrayBlockingQueue<String> renewerLoses(Runnable meanwhile, String why) throws Exception {
        var held = lock().acquire("drill-a", "cn-hangzhou", List.of(), DrillLock.MIN_LEASE);
        meanwhile.run();
        var lost = new ArrayBlockingQueue<String>(4);
        held.startRenewing(lost::add);
        try {
            assertEquals(why, lost.poll(10, TimeUnit.SECONDS));
            assertEquals(why, held.lost());
        } finally {
            held.stopRenewing();
        }
        return lost;
    }

    /** Renewals refused (403) from the first on: at the deadline, two thirds of the 3 s lease, the lock is given up. */
    @Test
    void theRenewerLosesALockItCannotRenewForItsDeadline() throws Exception {
        var held = lock().acquire("drill-a", "cn-hangzhou", List.of(), DrillLock.MIN_LEASE);
        server.expect().put().withPath(LOCK_PATH).andReturn(403, KubeStatus.failure(403)).always();
        var lost = new ArrayBlockingQueue<String>(4);
        long start = System.nanoTime();
        held.startRenewing(lost::add);
        try {
            var why = lost.poll(10, TimeUnit.SECONDS);
            assertEquals("the drill lock could not be renewed for 2 s (its lease is 3 s): another machine may judge it expired", why);
            assertTrue(System.nanoTime() - start >= DrillLock.renewDeadline(DrillLock.MIN_LEASE).toNanos(), "not before the deadline");
            assertEquals(why, held.lost());
        } finally {
            held.stopRenewing();
        }
    }

    /**
     * A renewal whose call hangs (its request held in a proxy) is given up at the renew deadline, not at the call timeout
     * (here a minute, as is the client's own request timeout): the one call gets what is left of the deadline, so the lock is
     * lost at about 2 s after a single try.
     */
    @Test
    void aRenewalThatHangsIsGivenUpAtTheRenewDeadlineInOneCall() throws Exception {
        try (var proxy = new HoldingProxy(URI.create(client.getConfiguration().getMasterUrl()));
             var slow = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration()).withMasterUrl(proxy.url())
                     .withRequestRetryBackoffLimit(0).withRequestTimeout(60_000).build()).build()) {
            var held = new DrillLock(slow, "default", "cn-hangzhou", Duration.ofMinutes(1)).acquire("drill-a", "cn-hangzhou", List.of(),
                    DrillLock.MIN_LEASE);
            proxy.holdWhen(line -> line.startsWith("PUT " + LOCK_PATH));
            var lost = new ArrayBlockingQueue<String>(4);
            held.startRenewing(lost::add);
            try {
                assertEquals("the drill lock could not be renewed for 2 s (its lease is 3 s): another machine may judge it expired",
                        lost.poll(20, TimeUnit.SECONDS), "lost at the deadline, not after the minute of the call timeout");
                // one renewal, given what was left of the deadline, not a period's worth each (none reached the proxy when a
                // loaded machine spent the whole deadline before sending it)
                assertTrue(proxy.held() <= 1, "renewals tried: " + proxy.held());
            } finally {
                held.stopRenewing();
            }
        }
    }

    /**
     * The renewer is a daemon thread (it never keeps the JVM alive) that waits a period before its first renewal (here
     * 12 s of a 60 s lease: nothing is written in the half second watched), and is gone once stopped; stopping twice, or
     * a holder that never renewed, is nothing.
     */
    @Test
    void theRenewerIsADaemonThatWaitsAPeriodAndStops() throws Exception {
        var held = lock().acquire("drill-a", "cn-hangzhou", List.of(), Duration.ofSeconds(60));
        assertDoesNotThrow(held::stopRenewing, "never started: nothing to stop");
        var version = lease().getMetadata().getResourceVersion();
        var before = renewers();
        held.startRenewing(why -> { });
        var renewer = newRenewer(before);
        try {
            assertTrue(renewer.isDaemon());
            Thread.sleep(500);
            assertEquals(version, lease().getMetadata().getResourceVersion(), "no renewal before a period");
        } finally {
            held.stopRenewing();
        }
        assertFalse(renewer.isAlive(), "stopped and waited for");
        assertDoesNotThrow(held::stopRenewing, "stopped already");
        assertNull(held.lost());
    }

    /**
     * A renewal under way (here waiting for the holder's monitor, as while a check runs) is waited for by stopRenewing;
     * an interrupt of the thread that waits ends the wait and stays set.
     */
    @Test
    void stopRenewingWaitsForARenewalUnderWayAndKeepsAnInterrupt() throws Exception {
        var held = lock().acquire("drill-a", "cn-hangzhou", List.of(), DrillLock.MIN_LEASE);
        var before = renewers();
        held.startRenewing(why -> { });
        var renewer = newRenewer(before);
        var keptInterrupt = new AtomicBoolean();
        var returned = new CountDownLatch(1);
        var stopper = new Thread(() -> {
            held.stopRenewing();
            keptInterrupt.set(Thread.currentThread().isInterrupted());
            returned.countDown();
        }, "stopper");
        synchronized (held) {
            await(() -> renewer.getState() == Thread.State.BLOCKED, "the renewal (after 600 ms) waits for the holder");
            stopper.start();
            await(() -> stopper.getState() == Thread.State.TIMED_WAITING || stopper.getState() == Thread.State.TERMINATED,
                    "stopRenewing waits or returns");
            assertEquals(Thread.State.TIMED_WAITING, stopper.getState(), "stopRenewing waits for the renewal under way");
            stopper.interrupt();
            assertTrue(returned.await(5, TimeUnit.SECONDS), "an interrupt ends the wait");
            assertTrue(keptInterrupt.get(), "and the interrupt stays set");
        }
        renewer.join(5000);
        assertFalse(renewer.isAlive());
    }

    /** A call timeout under a second: stopRenewing still waits (for the timeout and a second), it does not throw. */
    @Test
    void stopRenewingWithAShortCallTimeout() throws Exception {
        var lock = new DrillLock(client, "default", "cn-hangzhou", Duration.ofMillis(900));
        DrillLock.Held held = null;
        for (int attempt = 0; held == null; attempt++) { // a loaded machine may take longer than 900 ms over one call
            try {
                held = lock.acquire("drill-a", "cn-hangzhou", List.of(), Duration.ofSeconds(60));
            } catch (Deadline.ExceededException e) {
                assertTrue(attempt < 10, e.getMessage());
                client.leases().inNamespace("default").withName(DrillLock.NAME).delete();
            }
        }
        var before = renewers();
        held.startRenewing(why -> { });
        var renewer = newRenewer(before);
        assertDoesNotThrow(held::stopRenewing);
        assertFalse(renewer.isAlive());
    }

    @Test
    void aReleaseStopsTheRenewerAndRemovesTheLease() throws Exception {
        var held = lock().acquire("drill-a", "cn-hangzhou", List.of(), Duration.ofSeconds(60));
        var lost = new ArrayBlockingQueue<String>(4);
        var before = renewers();
        held.startRenewing(lost::add);
        var renewer = newRenewer(before);
        assertTrue(held.release(CALL));
        assertFalse(renewer.isAlive(), "stopped first");
        assertNull(lease());
        assertEquals(List.of(), List.copyOf(lost));
    }

    @Test
    void aReleaseOfALockSomeoneElseHoldsIsRefusedAndRemovesNothing() {
        var held = lock().acquire("drill-a", "cn-hangzhou", List.of(), Duration.ofSeconds(60));
        writeByHand(l -> l.getSpec().setHolderIdentity("drill-b"));
        var e = assertThrows(DrillLock.LostException.class, () -> held.release(CALL));
        assertEquals("the drill lock is held by drill-b now, not by this drill (drill-a)", e.getMessage());
        assertEquals("drill-b", lease().getSpec().getHolderIdentity(), "not removed");
    }

    /** A delete the API server answers without removing the Lease: the release says it is not removed. */
    @Test
    void aReleaseWhoseDeleteDidNotRemoveTheLeaseSaysSo() {
        var held = lock().acquire("drill-a", "cn-hangzhou", List.of(), Duration.ofSeconds(60));
        server.expect().delete().withPath(LOCK_PATH).andReturn(200, KubeStatus.SUCCESS).always();
        assertFalse(held.release(CALL));
        assertEquals("drill-a", lease().getSpec().getHolderIdentity());
    }
}
