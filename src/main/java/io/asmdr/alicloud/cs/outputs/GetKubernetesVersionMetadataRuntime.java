// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs.outputs;

import com.pulumi.core.annotations.CustomType;
import javax.annotation.Nullable;

@CustomType
public final class GetKubernetesVersionMetadataRuntime {
    private @Nullable String name;
    private @Nullable String version;

    private GetKubernetesVersionMetadataRuntime() {}

    public String name() {
        return this.name;
    }
    public String version() {
        return this.version;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetKubernetesVersionMetadataRuntime $ = new GetKubernetesVersionMetadataRuntime();

        public Builder() {}

        @CustomType.Setter("name")
        public Builder name(@Nullable String name) {
            $.name = name;
            return this;
        }
        @CustomType.Setter("version")
        public Builder version(@Nullable String version) {
            $.version = version;
            return this;
        }

        public GetKubernetesVersionMetadataRuntime build() {
            return $;
        }
    }
}
