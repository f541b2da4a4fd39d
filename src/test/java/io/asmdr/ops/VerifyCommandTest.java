package io.asmdr.ops;

import io.asmdr.support.BookinfoPages;
import io.asmdr.support.Cli;
import io.asmdr.support.FakeGateway.Answer;
import io.asmdr.support.FakeGateway;
import io.asmdr.support.TestStacks;
import io.asmdr.trafficmodel.TrafficModel;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.asmdr.support.FakeGateway.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code verify} end to end against local gateways serving real Bookinfo markup in set proportions. */
class VerifyCommandTest {
    static Cli.Result verify(String... args) {
        return Cli.run(Verify::run, args);
    }

    static Cli.Result verifyDev(FakeGateway gateway, String... extra) {
        var args = new ArrayList<>(List.of("--config-file", "Pulumi.dev.yaml", "--url", gateway.url().toString(), "--requests", "1000", "--concurrency", "8"));
        args.addAll(List.of(extra));
        return verify(args.toArray(String[]::new));
    }

    /** An invalid --url is a usage error before anything is sent: no 750 failed connections, no FAIL. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:99999/productpage", "http://127.0.0.1:0/productpage",
            "ftp://127.0.0.1/productpage", "127.0.0.1/productpage", "http://:80/productpage", "http://127.0.0.1:x/productpage", "http://[::1/"})
    void anInvalidUrlIsAUsageErrorBeforeAnyRequest(String url) {
        for (var drill : List.of(false, true)) {
            var args = drill ? List.of("failover", "--region", "cn-hangzhou", "--config-file", "Pulumi.dev.yaml", "--url", url)
                    : List.of("--config-file", "Pulumi.dev.yaml", "--url", url);
            long start = System.nanoTime();
            var r = Cli.run(drill ? DrillCommand::run : Verify::run, args.toArray(String[]::new));
            assertEquals(Verify.USAGE, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("--url " + url) && r.err().contains("http://HOST[:PORT]/productpage"), r.err());
            assertTrue(r.out().isEmpty() && !r.err().contains("\tat "), r.out() + r.err());
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "refused at once, not after a run of failed connections");
        }
    }

    @Test
    void theModelsEightySixFourteenPasses() throws Exception {
        try (var gw = new FakeGateway(List.of(times(43, Answer.page(BookinfoPages.v1())), times(7, Answer.page(BookinfoPages.v2()))))) {
            var r = verifyDev(gw);
            assertEquals(Verify.PASS, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("cn-shanghai") && r.out().contains("14.0%"), r.out());
            assertTrue(r.out().contains("verdict: PASS"), r.out());
            assertTrue(r.err().contains("1000/1000"), "progress bar: " + r.err());
            assertEquals(1001, gw.hits(), "1000 measured requests and one probe");
        }
    }

    /** 90/10 is 4 points from the model's 86/14: inside the default margin of 5, so never a FAIL; a margin of 2 catches it. */
    @Test
    void theNaiveNinetyTenIsNotShownOffAtTheDefaultMarginButFailsAtTwoPoints() throws Exception {
        try (var gw = new FakeGateway(List.of(times(9, Answer.page(BookinfoPages.v1())), times(1, Answer.page(BookinfoPages.v2()))))) {
            var r = verifyDev(gw);
            assertEquals(Verify.INCONCLUSIVE, r.code(), r.out());
            assertTrue(r.out().contains("verdict: INCONCLUSIVE") && r.out().contains("would settle it"), r.out());
            var strict = verify("--config-file", "Pulumi.dev.yaml", "--url", gw.url().toString(), "--requests", "3000", "--margin", "2");
            assertEquals(Verify.FAIL, strict.code(), strict.out());
            assertTrue(strict.out().contains("shown outside its margin [84.0%, 88.0%]"), strict.out());
        }
    }

    @Test
    void aThirtyPageRunAtTheModelIsInconclusiveNotAPass() throws Exception {
        try (var gw = new FakeGateway(List.of(times(43, Answer.page(BookinfoPages.v1())), times(7, Answer.page(BookinfoPages.v2()))))) {
            var r = verify("--config-file", "Pulumi.dev.yaml", "--url", gw.url().toString(), "--requests", "30");
            assertEquals(Verify.INCONCLUSIVE, r.code(), r.out());
            assertTrue(r.out().contains("verdict: INCONCLUSIVE"), r.out());
        }
    }

    @Test
    void nineOfTwoHundredPagesFromAVersionNoRegionRunsFailAndAreNamed() throws Exception {
        try (var gw = new FakeGateway(List.of(times(164, Answer.page(BookinfoPages.v1())), times(27, Answer.page(BookinfoPages.v2())),
                times(9, Answer.page(BookinfoPages.v3()))))) {
            var r = verify("--config-file", "Pulumi.dev.yaml", "--url", gw.url().toString(), "--requests", "200");
            assertEquals(Verify.FAIL, r.code(), r.out());
            assertTrue(r.out().contains("9  reviews v3, which no region runs") && r.out().contains("9 of them impossible under the model"), r.out());
        }
    }

    @Test
    void fiftyFiftyFails() throws Exception {
        try (var gw = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v1())), times(1, Answer.page(BookinfoPages.v2()))))) {
            assertEquals(Verify.FAIL, verifyDev(gw).code());
        }
    }

    /**
     * With Shanghai marked unavailable the DestinationRules send 100/0 (StackSpec.appliedTraffic): a mesh serving that
     * passes verify of the stack file that says so, and one still serving the stack's own 86/14 fails it.
     */
    @Test
    void aRegionMarkedUnavailableIsHeldToThePolicyApplied(@TempDir Path tmp) throws Exception {
        var outage = tmp.resolve("Pulumi.outage.yaml");
        var dev = Files.readString(Path.of("Pulumi.dev.yaml"));
        assertTrue(dev.contains("  asm-dr:protect: \"false\""));
        Files.writeString(outage, dev.replace("  asm-dr:protect: \"false\"", "  asm-dr:protect: \"false\"\n  asm-dr:unavailableRegions: [cn-shanghai]"));
        try (var applied = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v1()))))) {
            var r = verify("--config-file", outage.toString(), "--url", applied.url().toString(), "--requests", "300");
            assertEquals(Verify.PASS, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("100.0%"), r.out());
        }
        try (var stale = new FakeGateway(List.of(times(43, Answer.page(BookinfoPages.v1())), times(7, Answer.page(BookinfoPages.v2()))))) {
            var r = verify("--config-file", outage.toString(), "--url", stale.url().toString(), "--requests", "1000", "--concurrency", "8");
            assertEquals(Verify.FAIL, r.code(), r.out() + r.err());
        }
    }

    /** The drill judges by the same applied policy: all v1 passes with Shanghai marked unavailable, and fails without. */
    @Test
    void theDrillsJudgementFollowsTheAppliedPolicyToo() {
        var outage = TestStacks.file("Pulumi.dev.yaml").with("unavailableRegions", List.of("cn-shanghai")).load();
        var healthy = TestStacks.file("Pulumi.dev.yaml").load();
        var scenario = TrafficModel.Scenario.healthy();
        var tally = new Tally();
        for (int i = 0; i < 400; i++) {
            tally.add(Outcome.REVIEWS_V1, 200);
        }
        assertEquals(Verification.Verdict.PASS, Verification.judge(outage, scenario, tally, Verification.Settings.defaults()).verdict());
        assertEquals(Verification.Verdict.FAIL, Verification.judge(healthy, scenario, tally, Verification.Settings.defaults()).verdict());
    }

    @Test
    void everyPageFromV2PassesAFailoverExpectation(@TempDir Path tmp) throws Exception {
        var failover = tmp.resolve("Pulumi.failover.yaml");
        Files.writeString(failover, Files.readString(Path.of("Pulumi.dev.yaml")).replace("mode: distribute", "mode: failover"));
        try (var gw = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v2()))))) {
            var r = verify("--config-file", failover.toString(), "--url", gw.url().toString(), "--requests", "300", "--lost", "cn-hangzhou",
                    "--json", tmp.resolve("v.json").toString());
            assertEquals(Verify.PASS, r.code(), r.out());
            assertTrue(r.out().contains("reviews lost in cn-hangzhou"), r.out());
            var json = Files.readString(tmp.resolve("v.json"));
            assertTrue(json.contains("\"passed\" : true"), json);
            // and the same pages fail the healthy failover expectation (all v1)
            assertEquals(Verify.FAIL, verify("--config-file", failover.toString(), "--url", gw.url().toString(), "--requests", "100").code());
        }
    }

    @Test
    @Tag("wall-clock") // exactly 10 of 500 answers time out at --timeout 500ms: under PIT on the loaded machine more did, unmutated
    void degradedAnswersAreReportedAndCountAgainstTheVerdict() throws Exception {
        try (var gw = new FakeGateway(List.of(
                times(40, Answer.page(BookinfoPages.v1())),
                times(5, Answer.page(BookinfoPages.v2())),
                times(2, Answer.page(BookinfoPages.ratingsUnavailable())),
                times(1, new Answer(503, "upstream connect error or disconnect/reset before headers", 0)),
                times(1, new Answer(200, BookinfoPages.v1(), 3_000)),
                times(1, Answer.page(BookinfoPages.reviewsUnavailable()))))) {
            var r = verify("--config-file", "Pulumi.dev.yaml", "--url", gw.url().toString(),
                    "--timeout", "500ms", "--requests", "500", "--concurrency", "16");
            assertEquals(Verify.FAIL, r.code(), r.out() + r.err());
            assertTrue(r.out().matches("(?s).*\\n\\s+20\\s+ratings unavailable.*"), r.out());
            assertTrue(r.out().matches("(?s).*\\n\\s+10\\s+HTTP error status \\{503=10}.*"), r.out());
            assertTrue(r.out().matches("(?s).*\\n\\s+10\\s+timeout.*"), r.out());
            assertTrue(r.out().matches("(?s).*\\n\\s+10\\s+reviews unavailable.*"), r.out());
            assertTrue(r.out().contains("errors: 50 of 500 sent") && r.out().contains("TOO MANY"), r.out());
            assertTrue(r.out().contains("e.g. HTTP 503"), "a sample of each kind of error: " + r.out());
        }
    }

    @Test
    void anUnreachableGatewayIsExitThreeInOneLine() throws Exception {
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var r = verify("--config-file", "Pulumi.dev.yaml", "--url", "http://127.0.0.1:" + port + "/productpage", "--requests", "10");
        assertEquals(Verify.ENVIRONMENT, r.code());
        assertTrue(r.err().contains("unreachable"), r.err());
        assertTrue(!r.err().contains("usage:"), "one line, not the usage text: " + r.err());
        var withoutRequests = verify("--config-file", "Pulumi.dev.yaml", "--url", "http://127.0.0.1:" + port + "/productpage");
        assertEquals(Verify.ENVIRONMENT, withoutRequests.code());
        var lines = (withoutRequests.out() + withoutRequests.err()).strip().lines().toList();
        assertEquals(3, lines.size(), "the stack-file warning, the request count, then one line: " + lines);
        assertTrue(lines.get(2).startsWith("verify: http://127.0.0.1:" + port + "/productpage is unreachable"), lines.toString());
    }

    @Test
    void usageErrorsAreExitTwo() {
        assertEquals(Verify.USAGE, verify("--config-file", "Pulumi.dev.yaml").code(), "no --url and no stack");
        assertEquals(Verify.USAGE, verify("--config-file", "Pulumi.dev.yaml", "--url", "http://127.0.0.1:1/productpage", "--requests", "0").code());
        assertEquals(Verify.USAGE, verify("--config-file", "Pulumi.dev.yaml", "--url", "http://127.0.0.1:1/productpage", "--concurrency", "1000").code());
        assertEquals(Verify.USAGE, verify("--config-file", "Pulumi.dev.yaml", "--url", "http://127.0.0.1:1/productpage", "--lost", "cn-wuhan").code());
        assertEquals(Verify.USAGE, verify("--bogus").code());
        var overflow = verify("--config-file", "Pulumi.dev.yaml", "--url", "http://127.0.0.1:1/productpage", "--timeout", "999999999999999999m");
        assertEquals(Verify.USAGE, overflow.code());
        assertTrue(overflow.err().contains("--timeout 999999999999999999m is too long") && !overflow.err().contains("\tat "), overflow.err());
        var margin = verify("--config-file", "Pulumi.dev.yaml", "--url", "http://127.0.0.1:1/productpage", "--margin", "80");
        assertEquals(Verify.USAGE, margin.code());
        assertTrue(margin.err().contains("--margin takes percentage points between 0.5 and 50, got 80"), margin.err());
    }
}
