// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.servicemesh.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class ServiceMeshMeshConfigArgs extends ResourceArgs {

    public static final ServiceMeshMeshConfigArgs Empty = new ServiceMeshMeshConfigArgs();

    @Import(name="enableLocalityLb")
    private @Nullable Output<Boolean> enableLocalityLb;
    @Import(name="kiali")
    private @Nullable Output<ServiceMeshMeshConfigKialiArgs> kiali;
    @Import(name="outboundTrafficPolicy")
    private @Nullable Output<String> outboundTrafficPolicy;

    public Optional<Output<Boolean>> enableLocalityLb() {
        return Optional.ofNullable(this.enableLocalityLb);
    }
    public Optional<Output<ServiceMeshMeshConfigKialiArgs>> kiali() {
        return Optional.ofNullable(this.kiali);
    }
    public Optional<Output<String>> outboundTrafficPolicy() {
        return Optional.ofNullable(this.outboundTrafficPolicy);
    }

    private ServiceMeshMeshConfigArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ServiceMeshMeshConfigArgs $ = new ServiceMeshMeshConfigArgs();

        public Builder enableLocalityLb(@Nullable Output<Boolean> enableLocalityLb) {
            $.enableLocalityLb = enableLocalityLb;
            return this;
        }
        public Builder enableLocalityLb(Boolean enableLocalityLb) {
            return enableLocalityLb(Output.of(enableLocalityLb));
        }
        public Builder kiali(@Nullable Output<ServiceMeshMeshConfigKialiArgs> kiali) {
            $.kiali = kiali;
            return this;
        }
        public Builder kiali(ServiceMeshMeshConfigKialiArgs kiali) {
            return kiali(Output.of(kiali));
        }
        public Builder outboundTrafficPolicy(@Nullable Output<String> outboundTrafficPolicy) {
            $.outboundTrafficPolicy = outboundTrafficPolicy;
            return this;
        }
        public Builder outboundTrafficPolicy(String outboundTrafficPolicy) {
            return outboundTrafficPolicy(Output.of(outboundTrafficPolicy));
        }

        public ServiceMeshMeshConfigArgs build() {
            return $;
        }
    }
}
