package io.asmdr.ops;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WilsonTest {
    @Test
    void matchesPublishedValues() {
        // 14 of 100 at 95%: Wilson [0.0853, 0.2215]
        var w = Wilson.of95(14, 100);
        assertEquals(0.0853, w.low(), 5e-4);
        assertEquals(0.2215, w.high(), 5e-4);
        // the edges stay inside [0, 1] and are not degenerate
        var none = Wilson.of95(0, 10);
        assertEquals(0.0, none.low(), 1e-12);
        assertEquals(0.2775, none.high(), 5e-4);
        var all = Wilson.of95(10, 10);
        assertEquals(0.7225, all.low(), 5e-4);
        assertEquals(1.0, all.high(), 1e-12);
    }

    @Test
    void separatesFourteenFromTenAtAThousandRequests() {
        assertTrue(Wilson.of95(140, 1000).contains(0.14));
        assertFalse(Wilson.of95(140, 1000).contains(0.10));
        assertFalse(Wilson.of95(100, 1000).contains(0.14));
    }

    @Test
    void coversTheTrueShareAboutNinetyFivePercentOfTheTime() {
        var random = new Random(3);
        int covered = 0;
        int trials = 2000;
        for (int t = 0; t < trials; t++) {
            int hits = 0;
            for (int i = 0; i < 200; i++) {
                hits += random.nextDouble() < 0.14 ? 1 : 0;
            }
            covered += Wilson.of95(hits, 200).contains(0.14) ? 1 : 0;
        }
        double coverage = (double) covered / trials;
        assertTrue(coverage > 0.92 && coverage < 0.98, "coverage " + coverage);
    }
}
