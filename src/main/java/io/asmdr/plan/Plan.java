package io.asmdr.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.asmdr.naming.Identity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything one run of the program registered, in dependency order (parents and dependencies
 * first, URN order among equals, so the same stack always yields the same plan).
 */
public final class Plan {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final List<PlannedResource> resources;
    private final List<PlannedInvoke> invokes;
    private final Map<String, PlannedResource> byUrn = new HashMap<>();

    /** {@code urn|inputs.path} of every value the simulated cloud invented (ids, versions): offline cannot compare them. */
    private final Set<String> invented;

    public Plan(List<PlannedResource> registered, List<PlannedInvoke> invokes) {
        this(registered, invokes, Set.of());
    }

    public Plan(List<PlannedResource> registered, List<PlannedInvoke> invokes, Set<String> invented) {
        this.invented = Set.copyOf(invented);
        registered.forEach(r -> byUrn.put(r.urn(), r));
        this.resources = topologicalOrder();
        this.invokes = invokes.stream()
                .sorted(Comparator.comparing(PlannedInvoke::token).thenComparing(i -> String.valueOf(new TreeMap<>(i.args()))))
                .toList();
    }

    /**
     * Dependencies first, URN order among equals; linear in resources and edges. A URN given twice
     * counts once (the last registration), a resource that lists itself is not waiting for itself,
     * and resources caught in a cycle (which no engine writes, but a hand-made file may) come last in
     * URN order instead of stopping the reader: the order is for display, the edges stay as given.
     */
    private List<PlannedResource> topologicalOrder() {
        var all = List.copyOf(byUrn.values());
        var waitsOn = new HashMap<String, Set<String>>();
        var dependents = new HashMap<String, List<String>>();
        for (var r : all) {
            var before = new HashSet<String>(r.dependencies());
            if (!r.parent().isEmpty()) {
                before.add(r.parent());
            }
            if (!r.providerUrn().isEmpty()) {
                before.add(r.providerUrn());
            }
            before.removeIf(u -> !byUrn.containsKey(u) || u.equals(r.urn()));
            waitsOn.put(r.urn(), before);
            before.forEach(b -> dependents.computeIfAbsent(b, k -> new ArrayList<>()).add(r.urn()));
        }
        var ready = new PriorityQueue<String>();
        waitsOn.forEach((urn, before) -> {
            if (before.isEmpty()) {
                ready.add(urn);
            }
        });
        var out = new ArrayList<PlannedResource>();
        while (!ready.isEmpty()) {
            var urn = ready.poll();
            out.add(byUrn.get(urn));
            for (var d : dependents.getOrDefault(urn, List.of())) {
                var rest = waitsOn.get(d);
                rest.remove(urn);
                if (rest.isEmpty()) {
                    ready.add(d);
                }
            }
        }
        if (out.size() != all.size()) {
            var placed = new HashSet<String>();
            out.forEach(r -> placed.add(r.urn()));
            all.stream().filter(r -> !placed.contains(r.urn())).sorted(Comparator.comparing(PlannedResource::urn)).forEach(out::add);
        }
        return List.copyOf(out);
    }

    /** Whether the value at {@code path} ({@code inputs.…}) of {@code urn}, or one inside it, was invented offline. */
    public boolean invented(String urn, String path) {
        return invented.stream().anyMatch(i -> i.startsWith(urn + "|") && ReplacementFacts.covers(i.substring(urn.length() + 1), path));
    }

    public Set<String> invented() {
        return invented;
    }

    public List<PlannedResource> resources() {
        return resources;
    }

    public List<PlannedInvoke> invokes() {
        return invokes;
    }

    public PlannedResource byUrn(String urn) {
        return byUrn.get(urn);
    }

    public List<PlannedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public long count(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).count();
    }

    public PlannedResource named(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type + " named " + name + " in the plan"));
    }

    /** The region whose cluster each Kubernetes provider of the plan talks to, by provider URN. */
    public Map<String, String> regionByKubernetesProvider() {
        var out = new TreeMap<String, String>();
        ofType("pulumi:providers:kubernetes").forEach(p -> Identity.regionOfKubernetesProvider(p.name())
                .ifPresent(region -> out.put(p.urn(), region)));
        return out;
    }

    /** Whether {@code dependent} waits for {@code dependency}, directly or through other resources. */
    public boolean dependsOn(PlannedResource dependent, PlannedResource dependency) {
        var seen = new HashSet<String>();
        var todo = new ArrayList<>(dependent.dependencies());
        while (!todo.isEmpty()) {
            var urn = todo.remove(todo.size() - 1);
            if (urn.equals(dependency.urn())) {
                return true;
            }
            var r = byUrn.get(urn);
            if (seen.add(urn) && r != null) {
                todo.addAll(r.dependencies());
                // waiting for a component means waiting for its children
                resources.stream().filter(c -> c.parent().equals(urn)).forEach(c -> todo.add(c.urn()));
            }
        }
        return false;
    }

    /**
     * The plan in the shape of {@code pulumi preview --json} for a first preview: one {@code create}
     * step per resource. Field names and omit-when-empty follow {@code display.PreviewStep}
     * (pulumi/pulumi pkg/display/json.go) and {@code apitype.ResourceV3} (sdk/go/common/apitype/core.go).
     */
    public String toPreviewJson() {
        return toPreviewJson(List.of());
    }

    /**
     * The plan as {@code pulumi preview --json} output, plus a top-level {@code assumptions} list
     * (the answers an offline run took from the stack where the cloud facts are silent) when there
     * are any: a reader can tell a checked answer from an assumed one.
     */
    public String toPreviewJson(List<Map<String, String>> assumptions) {
        return toPreviewJson(assumptions, Map.of());
    }

    /**
     * The same with a {@code config} section as a real preview has one (key → value; a structured value as its JSON
     * text): synth writes the keys {@code diff} judges a change by, such as {@code asm-dr:unavailableRegions}.
     */
    public String toPreviewJson(List<Map<String, String>> assumptions, Map<String, String> config) {
        return toPreviewJson(assumptions, config, Map.of());
    }

    /** With more top-level sections after the steps (synth's {@code recovery}); a reader of previews ignores them. */
    public String toPreviewJson(List<Map<String, String>> assumptions, Map<String, String> config, Map<String, Object> sections) {
        var steps = new ArrayList<Map<String, Object>>();
        for (var r : resources) {
            var step = new LinkedHashMap<String, Object>();
            step.put("op", "create");
            step.put("urn", r.urn());
            putIfPresent(step, "provider", r.provider());
            step.put("newState", newState(r));
            step.put("detailedDiff", null);
            putIfPresent(step, NOT_IN_PREVIEW, notInPreview(r));
            steps.add(step);
        }
        var doc = new LinkedHashMap<String, Object>();
        putIfPresent(doc, "config", new TreeMap<>(config));
        doc.put("steps", steps);
        doc.put("changeSummary", Map.of("create", steps.size()));
        putIfPresent(doc, "assumptions", assumptions);
        putIfPresent(doc, "invented", invented.stream().sorted().toList());
        doc.putAll(new TreeMap<>(sections));
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot render plan", e);
        }
    }

    private static Map<String, Object> newState(PlannedResource r) {
        var o = r.options();
        var state = new LinkedHashMap<String, Object>();
        state.put("urn", r.urn());
        state.put("custom", r.custom());
        state.put("type", r.type());
        putIfPresent(state, "inputs", r.inputs());
        putIfPresent(state, "parent", r.parent());
        if (o.protect()) {
            state.put("protect", true);
        }
        putIfPresent(state, "dependencies", r.dependencies());
        putIfPresent(state, "provider", r.provider());
        putIfPresent(state, "propertyDependencies", o.propertyDependencies());
        putIfPresent(state, "additionalSecretOutputs", o.additionalSecretOutputs());
        putIfPresent(state, "customTimeouts", o.customTimeouts());
        if (o.retainOnDelete()) {
            state.put("retainOnDelete", true);
        }
        putIfPresent(state, "ignoreChanges", o.ignoreChanges());
        putIfPresent(state, "replaceOnChanges", o.replaceOnChanges());
        return state;
    }

    /**
     * The step section with what the program asked for that a real {@code pulumi preview --json} does
     * not show: alias URNs (the SDK sends alias specs; apitype.ResourceV3 has no field for them),
     * {@code deleteBeforeReplace} (only an update plan's goal carries it) and the plugin version a
     * non-provider resource asked for. Kept apart from {@code newState} so that a comparison with a
     * real preview never mixes the two.
     */
    public static final String NOT_IN_PREVIEW = "optionsNotInPreview";

    private static Map<String, Object> notInPreview(PlannedResource r) {
        var o = r.options();
        var section = new LinkedHashMap<String, Object>();
        putIfPresent(section, "aliases", o.aliases());
        o.deleteBeforeReplace().ifPresent(d -> section.put("deleteBeforeReplace", d));
        if (!r.type().startsWith("pulumi:providers:")) {
            putIfPresent(section, "version", o.version());
        }
        return section;
    }

    /** Go's {@code omitempty}: empty strings, lists and maps are left out. */
    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        boolean empty = value == null
                || value instanceof String s && s.isEmpty()
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty();
        if (!empty) {
            map.put(key, value);
        }
    }
}
