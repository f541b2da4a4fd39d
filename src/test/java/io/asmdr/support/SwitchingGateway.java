package io.asmdr.support;

import com.sun.net.httpserver.HttpServer;
import io.asmdr.support.FakeGateway.Answer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A gateway stand-in on 127.0.0.1 that answers {@code before} until a known moment and {@code after}
 * from then on: the outage and the recovery of a drill, with the recovery time known in advance.
 */
public final class SwitchingGateway implements AutoCloseable {
    private final HttpServer server;
    private volatile Instant switchAt;

    /** Switches {@code afterFirstRequest} after the first request it gets (the drill's first probe, at its scale-down). */
    public SwitchingGateway(Answer before, Answer after, Duration afterFirstRequest) throws IOException {
        this(before, after, (Instant) null, afterFirstRequest);
    }

    public SwitchingGateway(Answer before, Answer after, Instant switchAt) throws IOException {
        this(before, after, switchAt, null);
    }

    private SwitchingGateway(Answer before, Answer after, Instant fixed, Duration afterFirstRequest) throws IOException {
        this.switchAt = fixed;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/productpage", exchange -> {
            synchronized (this) {
                if (switchAt == null) {
                    switchAt = Instant.now().plus(afterFirstRequest);
                }
            }
            var answer = Instant.now().isBefore(switchAt) ? before : after;
            try {
                var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (IOException e) {
                // the client gave up; nothing to answer
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public Instant switchAt() {
        return switchAt;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/productpage");
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
