package io.asmdr.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SampleSize at its ends: no request passes or fails nothing, and a budget of everything always passes. */
class SampleSizeTest {
    @Test
    void noRequestsShowNothingAndABudgetOfEverythingAlwaysPasses() {
        assertEquals(0.0, SampleSize.failProbability(new double[] {0.9, 0.1}, 0, 0.05, 0.05), 0.0);
        assertEquals(0.0, SampleSize.errorPassProbability(0.0, 0, 0.01, 0.05), 0.0, "no request shows the errors below anything");
        assertEquals(1.0, SampleSize.errorPassProbability(0.5, 100, 1.0, 0.05), 0.0);
    }
}
