package io.asmdr.ops;

import io.asmdr.config.StackSpec;
import io.asmdr.support.TestStacks;
import io.asmdr.trafficmodel.TrafficModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Verification#judge} on tallies built by hand: the rows' expected and observed shares, pages the
 * model rules out, the error budget's p-values at its edges (nothing sent, a budget of 1), what would
 * settle an undecided run, and the table's and summary's exact contents.
 */
class VerificationTest {
    static final Verification.Settings DEFAULTS = Verification.Settings.defaults();

    static StackSpec dev() {
        return TestStacks.file("Pulumi.dev.yaml").load();
    }

    /**
     * Three regions (rows in the spec's order: cn-beijing v3, cn-hangzhou v1, cn-shanghai v2): the
     * gateway region cn-hangzhou sends 80/10/10, the other two keep their traffic at home. With cn-shanghai's reviews lost, its productpage (a tenth of the
     * requests) has no reviews left that its rule lists, so the model expects 10% unserved: the
     * served share is 0.9, v1 expects 0.8 * 8/9 of the requests, v3 0.8 * 1/9 + 0.1, v2 nothing.
     */
    static StackSpec homeBound() {
        var fromHangzhou = new LinkedHashMap<String, Integer>();
        fromHangzhou.put("cn-hangzhou", 80);
        fromHangzhou.put("cn-shanghai", 10);
        fromHangzhou.put("cn-beijing", 10);
        return TestStacks.flannel(3).with("traffic", Map.of("mode", "distribute", "distribute", List.of(
                Map.of("from", "cn-hangzhou", "to", fromHangzhou),
                Map.of("from", "cn-shanghai", "to", Map.of("cn-shanghai", 100)),
                Map.of("from", "cn-beijing", "to", Map.of("cn-beijing", 100))))).load();
    }

    static final TrafficModel.Scenario SHANGHAI_REVIEWS_LOST = TrafficModel.Scenario.reviewsLostIn("cn-shanghai");

    static Tally tally(Object... outcomeAndCount) {
        var tally = new Tally();
        for (int i = 0; i < outcomeAndCount.length; i += 2) {
            var outcome = (Outcome) outcomeAndCount[i];
            tally.add(outcome, outcome == Outcome.HTTP_ERROR ? 503 : 200, ((Number) outcomeAndCount[i + 1]).longValue());
        }
        return tally;
    }

    @Test
    void aRowsObservedShareIsItsPagesOverAllPagesAndZeroWithoutPages() {
        assertEquals(0.75, new Verification.Row("cn-hangzhou", "v1", 0.86, 3, 4, Equivalence.Decision.PASS).observedShare());
        assertEquals(0.0, new Verification.Row("cn-hangzhou", "v1", 0.86, 0, 0, Equivalence.Decision.INCONCLUSIVE).observedShare(),
                "no pages: a share of 0, not 0/0");
    }

    @Test
    void aRowsStatusNamesItsDecisionOrWhetherARowTheModelRulesOutServedAnything() {
        assertEquals("within", new Verification.Row("a", "v1", 0.5, 1, 2, Equivalence.Decision.PASS).status());
        assertEquals("OUTSIDE", new Verification.Row("a", "v1", 0.5, 1, 2, Equivalence.Decision.FAIL).status());
        assertEquals("undecided", new Verification.Row("a", "v1", 0.5, 1, 2, Equivalence.Decision.INCONCLUSIVE).status());
        assertEquals("none expected, none seen", new Verification.Row("a", "v2", 0.0, 0, 2, null).status());
        assertEquals("IMPOSSIBLE", new Verification.Row("a", "v2", 0.0, 1, 2, null).status());
    }

    @Test
    void errorsAreShownBelowEvenABudgetOfOneOnlyOnceARequestWasSent() {
        assertFalse(Verification.errorsShownBelow(0, 0, 1.0, DEFAULTS.alpha()), "nothing sent shows nothing");
        assertTrue(Verification.errorsShownBelow(0, 1, 1.0, DEFAULTS.alpha()), "one request under a budget of 1");
        assertTrue(Verification.errorsShownBelow(1, 1, 1.0, DEFAULTS.alpha()), "even a failed one");
    }

    @Test
    void theModelsSharesAreOfThePagesItExpectsServedAndAVersionItRulesOutIsImpossible() {
        var spec = homeBound();
        double v1 = 0.8 * 8 / 9 / 0.9;
        double v3 = (0.8 / 9 + 0.1) / 0.9;
        assertArrayEquals(new double[] {v3, v1}, Verification.expectedShares(spec, SHANGHAI_REVIEWS_LOST), 1e-12,
                "shares of the 90% served, not of all requests");
        var v = Verification.judge(spec, SHANGHAI_REVIEWS_LOST,
                tally(Outcome.REVIEWS_V1, 790, Outcome.REVIEWS_V2, 5, Outcome.REVIEWS_V3, 210, Outcome.TIMEOUT, 95), DEFAULTS);
        assertEquals(List.of("v3", "v1", "v2"), v.rows().stream().map(Verification.Row::version).toList());
        assertEquals(v3, v.rows().get(0).expected(), 1e-12);
        assertEquals(v1, v.rows().get(1).expected(), 1e-12);
        assertEquals(0.0, v.rows().get(2).expected());
        assertEquals(List.of(new Verification.Impossible(
                "reviews v2 of cn-shanghai, which the model expects no page from in this scenario", 5)), v.impossible());
        var v2 = v.rows().get(2);
        assertNull(v2.decision());
        assertEquals("IMPOSSIBLE", v2.status());
        assertEquals(1000, v2.pages(), "pages from expected rows only");
        assertEquals(0.005, v2.observedShare());
        assertEquals(0.79, v.rows().get(1).observedShare());
        assertEquals(100, v.errors().count(), "95 timeouts and 5 impossible pages");
        assertEquals(1100, v.errors().sent());
        assertEquals(0.1, v.errors().expectedUnserved(), 1e-12);
        assertEquals(0.11, v.errors().allowed(), 1e-12);

        var summary = v.summary();
        assertEquals(1000L, summary.get("pages"));
        assertEquals(List.of(Map.of("what", "reviews v2 of cn-shanghai, which the model expects no page from in this scenario", "pages", 5L)),
                summary.get("impossible"));
        @SuppressWarnings("unchecked")
        var rows = (List<Map<String, Object>>) summary.get("rows");
        var interval = ClopperPearson.of(5, 1000, DEFAULTS.alpha());
        var expected = new LinkedHashMap<String, Object>();
        expected.put("region", "cn-shanghai");
        expected.put("reviews", "v2");
        expected.put("expected", 0.0);
        expected.put("observed", 0.005);
        expected.put("observedCount", 5L);
        expected.put("intervalLow", interval.low());
        expected.put("intervalHigh", interval.high());
        expected.put("status", "IMPOSSIBLE");
        assertEquals(expected, rows.get(2));
        assertEquals(List.of("cn-beijing", "cn-hangzhou", "cn-shanghai"), rows.stream().map(m -> m.get("region")).toList());
        assertEquals("within", rows.get(0).get("status"));
    }

    @Test
    void aVersionTheModelRulesOutThatServedNothingIsNotImpossible() {
        var v = Verification.judge(homeBound(), SHANGHAI_REVIEWS_LOST, tally(Outcome.REVIEWS_V1, 790, Outcome.REVIEWS_V3, 210), DEFAULTS);
        assertEquals(List.of(), v.impossible());
        assertEquals("none expected, none seen", v.rows().get(2).status());
        assertEquals(List.of(), v.summary().get("impossible"));
    }

    @Test
    void impossiblePagesAreCountedInTheErrorsThatFailARun() {
        var v = Verification.judge(homeBound(), SHANGHAI_REVIEWS_LOST,
                tally(Outcome.REVIEWS_V1, 790, Outcome.REVIEWS_V2, 150, Outcome.REVIEWS_V3, 210, Outcome.TIMEOUT, 50), DEFAULTS);
        assertEquals(Equivalence.Decision.FAIL, v.errors().decision());
        assertEquals(Verification.Verdict.FAIL, v.verdict());
        assertTrue(v.reasons().get(0).startsWith("200 of 1200 requests (16.7%) got no page from an expected row (150 of them impossible under the model),"
                + " significantly more than the 11.0% allowed"), v.reasons().get(0));
    }

    @Test
    void whenTheModelExpectsNothingServedTheRowsExpectNothingAndTheBudgetIsEveryRequest() {
        var spec = dev();
        var lost = TrafficModel.Scenario.regionLost("cn-hangzhou");
        var v = Verification.judge(spec, lost, tally(Outcome.CONNECTION_ERROR, 10), DEFAULTS);
        assertEquals(List.of(0.0, 0.0), v.rows().stream().map(Verification.Row::expected).toList(), "0, not 0/0");
        assertEquals(1.0, v.errors().allowed());
        assertEquals(10, v.errors().count());
        assertEquals(0.0, v.errors().pBelow(), "under a budget of 1 the rate is below it whatever it is");
        assertEquals(1.0, v.errors().pAbove());
        assertEquals(Equivalence.Decision.PASS, v.errors().decision());
        assertEquals(Equivalence.Decision.INCONCLUSIVE, v.shares());
        assertEquals(Verification.Verdict.INCONCLUSIVE, v.verdict());
        assertEquals("no page came from an expected row; nothing to extrapolate from", v.toSettle());
        assertEquals(0L, v.summary().get("pages"));

        var none = Verification.judge(spec, lost, tally(Outcome.NOT_SENT, 3), DEFAULTS);
        assertEquals(0, none.errors().sent());
        assertEquals(1.0, none.errors().pBelow(), "nothing sent: no evidence either way");
        assertEquals(1.0, none.errors().pAbove());
        assertEquals(Equivalence.Decision.INCONCLUSIVE, none.errors().decision(), "a budget of 1 is not shown kept by no request");
        assertEquals(List.of("3 requests were not sent: the run hit --max-duration"), none.reasons());
    }

    @Test
    void nothingSentIsNoErrorFailureEvenWithNoErrorBudget() {
        var strict = new Verification.Settings(0.05, 0.0, 0.05);
        var v = Verification.judge(dev(), TrafficModel.Scenario.healthy(), new Tally(), strict);
        assertEquals(0.0, v.errors().allowed());
        assertEquals(Equivalence.Decision.INCONCLUSIVE, v.errors().decision());
        assertEquals(1.0, v.errors().pBelow());
        assertEquals(1.0, v.errors().pAbove());
        assertEquals(List.of("no request was sent"), v.reasons());
        assertEquals(Verification.Verdict.FAIL, v.verdict());
        assertFalse(v.passed());
    }

    @Test
    void tooManyErrorsFailWithExactPValuesAndTheirOutcomesShown() {
        var tally = tally(Outcome.REVIEWS_V1, 430, Outcome.REVIEWS_V2, 70);
        for (int i = 0; i < 100; i++) {
            tally.add(Outcome.HTTP_ERROR, i < 60 ? 503 : 504, i < 2 ? "HTTP/1.1 503 Service Unavailable" : null);
        }
        var v = Verification.judge(dev(), TrafficModel.Scenario.healthy(), tally, DEFAULTS);
        assertEquals(100, v.errors().count());
        assertEquals(600, v.errors().sent());
        var budget = BinomialDistribution.of(600, 0.01);
        assertEquals(budget.cumulativeProbability(100), v.errors().pBelow(), 1e-15);
        assertEquals(budget.survivalProbability(99), v.errors().pAbove(), 1e-300);
        assertTrue(v.errors().pAbove() < 1e-50 && v.errors().pAbove() > 0, "P(X >= 100 | 600, 1%): " + v.errors().pAbove());
        assertEquals(Equivalence.Decision.FAIL, v.errors().decision());
        assertEquals(Equivalence.Decision.PASS, v.shares(), "86/14 over 500 pages");
        assertEquals(List.of(String.format(Locale.ROOT, "100 of 600 requests (16.7%%) got no page from an expected row,"
                + " significantly more than the 1.0%% allowed (exact binomial test, p = %.4f <= alpha 0.05)", v.errors().pAbove())), v.reasons(),
                "no '(0 of them impossible ...)' without impossible pages");
        assertEquals(Verification.Verdict.FAIL, v.verdict());
        assertFalse(v.passed());

        var table = v.table();
        assertTrue(table.contains("\n     100  HTTP error status {503=60, 504=40}\n          e.g. HTTP/1.1 503 Service Unavailable\n"), table);

        var summary = v.summary();
        assertEquals(500L, summary.get("pages"));
        var outcomes = new LinkedHashMap<String, Object>();
        outcomes.put("REVIEWS_V1", 430L);
        outcomes.put("REVIEWS_V2", 70L);
        outcomes.put("HTTP_ERROR", 100L);
        assertEquals(outcomes, summary.get("outcomes"));
        assertEquals(Map.of("HTTP_ERROR", List.of("HTTP/1.1 503 Service Unavailable")), summary.get("samples"));
        assertEquals(false, summary.get("passed"));
        @SuppressWarnings("unchecked")
        var errors = (Map<String, Object>) summary.get("errors");
        assertEquals(v.errors().pBelow(), errors.get("pBelow"));
        assertEquals(v.errors().pAbove(), errors.get("pAbove"));
    }

    @Test
    void errorsAtExactlyTheBudgetCanNeverBeShownBelowIt() {
        var reviewsLost = TrafficModel.Scenario.reviewsLostIn("cn-hangzhou");
        var v = Verification.judge(dev(), reviewsLost, tally(Outcome.REVIEWS_V2, 99, Outcome.HTTP_ERROR, 1), DEFAULTS);
        assertEquals(Equivalence.Decision.PASS, v.shares(), "99 of 99 pages from the only expected row");
        assertEquals(v.errors().allowed(), v.errors().rate(), "1 of 100 is the 1% allowed");
        assertEquals(Equivalence.Decision.INCONCLUSIVE, v.errors().decision());
        assertEquals(Verification.Verdict.INCONCLUSIVE, v.verdict());
        assertFalse(v.passed());
        assertEquals("the errors (1.0%) are not shown below the 1.0% allowed, and at this rate no run would show it:"
                + " find what fails the requests (outcomes below)", v.toSettle());
    }

    @Test
    void aPassingRunPasses() {
        var v = Verification.judge(dev(), TrafficModel.Scenario.reviewsLostIn("cn-hangzhou"), tally(Outcome.REVIEWS_V2, 600), DEFAULTS);
        assertEquals(Verification.Verdict.PASS, v.verdict());
        assertTrue(v.passed());
        assertEquals(true, v.summary().get("passed"));
    }

    @Test
    void theTableNamesTheIntervalsLevelTheRetriesOnlyWhenThereWereAnyAndEveryErrorOutcome() {
        var tally = tally(Outcome.REVIEWS_V1, 430, Outcome.REVIEWS_V2, 70);
        var table = Verification.judge(dev(), TrafficModel.Scenario.healthy(), tally, DEFAULTS).table();
        var lines = table.lines().toList();
        assertEquals(String.format(Locale.ROOT, "%-36s %-7s %9s %-17s %9s  %-17s %s", "region", "reviews", "expected", "  margin",
                "observed", "90% interval", "row"), lines.get(3), "(1 - 2 alpha) at alpha 0.05: " + table);
        assertFalse(table.contains("pooled connection"), table);
        int start = lines.indexOf("outcomes:");
        assertEquals(List.of(
                "outcomes:",
                "     430  reviews v1 (no stars)",
                "      70  reviews v2 (black stars)",
                "       0  ratings unavailable (v2/v3 page without stars)",
                "       0  reviews unavailable (error page)",
                "       0  200 but not a Bookinfo product page",
                "       0  HTTP error status",
                "       0  page larger than --max-page-bytes, or headers above 64 KiB (not read further)",
                "       0  timeout (no complete page within --timeout)",
                "       0  connection error",
                ""), lines.subList(start, start + 11), "no v3, no client failure, no 'not sent' line when none; no statuses for no HTTP error");

        var retried = tally(Outcome.REVIEWS_V1, 430, Outcome.REVIEWS_V2, 70);
        retried.retried();
        retried.retried();
        var level80 = Verification.judge(dev(), TrafficModel.Scenario.healthy(), retried, new Verification.Settings(0.1, 0.01, 0.05)).table();
        assertTrue(level80.contains("  80% interval"), level80);
        assertTrue(level80.contains("\n2 request(s) found their pooled connection closed before sending and were sent again on a fresh one\n"), level80);
    }

    /** Each setting allowed exactly at its limit and refused a step past it, with the flag and the value as the user wrote it. */
    @Test
    void theSettingsAreHeldToTheirRanges() {
        new Verification.Settings(1e-9, 0, 0.005);
        new Verification.Settings(0.499, 0.999, 0.5);
        for (double alpha : new double[] {0, 0.5}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new Verification.Settings(alpha, 0.01, 0.05));
            assertEquals("--alpha must lie between 0 and 0.5, got " + alpha, e.getMessage());
        }
        assertEquals("--max-error-rate must lie in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Verification.Settings(0.05, 1, 0.05)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Verification.Settings(0.05, -0.001, 0.05));
        assertEquals("--margin takes percentage points between 0.5 and 50, got 0.4",
                assertThrows(IllegalArgumentException.class, () -> new Verification.Settings(0.05, 0.01, 0.004)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Verification.Settings(0.05, 0.01, 0.501));
    }

    /** The table's head, a decided row (share, margin, interval) beside a row the model rules out (its pages), the errors' bound. */
    @Test
    void theTableShowsSharesForDecidedRowsAndPagesForRowsTheModelRulesOut() {
        var v = Verification.judge(homeBound(), SHANGHAI_REVIEWS_LOST,
                tally(Outcome.REVIEWS_V1, 700, Outcome.REVIEWS_V3, 195, Outcome.REVIEWS_V2, 5, Outcome.HTTP_ERROR, 100), DEFAULTS);
        var lines = v.table().lines().toList();
        assertEquals("expectation: " + SHANGHAI_REVIEWS_LOST.title() + ", mode distribute, 1000 requests, 895 pages from an expected row",
                lines.get(0));
        assertEquals("margin: each row within ±5.0 percentage points of the model (and at least half its share), exact tests at 95% confidence",
                lines.get(1));
        var v1 = lines.stream().filter(l -> l.contains(" v1 ")).findFirst().orElseThrow();
        var interval = v.rows().stream().filter(r -> r.version().equals("v1")).findFirst().orElseThrow().interval(DEFAULTS.alpha());
        assertTrue(v1.contains("78.2%") && v1.contains("  [") && v1.contains("[" + pct(interval.low()) + ", " + pct(interval.high()) + "]"), v1);
        var v2 = lines.stream().filter(l -> l.contains(" v2 ")).findFirst().orElseThrow();
        assertTrue(v2.contains("5 pages") && !v2.contains("["), v2);
        var errors = lines.stream().filter(l -> l.startsWith("errors: ")).findFirst().orElseThrow();
        assertTrue(errors.startsWith(String.format(Locale.ROOT, "errors: 105 of 1000 sent (10.5%%; %.2f%% upper bound)",
                100 * ClopperPearson.of(105, 1000, DEFAULTS.alpha()).high())), errors);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /**
     * An undecided run says how many requests would settle it at the shares it saw, counting the requests that brought no
     * page; a run of that many requests with the same shares and the same errors does settle.
     */
    @Test
    void theAdviceForAnUndecidedRunIsEnoughRequests() {
        var spec = dev();
        var few = tally(Outcome.REVIEWS_V1, 87, Outcome.REVIEWS_V2, 13, Outcome.HTTP_ERROR, 100);
        var v = Verification.judge(spec, TrafficModel.Scenario.healthy(), few, new Verification.Settings(0.05, 0.99, 0.05));
        assertEquals(Equivalence.Decision.INCONCLUSIVE, v.shares(), v.table());
        var advice = Pattern.compile("at the shares observed, about (\\d+) requests would settle it \\(--requests (\\d+)\\)")
                .matcher(v.toSettle());
        assertTrue(advice.matches(), v.toSettle());
        long requests = Long.parseLong(advice.group(1));
        assertEquals(requests, Long.parseLong(advice.group(2)));
        assertEquals(0, requests % 50, "in steps of 50");
        var settled = Verification.judge(spec, TrafficModel.Scenario.healthy(), scaled(requests / 200.0), new Verification.Settings(0.05, 0.99, 0.05));
        assertFalse(settled.shares() == Equivalence.Decision.INCONCLUSIVE, "the advice followed: " + requests + " requests\n" + settled.table());
        assertEquals(Equivalence.Decision.INCONCLUSIVE,
                Verification.judge(spec, TrafficModel.Scenario.healthy(), scaled(requests / 800.0), new Verification.Settings(0.05, 0.99, 0.05)).shares(),
                "a quarter of the advice does not settle it: the advice is not padded");
    }

    /** 87 v1 pages, 13 v2 pages and 100 errors in 200 requests, times {@code factor}. */
    private static Tally scaled(double factor) {
        return tally(Outcome.REVIEWS_V1, Math.round(87 * factor), Outcome.REVIEWS_V2, Math.round(13 * factor), Outcome.HTTP_ERROR, Math.round(100 * factor));
    }

    /**
     * Shares 0.2 points inside the margin need some 100,000 pages to be shown inside it; at one page in two requests the
     * 100,000 requests a run may send bring half that: the advice says that no run would settle it, not a count past the cap.
     */
    @Test
    void sharesThatSitOnTheMarginAreSaidToBeBeyondAnyRun() {
        var v = Verification.judge(dev(), TrafficModel.Scenario.healthy(),
                tally(Outcome.REVIEWS_V1, 812, Outcome.REVIEWS_V2, 188, Outcome.HTTP_ERROR, 1000), new Verification.Settings(0.05, 0.99, 0.05));
        assertEquals(Equivalence.Decision.INCONCLUSIVE, v.shares(), v.table());
        assertEquals("the observed shares sit on the margin: not even 100000 requests would settle it at these shares", v.toSettle());
    }
}
