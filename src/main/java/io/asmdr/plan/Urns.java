package io.asmdr.plan;

/**
 * Reading Pulumi URNs and provider references. A URN ends with the resource's logical name after
 * the last {@code ::} ({@code urn:pulumi:dev::asm-dr::…::cn-hangzhou-vpc}); a provider reference is
 * {@code URN::id} (pulumi/pulumi {@code sdk/go/common/resource/urn.go} and {@code sdk/go/common/providers/reference.go}).
 */
public final class Urns {
    private Urns() {}

    /** The logical name a URN ends with. */
    public static String name(String urn) {
        return urn.substring(urn.lastIndexOf("::") + 2);
    }

    /**
     * The qualified type of a URN, parents' types included ({@code urn:pulumi:<stack>::<project>::<qualified type>::<name>}),
     * or "" when it is not a URN.
     */
    public static String qualifiedType(String urn) {
        var parts = urn.split("::", 4);
        return parts.length == 4 ? parts[2] : "";
    }

    /** Whether {@code text} has the shape of a Pulumi URN ({@code urn:pulumi:} and four parts). */
    public static boolean isUrn(String text) {
        return text.startsWith("urn:pulumi:") && !qualifiedType(text).isEmpty();
    }

    /** The provider's URN in a provider reference ({@code URN::id}); a string without an id is returned as it is. */
    public static String ofProviderReference(String reference) {
        int sep = reference.lastIndexOf("::");
        return sep < 0 ? reference : reference.substring(0, sep);
    }
}
