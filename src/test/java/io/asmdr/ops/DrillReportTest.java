package io.asmdr.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
