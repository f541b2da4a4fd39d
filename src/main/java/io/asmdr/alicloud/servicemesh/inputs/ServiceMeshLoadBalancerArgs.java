// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.servicemesh.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class ServiceMeshLoadBalancerArgs extends ResourceArgs {

    public static final ServiceMeshLoadBalancerArgs Empty = new ServiceMeshLoadBalancerArgs();

    @Import(name="apiServerPublicEip")
    private @Nullable Output<Boolean> apiServerPublicEip;
    @Import(name="pilotPublicEip")
    private @Nullable Output<Boolean> pilotPublicEip;

    public Optional<Output<Boolean>> apiServerPublicEip() {
        return Optional.ofNullable(this.apiServerPublicEip);
    }
    public Optional<Output<Boolean>> pilotPublicEip() {
        return Optional.ofNullable(this.pilotPublicEip);
    }

    private ServiceMeshLoadBalancerArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ServiceMeshLoadBalancerArgs $ = new ServiceMeshLoadBalancerArgs();

        public Builder apiServerPublicEip(@Nullable Output<Boolean> apiServerPublicEip) {
            $.apiServerPublicEip = apiServerPublicEip;
            return this;
        }
        public Builder apiServerPublicEip(Boolean apiServerPublicEip) {
            return apiServerPublicEip(Output.of(apiServerPublicEip));
        }
        public Builder pilotPublicEip(@Nullable Output<Boolean> pilotPublicEip) {
            $.pilotPublicEip = pilotPublicEip;
            return this;
        }
        public Builder pilotPublicEip(Boolean pilotPublicEip) {
            return pilotPublicEip(Output.of(pilotPublicEip));
        }

        public ServiceMeshLoadBalancerArgs build() {
            return $;
        }
    }
}
