// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class TransitRouterRouteEntryArgs extends ResourceArgs {

    public static final TransitRouterRouteEntryArgs Empty = new TransitRouterRouteEntryArgs();

    @Import(name="transitRouterRouteTableId", required=true)
    private Output<String> transitRouterRouteTableId;
    @Import(name="transitRouterRouteEntryDestinationCidrBlock", required=true)
    private Output<String> transitRouterRouteEntryDestinationCidrBlock;
    @Import(name="transitRouterRouteEntryNextHopType", required=true)
    private Output<String> transitRouterRouteEntryNextHopType;
    @Import(name="transitRouterRouteEntryNextHopId")
    private @Nullable Output<String> transitRouterRouteEntryNextHopId;
    @Import(name="transitRouterRouteEntryName")
    private @Nullable Output<String> transitRouterRouteEntryName;
    @Import(name="transitRouterRouteEntryDescription")
    private @Nullable Output<String> transitRouterRouteEntryDescription;

    public Output<String> transitRouterRouteTableId() {
        return this.transitRouterRouteTableId;
    }
    public Output<String> transitRouterRouteEntryDestinationCidrBlock() {
        return this.transitRouterRouteEntryDestinationCidrBlock;
    }
    public Output<String> transitRouterRouteEntryNextHopType() {
        return this.transitRouterRouteEntryNextHopType;
    }
    public Optional<Output<String>> transitRouterRouteEntryNextHopId() {
        return Optional.ofNullable(this.transitRouterRouteEntryNextHopId);
    }
    public Optional<Output<String>> transitRouterRouteEntryName() {
        return Optional.ofNullable(this.transitRouterRouteEntryName);
    }
    public Optional<Output<String>> transitRouterRouteEntryDescription() {
        return Optional.ofNullable(this.transitRouterRouteEntryDescription);
    }

    private TransitRouterRouteEntryArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final TransitRouterRouteEntryArgs $ = new TransitRouterRouteEntryArgs();

        public Builder transitRouterRouteTableId(Output<String> transitRouterRouteTableId) {
            $.transitRouterRouteTableId = transitRouterRouteTableId;
            return this;
        }
        public Builder transitRouterRouteTableId(String transitRouterRouteTableId) {
            return transitRouterRouteTableId(Output.of(transitRouterRouteTableId));
        }
        public Builder transitRouterRouteEntryDestinationCidrBlock(Output<String> transitRouterRouteEntryDestinationCidrBlock) {
            $.transitRouterRouteEntryDestinationCidrBlock = transitRouterRouteEntryDestinationCidrBlock;
            return this;
        }
        public Builder transitRouterRouteEntryDestinationCidrBlock(String transitRouterRouteEntryDestinationCidrBlock) {
            return transitRouterRouteEntryDestinationCidrBlock(Output.of(transitRouterRouteEntryDestinationCidrBlock));
        }
        public Builder transitRouterRouteEntryNextHopType(Output<String> transitRouterRouteEntryNextHopType) {
            $.transitRouterRouteEntryNextHopType = transitRouterRouteEntryNextHopType;
            return this;
        }
        public Builder transitRouterRouteEntryNextHopType(String transitRouterRouteEntryNextHopType) {
            return transitRouterRouteEntryNextHopType(Output.of(transitRouterRouteEntryNextHopType));
        }
        public Builder transitRouterRouteEntryNextHopId(@Nullable Output<String> transitRouterRouteEntryNextHopId) {
            $.transitRouterRouteEntryNextHopId = transitRouterRouteEntryNextHopId;
            return this;
        }
        public Builder transitRouterRouteEntryNextHopId(String transitRouterRouteEntryNextHopId) {
            return transitRouterRouteEntryNextHopId(Output.of(transitRouterRouteEntryNextHopId));
        }
        public Builder transitRouterRouteEntryName(@Nullable Output<String> transitRouterRouteEntryName) {
            $.transitRouterRouteEntryName = transitRouterRouteEntryName;
            return this;
        }
        public Builder transitRouterRouteEntryName(String transitRouterRouteEntryName) {
            return transitRouterRouteEntryName(Output.of(transitRouterRouteEntryName));
        }
        public Builder transitRouterRouteEntryDescription(@Nullable Output<String> transitRouterRouteEntryDescription) {
            $.transitRouterRouteEntryDescription = transitRouterRouteEntryDescription;
            return this;
        }
        public Builder transitRouterRouteEntryDescription(String transitRouterRouteEntryDescription) {
            return transitRouterRouteEntryDescription(Output.of(transitRouterRouteEntryDescription));
        }

        public TransitRouterRouteEntryArgs build() {
            if ($.transitRouterRouteTableId == null) {
                throw new MissingRequiredPropertyException("TransitRouterRouteEntryArgs", "transitRouterRouteTableId");
            }
            if ($.transitRouterRouteEntryDestinationCidrBlock == null) {
                throw new MissingRequiredPropertyException("TransitRouterRouteEntryArgs", "transitRouterRouteEntryDestinationCidrBlock");
            }
            if ($.transitRouterRouteEntryNextHopType == null) {
                throw new MissingRequiredPropertyException("TransitRouterRouteEntryArgs", "transitRouterRouteEntryNextHopType");
            }
            return $;
        }
    }
}
