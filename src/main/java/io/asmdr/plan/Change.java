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
        Optional<PlannedResource> after,
        List<String> unknown) {

    public Change {
        changed = List.copyOf(changed);
        replaceReasons = List.copyOf(replaceReasons);
        unknown = List.copyOf(unknown);
    }

    /** A change without paths offline cannot judge. */
    public Change(String urn, String type, Op op, List<String> changed, List<String> replaceReasons, Optional<String> cause,
                  Optional<PlannedResource> before, Optional<PlannedResource> after) {
        this(urn, type, op, changed, replaceReasons, cause, before, after, List.of());
    }

    /**
     * The operations of {@code pulumi preview}, folded: create-replacement and delete-replaced are one
     * replace. {@code UNKNOWN}: what it does cannot be told from the input (a path offline cannot know,
     * or a step op the guard does not understand); only a real preview can say.
     */
    public enum Op {
        CREATE, UPDATE, REPLACE, DELETE, SAME, UNKNOWN;

        public String label() {
            return this == UNKNOWN ? "unknown (needs a real preview)" : name().toLowerCase();
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
