// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class ProviderArgs extends ResourceArgs {

    public static final ProviderArgs Empty = new ProviderArgs();

    @Import(name="region")
    private @Nullable Output<String> region;
    @Import(name="accessKey")
    private @Nullable Output<String> accessKey;
    @Import(name="secretKey")
    private @Nullable Output<String> secretKey;

    public Optional<Output<String>> region() {
        return Optional.ofNullable(this.region);
    }
    public Optional<Output<String>> accessKey() {
        return Optional.ofNullable(this.accessKey);
    }
    public Optional<Output<String>> secretKey() {
        return Optional.ofNullable(this.secretKey);
    }

    private ProviderArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ProviderArgs $ = new ProviderArgs();

        public Builder region(@Nullable Output<String> region) {
            $.region = region;
            return this;
        }
        public Builder region(String region) {
            return region(Output.of(region));
        }
        public Builder accessKey(@Nullable Output<String> accessKey) {
            $.accessKey = accessKey;
            return this;
        }
        public Builder accessKey(String accessKey) {
            return accessKey(Output.of(accessKey));
        }
        public Builder secretKey(@Nullable Output<String> secretKey) {
            $.secretKey = secretKey;
            return this;
        }
        public Builder secretKey(String secretKey) {
            return secretKey(Output.of(secretKey));
        }

        public ProviderArgs build() {
            return $;
        }
    }
}
