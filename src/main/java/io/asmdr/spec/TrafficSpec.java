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
