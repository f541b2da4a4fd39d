// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.TypeShape;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.deployment.InvokeOutputOptions;
import io.asmdr.alicloud.Utilities;
import io.asmdr.alicloud.cen.inputs.GetTransitRouterAvailableResourcesPlainArgs;
import io.asmdr.alicloud.cen.inputs.GetTransitRouterRouteTablesArgs;
import io.asmdr.alicloud.cen.outputs.GetTransitRouterAvailableResourcesResult;
import io.asmdr.alicloud.cen.outputs.GetTransitRouterRouteTablesResult;
import java.util.concurrent.CompletableFuture;

public final class CenFunctions {
    private CenFunctions() {}

    /**
     * The zones the region's transit routers serve; the region is the provider's. Plain (a future,
     * not an Output): the program asks it before it registers anything that depends on the answer.
     */
    public static CompletableFuture<GetTransitRouterAvailableResourcesResult> getTransitRouterAvailableResourcesPlain(GetTransitRouterAvailableResourcesPlainArgs args, InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("alicloud:cen/getTransitRouterAvailableResources:getTransitRouterAvailableResources", TypeShape.of(GetTransitRouterAvailableResourcesResult.class), args, Utilities.withVersion(options));
    }

    public static Output<GetTransitRouterRouteTablesResult> getTransitRouterRouteTables(GetTransitRouterRouteTablesArgs args, InvokeOutputOptions options) {
        return Deployment.getInstance().invoke("alicloud:cen/getTransitRouterRouteTables:getTransitRouterRouteTables", TypeShape.of(GetTransitRouterRouteTablesResult.class), args, Utilities.withVersion(options));
    }
}
