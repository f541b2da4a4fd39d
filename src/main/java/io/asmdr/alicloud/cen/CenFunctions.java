// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen;

import com.pulumi.core.Output;
import com.pulumi.core.TypeShape;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.InvokeOutputOptions;
import io.asmdr.alicloud.Utilities;
import io.asmdr.alicloud.cen.inputs.GetTransitRouterRouteTablesArgs;
import io.asmdr.alicloud.cen.outputs.GetTransitRouterRouteTablesResult;

public final class CenFunctions {
    private CenFunctions() {}

    public static Output<GetTransitRouterRouteTablesResult> getTransitRouterRouteTables(GetTransitRouterRouteTablesArgs args, InvokeOutputOptions options) {
        return Deployment.getInstance().invoke("alicloud:cen/getTransitRouterRouteTables:getTransitRouterRouteTables", TypeShape.of(GetTransitRouterRouteTablesResult.class), args, Utilities.withVersion(options));
    }
}
