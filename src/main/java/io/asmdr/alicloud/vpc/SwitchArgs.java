// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.vpc;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

public final class SwitchArgs extends ResourceArgs {

    public static final SwitchArgs Empty = new SwitchArgs();

    @Import(name="vswitchName")
    private @Nullable Output<String> vswitchName;
    @Import(name="vpcId")
    private @Nullable Output<String> vpcId;
    @Import(name="cidrBlock")
    private @Nullable Output<String> cidrBlock;
    @Import(name="zoneId")
    private @Nullable Output<String> zoneId;
    @Import(name="description")
    private @Nullable Output<String> description;
    @Import(name="tags")
    private @Nullable Output<Map<String,String>> tags;

    public Optional<Output<String>> vswitchName() {
        return Optional.ofNullable(this.vswitchName);
    }
    public Optional<Output<String>> vpcId() {
        return Optional.ofNullable(this.vpcId);
    }
    public Optional<Output<String>> cidrBlock() {
        return Optional.ofNullable(this.cidrBlock);
    }
    public Optional<Output<String>> zoneId() {
        return Optional.ofNullable(this.zoneId);
    }
    public Optional<Output<String>> description() {
        return Optional.ofNullable(this.description);
    }
    public Optional<Output<Map<String,String>>> tags() {
        return Optional.ofNullable(this.tags);
    }

    private SwitchArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final SwitchArgs $ = new SwitchArgs();

        public Builder vswitchName(@Nullable Output<String> vswitchName) {
            $.vswitchName = vswitchName;
            return this;
        }
        public Builder vswitchName(String vswitchName) {
            return vswitchName(Output.of(vswitchName));
        }
        public Builder vpcId(@Nullable Output<String> vpcId) {
            $.vpcId = vpcId;
            return this;
        }
        public Builder vpcId(String vpcId) {
            return vpcId(Output.of(vpcId));
        }
        public Builder cidrBlock(@Nullable Output<String> cidrBlock) {
            $.cidrBlock = cidrBlock;
            return this;
        }
        public Builder cidrBlock(String cidrBlock) {
            return cidrBlock(Output.of(cidrBlock));
        }
        public Builder zoneId(@Nullable Output<String> zoneId) {
            $.zoneId = zoneId;
            return this;
        }
        public Builder zoneId(String zoneId) {
            return zoneId(Output.of(zoneId));
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

        public SwitchArgs build() {
            return $;
        }
    }
}
