package io.asmdr.ops;

import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the tables and reports call each outcome: its own words, one per outcome. */
class OutcomeTest {
    @Test
    void everyOutcomeHasItsOwnLabel() {
        assertEquals("timeout (no complete page within --timeout)", Outcome.TIMEOUT.label());
        assertEquals("reviews v2 (black stars)", Outcome.REVIEWS_V2.label());
        var labels = new HashSet<String>();
        Arrays.stream(Outcome.values()).forEach(o -> labels.add(o.label()));
        assertEquals(Outcome.values().length, labels.size(), "no two alike, none empty: " + labels);
    }
}
