package io.asmdr.alicloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import javax.annotation.Nullable;

/** An explicit, region-bound alicloud provider; registers as {@code pulumi:providers:alicloud}. */
@ResourceType(type = "pulumi:providers:alicloud")
public class Provider extends ProviderResource {
    @Export(name = "region", refs = {String.class})
    private Output<String> region;

    public Output<String> region() {
        return this.region;
    }

    public Provider(String name, ProviderArgs args) {
        this(name, args, null);
    }

    public Provider(String name, ProviderArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud", name, args, Utilities.withVersion(options));
    }
}
