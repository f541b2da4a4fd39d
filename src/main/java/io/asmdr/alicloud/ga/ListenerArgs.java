// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-ga.json by AlicloudSchemaTest.
package io.asmdr.alicloud.ga;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import io.asmdr.alicloud.ga.inputs.ListenerPortRangeArgs;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

public final class ListenerArgs extends ResourceArgs {

    public static final ListenerArgs Empty = new ListenerArgs();

    @Import(name="acceleratorId", required=true)
    private Output<String> acceleratorId;
    @Import(name="clientAffinity")
    private @Nullable Output<String> clientAffinity;
    @Import(name="description")
    private @Nullable Output<String> description;
    @Import(name="listenerType")
    private @Nullable Output<String> listenerType;
    @Import(name="name")
    private @Nullable Output<String> name;
    @Import(name="portRanges", required=true)
    private Output<List<ListenerPortRangeArgs>> portRanges;
    @Import(name="protocol")
    private @Nullable Output<String> protocol;

    public Output<String> acceleratorId() {
        return this.acceleratorId;
    }
    public Optional<Output<String>> clientAffinity() {
        return Optional.ofNullable(this.clientAffinity);
    }
    public Optional<Output<String>> description() {
        return Optional.ofNullable(this.description);
    }
    public Optional<Output<String>> listenerType() {
        return Optional.ofNullable(this.listenerType);
    }
    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }
    public Output<List<ListenerPortRangeArgs>> portRanges() {
        return this.portRanges;
    }
    public Optional<Output<String>> protocol() {
        return Optional.ofNullable(this.protocol);
    }

    private ListenerArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ListenerArgs $ = new ListenerArgs();

        public Builder acceleratorId(Output<String> acceleratorId) {
            $.acceleratorId = acceleratorId;
            return this;
        }
        public Builder acceleratorId(String acceleratorId) {
            return acceleratorId(Output.of(acceleratorId));
        }
        public Builder clientAffinity(@Nullable Output<String> clientAffinity) {
            $.clientAffinity = clientAffinity;
            return this;
        }
        public Builder clientAffinity(String clientAffinity) {
            return clientAffinity(Output.of(clientAffinity));
        }
        public Builder description(@Nullable Output<String> description) {
            $.description = description;
            return this;
        }
        public Builder description(String description) {
            return description(Output.of(description));
        }
        public Builder listenerType(@Nullable Output<String> listenerType) {
            $.listenerType = listenerType;
            return this;
        }
        public Builder listenerType(String listenerType) {
            return listenerType(Output.of(listenerType));
        }
        public Builder name(@Nullable Output<String> name) {
            $.name = name;
            return this;
        }
        public Builder name(String name) {
            return name(Output.of(name));
        }
        public Builder portRanges(Output<List<ListenerPortRangeArgs>> portRanges) {
            $.portRanges = portRanges;
            return this;
        }
        public Builder portRanges(List<ListenerPortRangeArgs> portRanges) {
            return portRanges(Output.of(portRanges));
        }
        public Builder portRanges(ListenerPortRangeArgs... portRanges) {
            return portRanges(List.of(portRanges));
        }
        public Builder protocol(@Nullable Output<String> protocol) {
            $.protocol = protocol;
            return this;
        }
        public Builder protocol(String protocol) {
            return protocol(Output.of(protocol));
        }

        public ListenerArgs build() {
            if ($.acceleratorId == null) {
                throw new MissingRequiredPropertyException("ListenerArgs", "acceleratorId");
            }
            if ($.portRanges == null) {
                throw new MissingRequiredPropertyException("ListenerArgs", "portRanges");
            }
            return $;
        }
    }
}
