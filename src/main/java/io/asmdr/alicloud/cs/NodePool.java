// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:cs/nodePool:NodePool")
public class NodePool extends CustomResource {
    @Export(name="clusterId", refs={String.class})
    private Output<String> clusterId;

    public Output<String> clusterId() {
        return this.clusterId;
    }
    @Export(name="nodePoolName", refs={String.class})
    private Output<String> nodePoolName;

    public Output<String> nodePoolName() {
        return this.nodePoolName;
    }
    @Export(name="desiredSize", refs={String.class})
    private Output<String> desiredSize;

    public Output<String> desiredSize() {
        return this.desiredSize;
    }

    public NodePool(String name, NodePoolArgs args) {
        this(name, args, null);
    }

    public NodePool(String name, NodePoolArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:cs/nodePool:NodePool", name, args, Utilities.withVersion(options));
    }
}
