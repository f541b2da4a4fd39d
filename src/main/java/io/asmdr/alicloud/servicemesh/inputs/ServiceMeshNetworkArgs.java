// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.servicemesh.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;

public final class ServiceMeshNetworkArgs extends ResourceArgs {

    public static final ServiceMeshNetworkArgs Empty = new ServiceMeshNetworkArgs();

    @Import(name="vpcId", required=true)
    private Output<String> vpcId;
    @Import(name="vswitcheList", required=true)
    private Output<String> vswitcheList;

    public Output<String> vpcId() {
        return this.vpcId;
    }
    public Output<String> vswitcheList() {
        return this.vswitcheList;
    }

    private ServiceMeshNetworkArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ServiceMeshNetworkArgs $ = new ServiceMeshNetworkArgs();

        public Builder vpcId(Output<String> vpcId) {
            $.vpcId = vpcId;
            return this;
        }
        public Builder vpcId(String vpcId) {
            return vpcId(Output.of(vpcId));
        }
        public Builder vswitcheList(Output<String> vswitcheList) {
            $.vswitcheList = vswitcheList;
            return this;
        }
        public Builder vswitcheList(String vswitcheList) {
            return vswitcheList(Output.of(vswitcheList));
        }

        public ServiceMeshNetworkArgs build() {
            if ($.vpcId == null) {
                throw new MissingRequiredPropertyException("ServiceMeshNetworkArgs", "vpcId");
            }
            if ($.vswitcheList == null) {
                throw new MissingRequiredPropertyException("ServiceMeshNetworkArgs", "vswitcheList");
            }
            return $;
        }
    }
}
