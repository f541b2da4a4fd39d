// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.vpc;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

public final class NetworkArgs extends ResourceArgs {

    public static final NetworkArgs Empty = new NetworkArgs();

    @Import(name="vpcName")
    private @Nullable Output<String> vpcName;
    @Import(name="cidrBlock")
    private @Nullable Output<String> cidrBlock;
    @Import(name="description")
    private @Nullable Output<String> description;
    @Import(name="tags")
    private @Nullable Output<Map<String,String>> tags;

    public Optional<Output<String>> vpcName() {
        return Optional.ofNullable(this.vpcName);
    }
    public Optional<Output<String>> cidrBlock() {
        return Optional.ofNullable(this.cidrBlock);
    }
    public Optional<Output<String>> description() {
        return Optional.ofNullable(this.description);
    }
    public Optional<Output<Map<String,String>>> tags() {
        return Optional.ofNullable(this.tags);
    }

    private NetworkArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final NetworkArgs $ = new NetworkArgs();

        public Builder vpcName(@Nullable Output<String> vpcName) {
            $.vpcName = vpcName;
            return this;
        }
        public Builder vpcName(String vpcName) {
            return vpcName(Output.of(vpcName));
        }
        public Builder cidrBlock(@Nullable Output<String> cidrBlock) {
            $.cidrBlock = cidrBlock;
            return this;
        }
        public Builder cidrBlock(String cidrBlock) {
            return cidrBlock(Output.of(cidrBlock));
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

        public NetworkArgs build() {
            return $;
        }
    }
}
