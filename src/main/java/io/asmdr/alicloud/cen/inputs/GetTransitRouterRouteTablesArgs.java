// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class GetTransitRouterRouteTablesArgs extends InvokeArgs {

    public static final GetTransitRouterRouteTablesArgs Empty = new GetTransitRouterRouteTablesArgs();

    @Import(name="transitRouterId", required=true)
    private Output<String> transitRouterId;
    @Import(name="transitRouterRouteTableType")
    private @Nullable Output<String> transitRouterRouteTableType;

    public Output<String> transitRouterId() {
        return this.transitRouterId;
    }
    public Optional<Output<String>> transitRouterRouteTableType() {
        return Optional.ofNullable(this.transitRouterRouteTableType);
    }

    private GetTransitRouterRouteTablesArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetTransitRouterRouteTablesArgs $ = new GetTransitRouterRouteTablesArgs();

        public Builder transitRouterId(Output<String> transitRouterId) {
            $.transitRouterId = transitRouterId;
            return this;
        }
        public Builder transitRouterId(String transitRouterId) {
            return transitRouterId(Output.of(transitRouterId));
        }
        public Builder transitRouterRouteTableType(@Nullable Output<String> transitRouterRouteTableType) {
            $.transitRouterRouteTableType = transitRouterRouteTableType;
            return this;
        }
        public Builder transitRouterRouteTableType(String transitRouterRouteTableType) {
            return transitRouterRouteTableType(Output.of(transitRouterRouteTableType));
        }

        public GetTransitRouterRouteTablesArgs build() {
            if ($.transitRouterId == null) {
                throw new MissingRequiredPropertyException("GetTransitRouterRouteTablesArgs", "transitRouterId");
            }
            return $;
        }
    }
}
