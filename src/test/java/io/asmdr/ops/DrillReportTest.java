package io.asmdr.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's document as a drill fills it: a failover drill records no black holes, a region-loss drill the ones it applies. */
class DrillReportTest {
    static DrillReport report() {
        return new DrillReport("failover", "cn-hangzhou", "failover", "d-1", Instant.EPOCH);
    }

    @Test
    void aDrillThatAppliesNoBlackHoleRecordsNoneAndKeepsItsStatus() {
        var r = report();
        r.targets(List.of(new Drill.Target("default", "reviews-v1", 3)), Duration.ofSeconds(30), "taken");
        r.blackholes(List.of());
        var doc = r.document();
        assertFalse(doc.containsKey("blackholes"), doc.toString());
        assertEquals("lock taken; scaling down", doc.get("status"));
    }

    @Test
    void aRegionLossDrillRecordsTheBlackHolesItApplies() {
        var r = report();
        r.blackholes(List.of("default/" + Drill.BLACKHOLE, "istio-system/" + Drill.BLACKHOLE));
        var doc = r.document();
        assertEquals(List.of("default/" + Drill.BLACKHOLE, "istio-system/" + Drill.BLACKHOLE), doc.get("blackholes"));
        assertEquals("lock taken; black-holing the region", doc.get("status"));
    }

    @Test
    void withoutASeriesThereIsNoRecoveryVerdict() {
        assertNull(report().recoveryVerdict());
        assertNull(report().document().get("recovery"));
    }

    /** An RTO exactly at --max-rto is within it; a second more is above it; the budget is written in seconds. */
    @Test
    void theVerdictAgainstMaxRtoIsExactAtTheBoundary() {
        var timeline = DrillCommandOutputTest.timeline(3, 10);
        var at = report();
        at.recovery(timeline, DrillCommandOutputTest.settings(Duration.ofSeconds(3)));
        assertEquals("PASS: RTO 3 s within --max-rto 3 s", at.recoveryVerdict());
        @SuppressWarnings("unchecked")
        var summary = (Map<String, Object>) at.document().get("recovery");
        assertEquals(3.0, summary.get("maxRtoSeconds"));
        assertEquals(40L, summary.get("observeSeconds"));
        assertEquals("PASS: RTO 3 s within --max-rto 3 s", summary.get("verdict"));
        var above = report();
        above.recovery(timeline, DrillCommandOutputTest.settings(Duration.ofMillis(2999)));
        assertEquals("FAIL: RTO 3 s is above --max-rto 2999 ms", above.recoveryVerdict());
        var none = report();
        none.recovery(timeline, DrillCommandOutputTest.settings(null));
        assertEquals("PASS: RTO 3 s", none.recoveryVerdict());
    }

    /**
     * A SIGTERM or a lost lock during the restore leaves the drill thread's interrupt flag set (Retry hands it back): the
     * final report is written all the same (the JDK's file streams are not cut by an interrupt, unlike an interruptible channel), and the flag is still set afterwards for the caller.
     */
    @Test
    void theReportIsWrittenByAnInterruptedThreadWhichStaysInterrupted(@TempDir Path tmp) throws Exception {
        var r = report();
        r.interrupted();
        r.end(Instant.EPOCH);
        var file = tmp.resolve("report.json");
        Thread.currentThread().interrupt();
        boolean written;
        try {
            written = r.write(file);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is handed back");
        }
        assertTrue(written, String.valueOf(r.document().get("error")));
        assertEquals("interrupted, RESTORE FAILED", Verify.JSON.readTree(file.toFile()).path("status").asText(), Files.readString(file));
    }
}
