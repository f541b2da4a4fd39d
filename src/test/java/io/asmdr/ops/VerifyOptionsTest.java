package io.asmdr.ops;

import io.asmdr.cli.CommandLine;
import io.asmdr.config.StackSpec;
import io.asmdr.preview.PreviewOffline;
import io.asmdr.support.BookinfoPages;
import io.asmdr.support.Cli;
import io.asmdr.support.FakeGateway.Answer;
import io.asmdr.support.FakeGateway;
import io.asmdr.trafficmodel.TrafficModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.asmdr.support.FakeGateway.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * verify's options one at a time, without a gateway: each is read, defaulted and refused as its
 * usage says, before anything is sent. (The command against local gateways: {@link VerifyCommandTest}.)
 */
class VerifyOptionsTest {
    static final StackSpec DEV = Verify.loadSpec(Optional.empty(), Optional.of("Pulumi.dev.yaml"));

    static CommandLine cli(String... args) {
        return new CommandLine(args, Verify.VALUED, Set.of());
    }

    static String refusal(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    void aUrlIsTakenWithAnyPortFromOneTo65535AndAnyCaseOfItsScheme() {
        assertEquals(Optional.empty(), Verify.url(cli()));
        for (var text : new String[] {"http://127.0.0.1:1/productpage", "http://127.0.0.1:65535/productpage", "HTTPS://gw.example.com/productpage",
                "Http://gw.example.com/productpage"}) {
            assertEquals(Optional.of(URI.create(text)), Verify.url(cli("--url", text)), text);
        }
        assertEquals("--url http://127.0.0.1:65536/productpage: port 65536 is not one of 1-65535; give the gateway as http://HOST[:PORT]/productpage",
                refusal(() -> Verify.url(cli("--url", "http://127.0.0.1:65536/productpage"))));
        assertEquals("--url mailto:ops@example.com is not an http or https URL; give the gateway as http://HOST[:PORT]/productpage",
                refusal(() -> Verify.url(cli("--url", "mailto:ops@example.com"))));
        assertTrue(refusal(() -> Verify.url(cli("--url", "http://gw example/"))).startsWith("--url http://gw example/ is not a URL ("));
    }

    @Test
    void theJudgementsDefaultsAreTheDocumentedOnesAndAMarginIsInPercentagePoints() {
        var defaults = Verify.judgement(cli());
        assertEquals(Verification.Settings.defaults(), defaults);
        var given = Verify.judgement(cli("--alpha", "0.01", "--max-error-rate", "0.02", "--margin", "2.5"));
        assertEquals(0.01, given.alpha());
        assertEquals(0.02, given.maxErrorRate());
        assertEquals(0.025, given.margin(), 1e-12);
        assertEquals("--alpha takes a number such as 0.05, got five percent", refusal(() -> Verify.judgement(cli("--alpha", "five percent"))));
        assertEquals("--margin takes a number such as 5.0, got 5pp", refusal(() -> Verify.judgement(cli("--margin", "5pp"))));
        assertEquals("--max-error-rate takes a number such as 0.01, got 1%", refusal(() -> Verify.judgement(cli("--max-error-rate", "1%"))));
    }

    @Test
    void theRequestSettingsDefaultsAreTheUsagesAndEachIsRead() {
        var url = URI.create("http://127.0.0.1:8080/productpage");
        assertEquals(new LoadRunner.Settings(url, 700, 8, Duration.ofSeconds(5), Duration.ofMinutes(10), 256 * 1024), Verify.settings(cli(), url, 700));
        assertEquals(new LoadRunner.Settings(url, 3, 2, Duration.ofMillis(1500), Duration.ofMinutes(3), 4096),
                Verify.settings(cli("--concurrency", "2", "--timeout", "1500ms", "--max-duration", "3m", "--max-page-bytes", "4096"), url, 3));
    }

    @Test
    void aLostRegionMustBeTheStacksAndTheScenarioNamesThemInOrder() {
        assertEquals(TrafficModel.Scenario.healthy(), Verify.scenario(DEV, cli()));
        var both = Verify.scenario(DEV, cli("--lost", "cn-shanghai", "--lost", "cn-hangzhou", "--lost", "cn-shanghai"));
        assertEquals("reviews lost in cn-hangzhou, cn-shanghai", both.title());
        assertEquals(Set.of("cn-hangzhou", "cn-shanghai"), both.reviewsLost());
        assertEquals(Set.of(), both.regionsLost(), "reviews lost, the regions themselves still up");
        assertEquals("--lost cn-wuhan is not a region of this stack", refusal(() -> Verify.scenario(DEV, cli("--lost", "cn-wuhan"))));
    }

    @Test
    void aSpecComesFromAStackOrAConfigFile() {
        assertEquals("name a STACK or give --config-file", refusal(() -> Verify.loadSpec(Optional.empty(), Optional.empty())));
        assertEquals(DEV, Verify.loadSpec(Optional.of("dev"), Optional.of("Pulumi.dev.yaml")));
    }

    @Test
    void eachVerdictHasItsExitCode() {
        assertEquals(0, Verify.PASS);
        assertEquals(1, Verify.FAIL);
        assertEquals(4, Verify.INCONCLUSIVE);
        for (var verdict : Verification.Verdict.values()) {
            var expected = switch (verdict) {
                case PASS -> Verify.PASS;
                case FAIL -> Verify.FAIL;
                case INCONCLUSIVE -> Verify.INCONCLUSIVE;
            };
            // a tally that shows each verdict: 2,000 pages at the model, 2,000 all from one region, 10 pages
            var tally = switch (verdict) {
                case PASS -> VerificationTest.tally(Outcome.REVIEWS_V1, 1720, Outcome.REVIEWS_V2, 280);
                case FAIL -> VerificationTest.tally(Outcome.REVIEWS_V2, 2000);
                case INCONCLUSIVE -> VerificationTest.tally(Outcome.REVIEWS_V1, 10);
            };
            var verification = Verification.judge(DEV, TrafficModel.Scenario.healthy(), tally, Verification.Settings.defaults());
            assertEquals(verdict, verification.verdict(), verification.table());
            assertEquals(expected, Verify.exitCode(verification));
        }
    }

    @Test
    void aReportFileIsCheckedBeforeAnything(@TempDir Path tmp) throws IOException {
        Verify.writableFile("--json", tmp.resolve("new/folder/report.json"));
        assertTrue(Files.isDirectory(tmp.resolve("new/folder")), "the folder is made first");
        var existing = Files.writeString(tmp.resolve("old.json"), "{}");
        Verify.writableFile("--json", existing);
        var folder = Files.createDirectories(tmp.resolve("a-folder"));
        var e = assertThrows(IOException.class, () -> Verify.writableFile("--json", folder));
        assertEquals("--json " + folder + " cannot be written; give a path in a folder you can write", e.getMessage());
        var file = Files.writeString(tmp.resolve("a-file"), "x");
        var under = assertThrows(IOException.class, () -> Verify.writableFile("--report", file.resolve("r.json")));
        assertTrue(under.getMessage().startsWith("cannot create the folder of --report " + file.resolve("r.json") + " ("), under.getMessage());
        assertTrue(under.getMessage().endsWith("; give a path in a folder you can write"), under.getMessage());
        if (!"root".equals(System.getProperty("user.name"))) {
            var readOnly = Files.writeString(tmp.resolve("ro.json"), "{}");
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
            assertThrows(IOException.class, () -> Verify.writableFile("--json", readOnly));
        }
    }

    /** What {@code requestsFor} returns, and what it says on stderr. */
    record Count(int requests, String said) {
        /** Its one sentence, matched by {@link #SENTENCE}. */
        Matcher sentence() {
            var m = SENTENCE.matcher(said);
            assertTrue(m.find(), "a count and whole percentages from 0 to 100: " + said);
            return m;
        }
    }

    /** Groups: requests, pages, the model's shares, its error rate, the pass chance, the fail chance, the count that makes both 95%. */
    static final Pattern SENTENCE = Pattern.compile("verify: (\\d+) requests \\(about (\\d+) pages from expected rows\\): a mesh serving the model's"
            + " (\\S+) with (\\S+)% errors passes with probability (\\d+)%, one with a row 10 points off fails with probability (\\d+)%"
            + " \\((\\d+) requests make both 95%\\)");

    static Count count(StackSpec spec, TrafficModel.Scenario scenario, Verification.Settings judgement, CommandLine cli) {
        var err = new ByteArrayOutputStream();
        int requests = Verify.requestsFor(spec, scenario, judgement, cli, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Count(requests, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theRequestCountIsTheSmallestMultipleOfFiftyThatMakesBothNinetyFivePercent() {
        var healthy = TrafficModel.Scenario.healthy();
        var chosen = count(DEV, healthy, Verification.Settings.defaults(), cli());
        int minimum = chosen.requests();
        assertEquals(0, minimum % 50, "a multiple of 50: " + minimum);
        assertTrue(minimum > 50 && minimum < LoadRunner.Settings.MAX_REQUESTS, String.valueOf(minimum));
        var line = chosen.sentence();
        assertEquals(String.valueOf(minimum), line.group(1));
        assertEquals(String.valueOf(minimum), line.group(2), "every request a page when nothing is lost");
        assertEquals("86.0%/14.0%", line.group(3));
        assertEquals("0.0", line.group(4));
        assertTrue(Integer.parseInt(line.group(5)) >= 95 && Integer.parseInt(line.group(6)) >= 95, chosen.said());
        assertEquals(String.valueOf(minimum), line.group(7));
        assertFalse(chosen.said().contains("WARNING"), chosen.said());

        // fifty fewer is below what it takes, and says so
        int below = minimum - 50;
        var fewer = count(DEV, healthy, Verification.Settings.defaults(), cli("--requests", String.valueOf(below)));
        assertEquals(below, fewer.requests());
        assertTrue(fewer.said().contains("verify: WARNING: --requests " + below + " is below the " + minimum + " it takes"), fewer.said());

        var exactly = count(DEV, healthy, Verification.Settings.defaults(), cli("--requests", String.valueOf(minimum)));
        assertFalse(exactly.said().contains("WARNING"), "the minimum itself is enough");
    }

    @Test
    void withEveryReviewsServiceLostNoRequestIsAPage() {
        var scenario = Verify.scenario(DEV, cli("--lost", "cn-hangzhou", "--lost", "cn-shanghai"));
        assertEquals(1.0, TrafficModel.predict(DEV, scenario).unavailable(), "the premise: nothing left to serve reviews");
        var given = count(DEV, scenario, Verification.Settings.defaults(), cli("--requests", "1000"));
        assertEquals(1000, given.requests());
        assertTrue(given.said().startsWith("verify: 1000 requests (about 0 pages from expected rows)"), given.said());
    }

    @Test
    void oneStackAtATimeAndAUrlOrAStackToFindTheGateway() {
        var two = Cli.run(Verify::run, "dev", "prod");
        assertEquals(Verify.USAGE, two.code());
        assertTrue(two.err().startsWith("verify: one stack at a time, got [dev, prod]"), two.err());
        var neither = Cli.run(Verify::run, "--config-file", "Pulumi.dev.yaml");
        assertEquals(Verify.USAGE, neither.code());
        assertTrue(neither.err().contains("verify: give --url, or a STACK whose outputs locate the gateway"), neither.err());
        assertTrue(neither.err().contains(Verify.USAGE_TEXT), "a usage error shows the usage");
        assertEquals("", neither.out());
    }

    @Test
    void whereTheModelLeavesRequestsUnservedThePagesAreFewerAndTheChanceIsAProbability() {
        var spec = VerificationTest.homeBound();
        var scenario = VerificationTest.SHANGHAI_REVIEWS_LOST;
        assertEquals(0.1, TrafficModel.predict(spec, scenario).unavailable(), 1e-9, "the premise: a tenth of the requests unserved");

        var given = count(spec, scenario, Verification.Settings.defaults(), cli("--requests", "1000"));
        assertEquals(1000, given.requests());
        var line = given.sentence();
        assertEquals("1000", line.group(1));
        assertEquals("900", line.group(2), "nine in ten of 1,000 requests are pages");
        assertEquals("10.0", line.group(4));
        assertTrue(Integer.parseInt(line.group(5)) <= 100, given.said());

        // with errors at the model's rate tolerated, the count is what the pages need: more requests than pages
        var tolerant = new Verification.Settings(0.05, 0.5, 0.05);
        var chosen = count(spec, scenario, tolerant, cli());
        var chosenLine = chosen.sentence();
        assertEquals(String.valueOf(chosen.requests()), chosenLine.group(1));
        assertEquals(Math.round(chosen.requests() * 0.9), Long.parseLong(chosenLine.group(2)));
        assertTrue(Integer.parseInt(chosenLine.group(5)) >= 95 && Integer.parseInt(chosenLine.group(6)) >= 95,
                "the count it picks passes a mesh at the model and fails one two margins off, each 95% of the time: " + chosenLine.group());
    }

    @Test
    void aStackFileThatFailsValidationIsItsOwnErrorNotTheUsage(@TempDir Path tmp) throws IOException {
        var broken = Files.writeString(tmp.resolve("Pulumi.broken.yaml"),
                Files.readString(Path.of("Pulumi.dev.yaml")).replace("    mode: distribute", "    mode: sideways"));
        var r = Cli.run(Verify::run, "--config-file", broken.toString(), "--url", "http://127.0.0.1:1/productpage");
        assertEquals(Verify.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("asm-dr:traffic.mode") && r.err().contains("sideways"), r.err());
        assertFalse(r.err().contains("usage: verify"), "the stack file is at fault, not the command line: " + r.err());
    }

    @Test
    void aStackNamedWithoutThePulumiCliIsAnEnvironmentError() {
        assumeTrue(PreviewOffline.onPath("pulumi", System.getenv()).isEmpty(), "a `pulumi` CLI is on PATH: naming a STACK would ask it");
        var r = Cli.run(Verify::run, "no-such-stack", "--config-file", "Pulumi.dev.yaml");
        assertEquals(Verify.ENVIRONMENT, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("verify: cannot read stack no-such-stack's outputs: no `pulumi` CLI on PATH"), r.err());
        assertFalse(r.err().contains("usage: verify"), r.err());
    }

    @Test
    void anInterruptEndsTheRunAsAFailAndKeepsTheInterrupt() throws Exception {
        try (var slow = new FakeGateway(List.of(times(1,
                new Answer(200, BookinfoPages.v1(), 200))))) {
            var result = new AtomicReference<Cli.Result>();
            var keptInterrupt = new AtomicBoolean();
            var caller = new Thread(() -> {
                result.set(Cli.run(Verify::run, "--config-file", "Pulumi.dev.yaml", "--url", slow.url().toString(), "--requests", "1000",
                        "--concurrency", "2"));
                keptInterrupt.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            Thread.sleep(500);
            caller.interrupt();
            caller.join(5000);
            assertFalse(caller.isAlive(), "an interrupt ends verify");
            assertEquals(Verify.FAIL, result.get().code(), result.get().out() + result.get().err());
            assertTrue(result.get().err().strip().endsWith("verify: interrupted"), result.get().err());
            assertTrue(keptInterrupt.get(), "the interrupt is passed on to the caller");
        }
    }
}
