// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment")
public class TransitRouterVpcAttachment extends CustomResource {
    @Export(name="transitRouterAttachmentId", refs={String.class})
    private Output<String> transitRouterAttachmentId;

    public Output<String> transitRouterAttachmentId() {
        return this.transitRouterAttachmentId;
    }
    @Export(name="vpcId", refs={String.class})
    private Output<String> vpcId;

    public Output<String> vpcId() {
        return this.vpcId;
    }
    @Export(name="transitRouterId", refs={String.class})
    private Output<String> transitRouterId;

    public Output<String> transitRouterId() {
        return this.transitRouterId;
    }

    public TransitRouterVpcAttachment(String name, TransitRouterVpcAttachmentArgs args) {
        this(name, args, null);
    }

    public TransitRouterVpcAttachment(String name, TransitRouterVpcAttachmentArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment", name, args, Utilities.withVersion(options));
    }
}
