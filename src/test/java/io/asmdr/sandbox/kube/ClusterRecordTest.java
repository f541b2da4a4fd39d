package io.asmdr.sandbox.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cluster's port and index are chosen once, recorded before anything starts, and found again after a restart. */
class ClusterRecordTest {
    private static final FleetRecord FLEET = new FleetRecord(16379, 16380);

    @TempDir
    Path tmp;

    @Test
    void portsAndIndexesAreKeptAcrossARestartAndNeverShared() {
        var layout = new Layout(tmp);
        var a = ClusterRecord.allocate(layout, FLEET, "c-a", "cn-hangzhou", List.of("cn-hangzhou-h"), Role.ACK, p -> true);
        var b = ClusterRecord.allocate(layout, FLEET, "c-b", "cn-shanghai", List.of("cn-shanghai-e"), Role.ACK, p -> true);
        var mesh = ClusterRecord.allocate(layout, FLEET, "mesh", "cn-hangzhou", List.of(), Role.MESH, p -> true);
        assertEquals(Set.of(Ports.API_FIRST, Ports.API_FIRST + 1, Ports.API_FIRST + 2), Set.of(a.port(), b.port(), mesh.port()));
        assertEquals(Set.of(0, 1, 2), Set.of(a.index(), b.index(), mesh.index()));
        // "restart": a new reader of the same directory
        assertEquals(List.of(a, b, mesh), ClusterRecord.all(new Layout(tmp)));
        assertEquals(a, ClusterRecord.read(layout.cluster("c-a").record()));
    }

    @Test
    void aPortSomeoneElseHoldsIsSkippedAndEtcdsPortsAreNeverTaken() {
        var layout = new Layout(tmp);
        var fleet = new FleetRecord(Ports.API_FIRST, Ports.API_FIRST + 1);
        var a = ClusterRecord.allocate(layout, fleet, "c-a", "cn-hangzhou", List.of("z"), Role.ACK, p -> p != Ports.API_FIRST + 2);
        assertEquals(Ports.API_FIRST + 3, a.port());
    }

    @Test
    void aDeletedClustersIndexIsReused() throws Exception {
        var layout = new Layout(tmp);
        var a = ClusterRecord.allocate(layout, FLEET, "c-a", "cn-hangzhou", List.of("z"), Role.ACK, p -> true);
        var b = ClusterRecord.allocate(layout, FLEET, "c-b", "cn-hangzhou", List.of("z"), Role.ACK, p -> true);
        Files.delete(layout.cluster("c-a").record());
        var c = ClusterRecord.allocate(layout, FLEET, "c-c", "cn-hangzhou", List.of("z"), Role.ACK, p -> true);
        assertEquals(a.index(), c.index());
        assertNotEquals(b.port(), c.port());
    }

    @Test
    void idsThatCannotBeADirectoryOrAnEtcdPrefixAreRefused() {
        for (var bad : List.of("", "C1", "a/b", "../x", "-a", "a".repeat(64))) {
            var e = assertThrows(IllegalArgumentException.class, () -> ClusterRecord.requireId(bad));
            assertTrue(e.getMessage().contains("lower-case"), e.getMessage());
        }
        assertEquals("c0123abc-x", ClusterRecord.requireId("c0123abc-x"));
    }

    @Test
    void anAckClusterNeedsAZoneForItsNodes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ClusterRecord("c", "cn-hangzhou", List.of(), Role.ACK, 1, 0));
        assertTrue(e.getMessage().contains("zone"), e.getMessage());
    }

    @Test
    void theLowestBindablePortIsChosen() {
        assertEquals(5, Ports.choose(Set.of(1, 2), 1, 10, p -> p != 3 && p != 4));
        var e = assertThrows(IllegalStateException.class, () -> Ports.choose(Set.of(1), 1, 2, p -> p != 2));
        assertTrue(e.getMessage().contains("1-2"), e.getMessage());
    }
}
