package io.asmdr.ops;

import io.asmdr.support.TestStacks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The predicted recovery time, term by term, from the stack's own settings. */
class RtoPredictionTest {
    @Test
    void aFailoverDrillIsBoundedByIstiosPushDebounce() {
        var p = RtoPrediction.of(TestStacks.file("Pulumi.dev.yaml").load(), false, Optional.empty());
        assertEquals(0.1, p.lowSeconds(), 1e-9);
        assertEquals(10.0, p.highSeconds(), 1e-9);
        assertTrue(p.agrees(0) && p.agrees(11) && !p.agrees(12));
        assertTrue(p.table().contains("consecutive5xxErrors 1"), p.table());
    }

    @Test
    void prodsRegionLossAddsGlobalAcceleratorsHealthCheckAndNoTtl() {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml").load();
        var p = RtoPrediction.of(prod, true, DrillCommand.globalEntry(prod));
        // a black-holed region: detection by Istio's 10 s connect timeout, 10-11 s (no push: its pods stay in the endpoints);
        // GA: 2 failures every 1 s with the fixed 3 s timeout, 4-5 s; no DNS term
        assertEquals(10 + 4, p.lowSeconds(), 1e-9);
        assertEquals(11 + 5, p.highSeconds(), 1e-9);
        assertTrue(p.terms().stream().noneMatch(t -> t.name().equals("endpoint propagation")), p.table());
        assertTrue(p.terms().stream().anyMatch(t -> t.source().contains("CreateEndpointGroup")), p.table());
        assertTrue(p.terms().stream().noneMatch(t -> t.name().startsWith("DNS TTL")), p.table());
        assertTrue(p.agrees(16) && !p.agrees(30), p.table());
    }

    @Test
    void theLegacyGtmEntryAddsItsMinuteChecksTheTimeToTakeEffectAndTheTtl() {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml")
                .with("globalEntry", Map.of("kind", "gtm", "domain", "bookinfo.example.com", "ttl", 60, "failures", 2, "timeout", 3000)).load();
        var p = RtoPrediction.of(prod, true, DrillCommand.globalEntry(prod));
        // connect timeout 10-11 s; GTM: 2 failures every 60 s with a 3 s timeout, 63-123 s; takes effect 0-60 s; TTL 60 s: 0-60 s
        assertEquals(10 + 63, p.lowSeconds(), 1e-9);
        assertEquals(11 + 123 + 60 + 60, p.highSeconds(), 1e-9);
        assertTrue(p.terms().stream().anyMatch(t -> t.source().contains("alidns_monitor_config")), p.table());
        assertFalse(p.agrees(30), "30 s would be faster than GTM can notice");
    }

    @Test
    void losingARegionTheHealthyMeshSendsNothingToHasNothingToDetect() {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml").load(); // failover: Hangzhou's gateway keeps every page local
        var beijing = RtoPrediction.of(prod, "cn-beijing", true, DrillCommand.globalEntry(prod));
        assertEquals(0.0, beijing.highSeconds(), 1e-9, beijing.table());
        var hangzhou = RtoPrediction.of(prod, "cn-hangzhou", true, DrillCommand.globalEntry(prod));
        assertEquals(RtoPrediction.of(prod, true, DrillCommand.globalEntry(prod)).summary(), hangzhou.summary(), "the entry region: the full prediction");
        var dev = TestStacks.file("Pulumi.dev.yaml").load(); // distribute 90/10: Shanghai serves 14% of the pages
        assertEquals(10.0, RtoPrediction.of(dev, "cn-shanghai", true, Optional.empty()).lowSeconds(), 1e-9);
    }

    /** Agreement is the predicted range widened by one one-second bucket each way, and not a second more. */
    @Test
    void agreementIsTheRangeGiveOrTakeOneBucket() {
        var p = new RtoPrediction(List.of(new RtoPrediction.Term("t", 5, 8, "why", "source")));
        assertTrue(p.agrees(4) && p.agrees(9), p.table());
        assertFalse(p.agrees(3) || p.agrees(10), p.table());
    }

    /** Mode none without outlier detection (failover without it is refused): Istio fails nothing over, and the prediction says so as a term of its own. */
    @Test
    void noOutlierDetectionOutsideDistributeIsATermOfItsOwn() {
        var spec = TestStacks.file("Pulumi.dev.yaml").with("traffic.mode", "none").without("traffic.outlierDetection").load();
        var p = RtoPrediction.of(spec, false, Optional.empty());
        assertTrue(p.terms().stream().anyMatch(t -> t.name().equals("no outlier detection")), p.table());
        var distributing = RtoPrediction.of(TestStacks.file("Pulumi.dev.yaml").without("traffic.outlierDetection").load(), false, Optional.empty());
        assertTrue(distributing.terms().stream().noneMatch(t -> t.name().equals("no outlier detection")), distributing.table());
    }
}
