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
        var root = JSON.readTree(file.toFile());
        if (root == null || !root.path("steps").isArray()) {
            throw new IOException(file + " has no \"steps\" list; it is not a plan.json or a `pulumi preview --json` output");
        }
        var resources = new ArrayList<PlannedResource>();
        for (var step : root.path("steps")) {
            if (step.hasNonNull("newState")) {
                resources.add(resource(step.path("newState"), step.path(Plan.NOT_IN_PREVIEW)));
            }
        }
        return new Plan(resources, List.of());
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
