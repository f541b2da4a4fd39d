// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.vpc;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:vpc/network:Network")
public class Network extends CustomResource {
    @Export(name="vpcName", refs={String.class})
    private Output<String> vpcName;

    public Output<String> vpcName() {
        return this.vpcName;
    }
    @Export(name="cidrBlock", refs={String.class})
    private Output<String> cidrBlock;

    public Output<String> cidrBlock() {
        return this.cidrBlock;
    }
    @Export(name="routeTableId", refs={String.class})
    private Output<String> routeTableId;

    public Output<String> routeTableId() {
        return this.routeTableId;
    }

    public Network(String name, NetworkArgs args) {
        this(name, args, null);
    }

    public Network(String name, NetworkArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:vpc/network:Network", name, args, Utilities.withVersion(options));
    }
}
