package io.asmdr.support;

import com.sun.net.httpserver.HttpServer;
import io.asmdr.ops.Drill;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A mesh stand-in on 127.0.0.1 for {@code drill region-loss}. Its gateway serves each page from one region, in the
 * shares it is given (the traffic model's for the healthy mesh), by smooth weighted round robin. It watches the lost
 * region's cluster (a Kubernetes API server) for the drill's black-hole NetworkPolicy every 100 ms. Once that exists, a
 * page routed to the lost region behaves as Envoy towards a pod that stopped answering: the connection attempt hangs
 * for {@code connectTimeout} (the attempt goes on when the client gives up first: the stand-in's assumption, not a
 * measured fact of Envoy) and ends in a 503 "upstream connect error"; each such failure counts towards the region's
 * consecutive errors, and at {@code consecutiveErrors} the region is ejected at once (Envoy's inline consecutive-5xx
 * ejection) and its share goes to the other regions. Nothing in it knows the drill's prediction: it is Envoy's behaviour
 * with the stack's settings, which the drill's measurement must find.
 */
public final class BlackHoleMesh implements AutoCloseable {
    private final HttpServer server;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Double> shares;
    private final Map<String, String> pages;
    private final String lost;
    private final Duration connectTimeout;
    private final int consecutiveErrors;
    private final Map<String, Double> credit = new LinkedHashMap<>();
    private volatile Instant silencedAt;
    private volatile Instant ejectedAt;
    private int failures;
    private volatile boolean silenced;

    public BlackHoleMesh(Map<String, Double> shares, Map<String, String> pages, String lostRegion, KubernetesClient lostCluster, String namespace,
                         Duration connectTimeout, int consecutiveErrors) throws IOException {
        this.shares = Map.copyOf(shares);
        this.pages = Map.copyOf(pages);
        this.lost = lostRegion;
        this.connectTimeout = connectTimeout;
        this.consecutiveErrors = consecutiveErrors;
        shares.keySet().forEach(r -> credit.put(r, 0.0));
        watcher.scheduleAtFixedRate(() -> {
            try {
                boolean now = lostCluster.network().v1().networkPolicies().inNamespace(namespace).withName(Drill.BLACKHOLE).get() != null;
                if (now && silencedAt == null) {
                    silencedAt = Instant.now();
                }
                silenced = now;
            } catch (RuntimeException e) {
                // the API server is going away with the test: keep the last state
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/productpage", exchange -> {
            var region = route();
            int status = 200;
            String body = pages.get(region);
            if (region.equals(lost) && silenced && ejectedAt == null) {
                try {
                    Thread.sleep(connectTimeout.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                failed();
                status = 503;
                body = "upstream connect error or disconnect/reset before headers. reset reason: connection timeout";
            }
            try {
                var bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (IOException e) {
                // the client gave up before the connect timeout; the attempt still counted
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The next page's region: the one furthest behind its share (the lost one left out once ejected). */
    private synchronized String route() {
        var eligible = new LinkedHashMap<String, Double>();
        shares.forEach((r, s) -> {
            if (s > 0 && !(r.equals(lost) && ejectedAt != null)) {
                eligible.put(r, s);
            }
        });
        double total = eligible.values().stream().mapToDouble(Double::doubleValue).sum();
        String best = null;
        for (var e : eligible.entrySet()) {
            credit.merge(e.getKey(), e.getValue() / total, Double::sum);
            if (best == null || credit.get(e.getKey()) > credit.get(best)) {
                best = e.getKey();
            }
        }
        credit.merge(best, -1.0, Double::sum);
        return best;
    }

    private synchronized void failed() {
        if (++failures >= consecutiveErrors && ejectedAt == null && silenced) {
            ejectedAt = Instant.now();
        }
    }

    /** When the stand-in first saw the black hole, or null. */
    public Instant silencedAt() {
        return silencedAt;
    }

    /** When the lost region was ejected, or null. */
    public Instant ejectedAt() {
        return ejectedAt;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/productpage");
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
