package io.asmdr.ops;

import io.asmdr.support.BookinfoPages;
import io.asmdr.support.Cli;
import io.asmdr.support.FakeGateway.Answer;
import io.asmdr.support.FakeGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.asmdr.support.FakeGateway.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * verify's client against gateways that misbehave the ways real ones do, all on loopback: an
 * HTTP/1.0 server that closes every connection, one that drips its body, one that sends 50 MB.
 */
class VerifyClientTest {

    /** A raw HTTP server on 127.0.0.1: reads a request's headers, then lets {@code answer} write to the socket. */
    static final class RawServer implements AutoCloseable {
        interface Answer {
            void write(OutputStream out) throws Exception;
        }

        /** Headers promising 5,000 bytes, then six of them and the connection closed: a page cut off mid-body. */
        static final Answer CUT_OFF_MID_BODY = out -> out.write(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html>".getBytes(StandardCharsets.US_ASCII));

        final ServerSocket socket;
        final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "raw-server");
            t.setDaemon(true);
            return t;
        });

        RawServer(Answer answer) throws IOException {
            this(answer, 0);
        }

        /** @param lingerMillis how long to wait after the answer before closing: the window in which a client reuses the connection */
        RawServer(Answer answer, long lingerMillis) throws IOException {
            socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            pool.submit(() -> {
                while (!socket.isClosed()) {
                    Socket s;
                    try {
                        s = socket.accept();
                    } catch (IOException closed) {
                        return;
                    }
                    pool.submit(() -> {
                        try (s) {
                            readHeaders(s.getInputStream());
                            answer.write(s.getOutputStream());
                            s.getOutputStream().flush();
                            if (lingerMillis > 0) {
                                Thread.sleep(lingerMillis);
                            }
                        } catch (Exception ignored) {
                            // the client went away: fine
                        }
                    });
                }
            });
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/productpage");
        }

        static void readHeaders(InputStream in) throws IOException {
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            pool.shutdownNow();
        }
    }

    static Tally run(URI url, int requests, int concurrency, Duration timeout) throws Exception {
        return new LoadRunner(new LoadRunner.Settings(url, requests, concurrency, timeout)).run(null);
    }

    @Test
    void anHttp10ServerThatClosesEveryConnectionShowsNoConnectionErrors() throws Exception {
        var page = BookinfoPages.v1().getBytes(StandardCharsets.UTF_8);
        // HTTP/1.0 without "Connection: close", closing 1 ms after each answer: the JDK client pools the
        // connection and sends the next request down it just before the server's close arrives
        try (var server = new RawServer(out -> {
            out.write(("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + page.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(page);
        }, 1)) {
            // the hazard is real: a plain client, 8 at a time, reads no bytes on some requests
            var plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            var failed = new AtomicInteger();
            var pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 2_000; i++) {
                pool.submit(() -> {
                    try {
                        plain.send(HttpRequest.newBuilder(server.url()).build(), HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES));
            assertTrue(failed.get() > 0, "the server did not reproduce the stale-connection race");

            var tally = run(server.url(), 3_000, 8, Duration.ofSeconds(5));
            assertEquals(3_000, tally.total());
            assertEquals(0, tally.count(Outcome.CONNECTION_ERROR), tally.samples().toString());
            assertEquals(3_000, tally.count(Outcome.REVIEWS_V1));
            assertTrue(tally.retriedCount() > 0, "the retry did the work");
        }
    }

    @Test
    void aDrippingBodyEndsAtTheDeadline() throws Exception {
        try (var server = new RawServer(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 1000; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(500);
            }
        })) {
            long start = System.nanoTime();
            var tally = run(server.url(), 6, 3, Duration.ofSeconds(1));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(6, tally.count(Outcome.TIMEOUT), tally.outcomes().toString());
            assertTrue(seconds < 10, "6 requests of at most 1 s each, 3 at a time, took " + seconds + " s");
            assertTrue(tally.samples().get(Outcome.TIMEOUT).get(0).contains("no complete page within"), tally.samples().toString());
        }
    }

    /** An answer that sends its headers, then one byte every half second for ever. */
    static void drip(OutputStream out) throws Exception {
        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 1000; i++) {
            out.write('x');
            out.flush();
            Thread.sleep(500);
        }
    }

    @Test
    void verifyAgainstADrippingGatewayEndsWithinTheTimeoutAndAFewSeconds() throws Exception {
        try (var server = new RawServer(VerifyClientTest::drip)) {
            long start = System.nanoTime();
            var r = Cli.run(Verify::run, "--config-file", "Pulumi.dev.yaml", "--url", server.url().toString(), "--timeout", "2s",
                    "--requests", "8", "--concurrency", "8");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(Verify.FAIL, r.code(), "a gateway that connects and drips is reachable and broken: " + r.out() + r.err());
            assertTrue(r.out().matches("(?s).*\\n\\s+8\\s+timeout.*"), r.out());
            assertTrue(seconds < 2 + 6, "the probe and one wave of requests, each bounded by --timeout 2s, took " + seconds + " s");
        }
    }

    @Test
    void anEndlessFastBodyWithoutALengthIsCutOffInTheProbeAndTheRun() throws Exception {
        var chunk = new byte[16 * 1024];
        try (var server = new RawServer(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write(chunk);
            }
        })) {
            long start = System.nanoTime();
            var r = Cli.run(Verify::run, "--config-file", "Pulumi.dev.yaml", "--url", server.url().toString(), "--timeout", "5s",
                    "--requests", "8", "--concurrency", "4");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(Verify.FAIL, r.code(), r.out() + r.err());
            assertTrue(r.out().matches("(?s).*\\n\\s+8\\s+page larger than --max-page-bytes.*"), r.out());
            assertTrue(seconds < 20, "took " + seconds + " s");
        }
    }

    @Test
    void twoHundredKilobytesOfHeadersAreNotAServedPage() throws Exception {
        var page = BookinfoPages.v1().getBytes(StandardCharsets.UTF_8);
        var header = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            header.append("X-Filler-").append(i).append(": ").append("a".repeat(1000)).append("\r\n");
        }
        try (var server = new RawServer(out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + header + "Content-Length: " + page.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(page);
        })) {
            var tally = run(server.url(), 4, 2, Duration.ofSeconds(5));
            assertEquals(4, tally.count(Outcome.OVERSIZED), tally.outcomes() + " " + tally.samples());
            assertTrue(tally.samples().get(Outcome.OVERSIZED).get(0).contains("response headers of"), tally.samples().toString());
        }
    }

    @Test
    void aGatewayThatClosesMidBodyIsReachableAndFailsRatherThanAnEnvironmentError() throws Exception {
        try (var server = new RawServer(RawServer.CUT_OFF_MID_BODY)) {
            var r = Cli.run(Verify::run, "--config-file", "Pulumi.dev.yaml", "--url", server.url().toString(), "--requests", "20");
            assertEquals(Verify.FAIL, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("connection error"), r.out());
        }
    }

    @Test
    void aFiftyMegabytePageIsCutOffAndCountedAsOversized() throws Exception {
        var chunk = new byte[64 * 1024];
        try (var server = new RawServer(out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + 50L * 1024 * 1024 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 50 * 16; i++) {
                out.write(chunk);
            }
        })) {
            var before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            var tally = run(server.url(), 16, 8, Duration.ofSeconds(10));
            assertEquals(16, tally.count(Outcome.OVERSIZED), tally.outcomes().toString());
            var after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            assertTrue(after - before < 200L * 1024 * 1024, "16 pages of 50 MB would be 800 MB; the heap grew by " + (after - before) / 1_000_000 + " MB");
        }
    }

    @Test
    void oneErrorInTwoThousandPassesAndFivePercentFails(@TempDir Path tmp) throws Exception {
        try (var gw = new FakeGateway(List.of(times(1720, Answer.page(BookinfoPages.v1())), times(279, Answer.page(BookinfoPages.v2())),
                times(1, new Answer(500, "internal error", 0))))) {
            var r = Cli.run(Verify::run, "--config-file", "Pulumi.dev.yaml", "--url", gw.url().toString(), "--requests", "2000",
                    "--json", tmp.resolve("new/folder/v.json").toString());
            assertEquals(Verify.PASS, r.code(), r.out() + r.err());
            assertTrue(Files.readString(tmp.resolve("new/folder/v.json")).contains("\"samples\""), "--json's folder is created");
        }
        try (var gw = new FakeGateway(List.of(times(817, Answer.page(BookinfoPages.v1())), times(133, Answer.page(BookinfoPages.v2())),
                times(50, new Answer(503, "no healthy upstream", 0))))) {
            var r = Cli.run(Verify::run, "--config-file", "Pulumi.dev.yaml", "--url", gw.url().toString(), "--requests", "2000");
            assertEquals(Verify.FAIL, r.code(), r.out());
            assertTrue(r.out().contains("shares: every row within the margin"), r.out());
            assertTrue(r.out().contains("TOO MANY") && r.out().contains("e.g. HTTP 503"), r.out());
        }
    }

    @Test
    void aJsonPathThatCannotBeWrittenIsRefusedBeforeAnyRequest(@TempDir Path tmp) throws Exception {
        try (var gw = new FakeGateway(List.of(times(1, Answer.page(BookinfoPages.v1()))))) {
            Files.createDirectories(tmp.resolve("a-folder"));
            var r = Cli.run(Verify::run, "--config-file", "Pulumi.dev.yaml", "--url", gw.url().toString(), "--requests", "300",
                    "--json", tmp.resolve("a-folder").toString());
            assertEquals(Verify.USAGE, r.code());
            assertEquals(0, gw.hits(), "refused before the run");
            assertFalse(r.out().contains("verdict"));
        }
    }

    @Test
    void withoutRequestsItSendsWhatThePowerTakesAndSaysSo() throws Exception {
        try (var gw = new FakeGateway(List.of(times(43, Answer.page(BookinfoPages.v1())), times(7, Answer.page(BookinfoPages.v2()))))) {
            var r = Cli.run(Verify::run, "--config-file", "Pulumi.dev.yaml", "--url", gw.url().toString());
            assertEquals(Verify.PASS, r.code(), r.out() + r.err());
            assertTrue(r.err().matches("(?s).*verify: \\d+ requests \\(about \\d+ pages from expected rows\\): a mesh serving the model's"
                    + " 86.0%/14.0% with 0.0% errors passes with probability 9\\d%, one with a row 10 points off fails with probability 9\\d%.*"), r.err());
            var low = Cli.run(Verify::run, "--config-file", "Pulumi.dev.yaml", "--url", gw.url().toString(), "--requests", "100");
            assertTrue(low.err().contains("WARNING: --requests 100 is below"), low.err());
            assertEquals(Verify.INCONCLUSIVE, low.code(), "100 pages cannot show 86/14 within ±5 points: " + low.out());
        }
    }
}
