package io.asmdr.plan;

import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code RULE:RESOURCE[,RESOURCE…]}: a known rule and named resources, never a rule for everything. */
class AllowanceTest {
    @Test
    void aRuleWithItsResources() {
        var a = Allowance.parse("critical-replaced: b , a");
        assertEquals("critical-replaced", a.rule());
        assertEquals(Set.of("a", "b"), a.resources());
    }

    @Test
    void eachWrongFormIsAUsageErrorThatSaysWhatIsWrong() {
        var noRule = assertThrows(IllegalArgumentException.class, () -> Allowance.parse(":mesh"));
        assertTrue(noRule.getMessage().startsWith("--allow :mesh: '' is not a rule ("), noRule.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> Allowance.parse("nope:mesh"));
        assertTrue(unknown.getMessage().contains("'nope' is not a rule") && unknown.getMessage().contains("critical-replaced"), unknown.getMessage());
        for (var bare : new String[] {"critical-replaced", "critical-replaced:", "critical-replaced:a,,b", "critical-replaced:a b"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Allowance.parse(bare), bare);
            assertTrue(e.getMessage().contains("a rule is never allowed for every resource"), e.getMessage());
        }
    }
}
