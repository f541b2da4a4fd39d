// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import javax.annotation.Nullable;

@CustomType
public final class GetTransitRouterAvailableResourcesResource {
    private @Nullable List<String> availableZones;
    private @Nullable List<String> masterZones;
    private @Nullable List<String> slaveZones;
    private @Nullable Boolean supportMulticast;

    private GetTransitRouterAvailableResourcesResource() {}

    public List<String> availableZones() {
        return this.availableZones;
    }
    public List<String> masterZones() {
        return this.masterZones;
    }
    public List<String> slaveZones() {
        return this.slaveZones;
    }
    public Boolean supportMulticast() {
        return this.supportMulticast;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetTransitRouterAvailableResourcesResource $ = new GetTransitRouterAvailableResourcesResource();

        public Builder() {}

        @CustomType.Setter("availableZones")
        public Builder availableZones(@Nullable List<String> availableZones) {
            $.availableZones = availableZones;
            return this;
        }
        @CustomType.Setter("masterZones")
        public Builder masterZones(@Nullable List<String> masterZones) {
            $.masterZones = masterZones;
            return this;
        }
        @CustomType.Setter("slaveZones")
        public Builder slaveZones(@Nullable List<String> slaveZones) {
            $.slaveZones = slaveZones;
            return this;
        }
        @CustomType.Setter("supportMulticast")
        public Builder supportMulticast(@Nullable Boolean supportMulticast) {
            $.supportMulticast = supportMulticast;
            return this;
        }

        public GetTransitRouterAvailableResourcesResource build() {
            return $;
        }
    }
}
