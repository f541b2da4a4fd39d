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
 * Pinned versions past their published end of life: a warning, never an error (the cluster keeps running, and a stack
 * must stay deployable while its upgrade is planned). The dates come with their sources from
 * {@code reference/cloud-facts/kubernetes-versions.json} ({@code endOfLife}, per minor version); a minor version without
 * a published date gets no warning.
 */
public final class VersionLifecycle {
    private VersionLifecycle() {}

    /** The end of life ACK publishes for a Kubernetes minor version ({@code 1.30}). */
    public record EndOfLife(String minor, LocalDate date, String source) {}

    /** The {@code endOfLife} section of kubernetes-versions.json: minor version → date and source. */
    public static Map<String, EndOfLife> parse(JsonNode kubernetesVersions) {
        var out = new TreeMap<String, EndOfLife>();
        kubernetesVersions.path("endOfLife").fields().forEachRemaining(e -> {
            try {
                out.put(e.getKey(), new EndOfLife(e.getKey(), LocalDate.parse(e.getValue().path("date").asText()), e.getValue().path("source").asText()));
            } catch (DateTimeParseException bad) {
                throw new IllegalStateException("kubernetes-versions.json: endOfLife." + e.getKey() + " has no ISO date: " + e.getValue(), bad);
            }
        });
        return out;
    }

    /** One line per pinned ACK version whose minor version's end of life is before {@code today}, naming key, date and source. */
    public static List<String> warnings(StackSpec spec, Map<String, EndOfLife> endOfLife, LocalDate today) {
        var out = new ArrayList<String>();
        for (var region : spec.regions()) {
            var pinned = region.cluster().version();
            if (pinned.isEmpty()) {
                continue;
            }
            var eol = minor(pinned.get()).map(endOfLife::get);
            if (eol.isPresent() && eol.get() != null && eol.get().date().isBefore(today)) {
                var e = eol.get();
                out.add(region.cluster().key() + ".version = " + pinned.get() + " (" + region.region() + "): Kubernetes " + e.minor()
                        + " reached its end of life in ACK on " + e.date() + " (" + e.source() + "); plan the upgrade, one minor version at a"
                        + " time (docs/stacks.md)");
            }
        }
        return out;
    }

    /** {@code 1.30.7-aliyun.1} → {@code 1.30}. */
    static Optional<String> minor(String version) {
        var parts = version.split("[.-]");
        return parts.length >= 2 ? Optional.of(parts[0] + "." + parts[1]) : Optional.empty();
    }
}
