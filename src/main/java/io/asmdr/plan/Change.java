package io.asmdr.plan;

import java.util.List;
import java.util.Optional;

/**
 * What one update does to one resource. {@code changed} lists input paths ({@code inputs.podCidr})
 * and option paths ({@code options.protect}); {@code replaceReasons} those that force a
 * replacement; {@code cause} the replaced resource a cascade started from.
 */
public record Change(
        String urn,
        String type,
        Op op,
        List<String> changed,
        List<String> replaceReasons,
        Optional<String> cause,
        Optional<PlannedResource> before,
        Optional<PlannedResource> after) {

    public Change {
        changed = List.copyOf(changed);
        replaceReasons = List.copyOf(replaceReasons);
    }

    /** The operations of {@code pulumi preview}, folded: create-replacement and delete-replaced are one replace. */
    public enum Op {
        CREATE, UPDATE, REPLACE, DELETE, SAME;

        public String label() {
            return name().toLowerCase();
        }
    }

    public String name() {
        return Urns.name(urn);
    }

    /** Whether an input path (without the {@code inputs.} prefix) changed, itself or below. */
    public boolean changedInput(String path) {
        return changed.stream().anyMatch(c -> ReplacementFacts.covers("inputs." + path, c));
    }
}
