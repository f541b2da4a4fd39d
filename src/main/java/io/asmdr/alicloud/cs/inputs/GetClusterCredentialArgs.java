// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class GetClusterCredentialArgs extends InvokeArgs {

    public static final GetClusterCredentialArgs Empty = new GetClusterCredentialArgs();

    @Import(name="clusterId", required=true)
    private Output<String> clusterId;
    @Import(name="temporaryDurationMinutes")
    private @Nullable Output<Integer> temporaryDurationMinutes;

    public Output<String> clusterId() {
        return this.clusterId;
    }
    public Optional<Output<Integer>> temporaryDurationMinutes() {
        return Optional.ofNullable(this.temporaryDurationMinutes);
    }

    private GetClusterCredentialArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetClusterCredentialArgs $ = new GetClusterCredentialArgs();

        public Builder clusterId(Output<String> clusterId) {
            $.clusterId = clusterId;
            return this;
        }
        public Builder clusterId(String clusterId) {
            return clusterId(Output.of(clusterId));
        }
        public Builder temporaryDurationMinutes(@Nullable Output<Integer> temporaryDurationMinutes) {
            $.temporaryDurationMinutes = temporaryDurationMinutes;
            return this;
        }
        public Builder temporaryDurationMinutes(Integer temporaryDurationMinutes) {
            return temporaryDurationMinutes(Output.of(temporaryDurationMinutes));
        }

        public GetClusterCredentialArgs build() {
            if ($.clusterId == null) {
                throw new MissingRequiredPropertyException("GetClusterCredentialArgs", "clusterId");
            }
            return $;
        }
    }
}
