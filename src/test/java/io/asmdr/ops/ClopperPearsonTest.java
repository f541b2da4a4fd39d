package io.asmdr.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact bounds against their closed forms at the edges, and against the binomial tails they invert. */
class ClopperPearsonTest {
    @Test
    void atNoneAndAllTheBoundsHaveClosedForms() {
        // x = 0: the upper bound solves (1 - p)^n = alpha; x = n: the lower bound solves p^n = alpha
        var none = ClopperPearson.of(0, 10, 0.025);
        assertEquals(0.0, none.low(), 0.0);
        assertEquals(1 - Math.pow(0.025, 0.1), none.high(), 1e-9);
        var all = ClopperPearson.of(10, 10, 0.025);
        assertEquals(Math.pow(0.025, 0.1), all.low(), 1e-9);
        assertEquals(1.0, all.high(), 0.0);
        assertEquals(new ClopperPearson(0, 1), ClopperPearson.of(0, 0, 0.05));
    }

    @Test
    void eachBoundIsWhereItsBinomialTailIsAlpha() {
        for (long n : new long[] {7, 50, 250, 900, 5000}) {
            for (long x : new long[] {1, n / 7, n / 2, n - 1}) {
                var b = ClopperPearson.of(x, n, 0.05);
                assertEquals(0.05, ClopperPearson.atLeast(x, n, b.low()), 1e-7, "lower bound of " + x + "/" + n);
                assertEquals(0.05, ClopperPearson.atMost(x, n, b.high()), 1e-7, "upper bound of " + x + "/" + n);
                assertTrue(b.contains((double) x / n) && b.low() < b.high());
            }
        }
    }

    @Test
    void theTailsAtTheirEnds() {
        assertEquals(1.0, ClopperPearson.atLeast(0, 10, 0.3), 0.0);
        assertEquals(0.0, ClopperPearson.atLeast(11, 10, 0.3), 0.0);
        assertEquals(Math.pow(0.3, 10), ClopperPearson.atLeast(10, 10, 0.3), 1e-15);
        assertEquals(1.0, ClopperPearson.atMost(10, 10, 0.3), 0.0);
        assertEquals(0.0, ClopperPearson.atMost(-1, 10, 0.3), 0.0);
        assertEquals(Math.pow(0.7, 10), ClopperPearson.atMost(0, 10, 0.3), 1e-15);
    }

    /** An interval contains its own bounds and a rounding (1e-12) beyond them, and nothing further out. */
    @Test
    void anIntervalContainsItsBoundsWithinRoundingAndNothingOutside() {
        var b = ClopperPearson.of(30, 100, 0.05);
        assertTrue(b.contains(b.low()) && b.contains(b.high()) && b.contains(0.3));
        assertTrue(b.contains(b.low() - 1e-12) && b.contains(b.high() + 1e-12), "a rounding beyond a bound is in");
        assertFalse(b.contains(b.low() - 1e-9), "below the interval");
        assertFalse(b.contains(b.high() + 1e-9), "above the interval");
        assertFalse(b.contains(0.0) || b.contains(1.0));
    }
}
