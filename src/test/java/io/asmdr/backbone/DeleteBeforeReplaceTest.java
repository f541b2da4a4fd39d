package io.asmdr.backbone;

import io.asmdr.plan.PlanFile;
import io.asmdr.plan.PlannedResource;
import io.asmdr.support.TestStacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes and associations, which cannot exist twice, are deleted before their replacement, and plan.json says so. */
class DeleteBeforeReplaceTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyRouteEntryAndAssociationRecordsDeleteBeforeReplace(String stack) throws Exception {
        var run = TestStacks.shipped(stack).run(stack);
        var file = tmp.resolve("plan.json");
        Files.writeString(file, run.plan().toPreviewJson());
        var plan = PlanFile.read(file);
        var conflicting = plan.resources().stream().filter(r -> Backbone.CONFLICTS_WITH_ITS_REPLACEMENT.contains(r.type())).toList();
        assertTrue(conflicting.size() > 10, "routes and associations: " + conflicting.size());
        for (var r : conflicting) {
            assertEquals(Optional.of(true), r.options().deleteBeforeReplace(), r.urn());
        }
        // and nothing else: a VPC or a cluster deleted before its replacement exists would be an outage
        var others = plan.resources().stream().filter(r -> !Backbone.CONFLICTS_WITH_ITS_REPLACEMENT.contains(r.type()))
                .filter(r -> r.options().deleteBeforeReplace().orElse(false)).map(PlannedResource::urn).toList();
        assertEquals(0, others.size(), others.toString());
    }
}
