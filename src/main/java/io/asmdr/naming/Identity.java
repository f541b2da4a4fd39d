package io.asmdr.naming;

import com.pulumi.core.Alias;
import com.pulumi.resources.ComponentResourceOptions;
import io.asmdr.config.Cidr;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * How resources are named in Pulumi, which is what a URN, and so a resource's identity in state,
 * is made of. A logical name is built only from what cannot change without replacing the resource
 * anyway: a region, a role, a CIDR. The names users see in the console are properties, so renaming
 * one is an in-place update.
 *
 * <p>asm-dr's first release used the config names as logical names. Every resource that moved gets
 * an alias to that old name, so a stack deployed by it moves to the new names on its next
 * {@code pulumi up} without a single replacement (Pulumi "aliases" resource option).
 */
public final class Identity {
    private Identity() {}

    private static final String KUBERNETES_PROVIDER_SUFFIX = "-k8s";
    private static final String ALICLOUD_PROVIDER_PREFIX = "alicloud-";

    /**
     * What a component puts, under {@code ignoreChanges}, where it did not ask a region whose API is down
     * (asm-dr:unavailableRegions) for a value: the state keeps the real one. {@code diff} knows the mark, and treats the
     * value read again from unchanged resources, once the region is back, as the one the state kept.
     */
    public static final String NOT_ASKED = "unavailable-region-not-asked";

    /** The logical name of a region's Alibaba Cloud provider: every resource of that region is created through it. */
    public static String alicloudProvider(String region) {
        return ALICLOUD_PROVIDER_PREFIX + region;
    }

    /** The region an Alibaba Cloud provider named by {@link #alicloudProvider} calls. */
    public static Optional<String> regionOfAlicloudProvider(String providerName) {
        return providerName.startsWith(ALICLOUD_PROVIDER_PREFIX) && providerName.length() > ALICLOUD_PROVIDER_PREFIX.length()
                ? Optional.of(providerName.substring(ALICLOUD_PROVIDER_PREFIX.length()))
                : Optional.empty();
    }

    /** The logical name of a region's Kubernetes provider; plans are read back through it. */
    public static String kubernetesProvider(String region) {
        return region + KUBERNETES_PROVIDER_SUFFIX;
    }

    /** The region whose cluster a Kubernetes provider named by {@link #kubernetesProvider} talks to. */
    public static Optional<String> regionOfKubernetesProvider(String providerName) {
        return providerName.endsWith(KUBERNETES_PROVIDER_SUFFIX)
                ? Optional.of(providerName.substring(0, providerName.length() - KUBERNETES_PROVIDER_SUFFIX.length()))
                : Optional.empty();
    }

    /** A CIDR as a name part: {@code 20.0.0.0/16} → {@code 20.0.0.0-16}. */
    public static String cidr(Cidr cidr) {
        return cidr.toString().replace('/', '-');
    }

    /** The alias that keeps a resource once named {@code previous}; none when the name did not change. */
    public static Alias[] previously(String current, String previous) {
        return current.equals(previous) ? new Alias[0] : new Alias[] {Alias.builder().name(previous).build()};
    }

    /** A component's options with the alias to its previous name added. */
    public static ComponentResourceOptions previously(@Nullable ComponentResourceOptions options, String current, String previous) {
        // never merge into null: the SDK (1.36.1) then copies into its shared static Empty options and
        // mutates them, so every later component would inherit this one's aliases
        var base = options != null ? options : ComponentResourceOptions.builder().build();
        return ComponentResourceOptions.merge(base, ComponentResourceOptions.builder().aliases(previously(current, previous)).build());
    }
}
