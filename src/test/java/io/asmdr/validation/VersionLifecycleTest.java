package io.asmdr.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.support.TestStacks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pinned ACK version past its published end of life, and a pinned ASM version whose Istio minor upstream no longer
 * supports (or does not test with the pinned Kubernetes), are warnings naming key, date and source; never a refusal.
 */
class VersionLifecycleTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static VersionLifecycle.Tables shipped() throws IOException {
        return VersionLifecycle.tables(JSON.readTree(Path.of("reference", VersionLifecycle.KUBERNETES_FILE).toFile()),
                JSON.readTree(Path.of("reference", VersionLifecycle.ISTIO_FILE).toFile()));
    }

    private static List<String> ack(List<String> warnings) {
        return warnings.stream().filter(w -> !w.startsWith("asm-dr:mesh.version")).toList();
    }

    private static List<String> asm(List<String> warnings) {
        return warnings.stream().filter(w -> w.startsWith("asm-dr:mesh.version")).toList();
    }

    @Test
    void theRecordedProdPinIsPastItsEndOfLifeAndWarnedAboutNotRefused() throws IOException {
        var recorded = TestStacks.file("src/test/resources/real-preview/Pulumi.prod.single-control-plane.yaml").load(); // loads: no refusal
        var warnings = ack(VersionLifecycle.warnings(recorded, shipped(), TODAY));
        assertEquals(3, warnings.size(), warnings.toString());
        for (var w : warnings) {
            assertTrue(w.contains(".cluster.version = 1.30.7-aliyun.1") && w.contains("2026-06-30") && w.contains("support-for-kubernetes-versions"), w);
        }
        assertTrue(warnings.get(0).startsWith("asm-dr:regions["), warnings.get(0));
        // the day before the end of life: nothing yet
        assertEquals(List.of(), ack(VersionLifecycle.warnings(recorded, shipped(), LocalDate.of(2026, 6, 30))));
    }

    @Test
    void shippedProdPinsAnAckVersionWithoutAPastEndOfLifeAndTheTablesOfferIt() throws IOException {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml").load();
        assertEquals(List.of(), ack(VersionLifecycle.warnings(prod, shipped(), TODAY)));
        var versions = JSON.readTree(Path.of("reference", VersionLifecycle.KUBERNETES_FILE).toFile()).path("versions");
        prod.regions().forEach(r -> assertTrue(versions.has(r.cluster().version().orElseThrow()), r.cluster().version() + " is in the reference table"));
    }

    @Test
    void shippedProdsAsmPinIsWarnedAboutWithUpstreamIstiosDateAndTheKubernetesItIsTestedWith() throws IOException {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml").load();
        var warnings = asm(VersionLifecycle.warnings(prod, shipped(), TODAY));
        assertEquals(2, warnings.size(), warnings.toString());
        var ended = warnings.get(0);
        assertTrue(ended.startsWith("asm-dr:mesh.version = v1.17.2.42-gf7619883-aliyun (ASM's build of Istio 1.17)")
                && ended.contains("ended on 2023-10-27") && ended.contains("istio.io/latest/docs/releases/supported-releases")
                && ended.contains("DescribeVersions"), ended);
        var untested = warnings.get(1);
        assertTrue(untested.contains("tested with Kubernetes 1.23 to 1.26") && untested.contains("cn-hangzhou 1.36")
                && untested.contains("cn-shanghai 1.36") && untested.contains("cn-beijing 1.36"), untested);
        // the day upstream support ends is still inside it; the untested pair stays a warning whatever the day
        assertEquals(1, asm(VersionLifecycle.warnings(prod, shipped(), LocalDate.of(2023, 10, 27))).size());
    }

    @Test
    void anAsmPinOfASupportedMinorTestedWithThePinnedKubernetesIsQuiet() throws IOException {
        var pinned = TestStacks.file("stacks/Pulumi.prod.yaml").with("mesh.version", "v1.29.0.1-gabc123-aliyun")
                .with("regions[0].cluster.version", "1.33.3-aliyun.1").with("regions[1].cluster.version", "1.33.3-aliyun.1")
                .with("regions[2].cluster.version", "1.33.3-aliyun.1").load();
        assertEquals(List.of(), VersionLifecycle.warnings(pinned, shipped(), LocalDate.of(2026, 8, 31)));
        // one region outside 1.31-1.35: named alone
        var outside = TestStacks.file("stacks/Pulumi.prod.yaml").with("mesh.version", "v1.29.0.1-gabc123-aliyun")
                .with("regions[0].cluster.version", "1.33.3-aliyun.1").with("regions[1].cluster.version", "1.33.3-aliyun.1").load();
        var w = VersionLifecycle.warnings(outside, shipped(), LocalDate.of(2026, 8, 31));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("the clusters pin cn-beijing 1.36;"), w.get(0));
    }

    @Test
    void anUnpinnedVersionOrAMinorWithoutAPublishedDateIsNotWarnedAbout() throws IOException {
        var dev = TestStacks.file("Pulumi.dev.yaml").load();
        assertEquals(List.of(), VersionLifecycle.warnings(dev, shipped(), TODAY));
        var pinned = TestStacks.file("Pulumi.dev.yaml").with("regions[0].cluster.version", "1.33.3-aliyun.1").load();
        assertEquals(List.of(), VersionLifecycle.warnings(pinned, shipped(), TODAY));
        var unknownMinor = TestStacks.file("stacks/Pulumi.prod.yaml").with("mesh.version", "v1.99.0.1-gabc123-aliyun").load();
        assertEquals(List.of(), asm(VersionLifecycle.warnings(unknownMinor, shipped(), TODAY)));
    }

    @Test
    void minorVersionsCompareAsNumbers() {
        assertTrue(VersionLifecycle.compare("1.9", "1.10") < 0);
        assertTrue(VersionLifecycle.compare("1.36", "1.26") > 0);
        assertEquals(0, VersionLifecycle.compare("1.26", "1.26"));
        assertEquals("1.17", VersionLifecycle.minor("v1.17.2.42-gf7619883-aliyun").orElseThrow());
        assertEquals("1.30", VersionLifecycle.minor("1.30.7-aliyun.1").orElseThrow());
        assertTrue(VersionLifecycle.minor("latest").isEmpty());
    }
}
