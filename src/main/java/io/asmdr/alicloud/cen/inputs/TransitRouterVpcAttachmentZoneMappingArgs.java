// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;

public final class TransitRouterVpcAttachmentZoneMappingArgs extends ResourceArgs {

    public static final TransitRouterVpcAttachmentZoneMappingArgs Empty = new TransitRouterVpcAttachmentZoneMappingArgs();

    @Import(name="vswitchId", required=true)
    private Output<String> vswitchId;
    @Import(name="zoneId", required=true)
    private Output<String> zoneId;

    public Output<String> vswitchId() {
        return this.vswitchId;
    }
    public Output<String> zoneId() {
        return this.zoneId;
    }

    private TransitRouterVpcAttachmentZoneMappingArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final TransitRouterVpcAttachmentZoneMappingArgs $ = new TransitRouterVpcAttachmentZoneMappingArgs();

        public Builder vswitchId(Output<String> vswitchId) {
            $.vswitchId = vswitchId;
            return this;
        }
        public Builder vswitchId(String vswitchId) {
            return vswitchId(Output.of(vswitchId));
        }
        public Builder zoneId(Output<String> zoneId) {
            $.zoneId = zoneId;
            return this;
        }
        public Builder zoneId(String zoneId) {
            return zoneId(Output.of(zoneId));
        }

        public TransitRouterVpcAttachmentZoneMappingArgs build() {
            if ($.vswitchId == null) {
                throw new MissingRequiredPropertyException("TransitRouterVpcAttachmentZoneMappingArgs", "vswitchId");
            }
            if ($.zoneId == null) {
                throw new MissingRequiredPropertyException("TransitRouterVpcAttachmentZoneMappingArgs", "zoneId");
            }
            return $;
        }
    }
}
