// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.servicemesh;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import java.util.List;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:servicemesh/serviceMesh:ServiceMesh")
public class ServiceMesh extends CustomResource {
    @Export(name="serviceMeshName", refs={String.class})
    private Output<String> serviceMeshName;

    public Output<String> serviceMeshName() {
        return this.serviceMeshName;
    }
    @Export(name="clusterIds", refs={List.class, String.class}, tree="[0,1]")
    private Output<List<String>> clusterIds;

    public Output<List<String>> clusterIds() {
        return this.clusterIds;
    }
    @Export(name="status", refs={String.class})
    private Output<String> status;

    public Output<String> status() {
        return this.status;
    }
    @Export(name="kubeconfig", refs={String.class})
    private Output<String> kubeconfig;

    public Output<String> kubeconfig() {
        return this.kubeconfig;
    }
    @Export(name="version", refs={String.class})
    private Output<String> version;

    public Output<String> version() {
        return this.version;
    }

    public ServiceMesh(String name, ServiceMeshArgs args) {
        this(name, args, null);
    }

    public ServiceMesh(String name, ServiceMeshArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:servicemesh/serviceMesh:ServiceMesh", name, args, Utilities.withVersion(options));
    }
}
