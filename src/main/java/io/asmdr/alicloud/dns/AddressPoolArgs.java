// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import io.asmdr.alicloud.dns.inputs.AddressPoolAddressArgs;
import java.util.List;

public final class AddressPoolArgs extends ResourceArgs {

    public static final AddressPoolArgs Empty = new AddressPoolArgs();

    @Import(name="addressPoolName", required=true)
    private Output<String> addressPoolName;
    @Import(name="instanceId", required=true)
    private Output<String> instanceId;
    @Import(name="lbaStrategy", required=true)
    private Output<String> lbaStrategy;
    @Import(name="type", required=true)
    private Output<String> type;
    @Import(name="addresses", required=true)
    private Output<List<AddressPoolAddressArgs>> addresses;

    public Output<String> addressPoolName() {
        return this.addressPoolName;
    }
    public Output<String> instanceId() {
        return this.instanceId;
    }
    public Output<String> lbaStrategy() {
        return this.lbaStrategy;
    }
    public Output<String> type() {
        return this.type;
    }
    public Output<List<AddressPoolAddressArgs>> addresses() {
        return this.addresses;
    }

    private AddressPoolArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final AddressPoolArgs $ = new AddressPoolArgs();

        public Builder addressPoolName(Output<String> addressPoolName) {
            $.addressPoolName = addressPoolName;
            return this;
        }
        public Builder addressPoolName(String addressPoolName) {
            return addressPoolName(Output.of(addressPoolName));
        }
        public Builder instanceId(Output<String> instanceId) {
            $.instanceId = instanceId;
            return this;
        }
        public Builder instanceId(String instanceId) {
            return instanceId(Output.of(instanceId));
        }
        public Builder lbaStrategy(Output<String> lbaStrategy) {
            $.lbaStrategy = lbaStrategy;
            return this;
        }
        public Builder lbaStrategy(String lbaStrategy) {
            return lbaStrategy(Output.of(lbaStrategy));
        }
        public Builder type(Output<String> type) {
            $.type = type;
            return this;
        }
        public Builder type(String type) {
            return type(Output.of(type));
        }
        public Builder addresses(Output<List<AddressPoolAddressArgs>> addresses) {
            $.addresses = addresses;
            return this;
        }
        public Builder addresses(List<AddressPoolAddressArgs> addresses) {
            return addresses(Output.of(addresses));
        }
        public Builder addresses(AddressPoolAddressArgs... addresses) {
            return addresses(List.of(addresses));
        }

        public AddressPoolArgs build() {
            if ($.addressPoolName == null) {
                throw new MissingRequiredPropertyException("AddressPoolArgs", "addressPoolName");
            }
            if ($.instanceId == null) {
                throw new MissingRequiredPropertyException("AddressPoolArgs", "instanceId");
            }
            if ($.lbaStrategy == null) {
                throw new MissingRequiredPropertyException("AddressPoolArgs", "lbaStrategy");
            }
            if ($.type == null) {
                throw new MissingRequiredPropertyException("AddressPoolArgs", "type");
            }
            if ($.addresses == null) {
                throw new MissingRequiredPropertyException("AddressPoolArgs", "addresses");
            }
            return $;
        }
    }
}
