// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:cen/transitRouterRouteEntry:TransitRouterRouteEntry")
public class TransitRouterRouteEntry extends CustomResource {
    @Export(name="transitRouterRouteEntryId", refs={String.class})
    private Output<String> transitRouterRouteEntryId;

    public Output<String> transitRouterRouteEntryId() {
        return this.transitRouterRouteEntryId;
    }
    @Export(name="status", refs={String.class})
    private Output<String> status;

    public Output<String> status() {
        return this.status;
    }

    public TransitRouterRouteEntry(String name, TransitRouterRouteEntryArgs args) {
        this(name, args, null);
    }

    public TransitRouterRouteEntry(String name, TransitRouterRouteEntryArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:cen/transitRouterRouteEntry:TransitRouterRouteEntry", name, args, Utilities.withVersion(options));
    }
}
