package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import io.asmdr.loopback.Certificate;
import io.asmdr.loopback.Form;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A loopback Alibaba Cloud for this program: one HTTPS endpoint (127.0.0.1) that every product's
 * {@code ALIBABA_CLOUD_ENDPOINT_<PRODUCT>} points at (terraform-provider-alicloud
 * connectivity/endpoint.go {@code loadEndpoint} reads these variables first, for every region), a
 * {@link Product} per API version, one {@link CloudState}, and a log line per request in
 * {@code requests.jsonl} (time, product, action, region, HTTP status, milliseconds; never a
 * signature or key id).
 *
 * <p>A region listed by {@code down} answers every call with HTTP 503 {@code ServiceUnavailable},
 * as a regional API outage does. An action no product emulates is refused with HTTP 400
 * {@code Sandbox.NotImplemented} naming it.
 */
public final class CloudEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Signing fields: never logged. */
    private static final Set<String> UNLOGGED = Set.of("Signature", "SignatureNonce", "AccessKeyId", "Timestamp", "SecurityToken");
    /** The products whose endpoint variables point here (lower-case codes, connectivity/endpoint.go). */
    public static final List<String> ENDPOINT_PRODUCTS = List.of("vpc", "ecs", "cbn", "cs", "servicemesh", "ga", "alidns", "bssopenapi", "sts");

    private final HttpsServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final CloudState state;
    private final Map<String, Product> byVersion = new LinkedHashMap<>();
    private final Path log;
    private final Supplier<Set<String>> down;

    private CloudEmulator(HttpsServer server, CloudState state, List<Product> products, Path log, Supplier<Set<String>> down) {
        this.server = server;
        this.state = state;
        this.log = log;
        this.down = down;
        products.forEach(p -> byVersion.put(p.version(), p));
    }

    /**
     * Starts the emulator on {@code port} (0: a free one).
     *
     * @param down the regions whose API is out, asked on every request
     */
    public static CloudEmulator start(Certificate certificate, int port, CloudState state, List<Product> products, Path log,
                                      Supplier<Set<String>> down) throws IOException {
        var server = certificate.server(port);
        var emulator = new CloudEmulator(server, state, products, log, down);
        server.createContext("/", emulator::handle);
        server.setExecutor(emulator.threads);
        server.start();
        return emulator;
    }

    /** {@code 127.0.0.1:PORT}, the form {@code ALIBABA_CLOUD_ENDPOINT_<PRODUCT>} takes. */
    public String endpoint() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public CloudState state() {
        return state;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var started = System.nanoTime();
            var requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
            ApiRequest request = null;
            String region = "";
            int status;
            Object body;
            try {
                request = parse(exchange);
                var product = byVersion.get(request.version());
                if (product == null) {
                    throw ApiException.notImplemented(request, "no product with API version '" + request.version() + "' is emulated");
                }
                request = request.of(product.name(), product.actionName(request));
                region = product.regionOf(request, state).orElse("");
                if (!region.isEmpty() && down.get().contains(region)) {
                    throw new ApiException(503, "ServiceUnavailable",
                            "The request has failed due to a temporary failure of the server (the sandbox has region " + region + " down).");
                }
                Optional<Object> answer;
                synchronized (state) {
                    // one request at a time changes the cloud: a product may update a record in several steps
                    answer = product.handle(request, state);
                }
                if (answer.isEmpty()) {
                    throw ApiException.notImplemented(request, "");
                }
                body = withRequestId(answer.get(), requestId);
                status = 200;
            } catch (ApiException e) {
                status = e.status();
                body = error(requestId, e.code(), e.getMessage());
            } catch (RuntimeException e) {
                // an emulator defect: say so, as a 400 the provider does not retry (a 5xx would be retried for minutes)
                status = 400;
                body = error(requestId, "Sandbox.InternalError", "the asm-dr sandbox failed on this request: " + e);
            }
            record(exchange, request, region, status, (System.nanoTime() - started) / 1_000_000, body);
            var bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.getResponseHeaders().set("x-acs-request-id", requestId);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Object withRequestId(Object answer, String requestId) {
        if (answer instanceof Map<?, ?> map && !map.containsKey("RequestId") && !map.containsKey("request_id")) {
            var out = new LinkedHashMap<Object, Object>(map);
            out.put("RequestId", requestId);
            return out;
        }
        if (answer instanceof ObjectNode node && !node.has("RequestId") && !node.has("request_id")) {
            var out = node.deepCopy();
            out.put("RequestId", requestId);
            return out;
        }
        return answer;
    }

    private static Map<String, Object> error(String requestId, String code, String message) {
        var out = new LinkedHashMap<String, Object>();
        out.put("RequestId", requestId);
        out.put("Code", code);
        out.put("Message", message);
        out.put("HostId", "sandbox");
        return out;
    }

    /** RPC when the call carries {@code Action} (query or form); otherwise ROA, versioned by {@code x-acs-version}. */
    static ApiRequest parse(HttpExchange exchange) throws IOException {
        var raw = new byte[1][];
        var params = Form.params(exchange, raw);
        var headers = new LinkedHashMap<String, String>();
        exchange.getRequestHeaders().forEach((k, v) -> {
            if (!v.isEmpty() && k.toLowerCase(Locale.ROOT).startsWith("x-acs-") && !k.equalsIgnoreCase("x-acs-signature-nonce")) {
                headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
            }
        });
        var path = exchange.getRequestURI().getPath();
        var method = exchange.getRequestMethod();
        if (params.containsKey("Action")) {
            return new ApiRequest("RPC", method, path, "", params.getOrDefault("Version", ""), params.get("Action"), params,
                    JSON.createObjectNode(), headers);
        }
        JsonNode body = JSON.createObjectNode();
        var type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (raw[0] != null && raw[0].length > 0 && type.contains("json")) {
            try {
                body = JSON.readTree(new String(raw[0], StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw ApiException.badRequest("InvalidParameter", "the request body is not JSON: " + e.getMessage());
            }
        }
        var version = headers.getOrDefault("x-acs-version", "");
        return new ApiRequest("ROA", method, path, "", version, headers.getOrDefault("x-acs-action", ""), params, body, headers);
    }

    private synchronized void record(HttpExchange exchange, ApiRequest request, String region, int status, long ms, Object body) {
        var logged = new LinkedHashMap<String, Object>();
        logged.put("time", Instant.now().toString());
        var product = request == null ? null : byVersion.get(request.version());
        logged.put("product", product == null ? "" : product.name());
        logged.put("version", request == null ? "" : request.version());
        logged.put("action", request == null ? "" : request.action());
        logged.put("style", request == null ? "" : request.style());
        logged.put("method", exchange.getRequestMethod());
        logged.put("path", exchange.getRequestURI().getPath());
        logged.put("region", region);
        logged.put("status", status);
        logged.put("ms", ms);
        if (request != null) {
            var shown = new LinkedHashMap<>(request.params());
            UNLOGGED.forEach(shown::remove);
            List.of("Action", "Version", "Format", "SignatureMethod", "SignatureVersion", "SignatureType").forEach(shown::remove);
            logged.put("params", shown);
        }
        if (status != 200 && body instanceof Map<?, ?> error) {
            logged.put("code", error.get("Code"));
            logged.put("message", error.get("Message"));
        }
        try {
            Files.writeString(log, JSON.writeValueAsString(logged) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The product a ROA call's path belongs to, for products that version their calls only by path. */
    public Optional<Product> product(String version) {
        return Optional.ofNullable(byVersion.get(version));
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
