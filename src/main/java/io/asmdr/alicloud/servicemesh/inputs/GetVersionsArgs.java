// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.servicemesh.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class GetVersionsArgs extends InvokeArgs {

    public static final GetVersionsArgs Empty = new GetVersionsArgs();

    @Import(name="edition")
    private @Nullable Output<String> edition;

    public Optional<Output<String>> edition() {
        return Optional.ofNullable(this.edition);
    }

    private GetVersionsArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetVersionsArgs $ = new GetVersionsArgs();

        public Builder edition(@Nullable Output<String> edition) {
            $.edition = edition;
            return this;
        }
        public Builder edition(String edition) {
            return edition(Output.of(edition));
        }

        public GetVersionsArgs build() {
            return $;
        }
    }
}
