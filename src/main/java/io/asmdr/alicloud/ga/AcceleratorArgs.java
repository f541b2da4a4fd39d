// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-ga.json by AlicloudSchemaTest.
package io.asmdr.alicloud.ga;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

public final class AcceleratorArgs extends ResourceArgs {

    public static final AcceleratorArgs Empty = new AcceleratorArgs();

    @Import(name="acceleratorName")
    private @Nullable Output<String> acceleratorName;
    @Import(name="bandwidthBillingType")
    private @Nullable Output<String> bandwidthBillingType;
    @Import(name="description")
    private @Nullable Output<String> description;
    @Import(name="paymentType")
    private @Nullable Output<String> paymentType;
    @Import(name="tags")
    private @Nullable Output<Map<String,String>> tags;

    public Optional<Output<String>> acceleratorName() {
        return Optional.ofNullable(this.acceleratorName);
    }
    public Optional<Output<String>> bandwidthBillingType() {
        return Optional.ofNullable(this.bandwidthBillingType);
    }
    public Optional<Output<String>> description() {
        return Optional.ofNullable(this.description);
    }
    public Optional<Output<String>> paymentType() {
        return Optional.ofNullable(this.paymentType);
    }
    public Optional<Output<Map<String,String>>> tags() {
        return Optional.ofNullable(this.tags);
    }

    private AcceleratorArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final AcceleratorArgs $ = new AcceleratorArgs();

        public Builder acceleratorName(@Nullable Output<String> acceleratorName) {
            $.acceleratorName = acceleratorName;
            return this;
        }
        public Builder acceleratorName(String acceleratorName) {
            return acceleratorName(Output.of(acceleratorName));
        }
        public Builder bandwidthBillingType(@Nullable Output<String> bandwidthBillingType) {
            $.bandwidthBillingType = bandwidthBillingType;
            return this;
        }
        public Builder bandwidthBillingType(String bandwidthBillingType) {
            return bandwidthBillingType(Output.of(bandwidthBillingType));
        }
        public Builder description(@Nullable Output<String> description) {
            $.description = description;
            return this;
        }
        public Builder description(String description) {
            return description(Output.of(description));
        }
        public Builder paymentType(@Nullable Output<String> paymentType) {
            $.paymentType = paymentType;
            return this;
        }
        public Builder paymentType(String paymentType) {
            return paymentType(Output.of(paymentType));
        }
        public Builder tags(@Nullable Output<Map<String,String>> tags) {
            $.tags = tags;
            return this;
        }
        public Builder tags(Map<String,String> tags) {
            return tags(Output.of(tags));
        }

        public AcceleratorArgs build() {
            return $;
        }
    }
}
