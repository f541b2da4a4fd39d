// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class AccessStrategyLineArgs extends ResourceArgs {

    public static final AccessStrategyLineArgs Empty = new AccessStrategyLineArgs();

    @Import(name="lineCode")
    private @Nullable Output<String> lineCode;

    public Optional<Output<String>> lineCode() {
        return Optional.ofNullable(this.lineCode);
    }

    private AccessStrategyLineArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final AccessStrategyLineArgs $ = new AccessStrategyLineArgs();

        public Builder lineCode(@Nullable Output<String> lineCode) {
            $.lineCode = lineCode;
            return this;
        }
        public Builder lineCode(String lineCode) {
            return lineCode(Output.of(lineCode));
        }

        public AccessStrategyLineArgs build() {
            return $;
        }
    }
}
