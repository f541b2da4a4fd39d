package io.asmdr.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The changes of a real {@code pulumi preview --json}: a {@code display.PreviewDigest}
 * (pulumi/pulumi pkg/display/json.go) whose {@code steps} carry {@code op}, {@code urn},
 * {@code oldState}/{@code newState} ({@code apitype.ResourceV3}), {@code diffReasons},
 * {@code replaceReasons} and {@code detailedDiff}. Step ops are the engine's
 * ({@code display.StepOp} values in pkg/resource/deploy/step.go): a replacement appears as
 * {@code replace}, {@code create-replacement} and {@code delete-replaced} steps of one URN, folded
 * here into one {@link Change.Op#REPLACE}.
 */
public final class PreviewChanges {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PreviewChanges() {}

    /** A preview's changes and what it says of the stack beyond them (the CIDR blocks of its config, the root stack's outputs). */
    public record Preview(List<Change> changes, Guard.StackFacts facts) {}

    /** A preview's changes, or why the preview cannot be judged ({@link Failed}). */
    public static List<Change> read(Path file) throws IOException {
        return readPreview(file).changes();
    }

    /**
     * A preview: exactly one JSON document (trailing data is an input error: a second document would
     * go unjudged), a {@code display.PreviewDigest}. The engine leaves out an empty {@code steps}
     * ({@code omitempty}, pkg/display/json.go), so a digest without steps is a preview that did not
     * get as far as its first step: {@link Failed}, with its first error if it has one.
     */
    public static Preview readPreview(Path file) throws IOException {
        var root = JsonDocuments.read(file);
        if (root == null || !root.isObject()) {
            throw new Malformed(file + " is " + (root == null ? "empty" : kind(root)) + ", not the output of `pulumi preview --json`");
        }
        if (!root.has("steps") && DIGEST_FIELDS.stream().anyMatch(root::has)) {
            throw new Failed(file + ": " + failure(root).orElse("the preview lists no steps") + " (no \"steps\": it did not finish)");
        }
        if (!root.path("steps").isArray()) {
            throw new Malformed(file + " has no \"steps\" list; pass the output of `pulumi preview --json`");
        }
        var failure = failure(root);
        if (failure.isPresent()) {
            throw new Failed(file + ": " + failure.get());
        }
        return new Preview(fromDigest(root), facts(root));
    }

    /** The other fields of a {@code display.PreviewDigest}: an object with one of them is a preview, even without steps. */
    private static final List<String> DIGEST_FIELDS = List.of("config", "diagnostics", "duration", "changeSummary", "maybeCorrupt");

    /**
     * The CIDR blocks the preview's {@code config} states (every string under a key that ends in
     * {@code cidr}, any case, at any depth of a value that is a JSON document, as structured config
     * is), and the outputs of the root stack's new state.
     */
    static Guard.StackFacts facts(JsonNode root) {
        var cidrs = new ArrayList<String>();
        root.path("config").fields().forEachRemaining(e -> {
            var value = e.getValue();
            if (value.isTextual()) {
                try {
                    value = JSON.readTree(value.asText());
                } catch (IOException notJson) {
                    value = e.getValue();
                }
            }
            cidrsIn(e.getKey(), value, cidrs);
        });
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (var step : root.path("steps")) {
            var state = step.path("newState");
            if (Guard.STACK.equals(state.path("type").asText()) && state.path("outputs").isObject()) {
                outputs = JSON.convertValue(state.path("outputs"), new TypeReference<LinkedHashMap<String, Object>>() {});
            }
        }
        return new Guard.StackFacts(cidrs, outputs, unavailableRegions(root));
    }

    /**
     * The regions {@value Guard#UNAVAILABLE_REGIONS_KEY} names in the preview's {@code config}: a preview writes a
     * structured value as its JSON text (synth's plan.json the same), a list of region names.
     */
    static Set<String> unavailableRegions(JsonNode root) {
        var value = root.path("config").path(Guard.UNAVAILABLE_REGIONS_KEY);
        if (value.isTextual()) {
            try {
                value = JSON.readTree(value.asText());
            } catch (IOException notJson) {
                return Set.of(value.asText());
            }
        }
        var out = new TreeSet<String>();
        if (value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        } else if (value.isTextual() && !value.asText().isBlank()) {
            out.add(value.asText());
        }
        return out;
    }

    private static void cidrsIn(String key, JsonNode value, List<String> out) {
        if (value == null) {
            return;
        }
        if (value.isTextual() && key.toLowerCase(Locale.ROOT).endsWith("cidr")) {
            out.add(value.asText());
        } else if (value.isObject()) {
            value.fields().forEachRemaining(e -> cidrsIn(e.getKey(), e.getValue(), out));
        } else if (value.isArray()) {
            value.forEach(v -> cidrsIn(key, v, out));
        }
    }

    /**
     * A preview that did not finish: what it lists is not what {@code up} would do, so no rule can
     * clear it. The message says why.
     */
    public static final class Failed extends IOException {
        Failed(String message) {
            super(message);
        }
    }

    /** Counted per op in {@code changeSummary} and listed one step each (sames are not listed unless asked). */
    private static final List<String> COUNTED_OPS = List.of("create", "update", "delete", "replace");

    /**
     * Why a preview digest is not a finished preview: an error diagnostic (the engine stops at the
     * first failed step), no {@code changeSummary} (written only when the preview ends; json.go
     * {@code ShowPreviewDigest}), or fewer steps of an op than the summary counts (steps cut short).
     */
    static Optional<String> failure(JsonNode root) {
        for (var d : root.path("diagnostics")) {
            if ("error".equals(d.path("severity").asText())) {
                var message = d.path("message").asText("").strip();
                var firstLine = message.lines().findFirst().orElse("(no message)");
                return Optional.of("the preview failed with an error" + (d.hasNonNull("urn") ? " on " + d.path("urn").asText() : "")
                        + ": " + firstLine);
            }
        }
        var summary = root.path("changeSummary");
        if (!summary.isObject()) {
            return Optional.of("the preview has no changeSummary, so it did not finish; run `pulumi preview --json` again and read its errors");
        }
        for (var op : COUNTED_OPS) {
            long listed = 0;
            for (var step : root.path("steps")) {
                if (op.equals(step.path("op").asText())) {
                    listed++;
                }
            }
            var counted = summary.path(op).asLong(0);
            if (listed != counted) {
                return Optional.of("the preview's summary counts " + counted + " " + op + " steps but lists " + listed
                        + ": its steps are incomplete");
            }
        }
        return Optional.empty();
    }

    /** A step or field that is not what {@code pulumi preview --json} writes: exit 2, with the JSON path. */
    public static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /**
     * One change per URN, read defensively. Every step must be an object with a URN; states must be
     * objects. An op the guard does not know (a misspelt {@code Replace}, {@code destroy}, or none)
     * becomes {@link Change.Op#UNKNOWN}, never a silent skip; a step without states gets its type
     * from its URN. What changed is taken from {@code diffReasons}, {@code detailedDiff} and from
     * comparing the states themselves, so a change only one of them shows is still seen.
     */
    static List<Change> fromDigest(JsonNode root) throws Malformed {
        var byUrn = new LinkedHashMap<String, Folded>();
        int i = 0;
        for (var step : root.path("steps")) {
            var where = "steps[" + i++ + "]";
            if (!step.isObject()) {
                throw new Malformed(where + " is " + kind(step) + ", not a step object");
            }
            for (var state : List.of("oldState", "newState")) {
                if (step.has(state) && !step.path(state).isNull() && !step.path(state).isObject()) {
                    throw new Malformed(where + "." + state + " is " + kind(step.path(state)) + ", not a resource state");
                }
            }
            var urn = step.path("urn").asText(step.path("newState").path("urn").asText(step.path("oldState").path("urn").asText("")));
            if (!Urns.isUrn(urn)) {
                throw new Malformed(where + ".urn is " + (urn.isEmpty() ? "missing" : "'" + urn + "', not a Pulumi URN"));
            }
            var opText = step.path("op").asText("");
            var op = OPS.get(opText);
            if (op == Change.Op.SAME && !step.hasNonNull("oldState") && !step.hasNonNull("newState")) {
                continue; // a read or a refresh: nothing changes in the cloud
            }
            var f = byUrn.computeIfAbsent(urn, u -> new Folded());
            var type = step.path("newState").path("type").asText(step.path("oldState").path("type").asText(""));
            f.type = !type.isEmpty() ? type : f.type.isEmpty() ? typeFromUrn(urn) : f.type;
            if (op == null) {
                f.notUnderstood.add(opText.isEmpty() ? "a step without an op" : "the op '" + opText + "'");
                op = Change.Op.UNKNOWN;
            } else if (op != Change.Op.SAME && !step.hasNonNull("oldState") && !step.hasNonNull("newState")) {
                f.notUnderstood.add("a '" + opText + "' step without states"); // the engine writes the states of every change
            }
            f.op = f.op == null || rank(op) > rank(f.op) ? op : f.op;
            if (step.hasNonNull("oldState") && f.before == null) {
                f.before = PlanFile.resource(step.path("oldState"));
            }
            if (step.hasNonNull("newState")) {
                f.after = PlanFile.resource(step.path("newState"));
            }
            step.path("diffReasons").forEach(k -> f.changed.add(inputPath(k.asText())));
            step.path("detailedDiff").fieldNames().forEachRemaining(k -> f.changed.add(inputPath(k)));
            step.path("replaceReasons").forEach(k -> f.reasons.add(inputPath(k.asText())));
        }
        var out = new ArrayList<Change>();
        byUrn.forEach((urn, f) -> {
            if (f.before != null && f.after != null) {
                // what the states themselves say changed, whatever the diff fields claim
                f.changed.addAll(PlanDiff.changedInputs(f.before, f.after));
                if (f.before.protect() != f.after.protect()) {
                    f.changed.add("options.protect");
                }
            }
            var unknown = f.notUnderstood.stream().map(n -> "not understood: " + n).toList();
            out.add(new Change(urn, f.type, f.op, List.copyOf(f.changed), List.copyOf(f.reasons), Optional.empty(),
                    Optional.ofNullable(f.before), Optional.ofNullable(f.after), unknown));
        });
        return out;
    }

    /** {@code clusterIds[0]} or {@code network.vpcId} as the input path the rules use ({@code inputs.clusterIds}, {@code inputs.network.vpcId}). */
    private static String inputPath(String property) {
        int bracket = property.indexOf('[');
        return "inputs." + (bracket < 0 ? property : property.substring(0, bracket));
    }

    /** The type a URN names: the last of its qualified type's {@code $}-separated parts. */
    static String typeFromUrn(String urn) {
        var qualified = Urns.qualifiedType(urn);
        return qualified.substring(qualified.lastIndexOf('$') + 1);
    }

    private static String kind(JsonNode node) {
        return node.isTextual() ? "a string" : node.isNumber() ? "a number" : node.isArray() ? "a list" : node.isBoolean() ? "a boolean"
                : node.isNull() ? "null" : "an object";
    }

    private static final class Folded {
        String type = "";
        Change.Op op;
        PlannedResource before;
        PlannedResource after;
        final TreeSet<String> changed = new TreeSet<>();
        final TreeSet<String> reasons = new TreeSet<>();
        final TreeSet<String> notUnderstood = new TreeSet<>();
    }

    private static final Map<String, Change.Op> OPS = Map.ofEntries(
            Map.entry("same", Change.Op.SAME),
            Map.entry("create", Change.Op.CREATE),
            Map.entry("import", Change.Op.CREATE),
            Map.entry("update", Change.Op.UPDATE),
            Map.entry("delete", Change.Op.DELETE),
            Map.entry("replace", Change.Op.REPLACE),
            Map.entry("create-replacement", Change.Op.REPLACE),
            Map.entry("delete-replaced", Change.Op.REPLACE),
            Map.entry("import-replacement", Change.Op.REPLACE),
            Map.entry("read-replacement", Change.Op.REPLACE),
            // reads, refreshes and discards change nothing in the cloud: a discard drops a read resource from the state
            // (apitype OpReadDiscard is "discard"; the engine never writes "read-discard")
            Map.entry("read", Change.Op.SAME),
            Map.entry("refresh", Change.Op.SAME),
            Map.entry("discard", Change.Op.SAME),
            Map.entry("discard-replaced", Change.Op.SAME),
            Map.entry("remove-pending-replace", Change.Op.SAME));

    /** When steps of one URN disagree, the most disruptive one describes the change. */
    private static int rank(Change.Op op) {
        return switch (op) {
            case SAME -> 0;
            case UPDATE -> 1;
            case CREATE -> 2;
            case DELETE -> 3;
            case REPLACE -> 4;
            case UNKNOWN -> 5; // what cannot be read outranks what can: it may be anything
        };
    }
}
