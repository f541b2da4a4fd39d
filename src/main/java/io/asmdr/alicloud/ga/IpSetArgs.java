// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-ga.json by AlicloudSchemaTest.
package io.asmdr.alicloud.ga;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class IpSetArgs extends ResourceArgs {

    public static final IpSetArgs Empty = new IpSetArgs();

    @Import(name="accelerateRegionId", required=true)
    private Output<String> accelerateRegionId;
    @Import(name="acceleratorId", required=true)
    private Output<String> acceleratorId;
    @Import(name="bandwidth")
    private @Nullable Output<Integer> bandwidth;
    @Import(name="ipVersion")
    private @Nullable Output<String> ipVersion;
    @Import(name="ispType")
    private @Nullable Output<String> ispType;

    public Output<String> accelerateRegionId() {
        return this.accelerateRegionId;
    }
    public Output<String> acceleratorId() {
        return this.acceleratorId;
    }
    public Optional<Output<Integer>> bandwidth() {
        return Optional.ofNullable(this.bandwidth);
    }
    public Optional<Output<String>> ipVersion() {
        return Optional.ofNullable(this.ipVersion);
    }
    public Optional<Output<String>> ispType() {
        return Optional.ofNullable(this.ispType);
    }

    private IpSetArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final IpSetArgs $ = new IpSetArgs();

        public Builder accelerateRegionId(Output<String> accelerateRegionId) {
            $.accelerateRegionId = accelerateRegionId;
            return this;
        }
        public Builder accelerateRegionId(String accelerateRegionId) {
            return accelerateRegionId(Output.of(accelerateRegionId));
        }
        public Builder acceleratorId(Output<String> acceleratorId) {
            $.acceleratorId = acceleratorId;
            return this;
        }
        public Builder acceleratorId(String acceleratorId) {
            return acceleratorId(Output.of(acceleratorId));
        }
        public Builder bandwidth(@Nullable Output<Integer> bandwidth) {
            $.bandwidth = bandwidth;
            return this;
        }
        public Builder bandwidth(Integer bandwidth) {
            return bandwidth(Output.of(bandwidth));
        }
        public Builder ipVersion(@Nullable Output<String> ipVersion) {
            $.ipVersion = ipVersion;
            return this;
        }
        public Builder ipVersion(String ipVersion) {
            return ipVersion(Output.of(ipVersion));
        }
        public Builder ispType(@Nullable Output<String> ispType) {
            $.ispType = ispType;
            return this;
        }
        public Builder ispType(String ispType) {
            return ispType(Output.of(ispType));
        }

        public IpSetArgs build() {
            if ($.accelerateRegionId == null) {
                throw new MissingRequiredPropertyException("IpSetArgs", "accelerateRegionId");
            }
            if ($.acceleratorId == null) {
                throw new MissingRequiredPropertyException("IpSetArgs", "acceleratorId");
            }
            return $;
        }
    }
}
