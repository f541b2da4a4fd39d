// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:dns/addressPool:AddressPool")
public class AddressPool extends CustomResource {
    @Export(name="addressPoolName", refs={String.class})
    private Output<String> addressPoolName;

    public Output<String> addressPoolName() {
        return this.addressPoolName;
    }
    @Export(name="instanceId", refs={String.class})
    private Output<String> instanceId;

    public Output<String> instanceId() {
        return this.instanceId;
    }
    @Export(name="lbaStrategy", refs={String.class})
    private Output<String> lbaStrategy;

    public Output<String> lbaStrategy() {
        return this.lbaStrategy;
    }
    @Export(name="type", refs={String.class})
    private Output<String> type;

    public Output<String> type() {
        return this.type;
    }

    public AddressPool(String name, AddressPoolArgs args) {
        this(name, args, null);
    }

    public AddressPool(String name, AddressPoolArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:dns/addressPool:AddressPool", name, args, Utilities.withVersion(options));
    }
}
