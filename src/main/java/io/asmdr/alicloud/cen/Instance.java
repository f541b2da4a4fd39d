// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:cen/instance:Instance")
public class Instance extends CustomResource {
    @Export(name="cenInstanceName", refs={String.class})
    private Output<String> cenInstanceName;

    public Output<String> cenInstanceName() {
        return this.cenInstanceName;
    }
    @Export(name="status", refs={String.class})
    private Output<String> status;

    public Output<String> status() {
        return this.status;
    }

    public Instance(String name, InstanceArgs args) {
        this(name, args, null);
    }

    public Instance(String name, InstanceArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:cen/instance:Instance", name, args, Utilities.withVersion(options));
    }
}
