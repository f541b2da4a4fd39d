package io.asmdr.ops;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The samples a tally keeps of each outcome: up to three different ones, each cut to 200 characters and marked when cut. */
class TallyTest {
    @Test
    void aSampleOfTwoHundredCharactersIsKeptWholeAndALongerOneIsCutAndMarked() {
        var tally = new Tally();
        var exact = "x".repeat(200);
        tally.add(Outcome.HTTP_ERROR, 503, exact);
        tally.add(Outcome.HTTP_ERROR, 503, "y".repeat(201));
        tally.add(Outcome.HTTP_ERROR, 503, exact);
        tally.add(Outcome.HTTP_ERROR, 503, "third");
        tally.add(Outcome.HTTP_ERROR, 503, "fourth");
        assertEquals(List.of(exact, "y".repeat(200) + "...", "third"), tally.samples().get(Outcome.HTTP_ERROR),
                "the same sample once, at most " + Tally.SAMPLES_PER_OUTCOME);
        assertEquals(5, tally.count(Outcome.HTTP_ERROR), "every answer is counted, sampled or not");
    }
}
