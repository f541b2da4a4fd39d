package io.asmdr.recovery;

import io.asmdr.support.TestStacks;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recovery predicted per lost region, term by term, from the stack's own settings. */
class RecoveryTableTest {
    private static TestStacks prod() {
        return TestStacks.file("stacks/Pulumi.prod.yaml");
    }

    private static Map<String, RecoveryTable.Row> rows(TestStacks stack) {
        return RecoveryTable.of(stack.load()).stream().collect(Collectors.toMap(RecoveryTable.Row::lostRegion, r -> r));
    }

    @Test
    void everyRegionOfProdLeavesAnEntryBackWithinThirtySeconds() {
        var rows = rows(prod());
        assertEquals(List.of("cn-beijing", "cn-hangzhou", "cn-shanghai"), rows.keySet().stream().sorted().toList());
        rows.values().forEach(r -> {
            assertFalse(r.entry().isEmpty(), r.toString());
            assertTrue(r.meetsGoal(), r.toString());
            assertTrue(r.highSeconds() <= RecoveryTable.GOAL_SECONDS, r.toString());
            r.terms().forEach(t -> assertFalse(t.source().isBlank(), "every term is cited: " + t));
        });
        // a gateway region: GA's check, every 1 s, out after 2, timeout 3 s: 4-5 s, and no DNS term
        var hangzhou = rows.get("cn-hangzhou");
        assertEquals(List.of("cn-shanghai"), hangzhou.entry());
        assertEquals(4.0, hangzhou.lowSeconds(), 1e-9);
        assertEquals(5.0, hangzhou.highSeconds(), 1e-9);
        assertTrue(hangzhou.terms().stream().anyMatch(t -> t.name().startsWith("no DNS term")), hangzhou.terms().toString());
        assertEquals(List.of("cn-hangzhou"), rows.get("cn-shanghai").entry());
        // Beijing has no gateway and, under failover, no traffic from the gateways' regions: its clients are not affected
        var beijing = rows.get("cn-beijing");
        assertEquals(List.of("cn-hangzhou", "cn-shanghai"), beijing.entry());
        assertEquals(0.0, beijing.highSeconds(), 1e-9);
    }

    @Test
    void theControlPlaneLeftIsTheTopologys() {
        var spec = prod().load();
        var rows = rows(prod());
        for (var row : rows.values()) {
            var expected = spec.controlPlaneRegions().stream().filter(r -> !r.equals(row.lostRegion())).toList();
            assertEquals(expected, row.controlPlanes(), row.lostRegion());
        }
    }

    @Test
    void theLegacyGtmEntryNamesThePlatformLimitInsteadOfMeetingTheGoal() {
        var rows = rows(prod().with("globalEntry", Map.of("kind", "gtm", "domain", "bookinfo.example.com", "ttl", 60, "failures", 2, "timeout", 3000)));
        var hangzhou = rows.get("cn-hangzhou");
        assertFalse(hangzhou.meetsGoal());
        // 2 checks every 60 s + 3 s timeout: 63-123 s; takes effect 0-60 s; TTL 0-60 s
        assertEquals(63.0, hangzhou.lowSeconds(), 1e-9);
        assertEquals(243.0, hangzhou.highSeconds(), 1e-9);
        assertTrue(hangzhou.limit().orElseThrow().contains("60 s"), hangzhou.limit().toString());
        assertTrue(rows.get("cn-beijing").meetsGoal(), "a region off the clients' path is not slowed by the entry");
    }

    @Test
    void trafficToTheLostRegionIsEjectedAfterTheConnectTimeoutOrNever() {
        // distribute sends Hangzhou's reviews traffic to Beijing too: losing Beijing costs one timed-out request per proxy
        var distribute = prod().with("traffic.mode", "distribute").with("traffic.distribute", List.of(
                Map.of("from", "cn-hangzhou", "to", Map.of("cn-hangzhou", 80, "cn-beijing", 20))));
        var beijing = rows(distribute).get("cn-beijing");
        assertTrue(beijing.terms().stream().anyMatch(t -> t.name().startsWith("outlier ejection")), beijing.terms().toString());
        assertEquals(10.0, beijing.highSeconds(), 1e-9, "consecutive5xxErrors 1 x the 10 s default connect timeout");
        assertTrue(beijing.meetsGoal());
        var unguarded = rows(distribute.without("traffic.outlierDetection")).get("cn-beijing");
        assertTrue(Double.isInfinite(unguarded.highSeconds()));
        assertFalse(unguarded.meetsGoal());
    }

    @Test
    void aStackWithoutAGlobalEntrySaysItsClientsDoNotFollow() {
        var dev = TestStacks.file("Pulumi.dev.yaml").load();
        var gateway = RecoveryTable.row(dev, dev.gatewayRegion());
        assertFalse(gateway.meetsGoal());
        assertTrue(gateway.limit().orElseThrow().contains("no global entry") || gateway.entry().isEmpty(), gateway.toString());
    }

    @Test
    void theMarkdownAndTheJsonCarryEveryRow() {
        var spec = prod().load();
        var md = RecoveryTable.markdown("prod", spec);
        for (var region : List.of("cn-hangzhou", "cn-shanghai", "cn-beijing")) {
            assertTrue(md.contains("## Losing " + region), md);
        }
        assertTrue(md.contains("| cn-hangzhou | cn-shanghai |") && md.contains("4 s to 5 s"), md);
        assertTrue(md.contains("cannot be changed until the region's API is back"), "losing GA's API region is said plainly: " + md);
        var json = RecoveryTable.json(spec);
        assertEquals("ga", json.get("globalEntry"));
        assertEquals(3, ((List<?>) json.get("regions")).size());
    }
}
