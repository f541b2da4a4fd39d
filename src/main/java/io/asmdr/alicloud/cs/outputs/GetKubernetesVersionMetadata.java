// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import javax.annotation.Nullable;

@CustomType
public final class GetKubernetesVersionMetadata {
    private @Nullable List<GetKubernetesVersionMetadataRuntime> runtimes;
    private @Nullable String version;

    private GetKubernetesVersionMetadata() {}

    public List<GetKubernetesVersionMetadataRuntime> runtimes() {
        return this.runtimes;
    }
    public String version() {
        return this.version;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetKubernetesVersionMetadata $ = new GetKubernetesVersionMetadata();

        public Builder() {}

        @CustomType.Setter("runtimes")
        public Builder runtimes(@Nullable List<GetKubernetesVersionMetadataRuntime> runtimes) {
            $.runtimes = runtimes;
            return this;
        }
        @CustomType.Setter("version")
        public Builder version(@Nullable String version) {
            $.version = version;
            return this;
        }

        public GetKubernetesVersionMetadata build() {
            return $;
        }
    }
}
