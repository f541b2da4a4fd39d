// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;

public final class TransitRouterRouteTablePropagationArgs extends ResourceArgs {

    public static final TransitRouterRouteTablePropagationArgs Empty = new TransitRouterRouteTablePropagationArgs();

    @Import(name="transitRouterAttachmentId", required=true)
    private Output<String> transitRouterAttachmentId;
    @Import(name="transitRouterRouteTableId", required=true)
    private Output<String> transitRouterRouteTableId;

    public Output<String> transitRouterAttachmentId() {
        return this.transitRouterAttachmentId;
    }
    public Output<String> transitRouterRouteTableId() {
        return this.transitRouterRouteTableId;
    }

    private TransitRouterRouteTablePropagationArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final TransitRouterRouteTablePropagationArgs $ = new TransitRouterRouteTablePropagationArgs();

        public Builder transitRouterAttachmentId(Output<String> transitRouterAttachmentId) {
            $.transitRouterAttachmentId = transitRouterAttachmentId;
            return this;
        }
        public Builder transitRouterAttachmentId(String transitRouterAttachmentId) {
            return transitRouterAttachmentId(Output.of(transitRouterAttachmentId));
        }
        public Builder transitRouterRouteTableId(Output<String> transitRouterRouteTableId) {
            $.transitRouterRouteTableId = transitRouterRouteTableId;
            return this;
        }
        public Builder transitRouterRouteTableId(String transitRouterRouteTableId) {
            return transitRouterRouteTableId(Output.of(transitRouterRouteTableId));
        }

        public TransitRouterRouteTablePropagationArgs build() {
            if ($.transitRouterAttachmentId == null) {
                throw new MissingRequiredPropertyException("TransitRouterRouteTablePropagationArgs", "transitRouterAttachmentId");
            }
            if ($.transitRouterRouteTableId == null) {
                throw new MissingRequiredPropertyException("TransitRouterRouteTablePropagationArgs", "transitRouterRouteTableId");
            }
            return $;
        }
    }
}
