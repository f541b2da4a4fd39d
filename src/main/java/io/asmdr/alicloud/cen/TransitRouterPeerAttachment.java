// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:cen/transitRouterPeerAttachment:TransitRouterPeerAttachment")
public class TransitRouterPeerAttachment extends CustomResource {
    @Export(name="transitRouterAttachmentId", refs={String.class})
    private Output<String> transitRouterAttachmentId;

    public Output<String> transitRouterAttachmentId() {
        return this.transitRouterAttachmentId;
    }
    @Export(name="transitRouterId", refs={String.class})
    private Output<String> transitRouterId;

    public Output<String> transitRouterId() {
        return this.transitRouterId;
    }
    @Export(name="peerTransitRouterId", refs={String.class})
    private Output<String> peerTransitRouterId;

    public Output<String> peerTransitRouterId() {
        return this.peerTransitRouterId;
    }

    public TransitRouterPeerAttachment(String name, TransitRouterPeerAttachmentArgs args) {
        this(name, args, null);
    }

    public TransitRouterPeerAttachment(String name, TransitRouterPeerAttachmentArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:cen/transitRouterPeerAttachment:TransitRouterPeerAttachment", name, args, Utilities.withVersion(options));
    }
}
