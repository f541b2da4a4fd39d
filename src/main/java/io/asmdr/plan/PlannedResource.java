package io.asmdr.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource registration as the engine saw it. {@code provider} is the engine's provider
 * reference ({@code <provider urn>::<id>}), {@code dependencies} the URNs it waits for, and
 * {@code options} the resource options that decide what the next {@code pulumi up} may do to it.
 */
public record PlannedResource(
        String urn,
        String type,
        String name,
        boolean custom,
        String parent,
        String provider,
        List<String> dependencies,
        Map<String, Object> inputs,
        Options options) {

    /**
     * What a preview shows for a value not known until the resource exists: the engine's
     * computed-value placeholder (pulumi/pulumi pkg/resource/stack/deployment.go
     * {@code computedValuePlaceholder}, the same string as the SDK's unknown sentinel). It is not a
     * value: never plain text, never a change by itself.
     */
    public static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    public PlannedResource {
        dependencies = List.copyOf(dependencies);
    }

    /**
     * The resource options a real preview records in a step's {@code newState}
     * ({@code apitype.ResourceV3} in pulumi/pulumi sdk/go/common/apitype/core.go), plus
     * {@code deleteBeforeReplace}, which ResourceV3 lacks and the update-plan goal
     * ({@code apitype.GoalV1}, plan.go) carries. Custom timeouts are seconds, as in
     * {@code resource.CustomTimeouts}. {@code version} is the provider plugin version the resource
     * asked for; the engine writes it into a provider resource's inputs ({@code providers.SetProviderVersion}).
     */
    public record Options(
            boolean protect,
            List<String> ignoreChanges,
            Map<String, Double> customTimeouts,
            List<String> additionalSecretOutputs,
            List<String> aliases,
            Optional<Boolean> deleteBeforeReplace,
            boolean retainOnDelete,
            List<String> replaceOnChanges,
            Map<String, List<String>> propertyDependencies,
            String version) {
        public Options {
            ignoreChanges = List.copyOf(ignoreChanges);
            customTimeouts = Map.copyOf(customTimeouts);
            additionalSecretOutputs = List.copyOf(additionalSecretOutputs);
            aliases = List.copyOf(aliases);
            replaceOnChanges = List.copyOf(replaceOnChanges);
            propertyDependencies = Map.copyOf(propertyDependencies);
        }

        public static final Options NONE = new Options(false, List.of(), Map.of(), List.of(), List.of(), Optional.empty(), false,
                List.of(), Map.of(), "");
    }

    public boolean protect() {
        return options.protect();
    }

    /** The URN part of the provider reference, or empty for default providers and components. */
    public String providerUrn() {
        return Urns.ofProviderReference(provider);
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
