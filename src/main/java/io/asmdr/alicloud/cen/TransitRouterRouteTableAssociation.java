// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:cen/transitRouterRouteTableAssociation:TransitRouterRouteTableAssociation")
public class TransitRouterRouteTableAssociation extends CustomResource {
    @Export(name="status", refs={String.class})
    private Output<String> status;

    public Output<String> status() {
        return this.status;
    }

    public TransitRouterRouteTableAssociation(String name, TransitRouterRouteTableAssociationArgs args) {
        this(name, args, null);
    }

    public TransitRouterRouteTableAssociation(String name, TransitRouterRouteTableAssociationArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:cen/transitRouterRouteTableAssociation:TransitRouterRouteTableAssociation", name, args, Utilities.withVersion(options));
    }
}
