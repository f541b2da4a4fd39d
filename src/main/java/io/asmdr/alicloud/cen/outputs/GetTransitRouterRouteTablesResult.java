// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import javax.annotation.Nullable;

@CustomType
public final class GetTransitRouterRouteTablesResult {
    private @Nullable String id;
    private @Nullable String transitRouterId;
    private @Nullable List<GetTransitRouterRouteTablesTable> tables;

    private GetTransitRouterRouteTablesResult() {}

    public String id() {
        return this.id;
    }
    public String transitRouterId() {
        return this.transitRouterId;
    }
    public List<GetTransitRouterRouteTablesTable> tables() {
        return this.tables;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetTransitRouterRouteTablesResult $ = new GetTransitRouterRouteTablesResult();

        public Builder() {}

        @CustomType.Setter("id")
        public Builder id(@Nullable String id) {
            $.id = id;
            return this;
        }
        @CustomType.Setter("transitRouterId")
        public Builder transitRouterId(@Nullable String transitRouterId) {
            $.transitRouterId = transitRouterId;
            return this;
        }
        @CustomType.Setter("tables")
        public Builder tables(@Nullable List<GetTransitRouterRouteTablesTable> tables) {
            $.tables = tables;
            return this;
        }

        public GetTransitRouterRouteTablesResult build() {
            return $;
        }
    }
}
