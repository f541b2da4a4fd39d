package io.asmdr.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An ingress gateway stand-in on 127.0.0.1 that answers {@code /productpage} with Bookinfo pages in
 * exact proportions: request i gets slot {@code i mod total} of a fixed shuffle of the mix.
 */
public final class FakeGateway implements AutoCloseable {
    /** What one slot answers: a status, a body, and an optional delay before answering. */
    public record Answer(int status, String body, long delayMillis) {
        public static Answer page(String body) {
            return new Answer(200, body, 0);
        }
    }

    private final HttpServer server;
    private final AtomicLong counter = new AtomicLong();

    /** {@code count} answers of one kind in every cycle of the mix. */
    public record Slot(int count, Answer answer) {}

    public FakeGateway(List<Slot> mix) throws IOException {
        var slots = new ArrayList<Answer>();
        for (var entry : mix) {
            for (int i = 0; i < entry.count(); i++) {
                slots.add(entry.answer());
            }
        }
        // interleave: spread each kind across the cycle rather than in blocks
        Collections.shuffle(slots, new Random(1));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/productpage", exchange -> {
            var answer = slots.get((int) (counter.getAndIncrement() % slots.size()));
            try {
                if (answer.delayMillis() > 0) {
                    Thread.sleep(answer.delayMillis());
                }
                var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException | IOException e) {
                // the client gave up (timeout); nothing to answer
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public static Slot times(int count, Answer answer) {
        return new Slot(count, answer);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/productpage");
    }

    public long hits() {
        return counter.get();
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
