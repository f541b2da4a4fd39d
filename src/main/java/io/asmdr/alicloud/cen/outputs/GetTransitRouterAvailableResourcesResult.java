// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import javax.annotation.Nullable;

@CustomType
public final class GetTransitRouterAvailableResourcesResult {
    private @Nullable String id;
    private @Nullable String outputFile;
    private @Nullable List<GetTransitRouterAvailableResourcesResource> resources;
    private @Nullable Boolean supportMulticast;

    private GetTransitRouterAvailableResourcesResult() {}

    public String id() {
        return this.id;
    }
    public String outputFile() {
        return this.outputFile;
    }
    public List<GetTransitRouterAvailableResourcesResource> resources() {
        return this.resources;
    }
    public Boolean supportMulticast() {
        return this.supportMulticast;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetTransitRouterAvailableResourcesResult $ = new GetTransitRouterAvailableResourcesResult();

        public Builder() {}

        @CustomType.Setter("id")
        public Builder id(@Nullable String id) {
            $.id = id;
            return this;
        }
        @CustomType.Setter("outputFile")
        public Builder outputFile(@Nullable String outputFile) {
            $.outputFile = outputFile;
            return this;
        }
        @CustomType.Setter("resources")
        public Builder resources(@Nullable List<GetTransitRouterAvailableResourcesResource> resources) {
            $.resources = resources;
            return this;
        }
        @CustomType.Setter("supportMulticast")
        public Builder supportMulticast(@Nullable Boolean supportMulticast) {
            $.supportMulticast = supportMulticast;
            return this;
        }

        public GetTransitRouterAvailableResourcesResult build() {
            return $;
        }
    }
}
