// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen.outputs;

import com.pulumi.core.annotations.CustomType;
import javax.annotation.Nullable;

@CustomType
public final class GetTransitRouterRouteTablesTable {
    private @Nullable String id;
    private @Nullable String transitRouterRouteTableId;
    private @Nullable String transitRouterRouteTableType;
    private @Nullable String transitRouterRouteTableName;
    private @Nullable String status;

    private GetTransitRouterRouteTablesTable() {}

    public String id() {
        return this.id;
    }
    public String transitRouterRouteTableId() {
        return this.transitRouterRouteTableId;
    }
    public String transitRouterRouteTableType() {
        return this.transitRouterRouteTableType;
    }
    public String transitRouterRouteTableName() {
        return this.transitRouterRouteTableName;
    }
    public String status() {
        return this.status;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetTransitRouterRouteTablesTable $ = new GetTransitRouterRouteTablesTable();

        public Builder() {}

        @CustomType.Setter("id")
        public Builder id(@Nullable String id) {
            $.id = id;
            return this;
        }
        @CustomType.Setter("transitRouterRouteTableId")
        public Builder transitRouterRouteTableId(@Nullable String transitRouterRouteTableId) {
            $.transitRouterRouteTableId = transitRouterRouteTableId;
            return this;
        }
        @CustomType.Setter("transitRouterRouteTableType")
        public Builder transitRouterRouteTableType(@Nullable String transitRouterRouteTableType) {
            $.transitRouterRouteTableType = transitRouterRouteTableType;
            return this;
        }
        @CustomType.Setter("transitRouterRouteTableName")
        public Builder transitRouterRouteTableName(@Nullable String transitRouterRouteTableName) {
            $.transitRouterRouteTableName = transitRouterRouteTableName;
            return this;
        }
        @CustomType.Setter("status")
        public Builder status(@Nullable String status) {
            $.status = status;
            return this;
        }

        public GetTransitRouterRouteTablesTable build() {
            return $;
        }
    }
}
