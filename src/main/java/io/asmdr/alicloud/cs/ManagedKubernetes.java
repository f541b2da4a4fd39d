// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:cs/managedKubernetes:ManagedKubernetes")
public class ManagedKubernetes extends CustomResource {
    @Export(name="name", refs={String.class})
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }
    @Export(name="securityGroupId", refs={String.class})
    private Output<String> securityGroupId;

    public Output<String> securityGroupId() {
        return this.securityGroupId;
    }
    @Export(name="vpcId", refs={String.class})
    private Output<String> vpcId;

    public Output<String> vpcId() {
        return this.vpcId;
    }
    @Export(name="version", refs={String.class})
    private Output<String> version;

    public Output<String> version() {
        return this.version;
    }

    public ManagedKubernetes(String name, ManagedKubernetesArgs args) {
        this(name, args, null);
    }

    public ManagedKubernetes(String name, ManagedKubernetesArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:cs/managedKubernetes:ManagedKubernetes", name, args, Utilities.withVersion(options));
    }
}
