package io.asmdr.plan;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The ignoreChanges paths PlanDiff reads and writes: {@code a.b}, {@code list[0].field}, {@code m[1][0]}; a path that is not there is no value. */
class PlanDiffPathsTest {
    private static final Map<String, Object> INPUTS = Map.of(
            "spec", Map.of("replicas", 3, "ports", List.of(Map.of("port", 80), Map.of("port", 443))),
            "matrix", List.of(List.of("a", "b"), List.of("c")),
            "kubeconfig", "k");

    @Test
    void readsNamesAndIndexesAndNothingElse() {
        assertEquals(3, PlanDiff.at(INPUTS, "spec.replicas"));
        assertEquals(443, PlanDiff.at(INPUTS, "spec.ports[1].port"));
        assertEquals(80, PlanDiff.at(INPUTS, "spec.ports[0].port"));
        assertEquals("c", PlanDiff.at(INPUTS, "matrix[1][0]"));
        assertEquals("b", PlanDiff.at(INPUTS, "matrix[0][1]"));
        assertNull(PlanDiff.at(INPUTS, "spec.ports[2].port"), "past the end");
        assertNull(PlanDiff.at(INPUTS, "spec.ports[-1].port"));
        assertNull(PlanDiff.at(INPUTS, "spec.ports[x].port"));
        assertNull(PlanDiff.at(INPUTS, "spec.ports[0"), "no closing bracket");
        assertNull(PlanDiff.at(INPUTS, "kubeconfig[0]"), "a string is no list");
        assertNull(PlanDiff.at(INPUTS, "kubeconfig.x"), "a string has no fields");
        assertNull(PlanDiff.at(INPUTS, "nope.x"));
    }

    @Test
    void writesACopyAtThePathAndLeavesEverythingElse() {
        assertEquals(Map.of("spec", Map.of("replicas", 3, "ports", List.of(Map.of("port", 80), Map.of("port", 8443))),
                        "matrix", List.of(List.of("a", "b"), List.of("c")), "kubeconfig", "k"),
                PlanDiff.withValueAt(INPUTS, "spec.ports[1].port", 8443));
        assertEquals(List.of(List.of("a", "z"), List.of("c")), ((Map<?, ?>) PlanDiff.withValueAt(INPUTS, "matrix[0][1]", "z")).get("matrix"));
        assertEquals("kept", ((Map<?, ?>) PlanDiff.withValueAt(INPUTS, "kubeconfig", "kept")).get("kubeconfig"));
        assertEquals(3, PlanDiff.at(INPUTS, "spec.replicas"), "the original is untouched");
        // where the path is not there: equal to what it was
        assertEquals(INPUTS, PlanDiff.withValueAt(INPUTS, "spec.ports[2].port", 1));
        assertEquals(INPUTS, PlanDiff.withValueAt(INPUTS, "spec.ports[-1].port", 1));
        assertEquals(INPUTS, PlanDiff.withValueAt(INPUTS, "spec.ports[x].port", 1));
        assertEquals(INPUTS, PlanDiff.withValueAt(INPUTS, "nope", 1));
        assertEquals(Map.of("port", 1), ((List<?>) ((Map<?, ?>) ((Map<?, ?>) PlanDiff.withValueAt(INPUTS, "spec.ports[0].port", 1)).get("spec"))
                .get("ports")).get(0));
    }
}
