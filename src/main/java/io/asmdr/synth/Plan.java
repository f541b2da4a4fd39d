package io.asmdr.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
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

    public Plan(List<PlannedResource> registered, List<PlannedInvoke> invokes) {
        registered.forEach(r -> byUrn.put(r.urn(), r));
        this.resources = topologicalOrder(registered);
        this.invokes = invokes.stream()
                .sorted(Comparator.comparing(PlannedInvoke::token).thenComparing(i -> String.valueOf(new TreeMap<>(i.args()))))
                .toList();
    }

    private List<PlannedResource> topologicalOrder(List<PlannedResource> all) {
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
            before.removeIf(u -> !byUrn.containsKey(u));
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
            throw new IllegalStateException("dependency cycle among " + (all.size() - out.size()) + " resources");
        }
        return List.copyOf(out);
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

    /** The cluster each Kubernetes provider of the plan talks to, by provider URN. */
    public Map<String, String> clusterByKubernetesProvider() {
        var out = new java.util.TreeMap<String, String>();
        ofType("pulumi:providers:kubernetes").forEach(p -> io.asmdr.cluster.RegionCluster.clusterOfKubernetesProvider(p.name())
                .ifPresent(cluster -> out.put(p.urn(), cluster)));
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

    /** The plan in the shape of {@code pulumi preview --json}. */
    public String toPreviewJson() {
        var steps = new ArrayList<Map<String, Object>>();
        for (var r : resources) {
            var state = new LinkedHashMap<String, Object>();
            state.put("urn", r.urn());
            state.put("type", r.type());
            state.put("custom", r.custom());
            state.put("parent", r.parent());
            state.put("provider", r.provider());
            state.put("dependencies", r.dependencies());
            state.put("inputs", r.inputs());
            var step = new LinkedHashMap<String, Object>();
            step.put("op", "create");
            step.put("urn", r.urn());
            step.put("newState", state);
            steps.add(step);
        }
        var doc = new LinkedHashMap<String, Object>();
        doc.put("steps", steps);
        doc.put("changeSummary", Map.of("create", steps.size()));
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot render plan", e);
        }
    }
}
