// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

public final class InstanceArgs extends ResourceArgs {

    public static final InstanceArgs Empty = new InstanceArgs();

    @Import(name="cenInstanceName")
    private @Nullable Output<String> cenInstanceName;
    @Import(name="description")
    private @Nullable Output<String> description;
    @Import(name="tags")
    private @Nullable Output<Map<String,String>> tags;

    public Optional<Output<String>> cenInstanceName() {
        return Optional.ofNullable(this.cenInstanceName);
    }
    public Optional<Output<String>> description() {
        return Optional.ofNullable(this.description);
    }
    public Optional<Output<Map<String,String>>> tags() {
        return Optional.ofNullable(this.tags);
    }

    private InstanceArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final InstanceArgs $ = new InstanceArgs();

        public Builder cenInstanceName(@Nullable Output<String> cenInstanceName) {
            $.cenInstanceName = cenInstanceName;
            return this;
        }
        public Builder cenInstanceName(String cenInstanceName) {
            return cenInstanceName(Output.of(cenInstanceName));
        }
        public Builder description(@Nullable Output<String> description) {
            $.description = description;
            return this;
        }
        public Builder description(String description) {
            return description(Output.of(description));
        }
        public Builder tags(@Nullable Output<Map<String,String>> tags) {
            $.tags = tags;
            return this;
        }
        public Builder tags(Map<String,String> tags) {
            return tags(Output.of(tags));
        }

        public InstanceArgs build() {
            return $;
        }
    }
}
