package io.asmdr.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a change of an Istio DestinationRule takes away from failover: locality failover rules
 * ({@code localityLbSetting.failover}, {@code failoverPriority}, {@code enabled}) and the outlier
 * detection that makes Envoy eject a lost region's endpoints, without which a locality failover
 * never happens (reference/istio/locality-lb.md, sections 6 and 7).
 *
 * <p>The policy that counts for a subset is the subset's own {@code loadBalancer} or
 * {@code outlierDetection} where it sets one, the top-level one otherwise (istiod
 * {@code MergeSubsetTrafficPolicy}, section 6), so the top level and every subset are compared as
 * effective policies. An unset outlier field is Istio's default (section 7): consecutive5xxErrors 5
 * (0 disables), consecutiveGatewayErrors 0 (off), interval 10s, baseEjectionTime 30s,
 * maxEjectionPercent 10, minHealthPercent 0.
 */
final class FailoverPolicy {
    private FailoverPolicy() {}

    /** Each way {@code after} is weaker than {@code before}, in words; empty when it is not. {@code after} null: the rule is gone. */
    static List<String> weakenings(Map<?, ?> before, Map<?, ?> after) {
        return weakenings(before, after, Set.of());
    }

    /**
     * The same, where a failover rule into or out of a region in {@code down} (asm-dr:unavailableRegions) may go: the
     * applied policy takes such a region out on purpose (it cannot take traffic), which weakens nothing that works.
     */
    static List<String> weakenings(Map<?, ?> before, Map<?, ?> after, Set<String> down) {
        var out = new ArrayList<String>();
        var scopes = new LinkedHashSet<String>();
        scopes.add("");
        // a subset without a policy of its own has the top level's, which is compared once
        scopes.addAll(subsetsWithAPolicy(before));
        scopes.addAll(subsetsWithAPolicy(after));
        for (var scope : scopes) {
            var where = scope.isEmpty() ? "" : " (subset " + scope + ")";
            var b = effective(before, scope);
            var a = after == null ? Map.of() : effective(after, scope);
            failover(b, a, down).forEach(w -> out.add(w + where));
            outlier(b, a).forEach(w -> out.add(w + where));
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /** The trafficPolicy of a scope: the subset's loadBalancer and outlierDetection where set, the top level's otherwise. */
    private static Map<String, Object> effective(Map<?, ?> inputs, String subset) {
        var top = map(path(inputs, "spec", "trafficPolicy"));
        var own = subset.isEmpty() ? Map.of() : map(path(subsetNamed(inputs, subset), "trafficPolicy"));
        var out = new HashMap<String, Object>();
        for (var key : List.of("loadBalancer", "outlierDetection")) {
            var value = own.containsKey(key) ? own.get(key) : top.get(key);
            if (value != null) {
                out.put(key, value);
            }
        }
        return out;
    }

    private static List<String> failover(Map<?, ?> before, Map<?, ?> after, Set<String> down) {
        var out = new ArrayList<String>();
        var b = map(path(before, "loadBalancer", "localityLbSetting"));
        var a = map(path(after, "loadBalancer", "localityLbSetting"));
        boolean wasOn = !Boolean.FALSE.equals(b.get("enabled"));
        boolean isOn = !Boolean.FALSE.equals(a.get("enabled"));
        if (!b.isEmpty() && wasOn && !isOn) {
            out.add("localityLbSetting.enabled becomes false: locality failover is off");
        }
        var kept = isOn ? pairs(a) : new TreeSet<String>();
        for (var pair : pairs(b)) {
            var ends = pair.split(" -> "); // pairs() writes every rule as "from -> to"
            if (!kept.contains(pair) && !(down.contains(ends[0]) || down.contains(ends[1]))) {
                out.add("the failover from " + pair + " is removed");
            }
        }
        var priorityBefore = strings(b.get("failoverPriority"));
        var priorityAfter = isOn ? strings(a.get("failoverPriority")) : List.<String>of();
        if (!priorityBefore.isEmpty() && !(priorityAfter.size() >= priorityBefore.size()
                && priorityAfter.subList(0, priorityBefore.size()).equals(priorityBefore))) {
            out.add("failoverPriority " + priorityBefore + " becomes " + priorityAfter);
        }
        return out;
    }

    /** {@code from -> to} of each failover rule. */
    private static TreeSet<String> pairs(Map<?, ?> localityLbSetting) {
        var out = new TreeSet<String>();
        if (localityLbSetting.get("failover") instanceof List<?> rules) {
            for (var rule : rules) {
                var r = map(rule);
                out.add(r.get("from") + " -> " + r.get("to"));
            }
        }
        return out;
    }

    private record Threshold(String field, double istioDefault, boolean higherIsWeaker, boolean duration) {}

    private static final List<Threshold> THRESHOLDS = List.of(
            new Threshold("interval", 10, true, true),
            new Threshold("baseEjectionTime", 30, false, true),
            new Threshold("maxEjectionPercent", 10, false, false),
            new Threshold("minHealthPercent", 0, true, false));

    private static List<String> outlier(Map<?, ?> before, Map<?, ?> after) {
        var out = new ArrayList<String>();
        if (!(before.get("outlierDetection") instanceof Map<?, ?> b)) {
            return out;
        }
        if (!(after.get("outlierDetection") instanceof Map<?, ?> a)) {
            out.add("outlier detection is removed: Envoy no longer ejects a lost region's endpoints, so nothing fails over");
            return out;
        }
        // error counts: 0 switches the check off; a larger count ejects later
        for (var field : List.of("consecutive5xxErrors", "consecutiveGatewayErrors")) {
            double unset = field.equals("consecutive5xxErrors") ? 5 : 0;
            var was = number(b.get(field), unset);
            var is = number(a.get(field), unset);
            if (was.isEmpty() || is.isEmpty()) {
                out.add("outlierDetection." + field + " '" + a.get(field) + "' is no count guard can read");
            } else if (was.get() > 0 && (is.get() == 0 || is.get() > was.get())) {
                out.add("outlierDetection." + field + " goes from " + show(was.get()) + " to " + show(is.get())
                        + (is.get() == 0 ? " (0 switches it off)" : " (a host is ejected later)"));
            }
        }
        for (var t : THRESHOLDS) {
            var was = t.duration() ? seconds(b.get(t.field()), t.istioDefault()) : number(b.get(t.field()), t.istioDefault());
            var is = t.duration() ? seconds(a.get(t.field()), t.istioDefault()) : number(a.get(t.field()), t.istioDefault());
            if (was.isEmpty() || is.isEmpty()) {
                out.add("outlierDetection." + t.field() + " '" + a.get(t.field()) + "' is no value guard can read");
            } else if (t.higherIsWeaker() ? is.get() > was.get() : is.get() < was.get()) {
                out.add("outlierDetection." + t.field() + " goes from " + show(was.get()) + (t.duration() ? " s" : "") + " to "
                        + show(is.get()) + (t.duration() ? " s" : ""));
            }
        }
        return out;
    }

    private static String show(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static Optional<Double> number(Object value, double unset) {
        if (value == null) {
            return Optional.of(unset);
        }
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        try {
            return Optional.of(Double.parseDouble(String.valueOf(value).strip().replace("%", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    /** A protobuf/Go duration ({@code 1m}, {@code 500ms}, {@code 1m30s}) in seconds; empty when it is none. */
    static Optional<Double> seconds(Object value, double unset) {
        if (value == null) {
            return Optional.of(unset);
        }
        var text = String.valueOf(value).strip();
        var m = DURATION_PART.matcher(text);
        double total = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "ns" -> n / 1e9;
                case "us", "µs" -> n / 1e6;
                case "ms" -> n / 1e3;
                case "s" -> n;
                case "m" -> n * 60;
                default -> n * 3600;
            };
            end = m.end();
        }
        return end == text.length() && end > 0 ? Optional.of(total) : Optional.empty();
    }

    private static List<String> subsetsWithAPolicy(Map<?, ?> inputs) {
        var out = new ArrayList<String>();
        if (inputs != null && path(inputs, "spec", "subsets") instanceof List<?> subsets) {
            for (var s : subsets) {
                var policy = map(map(s).get("trafficPolicy"));
                if (policy.containsKey("loadBalancer") || policy.containsKey("outlierDetection")) {
                    out.add(String.valueOf(map(s).get("name")));
                }
            }
        }
        return out;
    }

    private static Map<?, ?> subsetNamed(Map<?, ?> inputs, String name) {
        if (path(inputs, "spec", "subsets") instanceof List<?> subsets) {
            for (var s : subsets) {
                if (name.equals(String.valueOf(map(s).get("name")))) {
                    return map(s);
                }
            }
        }
        return Map.of();
    }

    private static Object path(Object root, String... keys) {
        Object current = root;
        for (var key : keys) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return current;
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<String> strings(Object value) {
        var out = new ArrayList<String>();
        if (value instanceof List<?> l) {
            l.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }
}
