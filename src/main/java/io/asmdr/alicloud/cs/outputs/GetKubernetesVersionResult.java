// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import javax.annotation.Nullable;

@CustomType
public final class GetKubernetesVersionResult {
    private @Nullable String clusterType;
    private @Nullable String id;
    private @Nullable String kubernetesVersion;
    private @Nullable List<GetKubernetesVersionMetadata> metadatas;
    private @Nullable String profile;

    private GetKubernetesVersionResult() {}

    public String clusterType() {
        return this.clusterType;
    }
    public String id() {
        return this.id;
    }
    public String kubernetesVersion() {
        return this.kubernetesVersion;
    }
    public List<GetKubernetesVersionMetadata> metadatas() {
        return this.metadatas;
    }
    public String profile() {
        return this.profile;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetKubernetesVersionResult $ = new GetKubernetesVersionResult();

        public Builder() {}

        @CustomType.Setter("clusterType")
        public Builder clusterType(@Nullable String clusterType) {
            $.clusterType = clusterType;
            return this;
        }
        @CustomType.Setter("id")
        public Builder id(@Nullable String id) {
            $.id = id;
            return this;
        }
        @CustomType.Setter("kubernetesVersion")
        public Builder kubernetesVersion(@Nullable String kubernetesVersion) {
            $.kubernetesVersion = kubernetesVersion;
            return this;
        }
        @CustomType.Setter("metadatas")
        public Builder metadatas(@Nullable List<GetKubernetesVersionMetadata> metadatas) {
            $.metadatas = metadatas;
            return this;
        }
        @CustomType.Setter("profile")
        public Builder profile(@Nullable String profile) {
            $.profile = profile;
            return this;
        }

        public GetKubernetesVersionResult build() {
            return $;
        }
    }
}
