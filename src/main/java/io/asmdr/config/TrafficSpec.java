package io.asmdr.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The cross-region policy, rendered into every Bookinfo DestinationRule. */
public record TrafficSpec(
        Mode mode,
        List<Distribute> distribute,
        List<Failover> failover,
        Optional<OutlierDetection> outlierDetection,
        Optional<ConnectionPool> connectionPool) {

    public TrafficSpec {
        distribute = List.copyOf(distribute);
        failover = List.copyOf(failover);
    }

    /**
     * The whole policy as plain data, for the stack output {@code trafficPolicy}: what a drill holds
     * the deployed mesh to, so it never trusts a stack file that was edited but not applied.
     */
    /** The policy as the JSON the stack output {@code trafficPolicy} carries (sorted keys: stable across runs). */
    public String policyJson() {
        try {
            return new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).writeValueAsString(describe());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The policy that sends nothing to {@code lost} regions: their weight in every distribute rule goes
     * to the other listed regions in proportion (integers adding up to 100 again, largest remainders
     * first, as Istio requires), a rule left with no region is dropped, and failover rules towards them
     * are dropped (Istio then fails over to any other region). Rules from them stay: they only govern
     * proxies in the lost region. Unchanged when nothing is lost.
     */
    public TrafficSpec without(Set<String> lost) {
        if (lost.isEmpty()) {
            return this;
        }
        var rules = new ArrayList<Distribute>();
        for (var d : distribute) {
            var kept = new LinkedHashMap<String, Integer>();
            d.to().forEach((region, w) -> {
                if (!lost.contains(region) && w > 0) {
                    kept.put(region, w);
                }
            });
            if (kept.isEmpty()) {
                continue;
            }
            int total = kept.values().stream().mapToInt(Integer::intValue).sum();
            var scaled = new LinkedHashMap<String, Integer>();
            var remainders = new ArrayList<Map.Entry<String, Double>>();
            int sum = 0;
            for (var e : kept.entrySet()) {
                double exact = 100.0 * e.getValue() / total;
                scaled.put(e.getKey(), (int) Math.floor(exact));
                sum += (int) Math.floor(exact);
                remainders.add(Map.entry(e.getKey(), exact - Math.floor(exact)));
            }
            remainders.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            for (int i = 0; sum < 100; i++, sum++) {
                scaled.merge(remainders.get(i % remainders.size()).getKey(), 1, Integer::sum);
            }
            rules.add(new Distribute(d.from(), scaled));
        }
        var failovers = failover.stream().filter(f -> !lost.contains(f.to())).toList();
        return new TrafficSpec(mode, rules, failovers, outlierDetection, connectionPool);
    }

    public Map<String, Object> describe() {
        var out = new LinkedHashMap<String, Object>();
        out.put("mode", mode.configName());
        out.put("distribute", distribute.stream().map(d -> Map.of("from", d.from(), "to", new TreeMap<>(d.to()))).toList());
        out.put("failover", failover.stream().map(f -> Map.of("from", f.from(), "to", f.to())).toList());
        outlierDetection.ifPresent(o -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("consecutive5xxErrors", o.consecutive5xxErrors());
            m.put("interval", o.interval());
            m.put("baseEjectionTime", o.baseEjectionTime());
            o.maxEjectionPercent().ifPresent(p -> m.put("maxEjectionPercent", p));
            out.put("outlierDetection", m);
        });
        connectionPool.ifPresent(c -> out.put("connectionPool", Map.of("maxRequestsPerConnection", c.maxRequestsPerConnection())));
        return out;
    }

    public enum Mode implements ConfigName {
        DISTRIBUTE("distribute"), FAILOVER("failover"), NONE("none");

        private final String configName;

        Mode(String configName) {
            this.configName = configName;
        }

        @Override
        public String configName() {
            return configName;
        }

        public static Optional<Mode> fromConfig(String value) {
            return ConfigName.parse(Mode.class, value);
        }
    }

    /** Weights by destination region, in config order (the order Istio sees). */
    public record Distribute(String from, Map<String, Integer> to) {
        public Distribute {
            to = Collections.unmodifiableMap(new LinkedHashMap<>(to));
        }
    }

    public record Failover(String from, String to) {}

    /** Durations are kept in Istio's own spelling ({@code 1s}, {@code 1m}) so manifests show what the user wrote. */
    public record OutlierDetection(int consecutive5xxErrors, String interval, String baseEjectionTime, Optional<Integer> maxEjectionPercent) {}

    public record ConnectionPool(int maxRequestsPerConnection) {}
}
