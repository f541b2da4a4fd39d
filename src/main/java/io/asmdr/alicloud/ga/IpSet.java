// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-ga.json by AlicloudSchemaTest.
package io.asmdr.alicloud.ga;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import java.util.List;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:ga/ipSet:IpSet")
public class IpSet extends CustomResource {
    @Export(name="accelerateRegionId", refs={String.class})
    private Output<String> accelerateRegionId;

    public Output<String> accelerateRegionId() {
        return this.accelerateRegionId;
    }
    @Export(name="acceleratorId", refs={String.class})
    private Output<String> acceleratorId;

    public Output<String> acceleratorId() {
        return this.acceleratorId;
    }
    @Export(name="ipAddressLists", refs={List.class, String.class}, tree="[0,1]")
    private Output<List<String>> ipAddressLists;

    public Output<List<String>> ipAddressLists() {
        return this.ipAddressLists;
    }
    @Export(name="status", refs={String.class})
    private Output<String> status;

    public Output<String> status() {
        return this.status;
    }

    public IpSet(String name, IpSetArgs args) {
        this(name, args, null);
    }

    public IpSet(String name, IpSetArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:ga/ipSet:IpSet", name, args, Utilities.withVersion(options));
    }
}
