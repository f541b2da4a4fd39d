// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.vpc;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:vpc/routeEntry:RouteEntry")
public class RouteEntry extends CustomResource {
    @Export(name="routeTableId", refs={String.class})
    private Output<String> routeTableId;

    public Output<String> routeTableId() {
        return this.routeTableId;
    }
    @Export(name="destinationCidrblock", refs={String.class})
    private Output<String> destinationCidrblock;

    public Output<String> destinationCidrblock() {
        return this.destinationCidrblock;
    }
    @Export(name="nexthopType", refs={String.class})
    private Output<String> nexthopType;

    public Output<String> nexthopType() {
        return this.nexthopType;
    }
    @Export(name="nexthopId", refs={String.class})
    private Output<String> nexthopId;

    public Output<String> nexthopId() {
        return this.nexthopId;
    }

    public RouteEntry(String name, RouteEntryArgs args) {
        this(name, args, null);
    }

    public RouteEntry(String name, RouteEntryArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:vpc/routeEntry:RouteEntry", name, args, Utilities.withVersion(options));
    }
}
