// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class AccessStrategyFailoverAddrPoolArgs extends ResourceArgs {

    public static final AccessStrategyFailoverAddrPoolArgs Empty = new AccessStrategyFailoverAddrPoolArgs();

    @Import(name="addrPoolId")
    private @Nullable Output<String> addrPoolId;
    @Import(name="lbaWeight")
    private @Nullable Output<Integer> lbaWeight;

    public Optional<Output<String>> addrPoolId() {
        return Optional.ofNullable(this.addrPoolId);
    }
    public Optional<Output<Integer>> lbaWeight() {
        return Optional.ofNullable(this.lbaWeight);
    }

    private AccessStrategyFailoverAddrPoolArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final AccessStrategyFailoverAddrPoolArgs $ = new AccessStrategyFailoverAddrPoolArgs();

        public Builder addrPoolId(@Nullable Output<String> addrPoolId) {
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

        public AccessStrategyFailoverAddrPoolArgs build() {
            return $;
        }
    }
}
