// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-ga.json by AlicloudSchemaTest.
package io.asmdr.alicloud.ga;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import io.asmdr.alicloud.ga.inputs.EndpointGroupEndpointConfigurationArgs;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

public final class EndpointGroupArgs extends ResourceArgs {

    public static final EndpointGroupArgs Empty = new EndpointGroupArgs();

    @Import(name="acceleratorId", required=true)
    private Output<String> acceleratorId;
    @Import(name="description")
    private @Nullable Output<String> description;
    @Import(name="endpointConfigurations", required=true)
    private Output<List<EndpointGroupEndpointConfigurationArgs>> endpointConfigurations;
    @Import(name="endpointGroupRegion", required=true)
    private Output<String> endpointGroupRegion;
    @Import(name="healthCheckEnabled")
    private @Nullable Output<Boolean> healthCheckEnabled;
    @Import(name="healthCheckIntervalSeconds")
    private @Nullable Output<Integer> healthCheckIntervalSeconds;
    @Import(name="healthCheckPort")
    private @Nullable Output<Integer> healthCheckPort;
    @Import(name="healthCheckProtocol")
    private @Nullable Output<String> healthCheckProtocol;
    @Import(name="listenerId", required=true)
    private Output<String> listenerId;
    @Import(name="name")
    private @Nullable Output<String> name;
    @Import(name="thresholdCount")
    private @Nullable Output<Integer> thresholdCount;

    public Output<String> acceleratorId() {
        return this.acceleratorId;
    }
    public Optional<Output<String>> description() {
        return Optional.ofNullable(this.description);
    }
    public Output<List<EndpointGroupEndpointConfigurationArgs>> endpointConfigurations() {
        return this.endpointConfigurations;
    }
    public Output<String> endpointGroupRegion() {
        return this.endpointGroupRegion;
    }
    public Optional<Output<Boolean>> healthCheckEnabled() {
        return Optional.ofNullable(this.healthCheckEnabled);
    }
    public Optional<Output<Integer>> healthCheckIntervalSeconds() {
        return Optional.ofNullable(this.healthCheckIntervalSeconds);
    }
    public Optional<Output<Integer>> healthCheckPort() {
        return Optional.ofNullable(this.healthCheckPort);
    }
    public Optional<Output<String>> healthCheckProtocol() {
        return Optional.ofNullable(this.healthCheckProtocol);
    }
    public Output<String> listenerId() {
        return this.listenerId;
    }
    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }
    public Optional<Output<Integer>> thresholdCount() {
        return Optional.ofNullable(this.thresholdCount);
    }

    private EndpointGroupArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final EndpointGroupArgs $ = new EndpointGroupArgs();

        public Builder acceleratorId(Output<String> acceleratorId) {
            $.acceleratorId = acceleratorId;
            return this;
        }
        public Builder acceleratorId(String acceleratorId) {
            return acceleratorId(Output.of(acceleratorId));
        }
        public Builder description(@Nullable Output<String> description) {
            $.description = description;
            return this;
        }
        public Builder description(String description) {
            return description(Output.of(description));
        }
        public Builder endpointConfigurations(Output<List<EndpointGroupEndpointConfigurationArgs>> endpointConfigurations) {
            $.endpointConfigurations = endpointConfigurations;
            return this;
        }
        public Builder endpointConfigurations(List<EndpointGroupEndpointConfigurationArgs> endpointConfigurations) {
            return endpointConfigurations(Output.of(endpointConfigurations));
        }
        public Builder endpointConfigurations(EndpointGroupEndpointConfigurationArgs... endpointConfigurations) {
            return endpointConfigurations(List.of(endpointConfigurations));
        }
        public Builder endpointGroupRegion(Output<String> endpointGroupRegion) {
            $.endpointGroupRegion = endpointGroupRegion;
            return this;
        }
        public Builder endpointGroupRegion(String endpointGroupRegion) {
            return endpointGroupRegion(Output.of(endpointGroupRegion));
        }
        public Builder healthCheckEnabled(@Nullable Output<Boolean> healthCheckEnabled) {
            $.healthCheckEnabled = healthCheckEnabled;
            return this;
        }
        public Builder healthCheckEnabled(Boolean healthCheckEnabled) {
            return healthCheckEnabled(Output.of(healthCheckEnabled));
        }
        public Builder healthCheckIntervalSeconds(@Nullable Output<Integer> healthCheckIntervalSeconds) {
            $.healthCheckIntervalSeconds = healthCheckIntervalSeconds;
            return this;
        }
        public Builder healthCheckIntervalSeconds(Integer healthCheckIntervalSeconds) {
            return healthCheckIntervalSeconds(Output.of(healthCheckIntervalSeconds));
        }
        public Builder healthCheckPort(@Nullable Output<Integer> healthCheckPort) {
            $.healthCheckPort = healthCheckPort;
            return this;
        }
        public Builder healthCheckPort(Integer healthCheckPort) {
            return healthCheckPort(Output.of(healthCheckPort));
        }
        public Builder healthCheckProtocol(@Nullable Output<String> healthCheckProtocol) {
            $.healthCheckProtocol = healthCheckProtocol;
            return this;
        }
        public Builder healthCheckProtocol(String healthCheckProtocol) {
            return healthCheckProtocol(Output.of(healthCheckProtocol));
        }
        public Builder listenerId(Output<String> listenerId) {
            $.listenerId = listenerId;
            return this;
        }
        public Builder listenerId(String listenerId) {
            return listenerId(Output.of(listenerId));
        }
        public Builder name(@Nullable Output<String> name) {
            $.name = name;
            return this;
        }
        public Builder name(String name) {
            return name(Output.of(name));
        }
        public Builder thresholdCount(@Nullable Output<Integer> thresholdCount) {
            $.thresholdCount = thresholdCount;
            return this;
        }
        public Builder thresholdCount(Integer thresholdCount) {
            return thresholdCount(Output.of(thresholdCount));
        }

        public EndpointGroupArgs build() {
            if ($.acceleratorId == null) {
                throw new MissingRequiredPropertyException("EndpointGroupArgs", "acceleratorId");
            }
            if ($.endpointConfigurations == null) {
                throw new MissingRequiredPropertyException("EndpointGroupArgs", "endpointConfigurations");
            }
            if ($.endpointGroupRegion == null) {
                throw new MissingRequiredPropertyException("EndpointGroupArgs", "endpointGroupRegion");
            }
            if ($.listenerId == null) {
                throw new MissingRequiredPropertyException("EndpointGroupArgs", "listenerId");
            }
            return $;
        }
    }
}
