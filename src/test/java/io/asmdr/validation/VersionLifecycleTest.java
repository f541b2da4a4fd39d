package io.asmdr.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.support.TestStacks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pinned ACK version past its published end of life is a warning naming key, date and source; never a refusal. */
class VersionLifecycleTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private static Map<String, VersionLifecycle.EndOfLife> shipped() throws IOException {
        return VersionLifecycle.parse(new ObjectMapper().readTree(Path.of("reference/cloud-facts/kubernetes-versions.json").toFile()));
    }

    @Test
    void theRecordedProdPinIsPastItsEndOfLifeAndWarnedAboutNotRefused() throws IOException {
        var recorded = TestStacks.file("src/test/resources/real-preview/Pulumi.prod.single-control-plane.yaml").load(); // loads: no refusal
        var warnings = VersionLifecycle.warnings(recorded, shipped(), TODAY);
        assertEquals(3, warnings.size(), warnings.toString());
        for (var w : warnings) {
            assertTrue(w.contains(".cluster.version = 1.30.7-aliyun.1") && w.contains("2026-06-30") && w.contains("support-for-kubernetes-versions"), w);
        }
        assertTrue(warnings.get(0).startsWith("asm-dr:regions["), warnings.get(0));
        // the day before the end of life: nothing yet
        assertEquals(List.of(), VersionLifecycle.warnings(recorded, shipped(), LocalDate.of(2026, 6, 30)));
    }

    @Test
    void shippedProdPinsAVersionWithoutAPastEndOfLifeAndTheTablesOfferIt() throws IOException {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml").load();
        assertEquals(List.of(), VersionLifecycle.warnings(prod, shipped(), TODAY));
        var versions = new ObjectMapper().readTree(Path.of("reference/cloud-facts/kubernetes-versions.json").toFile()).path("versions");
        prod.regions().forEach(r -> assertTrue(versions.has(r.cluster().version().orElseThrow()), r.cluster().version() + " is in the reference table"));
    }

    @Test
    void anUnpinnedVersionOrAMinorWithoutAPublishedDateIsNotWarnedAbout() throws IOException {
        var dev = TestStacks.file("Pulumi.dev.yaml").load();
        assertEquals(List.of(), VersionLifecycle.warnings(dev, shipped(), TODAY));
        var pinned = TestStacks.file("Pulumi.dev.yaml").with("regions[0].cluster.version", "1.33.3-aliyun.1").load();
        assertEquals(List.of(), VersionLifecycle.warnings(pinned, shipped(), TODAY));
    }
}
