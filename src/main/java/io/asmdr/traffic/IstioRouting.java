package io.asmdr.traffic;

import io.asmdr.config.TrafficSpec;
import io.asmdr.kube.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tutorial's Istio objects for Bookinfo, with the stack's locality policy rendered into every
 * DestinationRule. Pure: the same spec gives the same maps, which tests hold against the CRD schemas.
 *
 * <p>No VirtualService routes {@code reviews} to a subset: locality load balancing only chooses among
 * the endpoints of one Envoy cluster, and a subset is a cluster of its own, so pinning a subset would
 * make every other region's reviews unreachable.
 */
public final class IstioRouting {
    public static final String API_VERSION = "networking.istio.io/v1alpha3";
    public static final String GATEWAY = "bookinfo-gateway";
    static final int PORT = 9080;

    private IstioRouting() {}

    public static List<Manifest> all(String namespace, TrafficSpec traffic) {
        var out = new ArrayList<Manifest>();
        out.add(gateway(namespace));
        out.add(virtualService(namespace));
        out.addAll(destinationRules(namespace, traffic));
        return List.copyOf(out);
    }

    public static Manifest gateway(String namespace) {
        return new Manifest(API_VERSION, "Gateway", namespace, GATEWAY, Map.of(
                "selector", Map.of("istio", "ingressgateway"),
                "servers", List.of(Map.of(
                        "port", Map.of("number", 80, "name", "http", "protocol", "HTTP"),
                        "hosts", List.of("*")))));
    }

    public static Manifest virtualService(String namespace) {
        var matches = List.of(
                Map.of("uri", Map.of("exact", "/productpage")),
                Map.of("uri", Map.of("prefix", "/static")),
                Map.of("uri", Map.of("exact", "/login")),
                Map.of("uri", Map.of("exact", "/logout")),
                Map.of("uri", Map.of("prefix", "/api/v1/products")));
        return new Manifest(API_VERSION, "VirtualService", namespace, "bookinfo", Map.of(
                "hosts", List.of("*"),
                "gateways", List.of(GATEWAY),
                "http", List.of(Map.of(
                        "match", matches,
                        "route", List.of(Map.of("destination", Map.of("host", "productpage", "port", Map.of("number", PORT))))))));
    }

    /** The four DestinationRules with the tutorial's subsets, each carrying the locality policy. */
    public static List<Manifest> destinationRules(String namespace, TrafficSpec traffic) {
        var subsets = new LinkedHashMap<String, List<String>>();
        subsets.put("productpage", List.of("v1"));
        subsets.put("reviews", List.of("v1", "v2", "v3"));
        subsets.put("ratings", List.of("v1", "v2", "v2-mysql", "v2-mysql-vm"));
        subsets.put("details", List.of("v1", "v2"));
        var policy = trafficPolicy(traffic);
        return subsets.entrySet().stream().map(e -> {
            var spec = new LinkedHashMap<String, Object>();
            spec.put("host", e.getKey());
            spec.put("subsets", e.getValue().stream().map(v -> Map.of("name", v, "labels", Map.of("version", v))).toList());
            if (!policy.isEmpty()) {
                spec.put("trafficPolicy", policy);
            }
            return new Manifest(API_VERSION, "DestinationRule", namespace, e.getKey(), spec);
        }).toList();
    }

    /**
     * {@code trafficPolicy} of a DestinationRule: the locality setting of the active mode
     * ({@code distribute} localities as {@code region/*}, {@code failover} as bare regions, as Istio
     * requires), plus outlier detection and connection pool when configured.
     */
    public static Map<String, Object> trafficPolicy(TrafficSpec traffic) {
        var policy = new LinkedHashMap<String, Object>();
        traffic.connectionPool().ifPresent(pool -> policy.put("connectionPool",
                Map.of("http", Map.of("maxRequestsPerConnection", pool.maxRequestsPerConnection()))));
        traffic.outlierDetection().ifPresent(o -> {
            var od = new LinkedHashMap<String, Object>();
            od.put("consecutive5xxErrors", o.consecutive5xxErrors());
            od.put("interval", o.interval());
            od.put("baseEjectionTime", o.baseEjectionTime());
            o.maxEjectionPercent().ifPresent(p -> od.put("maxEjectionPercent", p));
            policy.put("outlierDetection", od);
        });
        switch (traffic.mode()) {
            case DISTRIBUTE -> policy.put("loadBalancer", Map.of("localityLbSetting", Map.of(
                    "enabled", true,
                    "distribute", traffic.distribute().stream().map(d -> {
                        var to = new LinkedHashMap<String, Object>();
                        d.to().forEach((region, weight) -> to.put(locality(region), weight));
                        return Map.of("from", locality(d.from()), "to", to);
                    }).toList())));
            case FAILOVER -> policy.put("loadBalancer", Map.of("localityLbSetting", Map.of(
                    "enabled", true,
                    "failover", traffic.failover().stream().map(f -> Map.of("from", f.from(), "to", f.to())).toList())));
            case NONE -> { }
        }
        return policy;
    }

    /** Every zone of a region: what {@code distribute} expects on both sides. */
    static String locality(String region) {
        return region + "/*";
    }
}
