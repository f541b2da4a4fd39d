package io.asmdr.trafficmodel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How callers in one region spread requests for one service: share by destination region (summing
 * to 1, or to 0 when no endpoint can take the call) and the Istio rule that decided it.
 */
public record Hop(String caller, Map<String, Double> shares, String reason) {
    public Hop {
        shares = Collections.unmodifiableMap(new LinkedHashMap<>(shares));
    }

    public double to(String region) {
        return shares.getOrDefault(region, 0.0);
    }

    public double delivered() {
        return shares.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
