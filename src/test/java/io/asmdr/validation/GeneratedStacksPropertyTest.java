package io.asmdr.validation;

import io.asmdr.support.TestStacks;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated stacks: every well-formed layout loads; every injected clash is reported at its key. */
class GeneratedStacksPropertyTest {
    private final Random random = new Random(42);

    @Test
    void wellFormedStacksOfTwoToFiveRegionsLoad() {
        for (int n = 2; n <= 5; n++) {
            var spec = TestStacks.flannel(n).load();
            assertEquals(n, spec.regions().size());
            assertEquals(n, spec.backboneRegions().size());
            for (var net : spec.networks()) {
                assertEquals(2, net.attachmentVswitches().size());
            }
        }
    }

    @Test
    void anyClusterRangeReusedAnywhereIsCaughtAtItsKey() {
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(4);
            int victim = random.nextInt(n);
            int donor = (victim + 1 + random.nextInt(n - 1)) % n;
            String field = random.nextBoolean() ? "podCidr" : "serviceCidr";
            String donorRange = switch (random.nextInt(3)) {
                case 0 -> "10." + donor + ".0.0/16";                       // another cluster's Pod CIDR
                case 1 -> "172." + (16 + donor) + ".0.0/16";                // another cluster's Service CIDR
                default -> (20 + donor) + "." + random.nextInt(256) + ".0.0/16"; // inside another region's VPC
            };
            var key = "asm-dr:regions[" + victim + "].cluster." + field;
            var stacks = TestStacks.flannel(n).with("regions[" + victim + "].cluster." + field, donorRange);
            var e = assertThrows(SpecException.class, stacks::load, key + " = " + donorRange);
            assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(key) || p.conflict().contains(key)),
                    key + " = " + donorRange + " not reported: " + e.getMessage());
        }
    }

    @Test
    void anyVpcOverlapIsCaught() {
        for (int trial = 0; trial < 100; trial++) {
            int n = 2 + random.nextInt(4);
            int a = random.nextInt(n);
            int b = (a + 1 + random.nextInt(n - 1)) % n;
            var stacks = TestStacks.flannel(n).with("regions[" + a + "].vpc.cidr", (20 + b) + ".0.0.0/" + (8 + random.nextInt(9)));
            var e = assertThrows(SpecException.class, stacks::load);
            assertTrue(e.getMessage().contains("regions[" + Math.max(a, b) + "].vpc.cidr"), e.getMessage());
        }
    }
}
