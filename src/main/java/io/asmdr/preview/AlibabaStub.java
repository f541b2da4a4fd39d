package io.asmdr.preview;

import io.asmdr.loopback.Certificate;
import io.asmdr.loopback.Form;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import io.asmdr.engine.CloudFacts;
import io.asmdr.engine.SimulatedCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback (127.0.0.1) HTTPS stand-in for the three Alibaba Cloud read APIs a {@code pulumi
 * preview} of this program calls, answered from the same cloud facts as {@code synth}:
 * <ul>
 *   <li>RPC {@code Action=ListTransitRouterAvailableResource} (Cbn 2017-09-12): the region's zones;</li>
 *   <li>RPC {@code Action=DescribeVersions} (servicemesh 2020-01-11): synth's simulated ASM version;</li>
 *   <li>ROA {@code GET /api/v1/metadata/versions} (CS 2015-12-15, DescribeKubernetesVersionMetadata).</li>
 * </ul>
 * Anything else gets HTTP 400 {@code StubHasNoAnswer}, so a preview that needs more says so instead
 * of reaching the cloud. Every request is logged as a JSON line (without signatures or key ids).
 * Response shapes: Alibaba's API references, as proven against the real provider in
 * reference/real-preview (its stub-requests.jsonl).
 */
public final class AlibabaStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> UNLOGGED = List.of("Signature", "SignatureNonce", "AccessKeyId", "Timestamp");

    private final HttpsServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final CloudFacts facts;
    private final Path log;

    private AlibabaStub(HttpsServer server, CloudFacts facts, Path log) {
        this.server = server;
        this.facts = facts;
        this.log = log;
    }

    /** Starts the stub on a free loopback port with the key in {@code keystore} (PKCS12, {@link Certificate}). */
    public static AlibabaStub start(Certificate certificate, CloudFacts facts, Path log) throws IOException {
        var server = certificate.server(0);
        var stub = new AlibabaStub(server, facts, log);
        server.createContext("/", stub::handle);
        server.setExecutor(stub.threads);
        server.start();
        return stub;
    }

    /** {@code 127.0.0.1:PORT}, the form {@code ALIBABA_CLOUD_ENDPOINT_<PRODUCT>} takes. */
    public String endpoint() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var params = Form.params(exchange, null);
            var path = exchange.getRequestURI().getPath();
            var action = params.getOrDefault("Action", String.valueOf(exchange.getRequestHeaders().getFirst("x-acs-action")));
            var requestId = UUID.randomUUID().toString().toUpperCase();
            Object body;
            int status = 200;
            if ("ListTransitRouterAvailableResource".equals(action)) {
                var region = params.getOrDefault("RegionId", "");
                var answer = facts.transitRouterAvailableResource(region);
                if (answer.isPresent()) {
                    var withId = new LinkedHashMap<String, Object>(answer.get());
                    withId.put("RequestId", requestId);
                    body = withId;
                } else {
                    status = 400;
                    body = noAnswer(requestId, CloudFacts.noTransitRouterZones(region));
                }
            } else if ("DescribeVersions".equals(action)) {
                var versions = List.of(SimulatedCloud.SIMULATED_ASM_VERSION);
                body = Map.of("RequestId", requestId, "VersionInfo", List.of(
                        Map.of("Edition", "Pro", "Versions", versions), Map.of("Edition", "Default", "Versions", versions)));
            } else if (path.replaceAll("/+$", "").equals("/api/v1/metadata/versions")) {
                var wanted = params.get("KubernetesVersion");
                body = facts.kubernetesVersions().keySet().stream().sorted()
                        .filter(v -> wanted == null || v.equals(wanted))
                        .map(v -> Map.of("version", v, "creatable", true, "runtimes", List.of(), "upgradable_versions", List.of()))
                        .toList();
            } else {
                status = 400;
                body = noAnswer(requestId, "the loopback stub has no answer for " + exchange.getRequestMethod() + " " + path + " " + action);
            }
            record(exchange, path, action, params, status);
            var bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.getResponseHeaders().set("x-acs-request-id", requestId);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> noAnswer(String requestId, String message) {
        return Map.of("RequestId", requestId, "Code", "StubHasNoAnswer", "Message", message);
    }

    private synchronized void record(HttpExchange exchange, String path, String action, Map<String, String> params, int status) {
        var logged = new LinkedHashMap<String, Object>();
        logged.put("method", exchange.getRequestMethod());
        logged.put("path", path);
        logged.put("action", action);
        var shown = new LinkedHashMap<>(params);
        UNLOGGED.forEach(shown::remove);
        logged.put("params", shown);
        logged.put("status", status);
        try {
            Files.writeString(log, JSON.writeValueAsString(logged) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
