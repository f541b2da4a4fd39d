// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:cen/transitRouter:TransitRouter")
public class TransitRouter extends CustomResource {
    @Export(name="cenId", refs={String.class})
    private Output<String> cenId;

    public Output<String> cenId() {
        return this.cenId;
    }
    @Export(name="transitRouterId", refs={String.class})
    private Output<String> transitRouterId;

    public Output<String> transitRouterId() {
        return this.transitRouterId;
    }
    @Export(name="regionId", refs={String.class})
    private Output<String> regionId;

    public Output<String> regionId() {
        return this.regionId;
    }

    public TransitRouter(String name, TransitRouterArgs args) {
        this(name, args, null);
    }

    public TransitRouter(String name, TransitRouterArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:cen/transitRouter:TransitRouter", name, args, Utilities.withVersion(options));
    }
}
