// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.ecs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:ecs/securityGroupRule:SecurityGroupRule")
public class SecurityGroupRule extends CustomResource {
    @Export(name="securityGroupRuleId", refs={String.class})
    private Output<String> securityGroupRuleId;

    public Output<String> securityGroupRuleId() {
        return this.securityGroupRuleId;
    }

    public SecurityGroupRule(String name, SecurityGroupRuleArgs args) {
        this(name, args, null);
    }

    public SecurityGroupRule(String name, SecurityGroupRuleArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:ecs/securityGroupRule:SecurityGroupRule", name, args, Utilities.withVersion(options));
    }
}
