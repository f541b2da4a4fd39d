// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

public final class TransitRouterPeerAttachmentArgs extends ResourceArgs {

    public static final TransitRouterPeerAttachmentArgs Empty = new TransitRouterPeerAttachmentArgs();

    @Import(name="cenId")
    private @Nullable Output<String> cenId;
    @Import(name="transitRouterId")
    private @Nullable Output<String> transitRouterId;
    @Import(name="peerTransitRouterId", required=true)
    private Output<String> peerTransitRouterId;
    @Import(name="peerTransitRouterRegionId")
    private @Nullable Output<String> peerTransitRouterRegionId;
    @Import(name="bandwidthType")
    private @Nullable Output<String> bandwidthType;
    @Import(name="bandwidth")
    private @Nullable Output<Integer> bandwidth;
    @Import(name="transitRouterPeerAttachmentName")
    private @Nullable Output<String> transitRouterPeerAttachmentName;
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
    public Output<String> peerTransitRouterId() {
        return this.peerTransitRouterId;
    }
    public Optional<Output<String>> peerTransitRouterRegionId() {
        return Optional.ofNullable(this.peerTransitRouterRegionId);
    }
    public Optional<Output<String>> bandwidthType() {
        return Optional.ofNullable(this.bandwidthType);
    }
    public Optional<Output<Integer>> bandwidth() {
        return Optional.ofNullable(this.bandwidth);
    }
    public Optional<Output<String>> transitRouterPeerAttachmentName() {
        return Optional.ofNullable(this.transitRouterPeerAttachmentName);
    }
    public Optional<Output<Boolean>> autoPublishRouteEnabled() {
        return Optional.ofNullable(this.autoPublishRouteEnabled);
    }
    public Optional<Output<Map<String,String>>> tags() {
        return Optional.ofNullable(this.tags);
    }

    private TransitRouterPeerAttachmentArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final TransitRouterPeerAttachmentArgs $ = new TransitRouterPeerAttachmentArgs();

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
        public Builder peerTransitRouterId(Output<String> peerTransitRouterId) {
            $.peerTransitRouterId = peerTransitRouterId;
            return this;
        }
        public Builder peerTransitRouterId(String peerTransitRouterId) {
            return peerTransitRouterId(Output.of(peerTransitRouterId));
        }
        public Builder peerTransitRouterRegionId(@Nullable Output<String> peerTransitRouterRegionId) {
            $.peerTransitRouterRegionId = peerTransitRouterRegionId;
            return this;
        }
        public Builder peerTransitRouterRegionId(String peerTransitRouterRegionId) {
            return peerTransitRouterRegionId(Output.of(peerTransitRouterRegionId));
        }
        public Builder bandwidthType(@Nullable Output<String> bandwidthType) {
            $.bandwidthType = bandwidthType;
            return this;
        }
        public Builder bandwidthType(String bandwidthType) {
            return bandwidthType(Output.of(bandwidthType));
        }
        public Builder bandwidth(@Nullable Output<Integer> bandwidth) {
            $.bandwidth = bandwidth;
            return this;
        }
        public Builder bandwidth(Integer bandwidth) {
            return bandwidth(Output.of(bandwidth));
        }
        public Builder transitRouterPeerAttachmentName(@Nullable Output<String> transitRouterPeerAttachmentName) {
            $.transitRouterPeerAttachmentName = transitRouterPeerAttachmentName;
            return this;
        }
        public Builder transitRouterPeerAttachmentName(String transitRouterPeerAttachmentName) {
            return transitRouterPeerAttachmentName(Output.of(transitRouterPeerAttachmentName));
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

        public TransitRouterPeerAttachmentArgs build() {
            if ($.peerTransitRouterId == null) {
                throw new MissingRequiredPropertyException("TransitRouterPeerAttachmentArgs", "peerTransitRouterId");
            }
            return $;
        }
    }
}
