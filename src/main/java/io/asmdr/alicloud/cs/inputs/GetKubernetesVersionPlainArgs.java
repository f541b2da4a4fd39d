// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class GetKubernetesVersionPlainArgs extends InvokeArgs {

    public static final GetKubernetesVersionPlainArgs Empty = new GetKubernetesVersionPlainArgs();

    @Import(name="clusterType", required=true)
    private String clusterType;
    @Import(name="kubernetesVersion")
    private @Nullable String kubernetesVersion;
    @Import(name="profile")
    private @Nullable String profile;

    public String clusterType() {
        return this.clusterType;
    }
    public Optional<String> kubernetesVersion() {
        return Optional.ofNullable(this.kubernetesVersion);
    }
    public Optional<String> profile() {
        return Optional.ofNullable(this.profile);
    }

    private GetKubernetesVersionPlainArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetKubernetesVersionPlainArgs $ = new GetKubernetesVersionPlainArgs();

        public Builder clusterType(String clusterType) {
            $.clusterType = clusterType;
            return this;
        }
        public Builder kubernetesVersion(@Nullable String kubernetesVersion) {
            $.kubernetesVersion = kubernetesVersion;
            return this;
        }
        public Builder profile(@Nullable String profile) {
            $.profile = profile;
            return this;
        }

        public GetKubernetesVersionPlainArgs build() {
            if ($.clusterType == null) {
                throw new MissingRequiredPropertyException("GetKubernetesVersionPlainArgs", "clusterType");
            }
            return $;
        }
    }
}
