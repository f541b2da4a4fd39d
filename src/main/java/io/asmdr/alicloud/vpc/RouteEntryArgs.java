// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.vpc;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

public final class RouteEntryArgs extends ResourceArgs {

    public static final RouteEntryArgs Empty = new RouteEntryArgs();

    @Import(name="routeTableId", required=true)
    private Output<String> routeTableId;
    @Import(name="destinationCidrblock")
    private @Nullable Output<String> destinationCidrblock;
    @Import(name="nexthopType")
    private @Nullable Output<String> nexthopType;
    @Import(name="nexthopId")
    private @Nullable Output<String> nexthopId;
    @Import(name="name")
    private @Nullable Output<String> name;
    @Import(name="description")
    private @Nullable Output<String> description;

    public Output<String> routeTableId() {
        return this.routeTableId;
    }
    public Optional<Output<String>> destinationCidrblock() {
        return Optional.ofNullable(this.destinationCidrblock);
    }
    public Optional<Output<String>> nexthopType() {
        return Optional.ofNullable(this.nexthopType);
    }
    public Optional<Output<String>> nexthopId() {
        return Optional.ofNullable(this.nexthopId);
    }
    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }
    public Optional<Output<String>> description() {
        return Optional.ofNullable(this.description);
    }

    private RouteEntryArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final RouteEntryArgs $ = new RouteEntryArgs();

        public Builder routeTableId(Output<String> routeTableId) {
            $.routeTableId = routeTableId;
            return this;
        }
        public Builder routeTableId(String routeTableId) {
            return routeTableId(Output.of(routeTableId));
        }
        public Builder destinationCidrblock(@Nullable Output<String> destinationCidrblock) {
            $.destinationCidrblock = destinationCidrblock;
            return this;
        }
        public Builder destinationCidrblock(String destinationCidrblock) {
            return destinationCidrblock(Output.of(destinationCidrblock));
        }
        public Builder nexthopType(@Nullable Output<String> nexthopType) {
            $.nexthopType = nexthopType;
            return this;
        }
        public Builder nexthopType(String nexthopType) {
            return nexthopType(Output.of(nexthopType));
        }
        public Builder nexthopId(@Nullable Output<String> nexthopId) {
            $.nexthopId = nexthopId;
            return this;
        }
        public Builder nexthopId(String nexthopId) {
            return nexthopId(Output.of(nexthopId));
        }
        public Builder name(@Nullable Output<String> name) {
            $.name = name;
            return this;
        }
        public Builder name(String name) {
            return name(Output.of(name));
        }
        public Builder description(@Nullable Output<String> description) {
            $.description = description;
            return this;
        }
        public Builder description(String description) {
            return description(Output.of(description));
        }
        public RouteEntryArgs build() {
            $.routeTableId = Objects.requireNonNull($.routeTableId, "expected parameter 'routeTableId' to be non-null");
            return $;
        }
    }
}
