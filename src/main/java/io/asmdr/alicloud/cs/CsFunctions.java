// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs;

import com.pulumi.core.Output;
import com.pulumi.core.TypeShape;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.InvokeOutputOptions;
import io.asmdr.alicloud.Utilities;
import io.asmdr.alicloud.cs.inputs.GetClusterCredentialArgs;
import io.asmdr.alicloud.cs.outputs.GetClusterCredentialResult;

public final class CsFunctions {
    private CsFunctions() {}

    public static Output<GetClusterCredentialResult> getClusterCredential(GetClusterCredentialArgs args, InvokeOutputOptions options) {
        return Deployment.getInstance().invoke("alicloud:cs/getClusterCredential:getClusterCredential", TypeShape.of(GetClusterCredentialResult.class), args, Utilities.withVersion(options));
    }
}
