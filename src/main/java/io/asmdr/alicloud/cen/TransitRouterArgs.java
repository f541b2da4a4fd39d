// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

public final class TransitRouterArgs extends ResourceArgs {

    public static final TransitRouterArgs Empty = new TransitRouterArgs();

    @Import(name="cenId", required=true)
    private Output<String> cenId;
    @Import(name="transitRouterName")
    private @Nullable Output<String> transitRouterName;
    @Import(name="transitRouterDescription")
    private @Nullable Output<String> transitRouterDescription;
    @Import(name="tags")
    private @Nullable Output<Map<String,String>> tags;

    public Output<String> cenId() {
        return this.cenId;
    }
    public Optional<Output<String>> transitRouterName() {
        return Optional.ofNullable(this.transitRouterName);
    }
    public Optional<Output<String>> transitRouterDescription() {
        return Optional.ofNullable(this.transitRouterDescription);
    }
    public Optional<Output<Map<String,String>>> tags() {
        return Optional.ofNullable(this.tags);
    }

    private TransitRouterArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final TransitRouterArgs $ = new TransitRouterArgs();

        public Builder cenId(Output<String> cenId) {
            $.cenId = cenId;
            return this;
        }
        public Builder cenId(String cenId) {
            return cenId(Output.of(cenId));
        }
        public Builder transitRouterName(@Nullable Output<String> transitRouterName) {
            $.transitRouterName = transitRouterName;
            return this;
        }
        public Builder transitRouterName(String transitRouterName) {
            return transitRouterName(Output.of(transitRouterName));
        }
        public Builder transitRouterDescription(@Nullable Output<String> transitRouterDescription) {
            $.transitRouterDescription = transitRouterDescription;
            return this;
        }
        public Builder transitRouterDescription(String transitRouterDescription) {
            return transitRouterDescription(Output.of(transitRouterDescription));
        }
        public Builder tags(@Nullable Output<Map<String,String>> tags) {
            $.tags = tags;
            return this;
        }
        public Builder tags(Map<String,String> tags) {
            return tags(Output.of(tags));
        }

        public TransitRouterArgs build() {
            if ($.cenId == null) {
                throw new MissingRequiredPropertyException("TransitRouterArgs", "cenId");
            }
            return $;
        }
    }
}
