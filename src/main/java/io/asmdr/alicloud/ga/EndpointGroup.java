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

@ResourceType(type="alicloud:ga/endpointGroup:EndpointGroup")
public class EndpointGroup extends CustomResource {
    @Export(name="endpointGroupIpLists", refs={List.class, String.class}, tree="[0,1]")
    private Output<List<String>> endpointGroupIpLists;

    public Output<List<String>> endpointGroupIpLists() {
        return this.endpointGroupIpLists;
    }
    @Export(name="endpointGroupRegion", refs={String.class})
    private Output<String> endpointGroupRegion;

    public Output<String> endpointGroupRegion() {
        return this.endpointGroupRegion;
    }
    @Export(name="status", refs={String.class})
    private Output<String> status;

    public Output<String> status() {
        return this.status;
    }

    public EndpointGroup(String name, EndpointGroupArgs args) {
        this(name, args, null);
    }

    public EndpointGroup(String name, EndpointGroupArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:ga/endpointGroup:EndpointGroup", name, args, Utilities.withVersion(options));
    }
}
