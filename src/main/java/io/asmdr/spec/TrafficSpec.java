package io.asmdr.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    public Map<String, Object> describe() {
        var out = new java.util.LinkedHashMap<String, Object>();
        out.put("mode", mode.configName());
        out.put("distribute", distribute.stream().map(d -> Map.of("from", d.from(), "to", new java.util.TreeMap<>(d.to()))).toList());
        out.put("failover", failover.stream().map(f -> Map.of("from", f.from(), "to", f.to())).toList());
        outlierDetection.ifPresent(o -> {
            var m = new java.util.LinkedHashMap<String, Object>();
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
            to = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(to));
        }
    }

    public record Failover(String from, String to) {}

    /** Durations are kept in Istio's own spelling ({@code 1s}, {@code 1m}) so manifests show what the user wrote. */
    public record OutlierDetection(int consecutive5xxErrors, String interval, String baseEjectionTime, Optional<Integer> maxEjectionPercent) {}

    public record ConnectionPool(int maxRequestsPerConnection) {}
}
