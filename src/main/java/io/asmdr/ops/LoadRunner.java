package io.asmdr.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a bounded number of GETs with bounded concurrency and a per-request timeout, and counts
 * every outcome; nothing is retried and nothing is dropped.
 */
public final class LoadRunner {
    public record Settings(URI url, int requests, int concurrency, Duration timeout) {
        public static final int MAX_REQUESTS = 100_000;
        public static final int MAX_CONCURRENCY = 64;

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
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout().compareTo(Duration.ofSeconds(5)) < 0 ? settings.timeout() : Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * One request before the measured run that must at least connect: a refused or unresolvable
     * address ends the run; a slow or failing answer does not (that is what the run measures).
     */
    public void probe() throws UnreachableException, InterruptedException {
        try {
            client.send(request(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpConnectTimeoutException e) {
            throw new UnreachableException(settings.url() + " is unreachable: connect timed out", e);
        } catch (HttpTimeoutException reachableButSlow) {
            // connected; the answer was late
        } catch (IOException e) {
            throw new UnreachableException(settings.url() + " is unreachable: " + describe(e), e);
        }
    }

    public Tally run(PrintStream progress) throws InterruptedException {
        var tally = new Tally();
        var next = new AtomicLong();
        var done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            var t = new Thread(r, "verify-request");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int w = 0; w < settings.concurrency(); w++) {
                pool.submit(() -> {
                    while (next.getAndIncrement() < settings.requests() && !Thread.currentThread().isInterrupted()) {
                        one(tally);
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
        return tally;
    }

    private void one(Tally tally) {
        try {
            var response = client.send(request(), HttpResponse.BodyHandlers.ofString());
            tally.add(PageClassifier.classify(response.statusCode(), response.body()), response.statusCode());
        } catch (HttpTimeoutException e) {
            tally.add(Outcome.TIMEOUT, 0);
        } catch (IOException e) {
            tally.add(Outcome.CONNECTION_ERROR, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            return "timed out";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
