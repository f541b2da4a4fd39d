package io.asmdr.ops;

import io.asmdr.ops.VerifyClientTest.RawServer;
import io.asmdr.support.BookinfoPages;
import io.asmdr.support.FakeGateway;
import io.asmdr.support.FakeGateway.Answer;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

import static io.asmdr.support.FakeGateway.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * verify's request engine piece by piece, in well under a second each (but the connect timeout's
 * two): the bounds of its settings, what it counts as never connected or never sent, the words of
 * each outcome's sample, the progress bar, {@code --max-duration}, an interrupt, and a single
 * request. The misbehaving gateways of many requests are {@link VerifyClientTest}'s.
 */
class LoadRunnerTest {
    static final URI ANY = URI.create("http://127.0.0.1:1/productpage");

    static LoadRunner.Settings settings(int requests, int concurrency, Duration timeout, Duration maxDuration, int maxPageBytes) {
        return new LoadRunner.Settings(ANY, requests, concurrency, timeout, maxDuration, maxPageBytes);
    }

    static void refused(String words, Runnable make) {
        var e = assertThrows(IllegalArgumentException.class, make::run);
        assertEquals(words, e.getMessage());
    }

    @Test
    void everySettingIsTakenAtItsBoundsAndRefusedOneStepBeyond() {
        var s = Duration.ofSeconds(5);
        var d = Duration.ofMinutes(10);
        int p = LoadRunner.Settings.DEFAULT_MAX_PAGE_BYTES;
        settings(1, 1, s, d, p);
        settings(100_000, 64, Duration.ofMinutes(5), Duration.ofHours(2), 16 * 1024 * 1024);
        settings(2, 2, Duration.ofMillis(1), Duration.ofMillis(1), 1024);
        refused("--requests must be 1..100000, got 0", () -> settings(0, 1, s, d, p));
        refused("--requests must be 1..100000, got 100001", () -> settings(100_001, 1, s, d, p));
        refused("--concurrency must be 1..64, got 0", () -> settings(1, 0, s, d, p));
        refused("--concurrency must be 1..64, got 65", () -> settings(1, 65, s, d, p));
        refused("--timeout must be above 0 and at most 5 minutes, got PT0S", () -> settings(1, 1, Duration.ZERO, d, p));
        refused("--timeout must be above 0 and at most 5 minutes, got PT-0.001S", () -> settings(1, 1, Duration.ofMillis(-1), d, p));
        refused("--timeout must be above 0 and at most 5 minutes, got PT5M0.001S",
                () -> settings(1, 1, Duration.ofMinutes(5).plusMillis(1), d, p));
        refused("--max-duration must be above 0 and at most 2 hours, got PT0S", () -> settings(1, 1, s, Duration.ZERO, p));
        refused("--max-duration must be above 0 and at most 2 hours, got PT-1S", () -> settings(1, 1, s, Duration.ofSeconds(-1), p));
        refused("--max-duration must be above 0 and at most 2 hours, got PT2H0.001S",
                () -> settings(1, 1, s, Duration.ofHours(2).plusMillis(1), p));
        refused("--max-page-bytes must be 1024..16777216, got 1023", () -> settings(1, 1, s, d, 1023));
        refused("--max-page-bytes must be 1024..16777216, got 16777217", () -> settings(1, 1, s, d, 16 * 1024 * 1024 + 1));
        var short4 = new LoadRunner.Settings(ANY, 3, 2, s);
        assertEquals(new LoadRunner.Settings(ANY, 3, 2, s, Duration.ofMinutes(10), 256 * 1024), short4, "the four-argument form's defaults");
    }

    @Test
    void neverConnectedIsARefusalAnUnknownHostOrNoRouteAnywhereInTheCauses() {
        assertTrue(LoadRunner.neverConnected(new ConnectException("refused")));
        assertTrue(LoadRunner.neverConnected(new IOException(new UnknownHostException("nowhere"))));
        assertTrue(LoadRunner.neverConnected(new IOException("wrapped", new IOException(new NoRouteToHostException()))));
        assertTrue(LoadRunner.neverConnected(new IOException(new UnresolvedAddressException())));
        assertFalse(LoadRunner.neverConnected(new IOException("connection reset")));
        assertFalse(LoadRunner.neverConnected(new HttpTimeoutException("slow")));
        assertFalse(LoadRunner.neverConnected(new IOException(new IllegalStateException("other"))));
    }

    @Test
    void onlyAConnectionClosedBeforeAnyByteCountsAsNeverSent() {
        assertTrue(LoadRunner.closedBeforeSending(new EOFException("EOF reached while reading")));
        assertTrue(LoadRunner.closedBeforeSending(new IOException("HTTP/1.1 header parser received no bytes")));
        assertFalse(LoadRunner.closedBeforeSending(new IOException("fixed content-length: 5000, bytes received: 6")));
        assertFalse(LoadRunner.closedBeforeSending(new IOException((String) null)));
        assertFalse(LoadRunner.closedBeforeSending(new HttpTimeoutException("request timed out")));
    }

    @Test
    void aClosedPortIsUnreachableAndSaysConnectionRefused() throws Exception {
        int port;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var url = URI.create("http://127.0.0.1:" + port + "/productpage");
        var runner = new LoadRunner(new LoadRunner.Settings(url, 1, 1, Duration.ofSeconds(2)));
        var e = assertThrows(LoadRunner.UnreachableException.class, runner::probe);
        assertEquals(url + " is unreachable: connection refused", e.getMessage());
        assertEquals(Outcome.CONNECTION_ERROR, runner.once(), "the same refusal inside a run is one connection error");
    }

    /**
     * A listening socket whose accept queue is full: Linux drops the next SYN, so a connect hangs
     * until the client's connect timeout, which is {@code --timeout} when that is below 5 s.
     */
    @Test
    void aConnectThatHangsIsUnreachableAfterTheTimeoutWhenThatIsBelowFiveSeconds() throws Exception {
        try (var listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var fillers = new ArrayList<Socket>();
            try {
                var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                // fill the queue: connects succeed until it is full, then one times out (Linux drops the SYN; a system
                // that refuses it instead, or queues more than 64, has no hanging connect to offer this test)
                boolean hangs = false;
                for (int i = 0; i < 64 && !hangs; i++) {
                    var filler = new Socket();
                    try {
                        filler.connect(address, 300);
                        fillers.add(filler);
                    } catch (SocketTimeoutException full) {
                        filler.close();
                        hangs = true;
                    } catch (IOException refused) {
                        filler.close();
                        break;
                    }
                }
                assumeTrue(hangs, "a connect to a full accept queue does not hang on this system");
                var url = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/productpage");
                var runner = new LoadRunner(new LoadRunner.Settings(url, 1, 1, Duration.ofSeconds(1)));
                long start = System.nanoTime();
                var e = assertThrows(LoadRunner.UnreachableException.class, runner::probe);
                assertEquals(url + " is unreachable: connect timed out after 1 s", e.getMessage());
                assertTrue(System.nanoTime() - start < 1_900_000_000L, "ended by the 1 s connect timeout, not the probe's 2 s deadline");
            } finally {
                for (var filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void oneRequestEndsAsExactlyOneOutcome() throws Exception {
        try (var gateway = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v2()))))) {
            var runner = new LoadRunner(new LoadRunner.Settings(gateway.url(), 1, 1, Duration.ofSeconds(5)));
            assertEquals(Outcome.REVIEWS_V2, runner.once());
            assertEquals(1, gateway.hits());
        }
        var notHttp = new LoadRunner(new LoadRunner.Settings(URI.create("ftp://127.0.0.1/productpage"), 1, 1, Duration.ofSeconds(1)));
        assertEquals(Outcome.CLIENT_FAILURE, notHttp.once(), "a failure inside the client is still one outcome");
    }

    @Test
    void anInterruptedRequestIsNotSentAndTheInterruptIsKept() throws Exception {
        try (var gateway = new FakeGateway(List.of(times(1, new Answer(200, BookinfoPages.v1(), 2000))))) {
            var runner = new LoadRunner(new LoadRunner.Settings(gateway.url(), 1, 1, Duration.ofSeconds(5)));
            Thread.currentThread().interrupt();
            try {
                assertEquals(Outcome.NOT_SENT, runner.once());
                assertTrue(Thread.interrupted(), "the interrupt is passed on");
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void eachFailureSaysWhatHappened() throws Exception {
        try (var slow = new FakeGateway(List.of(times(1, new Answer(200, BookinfoPages.v1(), 1500))))) {
            var tally = new LoadRunner(new LoadRunner.Settings(slow.url(), 2, 2, Duration.ofMillis(300))).run(null);
            assertEquals(2, tally.count(Outcome.TIMEOUT), tally.outcomes().toString());
            assertEquals(List.of("no complete page within 300 ms"), tally.samples().get(Outcome.TIMEOUT));
        }
        try (var cut = new RawServer(RawServer.CUT_OFF_MID_BODY)) {
            var tally = new LoadRunner(new LoadRunner.Settings(cut.url(), 3, 1, Duration.ofSeconds(5))).run(null);
            assertEquals(3, tally.count(Outcome.CONNECTION_ERROR), tally.outcomes().toString());
            assertEquals(0, tally.retriedCount(), "a page cut off mid-body reached the server: it is not sent again");
            var sample = tally.samples().get(Outcome.CONNECTION_ERROR).get(0);
            assertTrue(sample.startsWith("IOException: ") && sample.length() > "IOException: ".length(), sample);
        }
        try (var errors = new FakeGateway(List.of(times(1, new Answer(503, "no healthy upstream", 0))))) {
            var tally = new LoadRunner(new LoadRunner.Settings(errors.url(), 2, 1, Duration.ofSeconds(5))).run(null);
            assertEquals(List.of("HTTP 503"), tally.samples().get(Outcome.HTTP_ERROR));
            assertEquals(2L, tally.errorStatuses().get(503));
        }
        try (var pages = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v3()))))) {
            var tally = new LoadRunner(new LoadRunner.Settings(pages.url(), 2, 1, Duration.ofSeconds(5))).run(null);
            assertEquals(2, tally.count(Outcome.REVIEWS_V3));
            assertTrue(tally.samples().getOrDefault(Outcome.REVIEWS_V3, List.of()).isEmpty(), "a served page keeps no sample: " + tally.samples());
        }
    }

    @Test
    void theRunStopsSendingAtMaxDurationAndCountsTheRestAsNotSent() throws Exception {
        try (var slow = new FakeGateway(List.of(times(1, new Answer(200, BookinfoPages.v1(), 800))))) {
            var settings = new LoadRunner.Settings(slow.url(), 20, 1, Duration.ofSeconds(5), Duration.ofMillis(400), 64 * 1024);
            long start = System.nanoTime();
            var tally = new LoadRunner(settings).run(null);
            assertEquals(20, tally.total());
            assertEquals(1, tally.count(Outcome.REVIEWS_V1), "the first request started before the 400 ms were up: " + tally.outcomes());
            assertEquals(19, tally.count(Outcome.NOT_SENT), tally.outcomes().toString());
            assertEquals(List.of("the run reached --max-duration PT0.4S"), tally.samples().get(Outcome.NOT_SENT));
            assertEquals(1, slow.hits());
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "one slow request, not twenty");
        }
    }

    @Test
    void theProgressBarMovesInFiftiethsAndEndsTheLine() throws Exception {
        try (var gateway = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v1()))))) {
            var bytes = new ByteArrayOutputStream();
            var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            // one worker: the bar's updates come in order, so the last one is 100/100
            new LoadRunner(new LoadRunner.Settings(gateway.url(), 100, 1, Duration.ofSeconds(5))).run(out);
            var text = bytes.toString(StandardCharsets.UTF_8);
            assertEquals(50, text.chars().filter(c -> c == '\r').count(), "every second request of 100: " + text);
            assertTrue(text.contains("\r[###############...............] 50/100"), text);
            assertTrue(text.endsWith("\r[##############################] 100/100" + System.lineSeparator()), text);
            assertFalse(text.contains("] 1/100"), text);

            var few = new ByteArrayOutputStream();
            new LoadRunner(new LoadRunner.Settings(gateway.url(), 7, 1, Duration.ofSeconds(5))).run(new PrintStream(few, true, StandardCharsets.UTF_8));
            var fewText = few.toString(StandardCharsets.UTF_8);
            assertEquals(7, fewText.chars().filter(c -> c == '\r').count(), "below 50 requests every one moves the bar: " + fewText);
            assertTrue(fewText.contains("\r[####..........................] 1/7"), fewText);
        }
    }

    @Test
    void anInterruptOfTheCallerEndsTheRunAndItsWorkers() throws Exception {
        try (var slow = new FakeGateway(List.of(times(1, new Answer(200, BookinfoPages.v1(), 200))))) {
            var runner = new LoadRunner(new LoadRunner.Settings(slow.url(), 1000, 2, Duration.ofSeconds(5)));
            var thrown = new AtomicReference<Throwable>();
            var caller = new Thread(() -> {
                try {
                    runner.run(null);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            caller.start();
            Thread.sleep(300);
            caller.interrupt();
            caller.join(2000);
            assertFalse(caller.isAlive(), "the run ends on an interrupt");
            assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
            Thread.sleep(300);
            long hits = slow.hits();
            Thread.sleep(600);
            assertEquals(hits, slow.hits(), "the workers stopped sending too");
        }
    }

    @Test
    void noMoreRequestsAreInFlightThanTheConcurrency() throws Exception {
        var inFlight = new AtomicInteger();
        var most = new AtomicInteger();
        byte[] page = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + BookinfoPages.v1().getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + BookinfoPages.v1()).getBytes(StandardCharsets.UTF_8);
        try (var server = new RawServer(out -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
                out.write(page);
            } finally {
                inFlight.decrementAndGet();
            }
        })) {
            var tally = new LoadRunner(new LoadRunner.Settings(server.url(), 9, 3, Duration.ofSeconds(5))).run(null);
            assertEquals(9, tally.count(Outcome.REVIEWS_V1), tally.outcomes().toString());
            assertEquals(3, most.get(), "three workers, three requests at a time");
        }
    }

    /** Progress goes to a terminal as it happens: each update is flushed, not left in a buffer until the run ends. */
    @Test
    void eachProgressUpdateIsFlushed() throws Exception {
        try (var gateway = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v1()))))) {
            var terminal = new ByteArrayOutputStream();
            var buffered = new PrintStream(new BufferedOutputStream(terminal, 1 << 16), false, StandardCharsets.UTF_8);
            new LoadRunner(new LoadRunner.Settings(gateway.url(), 4, 1, Duration.ofSeconds(5))).run(buffered);
            var shown = terminal.toString(StandardCharsets.UTF_8);
            assertTrue(shown.contains("\r[##############################] 4/4"), "flushed by the run itself: [" + shown + "]");
        }
    }
}
