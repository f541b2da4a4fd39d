package io.asmdr.ops;

import io.asmdr.support.BookinfoPages;
import io.asmdr.support.FakeGateway;
import io.asmdr.support.FakeGateway.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

import static io.asmdr.support.FakeGateway.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe against a stand-in gateway on this machine: its pacing (request k no earlier than k/rate
 * seconds after the start), its three ways to end (recovery seen, --max-rto lost, --observe), and its
 * stop, which waits for the requests under way. Real seconds: the recovery window is 10 s long.
 */
class RecoveryProbeTest {
    private static final int RATE = 20;
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static RecoveryProbe probe(FakeGateway gw, Duration observe, int rate, int concurrency, Duration maxRto) {
        var settings = new RecoveryProbe.Settings(gw.url(), RecoveryProbe.Settings.DEFAULT_TARGET, observe, rate, concurrency,
                Duration.ofSeconds(5), maxRto);
        return new RecoveryProbe(settings, Clock.fixed(T0, ZoneOffset.UTC));
    }

    /** Requests in seconds 0..s never exceed (s + 1) × rate: request k is sent no earlier than k/rate s after the start. */
    private static void assertPaced(List<RecoveryTimeline.Bucket> series, int rate) {
        long sum = 0;
        for (var b : series) {
            sum += b.requests();
            assertTrue(sum <= (long) (b.second() + 1) * rate, "by the end of second " + b.second() + ": " + sum + " requests, more than "
                    + (b.second() + 1) * rate + " at " + rate + "/s: " + series);
        }
    }

    private static long total(RecoveryTimeline timeline) {
        return timeline.series().stream().mapToLong(RecoveryTimeline.Bucket::requests).sum();
    }

    @Test
    void aHealthyServiceEndsTheProbeOnceItsFirstWindowIsOverNotAtObserve() throws Exception {
        try (var gw = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v1()))))) {
            var probe = probe(gw, Duration.ofSeconds(60), RATE, 2, Duration.ofSeconds(30));
            assertEquals(T0, probe.start(), "second 0 is the probe's start, on the clock it is given");
            assertEquals(T0, probe.startedAt());
            long started = System.nanoTime();
            var timeline = probe.awaitRecovery();
            var took = Duration.ofNanos(System.nanoTime() - started);
            assertSame(timeline, probe.timeline());
            assertEquals(60, probe.settings().observe().toSeconds());
            assertEquals(0, timeline.rto(RecoveryProbe.Settings.DEFAULT_TARGET).orElseThrow(), timeline.table(0.99));
            assertFalse(probe.budgetLost(), "a service that recovered has not lost its budget");
            assertTrue(took.compareTo(Duration.ofSeconds(40)) < 0, "ended at recovery, not at --observe (60 s): " + took);
            var series = timeline.series();
            assertPaced(series, RATE);
            // it waits until the window's last second (9) is over: that second got its share, not just its first requests
            assertTrue(series.size() >= RecoveryTimeline.WINDOW_SECONDS && series.get(9).requests() >= RATE / 2,
                    "second 9 is over before the probe ends: " + series);
            long hits = gw.hits();
            Thread.sleep(600);
            assertEquals(hits, gw.hits(), "no request after the probe ended");
        }
    }

    @Test
    void aServiceThatNeverRecoversIsProbedUntilObserveAtTheRateAndNoFaster() throws Exception {
        try (var gw = new FakeGateway(List.of(times(1, new Answer(503, "no healthy upstream", 0))))) {
            var observe = Duration.ofSeconds(RecoveryTimeline.WINDOW_SECONDS);
            var probe = probe(gw, observe, RATE, 2, null);
            probe.start();
            long started = System.nanoTime();
            var timeline = probe.awaitRecovery();
            var took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(observe) >= 0, "without --max-rto it runs to --observe: " + took);
            assertTrue(timeline.rto(0.99).isEmpty());
            assertFalse(probe.budgetLost(), "no --max-rto, no budget to lose");
            assertPaced(timeline.series(), RATE);
            long sent = total(timeline);
            assertTrue(sent <= RATE * observe.toSeconds(), "request k is sent only when k/rate falls before --observe: " + sent);
            assertTrue(sent >= RATE * observe.toSeconds() / 2, "and they are sent: " + sent);
            assertEquals(sent, gw.hits(), "every request sent is counted once");
        }
    }

    @Test
    void aLostBudgetEndsTheProbeOnceTheFirstSecondIsOver() throws Exception {
        try (var gw = new FakeGateway(List.of(times(1, new Answer(503, "no healthy upstream", 0))))) {
            var probe = probe(gw, Duration.ofSeconds(60), RATE, 2, Duration.ZERO);
            probe.start();
            long started = System.nanoTime();
            probe.awaitRecovery();
            var took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(probe.budgetLost());
            // the budget can be called lost only once second 0 is over, and it is soon after: not at --observe
            assertTrue(took.compareTo(Duration.ofSeconds(1)) >= 0 && took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
            long hits = gw.hits();
            Thread.sleep(600);
            assertEquals(hits, gw.hits(), "the workers stopped with the probe");
        }
    }

    @Test
    void stopWaitsForTheRequestUnderWayAndCountsIt() throws Exception {
        try (var gw = new FakeGateway(List.of(times(1, new Answer(200, BookinfoPages.v1(), 1500))))) {
            var probe = probe(gw, Duration.ofSeconds(30), 1, 1, null);
            probe.start();
            Thread.sleep(300); // request 0 is under way: the gateway holds it 1.5 s
            probe.stop();
            assertEquals(1, total(probe.timeline()), "the request under way finished and counts: " + probe.timeline().series());
            assertEquals(1, gw.hits());
        }
    }
}
