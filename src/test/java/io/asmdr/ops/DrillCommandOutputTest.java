package io.asmdr.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What `drill` prints of its recovery series, line by line, for a series built by hand: the RTO
 * against the prediction (inside it, outside it), a service that never came back within --observe,
 * and a drill stopped once --max-rto was lost.
 */
class DrillCommandOutputTest {
    static final RtoPrediction PREDICTION = new RtoPrediction(List.of(new RtoPrediction.Term("a term", 2, 4, "why", "where")));
    static final String HEAD = "recovery from the scale-down (success = a page served in full; one line per second):\n";

    static RecoveryProbe.Settings settings(Duration maxRto) {
        return new RecoveryProbe.Settings(URI.create("http://127.0.0.1/productpage"), 0.9, Duration.ofSeconds(40), 20, 4,
                Duration.ofSeconds(2), maxRto);
    }

    /** {@code failing} seconds of two timeouts each, then {@code good} seconds of three v1 pages and one v2 page each. */
    static RecoveryTimeline timeline(int failing, int good) {
        var t = new RecoveryTimeline();
        for (int s = 0; s < failing + good; s++) {
            var at = Duration.ofSeconds(s).plusMillis(100);
            if (s < failing) {
                t.add(at, Outcome.TIMEOUT);
                t.add(at, Outcome.TIMEOUT);
            } else {
                t.add(at, Outcome.REVIEWS_V1);
                t.add(at, Outcome.REVIEWS_V1);
                t.add(at, Outcome.REVIEWS_V1);
                t.add(at, Outcome.REVIEWS_V2);
            }
        }
        return t;
    }

    static DrillReport report(RecoveryTimeline timeline, RecoveryProbe.Settings settings) {
        var r = new DrillReport("failover", "cn-hangzhou", "failover", "d-1", Instant.EPOCH);
        r.recovery(timeline, settings);
        return r;
    }

    static String print(DrillReport report, RecoveryProbe.Settings settings) {
        var bytes = new ByteArrayOutputStream();
        DrillCommand.printRecovery(report, settings, PREDICTION, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void anRtoInsideThePredictionIsPrintedWithTheSeriesTheFailuresTheSharesAndTheVerdict() {
        var settings = settings(null);
        var timeline = timeline(3, 10);
        assertEquals(HEAD + timeline.table(0.9).replace(System.lineSeparator(), "\n")
                        + "RTO: 3 s (measured; at or above 90.0% for 10 s in a row) | predicted 2.0-4.0 s\n"
                        + "failed requests during the transition: 6\n"
                        + "served shares after recovery: {v1=0.75, v2=0.25}\n"
                        + "recovery verdict: PASS: RTO 3 s\n",
                print(report(timeline, settings), settings));
    }

    @Test
    void anRtoOutsideThePredictionSaysSo() {
        var settings = settings(Duration.ofSeconds(20));
        var timeline = timeline(9, 10);
        var out = print(report(timeline, settings), settings);
        assertLastLines(out, "RTO: 9 s (measured; at or above 90.0% for 10 s in a row) | predicted 2.0-4.0 s"
                        + " (outside the prediction: look at the terms above)", 18, "{v1=0.75, v2=0.25}", "PASS: RTO 9 s within --max-rto 20 s");
    }

    @Test
    void aServiceThatNeverCameBackWithinObserveSaysWhichLimitItMissed() {
        var settings = settings(null);
        var out = print(report(timeline(12, 0), settings), settings);
        assertLastLines(out, "RTO: not recovered within --observe 40 s (measured; at or above 90.0% for 10 s in a row) | predicted 2.0-4.0 s",
                24, "{}", "FAIL: not back at or above 90.0% for 10 s in a row within --observe 40 s");
    }

    @Test
    void aDrillStoppedOnceMaxRtoWasLostSaysSo() {
        var settings = settings(Duration.ofSeconds(5));
        var report = report(timeline(7, 0), settings);
        report.stoppedEarly("the service could not come back within --max-rto 5 s");
        var out = print(report, settings);
        assertLastLines(out, "RTO: not back within --max-rto 5 s (the drill stopped once it could no longer be)"
                + " (measured; at or above 90.0% for 10 s in a row) | predicted 2.0-4.0 s",
                14, "{}", "FAIL: could not come back within --max-rto 5 s; stopped and restored then");
    }

    @Test
    void aDrillWithoutASeriesPrintsNothingOfIt() {
        var settings = settings(null);
        assertEquals("", print(new DrillReport("failover", "cn-hangzhou", "failover", "d-1", Instant.EPOCH), settings));
    }

    /** The last four lines: the RTO line, the failed requests, the shares after recovery and the verdict. */
    static void assertLastLines(String out, String rto, long failed, String shares, String verdict) {
        var lines = List.of(out.split("\n"));
        assertEquals(List.of(rto, "failed requests during the transition: " + failed, "served shares after recovery: " + shares,
                "recovery verdict: " + verdict), lines.subList(lines.size() - 4, lines.size()));
    }
}
