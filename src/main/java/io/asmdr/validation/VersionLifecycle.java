package io.asmdr.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.asmdr.config.StackSpec;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Pinned versions past their published end of life: a warning, never an error (the cluster or mesh keeps running, and
 * a stack must stay deployable while its upgrade is planned).
 *
 * <ul>
 *   <li>ACK: the dates come with their sources from {@code reference/cloud-facts/kubernetes-versions.json}
 *       ({@code endOfLife}, per minor version).</li>
 *   <li>ASM: an ASM version names the Istio minor it builds on ({@code v1.17.2.42-gf7619883-aliyun}: Istio 1.17).
 *       ASM publishes no support period for its builds in any source read here, so the warning gives upstream Istio's
 *       end of support and the Kubernetes versions Istio tests that minor with
 *       ({@code reference/cloud-facts/istio-versions.json}), said as upstream's.</li>
 * </ul>
 * A minor version without a published date gets no warning.
 */
public final class VersionLifecycle {
    /** The reference files (under {@code reference/}, packaged in the jar) the tables are read from. */
    public static final String KUBERNETES_FILE = "cloud-facts/kubernetes-versions.json";
    public static final String ISTIO_FILE = "cloud-facts/istio-versions.json";

    private VersionLifecycle() {}

    /** The end of life ACK publishes for a Kubernetes minor version ({@code 1.30}). */
    public record EndOfLife(String minor, LocalDate date, String source) {}

    /** Upstream Istio's end of support for a minor version, and the Kubernetes minors it is tested with (inclusive). */
    public record IstioMinor(String minor, LocalDate endOfLife, String kubernetesFrom, String kubernetesTo) {}

    /** Both tables: ACK's per Kubernetes minor, upstream Istio's per Istio minor with the table's source. */
    public record Tables(Map<String, EndOfLife> kubernetes, Map<String, IstioMinor> istio, String istioSource) {
        public Tables {
            kubernetes = Map.copyOf(kubernetes);
            istio = Map.copyOf(istio);
        }
    }

    /** The two reference files as read (kubernetes-versions.json, istio-versions.json). */
    public static Tables tables(JsonNode kubernetesVersions, JsonNode istioVersions) {
        var istio = new TreeMap<String, IstioMinor>();
        istioVersions.path("minors").fields().forEachRemaining(e -> {
            var range = e.getValue().path("kubernetes").asText().split("\\s*-\\s*");
            if (range.length != 2 || minor(range[0]).filter(range[0]::equals).isEmpty() || minor(range[1]).filter(range[1]::equals).isEmpty()) {
                throw new IllegalStateException("istio-versions.json: minors." + e.getKey() + ".kubernetes is no 'from - to' range of minor versions: " + e.getValue());
            }
            istio.put(e.getKey(), new IstioMinor(e.getKey(), date("istio-versions.json: minors." + e.getKey(), e.getValue().path("endOfLife")), range[0], range[1]));
        });
        return new Tables(parse(kubernetesVersions), istio, istioVersions.path("source").asText());
    }

    /** The {@code endOfLife} section of kubernetes-versions.json: minor version → date and source. */
    public static Map<String, EndOfLife> parse(JsonNode kubernetesVersions) {
        var out = new TreeMap<String, EndOfLife>();
        kubernetesVersions.path("endOfLife").fields().forEachRemaining(e -> out.put(e.getKey(),
                new EndOfLife(e.getKey(), date("kubernetes-versions.json: endOfLife." + e.getKey(), e.getValue().path("date")), e.getValue().path("source").asText())));
        return out;
    }

    private static LocalDate date(String where, JsonNode value) {
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException bad) {
            throw new IllegalStateException(where + " has no ISO date: " + value, bad);
        }
    }

    /**
     * One line per pinned ACK version whose minor version's end of life is before {@code today}, naming key, date and
     * source; then, for a pinned ASM version, one line if upstream Istio's support for its minor ended before
     * {@code today}, and one if a pinned cluster version lies outside the Kubernetes versions Istio tests that minor with.
     */
    public static List<String> warnings(StackSpec spec, Tables tables, LocalDate today) {
        var out = new ArrayList<String>();
        for (var region : spec.regions()) {
            var pinned = region.cluster().version();
            if (pinned.isEmpty()) {
                continue;
            }
            var eol = minor(pinned.get()).map(tables.kubernetes()::get);
            if (eol.isPresent() && eol.get().date().isBefore(today)) {
                var e = eol.get();
                out.add(region.cluster().key() + ".version = " + pinned.get() + " (" + region.region() + "): Kubernetes " + e.minor()
                        + " reached its end of life in ACK on " + e.date() + " (" + e.source() + "); plan the upgrade, one minor version at a"
                        + " time (docs/stacks.md)");
            }
        }
        var mesh = spec.mesh().version();
        var istio = mesh.flatMap(VersionLifecycle::minor).map(tables.istio()::get);
        if (istio.isEmpty()) {
            return out;
        }
        var minor = istio.get();
        var key = "asm-dr:mesh.version = " + mesh.get() + " (ASM's build of Istio " + minor.minor() + ")";
        if (minor.endOfLife().isBefore(today)) {
            out.add(key + ": upstream Istio's support for " + minor.minor() + " ended on " + minor.endOfLife() + " (" + tables.istioSource()
                    + "); ASM's own support period for its builds was not found in any source read here: check `aliyun servicemesh"
                    + " DescribeVersions` and plan the upgrade (docs/stacks.md)");
        }
        var outside = new ArrayList<String>();
        for (var region : spec.regions()) {
            region.cluster().version().flatMap(VersionLifecycle::minor)
                    .filter(k -> compare(k, minor.kubernetesFrom()) < 0 || compare(k, minor.kubernetesTo()) > 0)
                    .ifPresent(k -> outside.add(region.region() + " " + k));
        }
        if (!outside.isEmpty()) {
            out.add(key + ": upstream Istio " + minor.minor() + " is tested with Kubernetes " + minor.kubernetesFrom() + " to "
                    + minor.kubernetesTo() + " (" + tables.istioSource() + "), the clusters pin " + String.join(", ", outside)
                    + "; whether ASM supports the pair was not found in any source read here (docs/stacks.md)");
        }
        return out;
    }

    /** {@code 1.30.7-aliyun.1} → {@code 1.30}; {@code v1.17.2.42-gf7619883-aliyun} → {@code 1.17}. */
    static Optional<String> minor(String version) {
        var parts = (version.startsWith("v") ? version.substring(1) : version).split("[.-]");
        return parts.length >= 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+") ? Optional.of(parts[0] + "." + parts[1]) : Optional.empty();
    }

    /** Minor versions compared as numbers ({@code 1.9} before {@code 1.10}). */
    static int compare(String a, String b) {
        var x = a.split("\\.");
        var y = b.split("\\.");
        int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }
}
