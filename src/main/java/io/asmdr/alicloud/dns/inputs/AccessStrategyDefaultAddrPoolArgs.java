// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class AccessStrategyDefaultAddrPoolArgs extends ResourceArgs {

    public static final AccessStrategyDefaultAddrPoolArgs Empty = new AccessStrategyDefaultAddrPoolArgs();

    @Import(name="addrPoolId", required=true)
    private Output<String> addrPoolId;
    @Import(name="lbaWeight")
    private @Nullable Output<Integer> lbaWeight;

    public Output<String> addrPoolId() {
        return this.addrPoolId;
    }
    public Optional<Output<Integer>> lbaWeight() {
        return Optional.ofNullable(this.lbaWeight);
    }

    private AccessStrategyDefaultAddrPoolArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final AccessStrategyDefaultAddrPoolArgs $ = new AccessStrategyDefaultAddrPoolArgs();

        public Builder addrPoolId(Output<String> addrPoolId) {
            $.addrPoolId = addrPoolId;
            return this;
        }
        public Builder addrPoolId(String addrPoolId) {
            return addrPoolId(Output.of(addrPoolId));
        }
        public Builder lbaWeight(@Nullable Output<Integer> lbaWeight) {
            $.lbaWeight = lbaWeight;
            return this;
        }
        public Builder lbaWeight(Integer lbaWeight) {
            return lbaWeight(Output.of(lbaWeight));
        }

        public AccessStrategyDefaultAddrPoolArgs build() {
            if ($.addrPoolId == null) {
                throw new MissingRequiredPropertyException("AccessStrategyDefaultAddrPoolArgs", "addrPoolId");
            }
            return $;
        }
    }
}
