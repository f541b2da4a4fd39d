package io.asmdr.engine;

import io.asmdr.config.StackSpec;
import io.asmdr.reference.ReferenceData;
import io.asmdr.validation.VersionLifecycle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link SimulatedCloud} answers about Alibaba Cloud's catalogue, and where each answer comes
 * from: the rows of {@code reference/cloud-facts/*.json}, each with its source. A complete row is a
 * region's whole published list, so a zone outside it is refused as the cloud would refuse it. Where
 * the data is silent (a region without a row, an incomplete row, a version not listed), offline
 * synth is a plan viewer: {@link #answering} takes the stack's own values as the answer and lists
 * each such {@link Assumption}, which synth prints and records in plan.json. In strict mode the
 * same questions are refused instead.
 *
 * @param transitRouterZones region to its row of zones where a transit router attaches VPCs
 * @param kubernetesVersions ACK versions known to exist, to their source
 * @param assumptions        the answers that came from the stack, not from a row
 */
public record CloudFacts(Map<String, ZoneRow> transitRouterZones, Map<String, String> kubernetesVersions, List<Assumption> assumptions) {
    private static final String ZONES = "cloud-facts/transit-router-zones.json";
    public static final String VERSIONS = VersionLifecycle.KUBERNETES_FILE;
    /** The files as a user finds them in the repository, for messages. */
    public static final String ZONES_FILE = "reference/" + ZONES;
    public static final String VERSIONS_FILE = "reference/" + VERSIONS;

    public CloudFacts {
        transitRouterZones = Map.copyOf(transitRouterZones);
        kubernetesVersions = Map.copyOf(kubernetesVersions);
        assumptions = List.copyOf(assumptions);
    }

    /** One region's published zones; {@code complete} when the source lists all of them. */
    public record ZoneRow(List<String> zones, boolean complete, String source) {
        public ZoneRow {
            zones = List.copyOf(zones);
        }
    }

    /** An answer the data does not give, taken from the stack: the invoke, its region, the answer and why. */
    public record Assumption(String invoke, String region, String answer, String reason) {
        @Override
        public String toString() {
            return invoke + (region.isEmpty() ? "" : " in " + region) + " = " + answer + " (" + reason + ")";
        }

        public Map<String, String> toJson() {
            var out = new LinkedHashMap<String, String>();
            out.put("invoke", invoke);
            out.put("region", region);
            out.put("answer", answer);
            out.put("reason", reason);
            return out;
        }
    }

    /** The shipped data (packaged from reference/cloud-facts by pom.xml), with no assumptions. */
    public static final CloudFacts PUBLISHED = load();

    private static CloudFacts load() {
        var zones = new TreeMap<String, ZoneRow>();
        var versions = new TreeMap<String, String>();
        ReferenceData.read(ZONES).path("regions").fields().forEachRemaining(e -> {
            var list = new ArrayList<String>();
            e.getValue().path("zones").forEach(z -> list.add(z.asText()));
            zones.put(e.getKey(), new ZoneRow(list, e.getValue().path("complete").asBoolean(false), e.getValue().path("source").asText()));
        });
        ReferenceData.read(VERSIONS).path("versions").fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().path("source").asText()));
        return new CloudFacts(zones, versions, List.of());
    }

    public Optional<ZoneRow> transitRouterZones(String region) {
        return Optional.ofNullable(transitRouterZones.get(region));
    }

    /**
     * The body of Alibaba's answer to {@code ListTransitRouterAvailableResource} (Cbn 2017-09-12) for
     * {@code region}, from its complete row: {@code AvailableZones} (the zones that count for a VPC
     * attachment since CEN's 2022 VPC-connection upgrade), empty {@code MasterZones}/{@code SlaveZones}
     * (the older primary/secondary lists, which this program does not read) and no multicast. The
     * response fields are those terraform-provider-alicloud v1.285.0 reads
     * (data_source_alicloud_cen_transit_router_available_resources.go). Empty without a complete row:
     * the data cannot answer, and a loopback stand-in refuses the call with {@link #noTransitRouterZones}.
     * Both stand-ins answer with this: preview-offline's stub and the sandbox's Cbn product.
     */
    public Optional<Map<String, Object>> transitRouterAvailableResource(String region) {
        return transitRouterZones(region).filter(ZoneRow::complete).map(row -> {
            var body = new LinkedHashMap<String, Object>();
            body.put("AvailableZones", row.zones());
            body.put("MasterZones", List.of());
            body.put("SlaveZones", List.of());
            body.put("SupportMulticast", false);
            return body;
        });
    }

    /** Why {@link #transitRouterAvailableResource} has no answer for {@code region}. */
    public static String noTransitRouterZones(String region) {
        return "no transit-router zones for region " + region + " in " + ZONES_FILE;
    }

    public boolean describesKubernetesVersion(String version) {
        return kubernetesVersions.containsKey(version);
    }

    /**
     * These facts, plus what the stack implies where the data is silent: a region without a row, or
     * with an incomplete one, also serves the zones the stack puts its vSwitches in; a pinned ACK
     * version not listed exists. A complete row is never extended, so a stack that contradicts it
     * still fails. Every added answer is listed in {@link #assumptions()}.
     */
    public CloudFacts answering(StackSpec spec) {
        var zones = new TreeMap<String, ZoneRow>(transitRouterZones);
        var versions = new TreeMap<String, String>(kubernetesVersions);
        var assumed = new ArrayList<Assumption>(assumptions);
        var stated = new TreeMap<String, TreeSet<String>>();
        spec.networks().forEach(n -> n.vswitches().forEach(v -> stated.computeIfAbsent(n.region(), r -> new TreeSet<>()).add(v.zone())));
        stated.forEach((region, used) -> {
            var row = zones.get(region);
            if (row != null && row.complete()) {
                return;
            }
            var served = new TreeSet<String>(used);
            if (row != null) {
                served.addAll(row.zones());
            }
            var unlisted = new TreeSet<String>(used);
            if (row != null) {
                unlisted.removeAll(row.zones());
            }
            // the simulation's whole answer from here on: what was published, and what the stack adds
            zones.put(region, new ZoneRow(List.copyOf(served), true, row == null ? "the stack's own zones" : row.source() + " + the stack's own zones"));
            if (unlisted.isEmpty()) {
                return;
            }
            assumed.add(new Assumption("alicloud:cen/getTransitRouterAvailableResources", region, String.join(", ", unlisted),
                    row == null ? "no row for " + region + " in " + ZONES_FILE + "; the stack's own zones"
                            : "not in " + region + "'s incomplete row in " + ZONES_FILE + "; the stack's own zones"));
        });
        spec.regions().forEach(r -> r.cluster().version().ifPresent(v -> {
            if (!versions.containsKey(v)) {
                versions.put(v, "the stack's own pin");
                assumed.add(new Assumption("alicloud:cs/getKubernetesVersion", r.region(), v,
                        "not listed in " + VERSIONS_FILE + "; the stack's own pin"));
            }
        }));
        return new CloudFacts(zones, versions, assumed);
    }
}
