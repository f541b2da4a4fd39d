package io.asmdr.ops;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only this program's own update entries lose {@code f:replicas}; the stack's apply entry and everything else stay. */
class FieldOwnershipTest {
    /** A managedFields entry as the API server writes one (FieldOwnershipMockTest stores them too). */
    static ManagedFieldsEntry entry(String manager, String operation, String subresource, Map<String, Object> fields) {
        var v1 = new FieldsV1();
        fields.forEach(v1::setAdditionalProperty);
        return new ManagedFieldsEntry("apps/v1", "FieldsV1", v1, manager, operation, subresource, "2026-12-07T04:00:00Z");
    }

    private static Map<String, Object> spec(String... fields) {
        var spec = new LinkedHashMap<String, Object>();
        for (var f : fields) {
            spec.put(f, Map.of());
        }
        return new LinkedHashMap<>(Map.of("f:spec", spec));
    }

    @Test
    void theDrillsEntryGivesUpTheCountAndKeepsItsAnnotation() {
        var pulumi = entry("pulumi-kubernetes-7b3e", "Apply", null, spec("f:template", "f:selector"));
        var drillFields = spec("f:replicas");
        drillFields.put("f:metadata", Map.of("f:annotations", Map.of("f:asm-dr.io/restored-by", Map.of())));
        var drill = entry(LiveStack.FIELD_MANAGER, "Update", null, drillFields);
        var status = entry("kube-controller-manager", "Update", "status", Map.of("f:status", Map.of("f:replicas", Map.of())));

        var out = FieldOwnership.withoutReplicas(List.of(pulumi, drill, status), Set.of(LiveStack.FIELD_MANAGER)).orElseThrow();
        assertEquals(3, out.size());
        assertEquals(pulumi, out.get(0));
        assertEquals(status, out.get(2));
        var left = out.get(1).getFieldsV1().getAdditionalProperties();
        assertEquals(List.of("f:metadata"), List.copyOf(left.keySet()), "f:spec had only the count: it goes, the annotation stays");
        assertEquals(LiveStack.FIELD_MANAGER, out.get(1).getManager());
        assertEquals("Update", out.get(1).getOperation());
    }

    @Test
    void anEntryLeftWithNothingGoesAndOtherSpecFieldsStay() {
        var pulumi = entry("pulumi-kubernetes-7b3e", "Apply", null, spec("f:template"));
        var onlyCount = entry(LiveStack.FIELD_MANAGER, "Update", null, spec("f:replicas"));
        assertEquals(List.of(pulumi), FieldOwnership.withoutReplicas(List.of(pulumi, onlyCount), Set.of(LiveStack.FIELD_MANAGER)).orElseThrow());

        var more = entry(LiveStack.FIELD_MANAGER, "Update", null, spec("f:replicas", "f:paused"));
        var out = FieldOwnership.withoutReplicas(List.of(more), Set.of(LiveStack.FIELD_MANAGER)).orElseThrow();
        assertEquals(Map.of("f:paused", Map.of()), out.get(0).getFieldsV1().getAdditionalProperties().get("f:spec"));
    }

    @Test
    void nothingChangesWhenTheProgramOwnsNoCount() {
        var pulumi = entry("pulumi-kubernetes-7b3e", "Apply", null, spec("f:replicas"));
        var someoneElse = entry("kubectl", "Update", null, spec("f:replicas"));
        var ownApply = entry(LiveStack.FIELD_MANAGER, "Apply", null, spec("f:replicas"));
        var ownScale = entry(LiveStack.FIELD_MANAGER, "Update", "scale", spec("f:replicas"));
        assertTrue(FieldOwnership.withoutReplicas(List.of(pulumi, someoneElse, ownApply, ownScale), Set.of(LiveStack.FIELD_MANAGER)).isEmpty());
        assertTrue(FieldOwnership.withoutReplicas(null, Set.of(LiveStack.FIELD_MANAGER)).isEmpty(), "a server without managedFields (the mock)");
        assertTrue(FieldOwnership.withoutReplicas(List.of(), Set.of(LiveStack.FIELD_MANAGER)).isEmpty());
    }

    @Test
    void whenNoEntryWouldRemainOneEmptyEntryClearsThem() {
        var onlyCount = entry(LiveStack.FIELD_MANAGER, "Update", null, spec("f:replicas"));
        var out = FieldOwnership.withoutReplicas(List.of(onlyCount), Set.of(LiveStack.FIELD_MANAGER)).orElseThrow();
        assertEquals(1, out.size());
        assertEquals(new ManagedFieldsEntry(), out.get(0));
    }

    @Test
    void theManagerEarlierBuildsWroteUnderGivesItsCountUpToo() {
        var pulumi = entry("pulumi-kubernetes-7b3e", "Apply", null, spec("f:template"));
        var earlier = entry(FieldOwnership.EARLIER_MANAGER, "Update", null, spec("f:replicas"));
        var now = entry(LiveStack.FIELD_MANAGER, "Update", null, spec("f:replicas"));
        assertEquals(List.of(pulumi), FieldOwnership.withoutReplicas(List.of(pulumi, earlier, now), FieldOwnership.DRILL_MANAGERS).orElseThrow());
    }
}
