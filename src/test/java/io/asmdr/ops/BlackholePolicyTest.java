package io.asmdr.ops;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NetworkPolicy a region-loss drill applies, built without an API server: what it selects, that it
 * admits nothing, and its drill label, a valid label value whatever the drill id (kubernetes.io,
 * "Labels and Selectors": at most 63 characters of [A-Za-z0-9._-], alphanumeric at both ends).
 */
class BlackholePolicyTest {
    static String label(String drillId) {
        return Drill.blackholePolicy("default", true, drillId).getMetadata().getLabels().get(Drill.BLACKHOLE_LABEL);
    }

    @Test
    void theBookinfoPolicySelectsTheAppsAndTheGatewayPolicyTheGatewayAndNeitherAdmitsAnything() {
        var bookinfo = Drill.blackholePolicy("default", true, "d-1");
        assertEquals(Drill.BLACKHOLE, bookinfo.getMetadata().getName());
        assertEquals("default", bookinfo.getMetadata().getNamespace());
        assertEquals(Drill.BOOKINFO_APPS, bookinfo.getSpec().getPodSelector().getMatchExpressions().get(0).getValues());
        var gateway = Drill.blackholePolicy("istio-system", false, "d-1");
        assertEquals(Drill.GATEWAY_LABELS, gateway.getSpec().getPodSelector().getMatchLabels());
        for (var p : List.of(bookinfo, gateway)) {
            assertEquals(List.of("Ingress"), p.getSpec().getPolicyTypes());
            assertTrue(p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty(), "no rule: nothing admitted");
        }
    }

    @Test
    void theDrillLabelIsAValidLabelValueWhateverTheId() {
        assertEquals("d-1", label("d-1"));
        assertEquals("3f2a9c1e-7b4d-4e0a-9f1b-2c3d4e5f6a7b", label("3f2a9c1e-7b4d-4e0a-9f1b-2c3d4e5f6a7b"));
        assertEquals("drill-of-ops.team", label("--drill of ops.team/"), "other characters become '-', none left at the ends");
        assertEquals("a".repeat(63), label("a".repeat(63) + "bcd"), "cut at 63");
        assertEquals("a".repeat(62), label("a".repeat(62) + "-b"), "and what the cut leaves at the end is trimmed");
    }
}
