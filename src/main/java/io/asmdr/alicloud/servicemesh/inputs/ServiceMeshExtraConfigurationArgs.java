// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.servicemesh.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class ServiceMeshExtraConfigurationArgs extends ResourceArgs {

    public static final ServiceMeshExtraConfigurationArgs Empty = new ServiceMeshExtraConfigurationArgs();

    @Import(name="crAggregationEnabled")
    private @Nullable Output<Boolean> crAggregationEnabled;

    public Optional<Output<Boolean>> crAggregationEnabled() {
        return Optional.ofNullable(this.crAggregationEnabled);
    }

    private ServiceMeshExtraConfigurationArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ServiceMeshExtraConfigurationArgs $ = new ServiceMeshExtraConfigurationArgs();

        public Builder crAggregationEnabled(@Nullable Output<Boolean> crAggregationEnabled) {
            $.crAggregationEnabled = crAggregationEnabled;
            return this;
        }
        public Builder crAggregationEnabled(Boolean crAggregationEnabled) {
            return crAggregationEnabled(Output.of(crAggregationEnabled));
        }

        public ServiceMeshExtraConfigurationArgs build() {
            return $;
        }
    }
}
