package io.asmdr.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads what {@link Plan#toPreviewJson()} wrote (and what {@code pulumi preview --json} writes):
 * {@code display.PreviewStep}s whose {@code newState} and {@code oldState} are
 * {@code apitype.ResourceV3}, field names as in pulumi/pulumi pkg/display/json.go and
 * sdk/go/common/apitype/core.go.
 */
public final class PlanFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private PlanFile() {}

    /** A plan.json, or the plan.json inside a synth output folder. */
    public static Plan read(Path path) throws IOException {
        var file = Files.isDirectory(path) ? path.resolve("plan.json") : path;
        var root = JsonDocuments.read(file);
        if (root == null || !root.path("steps").isArray()) {
            throw new IOException(file + " has no \"steps\" list; it is not a plan.json or a `pulumi preview --json` output");
        }
        // one resource per URN: a replacement is several steps of one URN, the last newState is the resource
        var resources = new LinkedHashMap<String, PlannedResource>();
        int i = 0;
        for (var step : root.path("steps")) {
            var where = file + ": steps[" + i++ + "]";
            if (!step.isObject()) {
                throw new IOException(where + " is not a step object");
            }
            if (!step.hasNonNull("newState")) {
                continue;
            }
            var state = step.path("newState");
            if (!state.isObject()) {
                throw new IOException(where + ".newState is not a resource state (an object)");
            }
            var urn = state.path("urn").asText("");
            if (!Urns.isUrn(urn)) {
                throw new IOException(where + ".newState.urn is " + (urn.isEmpty() ? "missing" : "'" + urn + "', not a Pulumi URN"));
            }
            resources.put(urn, resource(state, step.path(Plan.NOT_IN_PREVIEW)));
        }
        var invented = new TreeSet<String>();
        root.path("invented").forEach(n -> invented.add(n.asText()));
        return new Plan(List.copyOf(resources.values()), List.of(), invented);
    }

    /** One {@code apitype.ResourceV3} as a planned resource. */
    public static PlannedResource resource(JsonNode state) {
        return resource(state, JSON.createObjectNode());
    }

    /**
     * One {@code apitype.ResourceV3}, with the step's {@link Plan#NOT_IN_PREVIEW} section (a real
     * preview has none). Plans written before that section existed kept aliases and
     * deleteBeforeReplace in the state itself; they are read from there too.
     */
    static PlannedResource resource(JsonNode state, JsonNode extra) {
        var aliases = extra.has("aliases") ? extra.path("aliases") : state.path("aliases");
        var deleteBeforeReplace = extra.has("deleteBeforeReplace") ? extra.path("deleteBeforeReplace") : state.path("deleteBeforeReplace");
        var urn = state.path("urn").asText();
        var timeouts = new TreeMap<String, Double>();
        state.path("customTimeouts").fields().forEachRemaining(e -> timeouts.put(e.getKey(), e.getValue().asDouble()));
        var propertyDependencies = new TreeMap<String, List<String>>();
        state.path("propertyDependencies").fields().forEachRemaining(e -> propertyDependencies.put(e.getKey(), strings(e.getValue())));
        var options = new PlannedResource.Options(
                state.path("protect").asBoolean(false),
                strings(state.path("ignoreChanges")),
                timeouts,
                strings(state.path("additionalSecretOutputs")),
                strings(aliases),
                deleteBeforeReplace.isBoolean() ? Optional.of(deleteBeforeReplace.asBoolean()) : Optional.empty(),
                state.path("retainOnDelete").asBoolean(false),
                strings(state.path("replaceOnChanges")),
                propertyDependencies,
                state.path("inputs").path("version").asText(extra.path("version").asText("")));
        Map<String, Object> inputs = state.has("inputs") ? JSON.convertValue(state.path("inputs"), MAP) : new LinkedHashMap<>();
        return new PlannedResource(urn, state.path("type").asText(), Urns.name(urn),
                state.path("custom").asBoolean(false), state.path("parent").asText(""), state.path("provider").asText(""),
                strings(state.path("dependencies")), inputs, options);
    }

    private static List<String> strings(JsonNode list) {
        var out = new ArrayList<String>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
