package io.asmdr.validation;

import io.asmdr.config.RegionSpec;
import io.asmdr.config.StackSpec;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The locality policy rules istiod enforces only at apply time (or, for failover without outlier
 * detection, never: it just ignores the policy), checked up front against the configured regions.
 */
final class TrafficValidator {
    private TrafficValidator() {}

    static void validate(StackSpec spec, Problems problems) {
        var t = spec.traffic();
        Set<String> regions = spec.regions().stream().map(RegionSpec::region).collect(Collectors.toCollection(LinkedHashSet::new));
        var known = String.join(", ", regions);
        var froms = new HashMap<String, Integer>();
        for (int i = 0; i < t.distribute().size(); i++) {
            var d = t.distribute().get(i);
            var key = "asm-dr:traffic.distribute[" + i + "]";
            if (!regions.contains(d.from())) {
                problems.add(key + ".from", d.from(), "is not a configured region", "use one of: " + known);
            }
            var first = froms.putIfAbsent(d.from(), i);
            if (first != null) {
                problems.add(key + ".from", d.from(), "already has a rule at asm-dr:traffic.distribute[" + first + "]; Istio would silently use only the first",
                        "merge the two rules into one");
            }
            int sum = 0;
            for (var e : d.to().entrySet()) {
                if (!regions.contains(e.getKey())) {
                    problems.add(key + ".to." + e.getKey(), String.valueOf(e.getValue()), "names a region that is not configured",
                            "use only: " + known);
                }
                if (e.getValue() < 1 || e.getValue() > 100) {
                    problems.add(key + ".to." + e.getKey(), String.valueOf(e.getValue()), "Istio accepts weights from 1 to 100",
                            "use a weight from 1 to 100, or drop the region from the rule to send it nothing");
                }
                sum += e.getValue();
            }
            if (d.to().isEmpty() || sum != 100) {
                problems.add(key + ".to", d.to().toString(), "weights add up to " + sum + ", not 100",
                        "make the weights of this rule add up to exactly 100");
            }
        }
        var failoverFroms = new HashMap<String, Integer>();
        for (int i = 0; i < t.failover().size(); i++) {
            var f = t.failover().get(i);
            var key = "asm-dr:traffic.failover[" + i + "]";
            if (!regions.contains(f.from())) {
                problems.add(key + ".from", f.from(), "is not a configured region", "use one of: " + known);
            }
            if (!regions.contains(f.to())) {
                problems.add(key + ".to", f.to(), "is not a configured region", "use one of: " + known);
            }
            if (f.from().equals(f.to())) {
                problems.add(key + ".to", f.to(), "fails over to itself", "name another region to take the traffic");
            }
            var first = failoverFroms.putIfAbsent(f.from(), i);
            if (first != null) {
                problems.add(key + ".from", f.from(), "already fails over at asm-dr:traffic.failover[" + first + "]",
                        "keep one failover target per region");
            }
        }
        switch (t.mode()) {
            case DISTRIBUTE -> {
                if (t.distribute().isEmpty()) {
                    problems.add("asm-dr:traffic.mode", "distribute", "no distribute rules are given", "add asm-dr:traffic.distribute rules, or set mode: none");
                }
            }
            case FAILOVER -> {
                if (t.failover().isEmpty()) {
                    problems.add("asm-dr:traffic.mode", "failover", "no failover rules are given", "add asm-dr:traffic.failover pairs, or set mode: none");
                }
                if (t.outlierDetection().isEmpty()) {
                    problems.add("asm-dr:traffic.outlierDetection", "(not set)",
                            "failover needs outlier detection; without it Istio silently ignores the failover policy",
                            "set outlierDetection, e.g. { consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 1m }");
                }
            }
            case NONE -> { }
        }
        t.outlierDetection().ifPresent(o -> {
            if (o.consecutive5xxErrors() < 1) {
                problems.add("asm-dr:traffic.outlierDetection.consecutive5xxErrors", String.valueOf(o.consecutive5xxErrors()),
                        "0 disables ejection, so unhealthy endpoints are never detected", "set 1 or more");
            }
            o.maxEjectionPercent().filter(p -> p < 1 || p > 100).ifPresent(p -> problems.add(
                    "asm-dr:traffic.outlierDetection.maxEjectionPercent", String.valueOf(p), "must be a percentage from 1 to 100",
                    "set e.g. 100 so every endpoint of a failed region can be ejected"));
        });
        t.connectionPool().filter(p -> p.maxRequestsPerConnection() < 1).ifPresent(p -> problems.add(
                "asm-dr:traffic.connectionPool.maxRequestsPerConnection", String.valueOf(p.maxRequestsPerConnection()),
                "must be 1 or more", "set 1 to disable keep-alive, as the tutorial does"));
    }
}
