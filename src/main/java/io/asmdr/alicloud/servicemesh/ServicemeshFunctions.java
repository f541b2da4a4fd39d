// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.servicemesh;

import com.pulumi.core.Output;
import com.pulumi.core.TypeShape;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.InvokeOutputOptions;
import io.asmdr.alicloud.Utilities;
import io.asmdr.alicloud.servicemesh.inputs.GetVersionsArgs;
import io.asmdr.alicloud.servicemesh.outputs.GetVersionsResult;

public final class ServicemeshFunctions {
    private ServicemeshFunctions() {}

    public static Output<GetVersionsResult> getVersions(GetVersionsArgs args, InvokeOutputOptions options) {
        return Deployment.getInstance().invoke("alicloud:servicemesh/getVersions:getVersions", TypeShape.of(GetVersionsResult.class), args, Utilities.withVersion(options));
    }
}
