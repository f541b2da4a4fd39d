package io.asmdr.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
