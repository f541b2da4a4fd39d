package io.asmdr.plan;

import io.asmdr.naming.Identity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What applying {@code head} to a stack deployed from {@code base} does, resource by resource, the
 * way {@code pulumi preview} would decide it:
 * <ul>
 *   <li>a resource is matched by URN or by one of its aliases (a renamed logical name is the same resource);</li>
 *   <li>changed inputs are compared path by path; changes under {@code ignoreChanges} do not count, nor
 *       does an Optional+Computed input the program stopped sending ({@link ReplacementFacts#keptWhenUnset});</li>
 *   <li>a change of a ForceNew input ({@link ReplacementFacts}), of a {@code replaceOnChanges} path,
 *       or a move to another provider replaces the resource;</li>
 *   <li>a replaced resource gets a new id, so every input that references it (its property
 *       dependencies) changes too, which may force the next replacement: the cascade is followed
 *       in dependency order and each step names the resource that started it.</li>
 * </ul>
 * Offline plans cannot show an id change in the inputs themselves (the simulated cloud names ids
 * after logical names), which is why the cascade works on property dependencies.
 */
public final class PlanDiff {
    private PlanDiff() {}

    public static List<Change> between(Plan base, Plan head, ReplacementFacts facts) {
        var baseByUrn = new HashMap<String, PlannedResource>();
        base.resources().forEach(r -> baseByUrn.put(r.urn(), r));
        var matchedBase = new HashSet<String>();
        var headUrnOfBase = new HashMap<String, String>();
        for (var r : head.resources()) {
            matchOf(r, baseByUrn).ifPresent(b -> {
                matchedBase.add(b.urn());
                headUrnOfBase.put(b.urn(), r.urn());
            });
        }
        var replaced = new HashMap<String, String>(); // head URN → what started its replacement
        var changes = new ArrayList<Change>();
        for (var r : head.resources()) {
            var before = matchOf(r, baseByUrn);
            if (before.isEmpty()) {
                changes.add(new Change(r.urn(), r.type(), Change.Op.CREATE, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.of(r)));
                continue;
            }
            var b = before.get();
            var changed = new TreeSet<String>();
            // paths the base did not ask a dead region for, read again in the head from the same unchanged resources:
            // the state holds that value already, so the base is compared as holding it
            var readAgain = new ArrayList<String>();
            for (var i : b.options().ignoreChanges()) {
                if (!r.options().ignoreChanges().contains(i) && askedAgainOfTheSame(b, r, i, headUrnOfBase, replaced)) {
                    readAgain.add(i);
                }
            }
            Object baseInputs = withoutBookkeeping(b.inputs());
            for (var i : readAgain) {
                baseInputs = withValueAt(baseInputs, i, at(withoutBookkeeping(r.inputs()), i));
            }
            diff("inputs", baseInputs, withoutBookkeeping(r.inputs()), changed);
            changed.removeIf(path -> r.options().ignoreChanges().stream().anyMatch(i -> ReplacementFacts.covers("inputs." + i, path)));
            // what offline cannot know: a path the base ignored (its live value is whatever the cloud has, not the
            // base's), and values the simulated cloud invented on either side (ids, offered versions)
            var unknown = new TreeSet<String>();
            for (var i : b.options().ignoreChanges()) {
                if (!r.options().ignoreChanges().contains(i) && !readAgain.contains(i)) {
                    unknown.add("inputs." + i);
                }
            }
            changed.stream().filter(path -> base.invented(b.urn(), path) || head.invented(r.urn(), path)).forEach(unknown::add);
            changed.removeAll(unknown);
            // a Check default on one side against nothing on the other is the same state
            changed.removeIf(path -> defaultAgainstUnset(facts, r.type(), path, b, r));
            // an Optional+Computed input the program stopped sending keeps its state value: no change
            changed.removeIf(path -> facts.keptWhenUnset(r.type(), path) && r.input(path.substring("inputs.".length())) == null);
            var reasons = new TreeSet<String>();
            Optional<String> cause = Optional.empty();
            // inputs that reference a replaced resource get its new id
            for (var dep : r.options().propertyDependencies().entrySet()) {
                for (var urn : dep.getValue()) {
                    if (replaced.containsKey(urn)) {
                        changed.add("inputs." + dep.getKey());
                        if (cause.isEmpty()) {
                            cause = Optional.of(urn);
                        }
                    }
                }
            }
            for (var path : changed) {
                facts.forcesReplacement(r.type(), path).ifPresent(reasons::add);
                r.options().replaceOnChanges().stream().filter(p -> ReplacementFacts.covers("inputs." + p, path)).forEach(p -> reasons.add(path));
            }
            var providerBefore = b.providerUrn().isEmpty() ? "" : headUrnOfBase.getOrDefault(b.providerUrn(), b.providerUrn());
            if (!Objects.equals(providerBefore, r.providerUrn())) {
                reasons.add("provider");
                changed.add("provider");
            } else if (replaced.containsKey(r.providerUrn())) {
                reasons.add("provider");
                changed.add("provider");
                cause = Optional.of(r.providerUrn());
            }
            // A Kubernetes provider is replaced when its kubeconfig's active cluster changes (pulumi-kubernetes
            // provider.go DiffConfig: "planning a replacement iff the active cluster in the kubeconfig changes"), which
            // offline tells by the cluster the kubeconfig is read from. ignoreChanges holds for provider resources as
            // for any other: the engine puts an ignored input back to its state value before anything is diffed
            // (pulumi/pulumi v3.274.1 pkg/resource/deploy/step_generator.go, continueStepsFromImport calls
            // processIgnoreChanges for every resource with an old state, providers included; a provider's diff is
            // then its plugin's DiffConfig through the provider registry, loadResourceProvider), so a head that
            // ignores kubeconfig keeps the state's and nothing about it changes.
            var kubeconfigSource = r.options().propertyDependencies().getOrDefault("kubeconfig", List.of());
            boolean kubernetesProvider = r.type().equals("pulumi:providers:kubernetes");
            if (kubernetesProvider && !ignores(r, "inputs.kubeconfig")) {
                var sources = ignores(b, "inputs.kubeconfig")
                        // the base kept the state's kubeconfig: the one of the cluster the provider was deployed for (and
                        // still waits for, its dependencies), read before the base started ignoring it
                        ? mapped(b.dependencies(), headUrnOfBase)
                        : mapped(b.options().propertyDependencies().getOrDefault("kubeconfig", List.of()), headUrnOfBase);
                boolean sameCluster = ignores(b, "inputs.kubeconfig")
                        ? !kubeconfigSource.isEmpty() && sources.containsAll(kubeconfigSource)
                        : sources.equals(new TreeSet<>(kubeconfigSource));
                if (!sameCluster) {
                    reasons.add("inputs.kubeconfig"); // points at another cluster now
                    changed.add("inputs.kubeconfig");
                } else if (kubeconfigSource.stream().anyMatch(replaced::containsKey)) {
                    // its cluster is replaced: a new API server (the cause is already that cluster: kubeconfig is one of the
                    // property dependencies read above)
                    reasons.add("inputs.kubeconfig");
                } else if (ignores(b, "inputs.kubeconfig")) {
                    // a fresh credential of the same cluster in place of the kept one: DiffConfig plans an update at
                    // most, never a replacement
                    unknown.remove("inputs.kubeconfig");
                    changed.add("inputs.kubeconfig");
                }
            }
            options(b, r, changed);
            Change.Op op;
            if (!reasons.isEmpty()) {
                op = Change.Op.REPLACE;
                replaced.put(r.urn(), cause.map(replaced::get).orElse(r.urn()));
            } else if (!unknown.isEmpty()) {
                op = Change.Op.UNKNOWN; // it may be an update, an upgrade or a replacement: only a real preview can say
            } else if (!changed.isEmpty()) {
                op = Change.Op.UPDATE;
            } else {
                op = Change.Op.SAME;
            }
            var origin = op == Change.Op.REPLACE || op == Change.Op.UPDATE ? cause.map(c -> replaced.getOrDefault(c, c)) : Optional.<String>empty();
            changes.add(new Change(r.urn(), r.type(), op, List.copyOf(changed), List.copyOf(reasons), origin, before, Optional.of(r),
                    List.copyOf(unknown)));
        }
        for (var b : base.resources()) {
            if (!matchedBase.contains(b.urn())) {
                changes.add(new Change(b.urn(), b.type(), Change.Op.DELETE, List.of(), List.of(), Optional.empty(), Optional.of(b), Optional.empty()));
            }
        }
        return changes;
    }

    private static boolean defaultAgainstUnset(ReplacementFacts facts, String type, String path, PlannedResource before, PlannedResource after) {
        var input = path.substring("inputs.".length());
        var was = before.input(input);
        var is = after.input(input);
        return was == null && facts.isCheckDefault(type, path, is) || is == null && facts.isCheckDefault(type, path, was);
    }

    private static Optional<PlannedResource> matchOf(PlannedResource r, Map<String, PlannedResource> baseByUrn) {
        var direct = baseByUrn.get(r.urn());
        if (direct != null) {
            return Optional.of(direct);
        }
        return r.options().aliases().stream().map(baseByUrn::get).filter(Objects::nonNull).findFirst();
    }

    /**
     * What the program puts where it did not ask a region whose API is down (asm-dr:unavailableRegions) for a value,
     * always under ignoreChanges so the state keeps the real one: Backbone.UNAVAILABLE and RegionCluster.UNAVAILABLE
     * (PlanDiffTest holds them equal to this).
     */
    public static final String NOT_ASKED = Identity.NOT_ASKED;

    /**
     * Whether a path the base ignored only because it did not ask a dead region ({@link #NOT_ASKED} in its place) is read
     * again in the head from the same resources, none of them new or replaced: the state holds what the cloud reported
     * for them before the region went down, and it reports the same again, so the path does not change.
     */
    private static boolean askedAgainOfTheSame(PlannedResource b, PlannedResource r, String ignored, Map<String, String> headUrnOfBase,
                                               Map<String, String> replaced) {
        if (!NOT_ASKED.equals(at(b.inputs(), ignored))) {
            return false;
        }
        var key = ignored.split("[.\\[]", 2)[0];
        var sources = r.options().propertyDependencies().getOrDefault(key, List.of());
        return !sources.isEmpty() && sources.stream().allMatch(u -> headUrnOfBase.containsValue(u) && !replaced.containsKey(u));
    }

    /** The value at an ignoreChanges path ({@code a.b}, {@code list[0].field}), or null. */
    static Object at(Object inputs, String path) {
        Object current = inputs;
        for (var part : path.split("\\.")) {
            var name = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
            if (!name.isEmpty()) {
                if (!(current instanceof Map<?, ?> m)) {
                    return null;
                }
                current = m.get(name);
            }
            var index = part.contains("[") ? part.substring(part.indexOf('[')) : "";
            while (index.startsWith("[")) {
                int close = index.indexOf(']');
                if (close < 0 || !(current instanceof List<?> l)) {
                    return null;
                }
                int i;
                try {
                    i = Integer.parseInt(index.substring(1, close));
                } catch (NumberFormatException e) {
                    return null;
                }
                current = i >= 0 && i < l.size() ? l.get(i) : null;
                index = index.substring(close + 1);
            }
        }
        return current;
    }

    /** A copy of {@code root} with {@code value} at an ignoreChanges path ({@code a.b}, {@code list[0].field}); unchanged where the path is not there. */
    static Object withValueAt(Object root, String path, Object value) {
        var steps = new ArrayList<Object>(); // map keys (String) and list indexes (Integer), in order
        for (var part : path.split("\\.")) {
            var name = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
            if (!name.isEmpty()) {
                steps.add(name);
            }
            var index = part.contains("[") ? part.substring(part.indexOf('[')) : "";
            while (index.startsWith("[") && index.indexOf(']') > 0) {
                try {
                    steps.add(Integer.parseInt(index.substring(1, index.indexOf(']'))));
                } catch (NumberFormatException e) {
                    return root;
                }
                index = index.substring(index.indexOf(']') + 1);
            }
        }
        return set(root, steps, 0, value);
    }

    private static Object set(Object node, List<Object> steps, int at, Object value) {
        if (at == steps.size()) {
            return value;
        }
        var step = steps.get(at);
        if (step instanceof String key && node instanceof Map<?, ?> map && map.containsKey(key)) {
            var copy = new TreeMap<String, Object>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            copy.put(key, set(map.get(key), steps, at + 1, value));
            return copy;
        }
        if (step instanceof Integer i && node instanceof List<?> list && i >= 0 && i < list.size()) {
            var copy = new ArrayList<Object>(list);
            copy.set(i, set(list.get(i), steps, at + 1, value));
            return copy;
        }
        return node;
    }

    /** URNs of the base as the head names them (a renamed resource under its new URN). */
    private static Set<String> mapped(List<String> baseUrns, Map<String, String> headUrnOfBase) {
        var out = new TreeSet<String>();
        baseUrns.forEach(u -> out.add(headUrnOfBase.getOrDefault(u, u)));
        return out;
    }

    /** Whether a resource's ignoreChanges covers an input path ({@code inputs.…}). */
    private static boolean ignores(PlannedResource r, String path) {
        return r.options().ignoreChanges().stream().anyMatch(i -> ReplacementFacts.covers("inputs." + i, path));
    }

    /** Options that change what later runs may do are changes too, even where no input moves. */
    private static void options(PlannedResource b, PlannedResource r, Set<String> changed) {
        var o = b.options();
        var n = r.options();
        if (o.protect() != n.protect()) {
            changed.add("options.protect");
        }
        if (!o.ignoreChanges().equals(n.ignoreChanges())) {
            changed.add("options.ignoreChanges");
        }
        if (o.retainOnDelete() != n.retainOnDelete()) {
            changed.add("options.retainOnDelete");
        }
        if (!o.replaceOnChanges().equals(n.replaceOnChanges())) {
            changed.add("options.replaceOnChanges");
        }
        // a real preview's JSON has no field for it: compared only where both plans say it
        if (o.deleteBeforeReplace().isPresent() && n.deleteBeforeReplace().isPresent() && !o.deleteBeforeReplace().equals(n.deleteBeforeReplace())) {
            changed.add("options.deleteBeforeReplace");
        }
    }

    /** The input paths whose values differ between two states of one resource (bookkeeping and unknowns aside). */
    static Set<String> changedInputs(PlannedResource before, PlannedResource after) {
        var changed = new TreeSet<String>();
        diff("inputs", withoutBookkeeping(before.inputs()), withoutBookkeeping(after.inputs()), changed);
        return changed;
    }

    /**
     * The inputs without what the engine and the bridge add for their own bookkeeping
     * ({@code __defaults}, {@code __internal}): a plan written before synth showed them is the same state.
     */
    static Object withoutBookkeeping(Object value) {
        if (value instanceof Map<?, ?> map) {
            var out = new TreeMap<String, Object>();
            map.forEach((k, v) -> {
                if (!ReplacementFacts.BOOKKEEPING.contains(String.valueOf(k))) {
                    out.put(String.valueOf(k), withoutBookkeeping(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PlanDiff::withoutBookkeeping).toList();
        }
        return value;
    }

    /**
     * A value a preview does not know yet (the engine's placeholder, or a list of nothing but
     * placeholders: a first preview shows an unknown list either way) is no evidence of a change;
     * what offline cannot know is for a real preview to say.
     */
    static boolean unknown(Object value) {
        return PlannedResource.UNKNOWN.equals(value)
                || value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(PlannedResource.UNKNOWN::equals);
    }

    @SuppressWarnings("unchecked")
    private static void diff(String path, Object a, Object b, Set<String> out) {
        if (unknown(a) || unknown(b)) {
            return;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            var keys = new TreeSet<String>();
            ((Map<String, Object>) ma).keySet().forEach(keys::add);
            ((Map<String, Object>) mb).keySet().forEach(keys::add);
            for (var k : keys) {
                diff(path + "." + k, ma.get(k), mb.get(k), out);
            }
        } else if (!equalValues(a, b)) {
            out.add(path);
        }
    }

    /** Deep equality in which numbers compare by value: one plan may say 10, the other 10.0 (or an int and a long). */
    private static boolean equalValues(Object a, Object b) {
        if (a instanceof Number na && b instanceof Number nb) {
            return Double.compare(na.doubleValue(), nb.doubleValue()) == 0;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!equalValues(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            return ma.keySet().equals(mb.keySet()) && ma.keySet().stream().allMatch(k -> equalValues(ma.get(k), mb.get(k)));
        }
        return Objects.equals(a, b);
    }
}
