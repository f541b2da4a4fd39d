// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import io.asmdr.alicloud.cen.inputs.TransitRouterVpcAttachmentZoneMappingArgs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

public final class TransitRouterVpcAttachmentArgs extends ResourceArgs {

    public static final TransitRouterVpcAttachmentArgs Empty = new TransitRouterVpcAttachmentArgs();

    @Import(name="cenId")
    private @Nullable Output<String> cenId;
    @Import(name="transitRouterId")
    private @Nullable Output<String> transitRouterId;
    @Import(name="vpcId", required=true)
    private Output<String> vpcId;
    @Import(name="zoneMappings", required=true)
    private Output<List<TransitRouterVpcAttachmentZoneMappingArgs>> zoneMappings;
    @Import(name="transitRouterVpcAttachmentName")
    private @Nullable Output<String> transitRouterVpcAttachmentName;
    @Import(name="autoPublishRouteEnabled")
    private @Nullable Output<Boolean> autoPublishRouteEnabled;
    @Import(name="tags")
    private @Nullable Output<Map<String,String>> tags;

    public Optional<Output<String>> cenId() {
        return Optional.ofNullable(this.cenId);
    }
    public Optional<Output<String>> transitRouterId() {
        return Optional.ofNullable(this.transitRouterId);
    }
    public Output<String> vpcId() {
        return this.vpcId;
    }
    public Output<List<TransitRouterVpcAttachmentZoneMappingArgs>> zoneMappings() {
        return this.zoneMappings;
    }
    public Optional<Output<String>> transitRouterVpcAttachmentName() {
        return Optional.ofNullable(this.transitRouterVpcAttachmentName);
    }
    public Optional<Output<Boolean>> autoPublishRouteEnabled() {
        return Optional.ofNullable(this.autoPublishRouteEnabled);
    }
    public Optional<Output<Map<String,String>>> tags() {
        return Optional.ofNullable(this.tags);
    }

    private TransitRouterVpcAttachmentArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final TransitRouterVpcAttachmentArgs $ = new TransitRouterVpcAttachmentArgs();

        public Builder cenId(@Nullable Output<String> cenId) {
            $.cenId = cenId;
            return this;
        }
        public Builder cenId(String cenId) {
            return cenId(Output.of(cenId));
        }
        public Builder transitRouterId(@Nullable Output<String> transitRouterId) {
            $.transitRouterId = transitRouterId;
            return this;
        }
        public Builder transitRouterId(String transitRouterId) {
            return transitRouterId(Output.of(transitRouterId));
        }
        public Builder vpcId(Output<String> vpcId) {
            $.vpcId = vpcId;
            return this;
        }
        public Builder vpcId(String vpcId) {
            return vpcId(Output.of(vpcId));
        }
        public Builder zoneMappings(Output<List<TransitRouterVpcAttachmentZoneMappingArgs>> zoneMappings) {
            $.zoneMappings = zoneMappings;
            return this;
        }
        public Builder zoneMappings(List<TransitRouterVpcAttachmentZoneMappingArgs> zoneMappings) {
            return zoneMappings(Output.of(zoneMappings));
        }
        public Builder zoneMappings(TransitRouterVpcAttachmentZoneMappingArgs... zoneMappings) {
            return zoneMappings(List.of(zoneMappings));
        }
        public Builder transitRouterVpcAttachmentName(@Nullable Output<String> transitRouterVpcAttachmentName) {
            $.transitRouterVpcAttachmentName = transitRouterVpcAttachmentName;
            return this;
        }
        public Builder transitRouterVpcAttachmentName(String transitRouterVpcAttachmentName) {
            return transitRouterVpcAttachmentName(Output.of(transitRouterVpcAttachmentName));
        }
        public Builder autoPublishRouteEnabled(@Nullable Output<Boolean> autoPublishRouteEnabled) {
            $.autoPublishRouteEnabled = autoPublishRouteEnabled;
            return this;
        }
        public Builder autoPublishRouteEnabled(Boolean autoPublishRouteEnabled) {
            return autoPublishRouteEnabled(Output.of(autoPublishRouteEnabled));
        }
        public Builder tags(@Nullable Output<Map<String,String>> tags) {
            $.tags = tags;
            return this;
        }
        public Builder tags(Map<String,String> tags) {
            return tags(Output.of(tags));
        }

        public TransitRouterVpcAttachmentArgs build() {
            if ($.vpcId == null) {
                throw new MissingRequiredPropertyException("TransitRouterVpcAttachmentArgs", "vpcId");
            }
            if ($.zoneMappings == null) {
                throw new MissingRequiredPropertyException("TransitRouterVpcAttachmentArgs", "zoneMappings");
            }
            return $;
        }
    }
}
