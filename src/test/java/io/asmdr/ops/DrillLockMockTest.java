package io.asmdr.ops;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lease as the lock writes and reads it, against fabric8's mock API server: a second acquire is
 * refused naming the holder; a take-over writes a whole new tenure (holder, lease, acquire and renew
 * times, one more transition); a Lease written by hand is read for what it says and no more.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class DrillLockMockTest {
    KubernetesClient client;
    KubernetesMockServer server;

    DrillLock lock() {
        return new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5));
    }

    Lease lease() {
        return client.leases().inNamespace("default").withName(DrillLock.NAME).get();
    }

    @Test
    void aSecondAcquireIsRefusedNamingTheHolderAndTouchesNothing() {
        lock().acquire("drill-a", "cn-hangzhou", List.of(new Drill.Target("default", "reviews-v1", 3)), Duration.ofSeconds(30));
        var e = assertThrows(Drill.RefusedException.class,
                () -> lock().acquire("drill-b", "cn-shanghai", List.of(), Duration.ofSeconds(30)));
        assertTrue(e.getMessage().startsWith("another drill took the lock first: drill drill-a of cn-hangzhou holds the drill lock"),
                e.getMessage());
        assertEquals("drill-a", lease().getSpec().getHolderIdentity());
    }

    @Test
    void aTakeOverWritesAWholeNewTenure() {
        var before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        lock().acquire("dead", "cn-hangzhou", List.of(new Drill.Target("default", "reviews-v1", 3)), Duration.ofSeconds(30));
        for (int round = 1; round <= 2; round++) {
            var stale = ZonedDateTime.parse("2026-01-01T00:00:00Z");
            var old = lease();
            old.getSpec().setAcquireTime(stale);
            old.getSpec().setRenewTime(stale);
            client.leases().inNamespace("default").resource(old).update();
            var dead = lock().read().orElseThrow();
            lock().takeOver(dead, "taker-" + round, Duration.ofSeconds(7 + round));
            var now = lease().getSpec();
            assertEquals("taker-" + round, now.getHolderIdentity());
            assertEquals(7 + round, now.getLeaseDurationSeconds());
            assertEquals(round, now.getLeaseTransitions(), "one more transition each take-over");
            assertEquals(now.getAcquireTime(), now.getRenewTime());
            assertFalse(now.getRenewTime().toInstant().isBefore(before), "renewed now, not at the dead holder's time: " + now.getRenewTime());
            assertEquals(List.of(new Drill.Target("default", "reviews-v1", 3)), lock().read().orElseThrow().targets(), "the record stays");
        }
    }

    @Test
    void aHandWrittenLeaseIsReadForWhatItSays() {
        var acquired = ZonedDateTime.of(2026, 12, 7, 1, 0, 0, 0, ZoneOffset.UTC);
        client.leases().inNamespace("default").resource(new LeaseBuilder().withNewMetadata().withName(DrillLock.NAME)
                .addToAnnotations(DrillLock.REGION, "  ").addToAnnotations(DrillLock.TARGETS, "default/reviews-v1=3")
                .endMetadata().withNewSpec().withHolderIdentity("by-hand").withLeaseDurationSeconds(20).withAcquireTime(acquired)
                .endSpec().build()).create();
        var h = lock().read().orElseThrow();
        assertEquals("by-hand", h.id());
        assertEquals(Optional.empty(), h.region(), "a blank region is no region");
        assertEquals(Optional.of(acquired.toInstant()), h.renewed(), "never renewed: its acquire time");
        assertEquals(Duration.ofSeconds(20), h.lease());

        client.leases().inNamespace("default").withName(DrillLock.NAME).delete();
        client.leases().inNamespace("default").resource(new LeaseBuilder().withNewMetadata().withName(DrillLock.NAME)
                .addToAnnotations(DrillLock.REGION, "cn-hangzhou").endMetadata().build()).create();
        var bare = lock().read().orElseThrow();
        assertEquals("(no holder)", bare.id());
        assertEquals(Optional.of("cn-hangzhou"), bare.region());
        assertEquals(Optional.empty(), bare.renewed());
        assertEquals(DrillLock.MAX_LEASE, bare.lease(), "no duration: the longest a drill may hold it");
    }

    /** A one-second Lease nobody renews. */
    DrillLock.Holder unrenewed() {
        client.leases().inNamespace("default").resource(new LeaseBuilder().withNewMetadata().withName(DrillLock.NAME)
                .addToAnnotations(DrillLock.REGION, "cn-hangzhou").endMetadata()
                .withNewSpec().withHolderIdentity("dead").withLeaseDurationSeconds(1).endSpec().build()).create();
        return lock().read().orElseThrow();
    }

    /**
     * A lock nobody renews is watched for its lease and one poll (a fifth of it) by this observer's clock, reading it
     * once a poll, and no longer; a lease longer than the longest watch is watched for the longest.
     */
    @Test
    void anUnrenewedLockIsWatchedForItsLeaseAndOnePollAndNoLonger() throws Exception {
        var first = unrenewed();
        int before = server.getRequestCount();
        var w = lock().watch(first, Duration.ofMinutes(10));
        int reads = server.getRequestCount() - before;
        assertEquals(DrillLock.Seen.UNCHANGED, w.seen());
        assertTrue(w.watched().compareTo(Duration.ofMillis(1200)) >= 0, "a lease and a poll: " + w.watched());
        assertTrue(w.watched().compareTo(Duration.ofSeconds(5)) < 0, "and not much more: " + w.watched());
        assertTrue(reads >= 3 && reads <= 10, "a read every 200 ms, not every second nor in a busy loop: " + reads);
        assertEquals(first.resourceVersion(), w.last().orElseThrow().resourceVersion());

        var longLease = lock().read().orElseThrow();
        var capped = new DrillLock.Holder(longLease.id(), longLease.region(), longLease.targets(), longLease.unreadable(),
                Duration.ofHours(1), longLease.renewed(), longLease.resourceVersion(), longLease.blackholes());
        var c = lock().watch(capped, Duration.ofSeconds(1));
        assertEquals(DrillLock.Seen.UNCHANGED, c.seen());
        assertTrue(c.watched().compareTo(Duration.ofSeconds(5)) < 0, "watched for the longest, not the lease's hour: " + c.watched());
    }

    @Test
    void aLockThatGoesAwayOrChangesWhileWatchedSaysSo() throws Exception {
        var first = unrenewed();
        var deleter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            client.leases().inNamespace("default").withName(DrillLock.NAME).delete();
        });
        deleter.start();
        var gone = lock().watch(first, Duration.ofMinutes(10));
        deleter.join();
        assertEquals(DrillLock.Seen.GONE, gone.seen());
        assertEquals(Optional.empty(), gone.last());

        var again = unrenewed();
        var renewed = lease();
        renewed.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
        client.leases().inNamespace("default").resource(renewed).update();
        var seen = lock().watch(again, Duration.ofMinutes(10));
        assertEquals(DrillLock.Seen.RENEWED, seen.seen());
        assertTrue(seen.watched().compareTo(Duration.ofSeconds(1)) < 0, "seen at the first poll: " + seen.watched());
    }

    /** A held lock with the shortest lease is renewed every fifth of it (here 600 ms) and is still held after twice its renew deadline. */
    @Test
    void aHeldLockIsRenewedAndStaysHeld() throws Exception {
        var held = lock().acquire("alive", "cn-hangzhou", List.of(), DrillLock.MIN_LEASE);
        var lost = new AtomicReference<String>();
        var first = lease().getSpec().getRenewTime();
        held.startRenewing(lost::set);
        try {
            Thread.sleep(DrillLock.renewDeadline(DrillLock.MIN_LEASE).multipliedBy(2).toMillis());
            assertEquals(null, lost.get(), "not lost");
            assertEquals(null, held.lost());
            assertTrue(lease().getSpec().getRenewTime().isAfter(first), "renewed: " + first + " then " + lease().getSpec().getRenewTime());
            held.check(); // its own last write is the Lease's
        } finally {
            held.stopRenewing();
        }
    }
}
