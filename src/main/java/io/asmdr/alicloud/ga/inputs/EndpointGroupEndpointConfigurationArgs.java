// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-ga.json by AlicloudSchemaTest.
package io.asmdr.alicloud.ga.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class EndpointGroupEndpointConfigurationArgs extends ResourceArgs {

    public static final EndpointGroupEndpointConfigurationArgs Empty = new EndpointGroupEndpointConfigurationArgs();

    @Import(name="enableClientipPreservation")
    private @Nullable Output<Boolean> enableClientipPreservation;
    @Import(name="enableProxyProtocol")
    private @Nullable Output<Boolean> enableProxyProtocol;
    @Import(name="endpoint", required=true)
    private Output<String> endpoint;
    @Import(name="type", required=true)
    private Output<String> type;
    @Import(name="weight", required=true)
    private Output<Integer> weight;

    public Optional<Output<Boolean>> enableClientipPreservation() {
        return Optional.ofNullable(this.enableClientipPreservation);
    }
    public Optional<Output<Boolean>> enableProxyProtocol() {
        return Optional.ofNullable(this.enableProxyProtocol);
    }
    public Output<String> endpoint() {
        return this.endpoint;
    }
    public Output<String> type() {
        return this.type;
    }
    public Output<Integer> weight() {
        return this.weight;
    }

    private EndpointGroupEndpointConfigurationArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final EndpointGroupEndpointConfigurationArgs $ = new EndpointGroupEndpointConfigurationArgs();

        public Builder enableClientipPreservation(@Nullable Output<Boolean> enableClientipPreservation) {
            $.enableClientipPreservation = enableClientipPreservation;
            return this;
        }
        public Builder enableClientipPreservation(Boolean enableClientipPreservation) {
            return enableClientipPreservation(Output.of(enableClientipPreservation));
        }
        public Builder enableProxyProtocol(@Nullable Output<Boolean> enableProxyProtocol) {
            $.enableProxyProtocol = enableProxyProtocol;
            return this;
        }
        public Builder enableProxyProtocol(Boolean enableProxyProtocol) {
            return enableProxyProtocol(Output.of(enableProxyProtocol));
        }
        public Builder endpoint(Output<String> endpoint) {
            $.endpoint = endpoint;
            return this;
        }
        public Builder endpoint(String endpoint) {
            return endpoint(Output.of(endpoint));
        }
        public Builder type(Output<String> type) {
            $.type = type;
            return this;
        }
        public Builder type(String type) {
            return type(Output.of(type));
        }
        public Builder weight(Output<Integer> weight) {
            $.weight = weight;
            return this;
        }
        public Builder weight(Integer weight) {
            return weight(Output.of(weight));
        }

        public EndpointGroupEndpointConfigurationArgs build() {
            if ($.endpoint == null) {
                throw new MissingRequiredPropertyException("EndpointGroupEndpointConfigurationArgs", "endpoint");
            }
            if ($.type == null) {
                throw new MissingRequiredPropertyException("EndpointGroupEndpointConfigurationArgs", "type");
            }
            if ($.weight == null) {
                throw new MissingRequiredPropertyException("EndpointGroupEndpointConfigurationArgs", "weight");
            }
            return $;
        }
    }
}
