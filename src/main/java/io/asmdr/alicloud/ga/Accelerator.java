// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-ga.json by AlicloudSchemaTest.
package io.asmdr.alicloud.ga;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:ga/accelerator:Accelerator")
public class Accelerator extends CustomResource {
    @Export(name="acceleratorName", refs={String.class})
    private Output<String> acceleratorName;

    public Output<String> acceleratorName() {
        return this.acceleratorName;
    }
    @Export(name="bandwidthBillingType", refs={String.class})
    private Output<String> bandwidthBillingType;

    public Output<String> bandwidthBillingType() {
        return this.bandwidthBillingType;
    }
    @Export(name="paymentType", refs={String.class})
    private Output<String> paymentType;

    public Output<String> paymentType() {
        return this.paymentType;
    }
    @Export(name="status", refs={String.class})
    private Output<String> status;

    public Output<String> status() {
        return this.status;
    }

    public Accelerator(String name, AcceleratorArgs args) {
        this(name, args, null);
    }

    public Accelerator(String name, AcceleratorArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:ga/accelerator:Accelerator", name, args, Utilities.withVersion(options));
    }
}
