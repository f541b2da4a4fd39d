// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.vpc;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:vpc/switch:Switch")
public class Switch extends CustomResource {
    @Export(name="vswitchName", refs={String.class})
    private Output<String> vswitchName;

    public Output<String> vswitchName() {
        return this.vswitchName;
    }
    @Export(name="vpcId", refs={String.class})
    private Output<String> vpcId;

    public Output<String> vpcId() {
        return this.vpcId;
    }
    @Export(name="cidrBlock", refs={String.class})
    private Output<String> cidrBlock;

    public Output<String> cidrBlock() {
        return this.cidrBlock;
    }
    @Export(name="zoneId", refs={String.class})
    private Output<String> zoneId;

    public Output<String> zoneId() {
        return this.zoneId;
    }

    public Switch(String name, SwitchArgs args) {
        this(name, args, null);
    }

    public Switch(String name, SwitchArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:vpc/switch:Switch", name, args, Utilities.withVersion(options));
    }
}
