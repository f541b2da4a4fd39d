package io.asmdr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The RAM policy users attach ({@code docs/ram-policy.json}) held against Alibaba Cloud API calls. The entry point
 * is {@link #notGranted}: give it the calls a deployment makes, as (API product, action) pairs, and it returns the
 * ones the policy does not allow. {@code RamPolicyTest} feeds it the calls the provider's code makes for every
 * resource type and function the shipped stacks hold ({@code reference/ram/alicloud-api-calls.json}) and the
 * requests of the recorded real previews; a sandbox's request log is read by {@link #readRequestLog} (one JSON
 * object a line with {@code action} and either {@code product} or, as {@code AlibabaStub} writes it, the
 * request's {@code params.Version} / ROA path) and checked the same way:
 * {@code RamPolicyCheck.notGranted(RamPolicyCheck.readRequestLog(Path.of("requests.jsonl")))} must be empty.
 */
public final class RamPolicyCheck {
    public static final Path POLICY = Path.of("docs/ram-policy.json");
    public static final Path REFERENCE = Path.of("reference/ram/alicloud-api-calls.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API versions of the RPC products this program calls, for request logs that name the version, not the product. */
    private static final Map<String, String> PRODUCT_BY_VERSION = Map.of(
            "2016-04-28", "Vpc", "2017-09-12", "Cbn", "2020-01-11", "servicemesh", "2014-05-26", "Ecs",
            "2015-01-09", "Alidns", "2017-12-14", "BssOpenApi", "2016-01-20", "Kms");

    private RamPolicyCheck() {}

    /** One call of an Alibaba Cloud API: the product as the SDKs name it ({@code Vpc}, {@code Cbn}, {@code CS}…) and the action. */
    public record ApiCall(String product, String action) implements Comparable<ApiCall> {
        @Override
        public int compareTo(ApiCall o) {
            return (product + ":" + action).compareTo(o.product + ":" + o.action);
        }

        @Override
        public String toString() {
            return product + ":" + action;
        }
    }

    /** The calls among {@code calls} that the policy does not allow (or whose product has no known RAM code), sorted, each once. */
    public static List<ApiCall> notGranted(Collection<ApiCall> calls) {
        var granted = granted();
        var out = new TreeSet<ApiCall>();
        for (var call : calls) {
            if (ramAction(call).map(a -> !granted.contains(a)).orElse(true)) {
                out.add(call);
            }
        }
        return List.copyOf(out);
    }

    /** The RAM action that allows {@code call} ({@code cen:CreateCen} for {@code Cbn/CreateCen}), if its product is known. */
    public static Optional<String> ramAction(ApiCall call) {
        return Optional.ofNullable(ramCodes().get(call.product())).map(code -> code + ":" + call.action());
    }

    /** API product → RAM code, from the reference file (with its sources). */
    public static Map<String, String> ramCodes() {
        var out = new TreeMap<String, String>();
        reference().path("ramCodes").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Every action the policy allows (each statement is Allow on "*"; RamPolicyTest holds that). */
    public static Set<String> granted() {
        var out = new TreeSet<String>();
        for (var statement : read(POLICY).path("Statement")) {
            var action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> out.add(a.asText()));
            } else {
                out.add(action.asText());
            }
        }
        return out;
    }

    /** A request log, one JSON object a line: {@code product} and {@code action}, or {@code action} with the request's API version or ROA path. */
    public static List<ApiCall> readRequestLog(Path jsonl) {
        var out = new ArrayList<ApiCall>();
        try {
            for (var line : Files.readAllLines(jsonl)) {
                if (line.isBlank()) {
                    continue;
                }
                var request = JSON.readTree(line);
                var action = request.path("action").asText(request.path("params").path("Action").asText());
                var product = request.hasNonNull("product") ? request.path("product").asText()
                        : PRODUCT_BY_VERSION.getOrDefault(request.path("params").path("Version").asText(),
                        request.path("path").asText("/").equals("/") ? "?" : "CS"); // the ACK API is the only ROA one here
                out.add(new ApiCall(product, action));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static JsonNode reference() {
        return read(REFERENCE);
    }

    /** The calls a reference row lists (its {@code calls} arrays), as (product, action). */
    public static Set<ApiCall> calls(JsonNode withCalls) {
        var out = new LinkedHashSet<ApiCall>();
        withCalls.path("calls").forEach(c -> out.add(new ApiCall(c.path("product").asText(), c.path("action").asText())));
        return out;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
