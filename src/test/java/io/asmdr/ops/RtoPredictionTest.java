package io.asmdr.ops;

import io.asmdr.support.TestStacks;
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
        // push 0.1-10 s; GA: 2 failures every 1 s with the fixed 3 s timeout, 4-5 s; no DNS term
        assertEquals(0.1 + 4, p.lowSeconds(), 1e-9);
        assertEquals(10 + 5, p.highSeconds(), 1e-9);
        assertTrue(p.terms().stream().anyMatch(t -> t.source().contains("CreateEndpointGroup")), p.table());
        assertTrue(p.terms().stream().noneMatch(t -> t.name().startsWith("DNS TTL")), p.table());
        assertTrue(p.agrees(5) && !p.agrees(30), p.table());
    }

    @Test
    void theLegacyGtmEntryAddsItsMinuteChecksTheTimeToTakeEffectAndTheTtl() {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml")
                .with("globalEntry", Map.of("kind", "gtm", "domain", "bookinfo.example.com", "ttl", 60, "failures", 2, "timeout", 3000)).load();
        var p = RtoPrediction.of(prod, true, DrillCommand.globalEntry(prod));
        // push 0.1-10 s; GTM: 2 failures every 60 s with a 3 s timeout, 63-123 s; takes effect 0-60 s; TTL 60 s: 0-60 s
        assertEquals(0.1 + 63, p.lowSeconds(), 1e-9);
        assertEquals(10 + 123 + 60 + 60, p.highSeconds(), 1e-9);
        assertTrue(p.terms().stream().anyMatch(t -> t.source().contains("alidns_monitor_config")), p.table());
        assertFalse(p.agrees(30), "30 s would be faster than GTM can notice");
    }
}
