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

    @Test
    void theLeaseIsWrittenInSecondsWithItsMilliseconds() {
        var r = report();
        r.targets(List.of(), Duration.ofMillis(1500), "taken");
        assertEquals(1.5, r.document().get("leaseSeconds"));
    }

    /** A drill stopped because its budget is lost: the recovery verdict in the document says so, not "not back within --observe". */
    @Test
    void aDrillStoppedEarlyRewritesItsRecoveryVerdict() {
        var failing = DrillCommandOutputTest.timeline(3, 0);
        var r = report();
        r.recovery(failing, DrillCommandOutputTest.settings(Duration.ofSeconds(2)));
        assertTrue(verdict(r).startsWith("FAIL: not back at or above 90.0% for 10 s in a row"), verdict(r));
        r.stoppedEarly("the budget is lost");
        assertEquals("FAIL: could not come back within --max-rto 2 s; stopped and restored then", verdict(r));
        assertEquals("the budget is lost", r.stoppedEarly());
        assertEquals("stopped early; restoring", r.document().get("status"));
        var without = report();
        without.stoppedEarly("before any series");
        assertNull(without.document().get("recovery"), "no series, no recovery section");
    }

    @SuppressWarnings("unchecked")
    private static String verdict(DrillReport r) {
        return (String) ((Map<String, Object>) r.document().get("recovery")).get("verdict");
    }

    /** Passed: a verification that passed, the region back, not interrupted, no error, and a recovery verdict of PASS if measured. */
    @Test
    void passedNeedsEveryPartAndAPassingRecoveryWhenOneWasMeasured() {
        var spec = DrillTest.failoverDev();
        var scenario = Drill.Kind.FAILOVER.scenario("cn-hangzhou");
        var verified = DrillTest.judged(spec, scenario, 0, 400);
        assertTrue(verified.passed(), "the model's own pages pass");
        var r = report();
        r.verification(verified);
        assertEquals(verified, r.verificationResult());
        assertFalse(r.passed(), "not yet restored");
        r.restore(Map.of("ok", true));
        assertTrue(r.passed(), "no recovery series: the verification decides");
        r.recovery(DrillCommandOutputTest.timeline(3, 10), DrillCommandOutputTest.settings(null));
        assertTrue(r.passed(), r.recoveryVerdict());
        r.recovery(DrillCommandOutputTest.timeline(3, 5), DrillCommandOutputTest.settings(null));
        assertFalse(r.passed(), "a recovery that failed fails the drill: " + r.recoveryVerdict());
        var interrupted = report();
        interrupted.verification(verified);
        interrupted.restore(Map.of("ok", true));
        assertFalse(interrupted.wasInterrupted());
        interrupted.interrupted();
        assertTrue(interrupted.wasInterrupted());
        assertFalse(interrupted.passed());
    }

    @Test
    void aReportThatCannotBeWrittenSaysSo(@TempDir Path tmp) throws Exception {
        var aFile = tmp.resolve("a-file");
        Files.writeString(aFile, "x");
        var r = report();
        assertFalse(r.write(aFile.resolve("report.json")));
        assertTrue(r.errorMessage().startsWith("report not written: "), r.errorMessage());
        assertFalse(r.write(aFile.resolve("again.json")));
        assertTrue(r.errorMessage().matches("report not written: .*; report not written: .*"), "both said: " + r.errorMessage());
    }
}
