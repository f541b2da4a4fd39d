// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs.outputs;

import com.pulumi.core.annotations.CustomType;
import javax.annotation.Nullable;

@CustomType
public final class GetClusterCredentialResult {
    private @Nullable String id;
    private @Nullable String clusterId;
    private @Nullable String clusterName;
    private @Nullable String kubeConfig;
    private @Nullable String expiration;

    private GetClusterCredentialResult() {}

    public String id() {
        return this.id;
    }
    public String clusterId() {
        return this.clusterId;
    }
    public String clusterName() {
        return this.clusterName;
    }
    public String kubeConfig() {
        return this.kubeConfig;
    }
    public String expiration() {
        return this.expiration;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetClusterCredentialResult $ = new GetClusterCredentialResult();

        public Builder() {}

        @CustomType.Setter("id")
        public Builder id(@Nullable String id) {
            $.id = id;
            return this;
        }
        @CustomType.Setter("clusterId")
        public Builder clusterId(@Nullable String clusterId) {
            $.clusterId = clusterId;
            return this;
        }
        @CustomType.Setter("clusterName")
        public Builder clusterName(@Nullable String clusterName) {
            $.clusterName = clusterName;
            return this;
        }
        @CustomType.Setter("kubeConfig")
        public Builder kubeConfig(@Nullable String kubeConfig) {
            $.kubeConfig = kubeConfig;
            return this;
        }
        @CustomType.Setter("expiration")
        public Builder expiration(@Nullable String expiration) {
            $.expiration = expiration;
            return this;
        }

        public GetClusterCredentialResult build() {
            return $;
        }
    }
}
