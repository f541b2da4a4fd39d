// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.servicemesh.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class ServiceMeshMeshConfigKialiArgs extends ResourceArgs {

    public static final ServiceMeshMeshConfigKialiArgs Empty = new ServiceMeshMeshConfigKialiArgs();

    @Import(name="enabled")
    private @Nullable Output<Boolean> enabled;

    public Optional<Output<Boolean>> enabled() {
        return Optional.ofNullable(this.enabled);
    }

    private ServiceMeshMeshConfigKialiArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ServiceMeshMeshConfigKialiArgs $ = new ServiceMeshMeshConfigKialiArgs();

        public Builder enabled(@Nullable Output<Boolean> enabled) {
            $.enabled = enabled;
            return this;
        }
        public Builder enabled(Boolean enabled) {
            return enabled(Output.of(enabled));
        }

        public ServiceMeshMeshConfigKialiArgs build() {
            return $;
        }
    }
}
