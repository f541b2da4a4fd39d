package io.asmdr.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.reference.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a provider's {@code Check} does to the inputs the program sends, as far as a preview shows
 * it: the engine records the checked inputs, not the sent ones (reference/real-preview). For
 * alicloud (a Terraform bridge) that is the schema defaults of unset inputs, listed under
 * {@code __defaults}, and an empty {@code __defaults} in every object the bridge checks; every
 * provider resource gets the engine's {@code __internal} bag. Reading both from the reference data
 * keeps synth's inputs equal to a real preview's, so a comparison of the two shows no spurious
 * update or replacement (clusterDomain and nodeCidrMask are ForceNew).
 *
 * <p>Kubernetes objects are not checked here: in a first preview their provider's kubeconfig is
 * unknown and the engine never calls the plugin's Check (reference/real-preview/README.md).
 */
final class ProviderCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULTS = "__defaults";
    static final String INTERNAL = "__internal";

    private final JsonNode schema;
    private final JsonNode defaults;

    private ProviderCheck(JsonNode schema, JsonNode defaults) {
        this.schema = schema;
        this.defaults = defaults;
    }

    static final ProviderCheck ALICLOUD = new ProviderCheck(
            ReferenceData.alicloudSchema(), ReferenceData.read("alicloud-check-defaults.json").path("resources"));

    /** The inputs as the engine records them after the provider's Check. */
    Map<String, Object> checked(String type, Map<String, Object> sent) {
        if (type.startsWith("pulumi:providers:")) {
            var out = new TreeMap<>(sent);
            out.put(INTERNAL, Map.of());
            return out;
        }
        var resource = schema.path("resources").path(type);
        if (!type.startsWith("alicloud:") || resource.isMissingNode()) {
            return sent;
        }
        var out = new TreeMap<>(sent);
        var filled = new TreeSet<String>();
        defaults.path(type).fields().forEachRemaining(e -> {
            if (!out.containsKey(e.getKey())) {
                out.put(e.getKey(), JSON.convertValue(e.getValue().path("value"), Object.class));
                filled.add(e.getKey());
            }
        });
        markObjects(out, resource.path("inputs"));
        out.put(DEFAULTS, List.copyOf(filled));
        return out;
    }

    /** Every object value whose schema type is an object (or a list of them) gets its own, empty, {@code __defaults}. */
    private void markObjects(Map<String, Object> values, JsonNode properties) {
        for (var e : values.entrySet()) {
            var type = properties.path(e.getKey()).path("type").asText("");
            var objectType = type.startsWith("object:") ? type.substring("object:".length())
                    : type.startsWith("array<object:") ? type.substring("array<object:".length(), type.length() - 1) : null;
            if (objectType == null) {
                continue;
            }
            var nested = schema.path("types").path(objectType).path("properties");
            if (e.getValue() instanceof Map<?, ?> object) {
                e.setValue(marked(object, nested));
            } else if (e.getValue() instanceof List<?> list) {
                var out = new ArrayList<Object>();
                list.forEach(item -> out.add(item instanceof Map<?, ?> object ? marked(object, nested) : item));
                e.setValue(List.copyOf(out));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> marked(Map<?, ?> object, JsonNode properties) {
        var out = new TreeMap<>((Map<String, Object>) object);
        markObjects(out, properties);
        out.put(DEFAULTS, List.of());
        return out;
    }
}
