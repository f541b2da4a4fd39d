// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:cen/transitRouterRouteTablePropagation:TransitRouterRouteTablePropagation")
public class TransitRouterRouteTablePropagation extends CustomResource {
    @Export(name="status", refs={String.class})
    private Output<String> status;

    public Output<String> status() {
        return this.status;
    }

    public TransitRouterRouteTablePropagation(String name, TransitRouterRouteTablePropagationArgs args) {
        this(name, args, null);
    }

    public TransitRouterRouteTablePropagation(String name, TransitRouterRouteTablePropagationArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:cen/transitRouterRouteTablePropagation:TransitRouterRouteTablePropagation", name, args, Utilities.withVersion(options));
    }
}
