package io.asmdr.alicloud;

import com.pulumi.deployment.InvokeOptions;
import com.pulumi.deployment.InvokeOutputOptions;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * Pins every alicloud resource and invoke to the provider plugin release the bindings were written
 * against, so a real Pulumi CLI installs exactly that plugin (see also resources/com/pulumi/alicloud/plugin.json).
 */
public final class Utilities {
    public static final String VERSION = "3.105.0";

    private Utilities() {}

    public static String getVersion() {
        return VERSION;
    }

    /** The caller's options win; the version is only a default. */
    public static CustomResourceOptions withVersion(@Nullable CustomResourceOptions options) {
        return CustomResourceOptions.merge(CustomResourceOptions.builder().version(VERSION).build(), options, null);
    }

    public static InvokeOptions withVersion(@Nullable InvokeOptions options) {
        if (options == null) {
            return new InvokeOptions(null, null, VERSION);
        }
        return new InvokeOptions(options.getParent().orElse(null), options.getProvider().orElse(null), options.getVersion().orElse(VERSION));
    }

    public static InvokeOutputOptions withVersion(@Nullable InvokeOutputOptions options) {
        if (options == null) {
            return new InvokeOutputOptions(null, null, VERSION, null);
        }
        return new InvokeOutputOptions(
                options.getParent().orElse(null),
                options.getProvider().orElse(null),
                options.getVersion().orElse(VERSION),
                options.getPluginDownloadURL().orElse(null),
                options.getDependsOn());
    }
}
