// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs;

import com.pulumi.core.Output;
import com.pulumi.core.TypeShape;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.deployment.InvokeOutputOptions;
import io.asmdr.alicloud.Utilities;
import io.asmdr.alicloud.cs.inputs.GetClusterCredentialArgs;
import io.asmdr.alicloud.cs.inputs.GetKubernetesVersionPlainArgs;
import io.asmdr.alicloud.cs.outputs.GetClusterCredentialResult;
import io.asmdr.alicloud.cs.outputs.GetKubernetesVersionResult;
import java.util.concurrent.CompletableFuture;

public final class CsFunctions {
    private CsFunctions() {}

    public static Output<GetClusterCredentialResult> getClusterCredential(GetClusterCredentialArgs args, InvokeOutputOptions options) {
        return Deployment.getInstance().invoke("alicloud:cs/getClusterCredential:getClusterCredential", TypeShape.of(GetClusterCredentialResult.class), args, Utilities.withVersion(options));
    }

    /** What ACK says about a Kubernetes version in the provider's region (DescribeKubernetesVersionMetadata); plain, asked before registration. */
    public static CompletableFuture<GetKubernetesVersionResult> getKubernetesVersionPlain(GetKubernetesVersionPlainArgs args, InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("alicloud:cs/getKubernetesVersion:getKubernetesVersion", TypeShape.of(GetKubernetesVersionResult.class), args, Utilities.withVersion(options));
    }
}
