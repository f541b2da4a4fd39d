// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class ManagedKubernetesAddonArgs extends ResourceArgs {

    public static final ManagedKubernetesAddonArgs Empty = new ManagedKubernetesAddonArgs();

    @Import(name="name")
    private @Nullable Output<String> name;
    @Import(name="config")
    private @Nullable Output<String> config;
    @Import(name="version")
    private @Nullable Output<String> version;
    @Import(name="disabled")
    private @Nullable Output<Boolean> disabled;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }
    public Optional<Output<String>> config() {
        return Optional.ofNullable(this.config);
    }
    public Optional<Output<String>> version() {
        return Optional.ofNullable(this.version);
    }
    public Optional<Output<Boolean>> disabled() {
        return Optional.ofNullable(this.disabled);
    }

    private ManagedKubernetesAddonArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ManagedKubernetesAddonArgs $ = new ManagedKubernetesAddonArgs();

        public Builder name(@Nullable Output<String> name) {
            $.name = name;
            return this;
        }
        public Builder name(String name) {
            return name(Output.of(name));
        }
        public Builder config(@Nullable Output<String> config) {
            $.config = config;
            return this;
        }
        public Builder config(String config) {
            return config(Output.of(config));
        }
        public Builder version(@Nullable Output<String> version) {
            $.version = version;
            return this;
        }
        public Builder version(String version) {
            return version(Output.of(version));
        }
        public Builder disabled(@Nullable Output<Boolean> disabled) {
            $.disabled = disabled;
            return this;
        }
        public Builder disabled(Boolean disabled) {
            return disabled(Output.of(disabled));
        }

        public ManagedKubernetesAddonArgs build() {
            return $;
        }
    }
}
