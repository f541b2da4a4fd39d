package io.asmdr.synth;

import java.util.List;
import java.util.Map;

/**
 * One resource registration as the engine saw it. {@code provider} is the engine's provider
 * reference ({@code <provider urn>::<id>}), {@code dependencies} the URNs it waits for.
 */
public record PlannedResource(
        String urn,
        String type,
        String name,
        boolean custom,
        String parent,
        String provider,
        List<String> dependencies,
        Map<String, Object> inputs) {

    public PlannedResource {
        dependencies = List.copyOf(dependencies);
    }

    /** The URN part of the provider reference, or empty for default providers and components. */
    public String providerUrn() {
        int sep = provider.lastIndexOf("::");
        return sep < 0 ? provider : provider.substring(0, sep);
    }

    @SuppressWarnings("unchecked")
    public Object input(String path) {
        Object current = inputs;
        for (var part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = ((Map<String, Object>) m).get(part);
        }
        return current;
    }
}
