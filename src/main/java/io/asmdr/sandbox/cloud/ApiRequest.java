package io.asmdr.sandbox.cloud;

import java.util.LinkedHashMap;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One call to the emulated cloud, as terraform-provider-alicloud sends it: RPC style (the form or query
 * parameters {@code Action}, {@code Version}, {@code RegionId}; connectivity/client.go {@code rpcRequest},
 * POST or GET) or ROA style (a method and a path with a JSON body; {@code roaRequest}, only CS here).
 *
 * @param style   "RPC" or "ROA"
 * @param product the product the version belongs to (Vpc, Ecs, Cbn, CS, servicemesh, Alidns, BssOpenApi)
 * @param params  query and form parameters, flat ({@code Tag.1.Key} stays one key)
 * @param body    the JSON body of a ROA call (an empty object when there is none)
 */
public record ApiRequest(String style, String method, String path, String product, String version, String action,
                         Map<String, String> params, JsonNode body, Map<String, String> headers) {

    public ApiRequest {
        params = Map.copyOf(params);
        headers = Map.copyOf(headers);
    }

    /** The same request, known to belong to product {@code name} and to be {@code actionName}. */
    public ApiRequest of(String name, String actionName) {
        return new ApiRequest(style, method, path, name, version, actionName, params, body, headers);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name)).filter(v -> !v.isEmpty());
    }

    /** A parameter the action cannot do without: its absence is the caller's error, as the real API answers it. */
    public String required(String name) {
        return param(name).orElseThrow(() -> ApiException.badRequest("MissingParameter", "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied."));
    }

    /** {@code Name.1}, {@code Name.2}, … in order (the RPC encoding of a list). */
    public List<String> list(String name) {
        var found = new TreeMap<Integer, String>();
        params.forEach((k, v) -> {
            if (k.startsWith(name + ".")) {
                var rest = k.substring(name.length() + 1);
                if (rest.matches("[0-9]+")) {
                    found.put(Integer.parseInt(rest), v);
                }
            }
        });
        return List.copyOf(found.values());
    }

    /**
     * {@code Prefix.N.Field} groups in N order, each as its fields ({@code Field} may itself be {@code Name.M}): the
     * RPC encoding of a list of objects (tea-rpc-utils {@code Query} flattens the provider's lists of maps this way).
     */
    public List<Map<String, String>> objects(String prefix) {
        var found = new TreeMap<Integer, Map<String, String>>();
        var pattern = Pattern.compile(Pattern.quote(prefix) + "\\.([0-9]+)\\.(.+)");
        params.forEach((k, v) -> {
            var m = pattern.matcher(k);
            if (m.matches()) {
                found.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new TreeMap<>()).put(m.group(2), v);
            }
        });
        return List.copyOf(found.values());
    }

    /** {@code Tag.N.Key}/{@code Tag.N.Value} pairs (RPC) as a map, in order. */
    public Map<String, String> tags(String prefix) {
        var keys = new TreeMap<Integer, String>();
        var values = new TreeMap<Integer, String>();
        params.forEach((k, v) -> {
            var m = Pattern.compile(Pattern.quote(prefix) + "\\.([0-9]+)\\.(Key|Value)").matcher(k);
            if (m.matches()) {
                (m.group(2).equals("Key") ? keys : values).put(Integer.parseInt(m.group(1)), v);
            }
        });
        var out = new LinkedHashMap<String, String>();
        keys.forEach((i, k) -> out.put(k, values.getOrDefault(i, "")));
        return out;
    }

    /** The region the call is about: {@code RegionId} (RPC) or what the handler resolved (ROA). */
    public Optional<String> region() {
        return param("RegionId").or(() -> param("regionId")).or(() -> param("region_id")).or(() -> param("Region"));
    }

    /** Product, action and version, for messages. */
    public String describe() {
        return product + " " + version + " " + action + ("ROA".equals(style) ? " (" + method + " " + path + ")" : "");
    }
}
