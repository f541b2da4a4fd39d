// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class AddressPoolAddressArgs extends ResourceArgs {

    public static final AddressPoolAddressArgs Empty = new AddressPoolAddressArgs();

    @Import(name="address", required=true)
    private Output<String> address;
    @Import(name="attributeInfo", required=true)
    private Output<String> attributeInfo;
    @Import(name="mode", required=true)
    private Output<String> mode;
    @Import(name="lbaWeight")
    private @Nullable Output<Integer> lbaWeight;
    @Import(name="remark")
    private @Nullable Output<String> remark;

    public Output<String> address() {
        return this.address;
    }
    public Output<String> attributeInfo() {
        return this.attributeInfo;
    }
    public Output<String> mode() {
        return this.mode;
    }
    public Optional<Output<Integer>> lbaWeight() {
        return Optional.ofNullable(this.lbaWeight);
    }
    public Optional<Output<String>> remark() {
        return Optional.ofNullable(this.remark);
    }

    private AddressPoolAddressArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final AddressPoolAddressArgs $ = new AddressPoolAddressArgs();

        public Builder address(Output<String> address) {
            $.address = address;
            return this;
        }
        public Builder address(String address) {
            return address(Output.of(address));
        }
        public Builder attributeInfo(Output<String> attributeInfo) {
            $.attributeInfo = attributeInfo;
            return this;
        }
        public Builder attributeInfo(String attributeInfo) {
            return attributeInfo(Output.of(attributeInfo));
        }
        public Builder mode(Output<String> mode) {
            $.mode = mode;
            return this;
        }
        public Builder mode(String mode) {
            return mode(Output.of(mode));
        }
        public Builder lbaWeight(@Nullable Output<Integer> lbaWeight) {
            $.lbaWeight = lbaWeight;
            return this;
        }
        public Builder lbaWeight(Integer lbaWeight) {
            return lbaWeight(Output.of(lbaWeight));
        }
        public Builder remark(@Nullable Output<String> remark) {
            $.remark = remark;
            return this;
        }
        public Builder remark(String remark) {
            return remark(Output.of(remark));
        }

        public AddressPoolAddressArgs build() {
            if ($.address == null) {
                throw new MissingRequiredPropertyException("AddressPoolAddressArgs", "address");
            }
            if ($.attributeInfo == null) {
                throw new MissingRequiredPropertyException("AddressPoolAddressArgs", "attributeInfo");
            }
            if ($.mode == null) {
                throw new MissingRequiredPropertyException("AddressPoolAddressArgs", "mode");
            }
            return $;
        }
    }
}
