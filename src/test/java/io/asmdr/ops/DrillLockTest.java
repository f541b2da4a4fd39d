package io.asmdr.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock's record and timings without an API server: what the Lease's annotation holds and how every
 * malformed entry of a hand-edited one is kept aside (never guessed), and the renewal period and deadline
 * as client-go's proportions of the lease.
 */
class DrillLockTest {
    @Test
    void theTargetsRoundTripThroughTheAnnotation() {
        var targets = List.of(new Drill.Target("default", "reviews-v1", 3), new Drill.Target("istio-system", "gw", 2));
        var text = DrillLock.encode(targets);
        assertEquals("default/reviews-v1=3,istio-system/gw=2", text);
        var unreadable = new ArrayList<String>();
        assertEquals(targets, DrillLock.decode(text, unreadable));
        assertEquals(List.of(), unreadable);
        assertEquals("", DrillLock.encode(List.of()));
    }

    @Test
    void everyMalformedEntryIsKeptAsWrittenAndTheRestIsRead() {
        var unreadable = new ArrayList<String>();
        var read = DrillLock.decode("/reviews=1,default/=2,default=3,default/a=x,default/b,default/c=4,ns/n/m=5", unreadable);
        assertEquals(List.of(new Drill.Target("default", "c", 4), new Drill.Target("ns", "n/m", 5)), read,
                "a name may hold a slash after the namespace's; the count is after the last '='");
        assertEquals(List.of("/reviews=1", "default/=2", "default=3", "default/a=x", "default/b"), unreadable);
        for (var empty : new String[] {null, "", "  "}) {
            var none = new ArrayList<String>();
            assertEquals(List.of(), DrillLock.decode(empty, none));
            assertEquals(List.of(), none);
        }
    }

    @Test
    void renewalsComeEveryFifthOfTheLeaseAndGiveUpAtTwoThirds() {
        assertEquals(Duration.ofSeconds(3), DrillLock.renewEvery(Duration.ofSeconds(15)));
        assertEquals(Duration.ofSeconds(10), DrillLock.renewDeadline(Duration.ofSeconds(15)), "client-go: RenewDeadline 10 s of 15 s");
        assertEquals(Duration.ofMillis(600), DrillLock.renewEvery(DrillLock.MIN_LEASE));
        assertEquals(Duration.ofSeconds(2), DrillLock.renewDeadline(DrillLock.MIN_LEASE));
        assertTrue(DrillLock.renewEvery(DrillLock.MAX_LEASE).compareTo(DrillLock.renewDeadline(DrillLock.MAX_LEASE)) < 0);
    }

    @Test
    void aHolderDescribesWhatItWillPutBack() {
        var renewed = Instant.parse("2026-12-07T01:00:00Z");
        var full = new DrillLock.Holder("drill-a", Optional.of("cn-hangzhou"), List.of(new Drill.Target("default", "reviews-v1", 3)),
                List.of("default/b"), Duration.ofSeconds(15), Optional.of(renewed), "7", List.of());
        assertEquals("drill drill-a of cn-hangzhou holds the drill lock (Lease asm-dr-drill, lease 15 s, last renewed 2026-12-07T01:00:00Z"
                + " by its own clock), to put back [default/reviews-v1=3] and unreadable entries [default/b]", full.describe());
        var bare = new DrillLock.Holder("drill-b", Optional.empty(), List.of(), List.of(), Duration.ofMillis(2500), Optional.empty(), "8", List.of());
        assertEquals("drill drill-b of (no region) holds the drill lock (Lease asm-dr-drill, lease 2500 ms), to put back []", bare.describe());
    }

    @Test
    void aHolderDescribesEveryTargetItsBlackHolesAndItsUnreadableEntries() {
        var h = new DrillLock.Holder("drill-c", Optional.of("cn-shanghai"), List.of(new Drill.Target("default", "reviews-v2", 2),
                new Drill.Target("istio-system", "istio-ingressgateway", 1)), List.of("x", "default/y"), Duration.ofSeconds(15),
                Optional.of(Instant.parse("2026-12-07T01:00:00Z")), "9", List.of("default/asm-dr-drill-blackhole"));
        assertEquals("drill drill-c of cn-shanghai holds the drill lock (Lease asm-dr-drill, lease 15 s, last renewed 2026-12-07T01:00:00Z by its"
                + " own clock), to put back [default/reviews-v2=2, istio-system/istio-ingressgateway=1] and to remove the NetworkPolicies"
                + " [default/asm-dr-drill-blackhole] and unreadable entries [x, default/y]", h.describe());
    }
}
