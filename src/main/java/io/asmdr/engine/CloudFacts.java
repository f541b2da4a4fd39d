package io.asmdr.engine;

import io.asmdr.config.StackSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link SimulatedCloud} answers about Alibaba Cloud's catalogue, and where each answer comes
 * from. The published tables are copied from cited pages; a question they cannot answer fails the
 * run, because the simulation never guesses. {@link #assumingWhatTheStackStates} adds, for exactly
 * those questions, the answer the stack file itself implies; each such answer is listed in
 * {@link #assumptions()} so {@code synth} can print it.
 *
 * @param transitRouterZones region to the zones where its transit router attaches VPCs
 * @param kubernetesVersions Kubernetes versions ACK describes (the tables do not vary by region)
 * @param assumptions        one line per answer that came from the stack, not from a table
 */
public record CloudFacts(Map<String, List<String>> transitRouterZones, Set<String> kubernetesVersions, List<String> assumptions) {
    /** Alibaba Cloud CEN, "Available regions and zones" (Enterprise Edition transit router table). */
    public static final String TRANSIT_ROUTER_ZONES_SOURCE = "https://help.aliyun.com/en/cen/product-overview/regions-and-zones-that-support-transit-router";
    /** ACK, "Kubernetes 1.30 release notes" (component versions: Kubernetes 1.30.7-aliyun.1, 1.30.1-aliyun.1). */
    public static final String KUBERNETES_VERSIONS_SOURCE = "https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/kubernetes-1-30-release-notes";

    public CloudFacts {
        transitRouterZones = Map.copyOf(transitRouterZones);
        kubernetesVersions = Set.copyOf(kubernetesVersions);
        assumptions = List.copyOf(assumptions);
    }

    /**
     * Only the rows found in the sources above. The CEN table has more regions, but only these rows
     * could be read from the stored copy of the page; a missing row is a question the simulation
     * refuses, never a guess.
     */
    public static final CloudFacts PUBLISHED = new CloudFacts(Map.of(
            "cn-hangzhou", zones("cn-hangzhou", "b", "h", "i", "j", "k"),
            "cn-shanghai", zones("cn-shanghai", "b", "c", "e", "f", "g", "l", "m", "n")),
            Set.of("1.30.7-aliyun.1", "1.30.1-aliyun.1"),
            List.of());

    private static List<String> zones(String region, String... letters) {
        return Arrays.stream(letters).map(l -> region + "-" + l).toList();
    }

    public Optional<List<String>> transitRouterZones(String region) {
        return Optional.ofNullable(transitRouterZones.get(region));
    }

    public boolean describesKubernetesVersion(String version) {
        return kubernetesVersions.contains(version);
    }

    /**
     * These facts, plus what the stack implies where the tables are silent: a region without a
     * row serves exactly the zones the stack puts its vSwitches in, and a pinned ACK version outside
     * the table exists. Such answers cannot fail the checks, so they are listed, never hidden.
     */
    public CloudFacts assumingWhatTheStackStates(StackSpec spec) {
        var zones = new TreeMap<String, List<String>>(transitRouterZones);
        var versions = new TreeSet<String>(kubernetesVersions);
        var assumed = new ArrayList<String>(assumptions);
        var stated = new TreeMap<String, TreeSet<String>>();
        spec.networks().forEach(n -> n.vswitches().forEach(v -> stated.computeIfAbsent(n.region(), r -> new TreeSet<>()).add(v.zone())));
        stated.forEach((region, used) -> {
            if (!zones.containsKey(region)) {
                zones.put(region, List.copyOf(used));
                assumed.add("transit-router zones of " + region + " = " + String.join(", ", used) + " (the stack's own; no published row)");
            }
        });
        spec.regions().forEach(r -> r.cluster().version().ifPresent(v -> {
            if (versions.add(v)) {
                assumed.add("ACK describes Kubernetes " + v + " (the stack's own pin; not in the published table)");
            }
        }));
        return new CloudFacts(zones, versions, assumed);
    }
}
