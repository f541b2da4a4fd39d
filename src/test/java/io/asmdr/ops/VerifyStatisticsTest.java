package io.asmdr.ops;

import io.asmdr.config.StackSpec;
import io.asmdr.support.TestStacks;
import io.asmdr.trafficmodel.TrafficModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdict's statistics, by seeded simulation (no HTTP): a gateway that serves exactly the
 * model's shares passes at least 1 - alpha of the time whatever the number of regions, and one that
 * serves the naive weights is caught at least as often as the printed power says.
 */
class VerifyStatisticsTest {
    static final int RUNS = 1_000;

    /** A tally of {@code pages} pages drawn from the per-row shares, as the gateway would have served them. */
    static Tally simulated(StackSpec spec, double[] shares, int pages, SplittableRandom random, int errors) {
        var tally = new Tally();
        var versions = spec.regions().stream().map(r -> r.bookinfo().reviews()).distinct().toList();
        var counts = new long[shares.length];
        ShareTest.sample(ShareTest.cumulative(shares), pages, random, counts);
        for (int i = 0; i < counts.length; i++) {
            for (long j = 0; j < counts[i]; j++) {
                tally.add(Outcome.ofVersion(versions.get(i)), 200);
            }
        }
        for (int e = 0; e < errors; e++) {
            tally.add(Outcome.HTTP_ERROR, 503, "HTTP 503");
        }
        return tally;
    }

    static StackSpec distributing(int regions) {
        var stacks = TestStacks.flannel(regions);
        var weights = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < regions; i++) {
            weights.put(TestStacks.REGIONS.get(i), i == 0 ? 100 - 10 * (regions - 1) : 10);
        }
        return stacks.with("traffic", Map.of("mode", "distribute",
                "distribute", List.of(Map.of("from", TestStacks.REGIONS.get(0), "to", weights)))).load();
    }

    @ParameterizedTest(name = "{0} regions")
    @ValueSource(ints = {2, 3, 4, 5})
    void aModelExactGatewayFailsAtMostAlphaOfTheTime(int regions) {
        var spec = distributing(regions);
        var scenario = TrafficModel.Scenario.healthy();
        var model = Verification.modelAndNaive(spec, scenario)[0];
        var random = new SplittableRandom(1000 + regions);
        int failures = 0;
        for (int run = 0; run < RUNS; run++) {
            if (!Verification.judge(spec, scenario, simulated(spec, model, 500, random, 0), Verification.Settings.defaults()).passed()) {
                failures++;
            }
        }
        double alpha = Verification.Settings.DEFAULT_ALPHA;
        double tolerance = 3 * Math.sqrt(alpha * (1 - alpha) / RUNS);
        assertTrue(failures / (double) RUNS <= alpha + tolerance,
                regions + " regions: " + failures + " of " + RUNS + " healthy runs failed (per-row tests at 95% failed 12-17%)");
    }

    @Test
    void theNaiveWeightsAreCaughtWithThePrintedPower() {
        var spec = TestStacks.file("stacks/Pulumi.dev.yaml").load();
        var scenario = TrafficModel.Scenario.healthy();
        var shares = Verification.modelAndNaive(spec, scenario);
        assertEquals(0.86, shares[0][0], 1e-9, "the model: 86/14");
        assertEquals(0.90, shares[1][0], 1e-9, "the naive reading: 90/10");
        int pages = Power.minimumPages(shares[0], shares[1], 0.05, 100_000, 42);
        double stated = Power.of(shares[0], shares[1], pages, 0.05, 42);
        assertTrue(stated >= Power.TARGET, "the minimum has the target power: " + stated);
        assertTrue(pages > 200 && pages < 2000, "200 requests are not enough to tell 86/14 from 90/10; " + pages + " are");
        var random = new SplittableRandom(7);
        int caught = 0;
        for (int run = 0; run < RUNS; run++) {
            if (!Verification.judge(spec, scenario, simulated(spec, shares[1], pages, random, 0), Verification.Settings.defaults()).passed()) {
                caught++;
            }
        }
        double tolerance = 3 * Math.sqrt(stated * (1 - stated) / RUNS);
        assertTrue(caught / (double) RUNS >= stated - tolerance, "caught " + caught + " of " + RUNS + ", stated power " + stated);
        assertTrue(Power.of(shares[0], shares[1], 200, 0.05, 42) < 0.5, "at the old default of 200 requests the naive weights mostly pass");
    }

    @Test
    void errorsAreJudgedApartFromShares() {
        var spec = TestStacks.file("stacks/Pulumi.dev.yaml").load();
        var scenario = TrafficModel.Scenario.healthy();
        var model = Verification.modelAndNaive(spec, scenario)[0];
        var oneIn2000 = Verification.judge(spec, scenario, exact(spec, model, 1999, 1), Verification.Settings.defaults());
        assertTrue(oneIn2000.passed(), oneIn2000.table());
        assertEquals(0.86, oneIn2000.rows().get(0).observedShare(), 0.001, "shares are over served pages: an error pulls no row down");
        var fivePercent = Verification.judge(spec, scenario, exact(spec, model, 1900, 100), Verification.Settings.defaults());
        assertFalse(fivePercent.passed());
        assertTrue(fivePercent.shares().passed(), "the shares themselves are fine");
        assertFalse(fivePercent.errors().passed());
        assertTrue(fivePercent.table().contains("TOO MANY"), fivePercent.table());
    }

    @Test
    void rowsNeverContradictTheVerdict() {
        var spec = TestStacks.file("stacks/Pulumi.dev.yaml").load();
        var scenario = TrafficModel.Scenario.healthy();
        var random = new SplittableRandom(3);
        var model = Verification.modelAndNaive(spec, scenario)[0];
        for (int run = 0; run < 300; run++) {
            var shares = run % 2 == 0 ? model : new double[] {0.8, 0.2};
            var v = Verification.judge(spec, scenario, simulated(spec, shares, 300, random, 0), Verification.Settings.defaults());
            boolean anyOff = v.rows().stream().anyMatch(Verification.Row::off);
            assertEquals(!v.passed(), anyOff, v.table());
        }
    }

    /** Exactly the model's shares (rounded), plus errors. */
    static Tally exact(StackSpec spec, double[] shares, int pages, int errors) {
        var tally = new Tally();
        var versions = spec.regions().stream().map(r -> r.bookinfo().reviews()).distinct().toList();
        long placed = 0;
        for (int i = 0; i < shares.length; i++) {
            long n = i == shares.length - 1 ? pages - placed : Math.round(shares[i] * pages);
            placed += n;
            for (long j = 0; j < n; j++) {
                tally.add(Outcome.ofVersion(versions.get(i)), 200);
            }
        }
        for (int e = 0; e < errors; e++) {
            tally.add(Outcome.HTTP_ERROR, 500, "HTTP 500");
        }
        return tally;
    }
}
