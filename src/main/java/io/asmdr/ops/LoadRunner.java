package io.asmdr.ops;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a bounded number of GETs with bounded concurrency, and ends every request as exactly one
 * outcome: each has a hard deadline that covers the body too (a server that drips one byte every
 * half second cannot hold a drill's region at zero), each body is read up to a cap, the whole run
 * stops issuing requests at {@code maxDuration}, and a worker that fails still counts its request.
 * The one retry: a request that found its pooled connection already closed by the server (an
 * HTTP/1.0 server without {@code Connection: close}; the JDK client then reads no bytes at all) never
 * reached the server, so it is sent once more on a fresh connection.
 */
public final class LoadRunner {
    public record Settings(URI url, int requests, int concurrency, Duration timeout, Duration maxDuration, int maxPageBytes) {
        public static final int MAX_REQUESTS = 100_000;
        public static final int MAX_CONCURRENCY = 64;
        /** productpage is about 5 KB; 256 KiB leaves room for any real page and bounds memory at 64 × 256 KiB. */
        public static final int DEFAULT_MAX_PAGE_BYTES = 256 * 1024;

        public Settings {
            if (requests < 1 || requests > MAX_REQUESTS) {
                throw new IllegalArgumentException("--requests must be 1.." + MAX_REQUESTS + ", got " + requests);
            }
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw new IllegalArgumentException("--concurrency must be 1.." + MAX_CONCURRENCY + ", got " + concurrency);
            }
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("--timeout must be above 0 and at most 5 minutes, got " + timeout);
            }
            if (maxDuration.isNegative() || maxDuration.isZero() || maxDuration.compareTo(Duration.ofHours(2)) > 0) {
                throw new IllegalArgumentException("--max-duration must be above 0 and at most 2 hours, got " + maxDuration);
            }
            if (maxPageBytes < 1024 || maxPageBytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("--max-page-bytes must be 1024..16777216, got " + maxPageBytes);
            }
        }

        public Settings(URI url, int requests, int concurrency, Duration timeout) {
            this(url, requests, concurrency, timeout, Duration.ofMinutes(10), DEFAULT_MAX_PAGE_BYTES);
        }
    }

    /** Thrown when the gateway cannot be reached at all: nothing to measure. */
    public static final class UnreachableException extends Exception {
        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient client;
    private final Settings settings;

    public LoadRunner(Settings settings) {
        this.settings = settings;
        this.client = newClient();
    }

    private Duration connectTimeout() {
        return settings.timeout().compareTo(Duration.ofSeconds(5)) < 0 ? settings.timeout() : Duration.ofSeconds(5);
    }

    private HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * One request before the measured run, under the same deadline and body cap: only a gateway that
     * cannot be connected to (refused, unresolvable, connect timeout) ends the run as unreachable. One
     * that connects and then answers slowly, closes mid-body or sends garbage is reachable but broken,
     * which is what the measured run is for: it ends as FAIL, not as an environment error.
     */
    public void probe() throws UnreachableException, InterruptedException {
        try {
            // a second beyond --timeout: a connect that hangs ends as a connect timeout (at most --timeout), not as ours
            send(client, new Tally(), settings.timeout().plusSeconds(1));
        } catch (HttpConnectTimeoutException e) {
            throw new UnreachableException(settings.url() + " is unreachable: connect timed out after "
                    + Deadline.format(connectTimeout()), e);
        } catch (IOException e) {
            if (neverConnected(e)) {
                throw new UnreachableException(settings.url() + " is unreachable: " + describe(e), e);
            }
            // connected: slow, cut off or broken, and measured as such
        }
    }

    /** Refused, unresolvable, or no route: nothing reached the gateway. */
    static boolean neverConnected(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnresolvedAddressException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    public Tally run(PrintStream progress) throws InterruptedException {
        var tally = new Tally();
        var next = new AtomicLong();
        var done = new AtomicLong();
        long deadline = System.nanoTime() + settings.maxDuration().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            var t = new Thread(r, "verify-request");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int w = 0; w < settings.concurrency(); w++) {
                pool.submit(() -> {
                    while (next.getAndIncrement() < settings.requests()) {
                        if (Thread.currentThread().isInterrupted() || System.nanoTime() > deadline) {
                            tally.add(Outcome.NOT_SENT, 0, "the run reached --max-duration " + settings.maxDuration());
                        } else {
                            one(tally);
                        }
                        progress(progress, done.incrementAndGet());
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(200, TimeUnit.MILLISECONDS)) {
                // waiting; an interrupt of the caller ends the run below
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            throw e;
        }
        if (progress != null) {
            progress.println();
        }
        if (tally.total() != settings.requests()) {
            throw new IllegalStateException("verify lost track of requests: " + tally.total() + " outcomes for " + settings.requests() + " requests");
        }
        return tally;
    }

    /** One request, under the same deadline, cap and single retry as a run, to exactly one outcome. */
    public Outcome once() {
        var tally = new Tally();
        one(tally);
        return tally.outcomes().keySet().iterator().next();
    }

    /** One request to exactly one outcome, whatever happens. */
    private void one(Tally tally) {
        try {
            try {
                send(client, tally, settings.timeout());
            } catch (IOException neverSent) {
                if (!closedBeforeSending(neverSent)) {
                    throw neverSent;
                }
                tally.retried();
                send(newClient(), tally, settings.timeout());
            }
        } catch (HttpTimeoutException e) {
            tally.add(Outcome.TIMEOUT, 0, describe(e));
        } catch (IOException e) {
            tally.add(Outcome.CONNECTION_ERROR, 0, describe(e));
        } catch (InterruptedException e) {
            tally.add(Outcome.NOT_SENT, 0, "interrupted");
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            tally.add(Outcome.CLIENT_FAILURE, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void send(HttpClient http, Tally tally, Duration deadline) throws IOException, InterruptedException {
        var future = http.sendAsync(request(), BoundedBody.handler(settings.maxPageBytes()));
        HttpResponse<BoundedBody.Page> response;
        try {
            // the deadline covers headers and body: a server that drips its page never holds a worker longer
            response = future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete page within " + Deadline.format(settings.timeout()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
        var page = response.body();
        if (page.headersOversized()) {
            tally.add(Outcome.OVERSIZED, response.statusCode(), "response headers of " + page.headerBytes() + " bytes, more than "
                    + BoundedBody.MAX_HEADER_BYTES);
            return;
        }
        if (page.oversized()) {
            tally.add(Outcome.OVERSIZED, response.statusCode(), "more than " + settings.maxPageBytes() + " bytes");
            return;
        }
        var outcome = PageClassifier.classify(response.statusCode(), new String(page.bytes(), StandardCharsets.UTF_8));
        tally.add(outcome, response.statusCode(), outcome == Outcome.HTTP_ERROR ? "HTTP " + response.statusCode() : null);
    }

    /**
     * The JDK client's report of a pooled connection that the server had closed: no byte of a
     * response arrived (sun.net/jdk.internal.net.http Http1Response: "header parser received no bytes").
     */
    static boolean closedBeforeSending(IOException e) {
        var message = String.valueOf(e.getMessage());
        return e instanceof EOFException || message.contains("received no bytes");
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(settings.url()).timeout(settings.timeout()).GET().build();
    }

    private void progress(PrintStream out, long done) {
        if (out == null) {
            return;
        }
        long total = settings.requests();
        long step = Math.max(1, total / 50);
        if (done % step != 0 && done != total) {
            return;
        }
        int width = 30;
        int filled = (int) (width * done / total);
        synchronized (out) {
            out.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total);
            out.flush();
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return e.getMessage() == null ? "timed out" : e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
