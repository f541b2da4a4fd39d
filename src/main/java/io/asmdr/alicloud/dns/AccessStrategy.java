// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:dns/accessStrategy:AccessStrategy")
public class AccessStrategy extends CustomResource {
    @Export(name="instanceId", refs={String.class})
    private Output<String> instanceId;

    public Output<String> instanceId() {
        return this.instanceId;
    }
    @Export(name="strategyName", refs={String.class})
    private Output<String> strategyName;

    public Output<String> strategyName() {
        return this.strategyName;
    }
    @Export(name="strategyMode", refs={String.class})
    private Output<String> strategyMode;

    public Output<String> strategyMode() {
        return this.strategyMode;
    }
    @Export(name="accessMode", refs={String.class})
    private Output<String> accessMode;

    public Output<String> accessMode() {
        return this.accessMode;
    }
    @Export(name="defaultAddrPoolType", refs={String.class})
    private Output<String> defaultAddrPoolType;

    public Output<String> defaultAddrPoolType() {
        return this.defaultAddrPoolType;
    }
    @Export(name="defaultMinAvailableAddrNum", refs={Integer.class})
    private Output<Integer> defaultMinAvailableAddrNum;

    public Output<Integer> defaultMinAvailableAddrNum() {
        return this.defaultMinAvailableAddrNum;
    }
    @Export(name="failoverAddrPoolType", refs={String.class})
    private Output<String> failoverAddrPoolType;

    public Output<String> failoverAddrPoolType() {
        return this.failoverAddrPoolType;
    }
    @Export(name="failoverMinAvailableAddrNum", refs={Integer.class})
    private Output<Integer> failoverMinAvailableAddrNum;

    public Output<Integer> failoverMinAvailableAddrNum() {
        return this.failoverMinAvailableAddrNum;
    }

    public AccessStrategy(String name, AccessStrategyArgs args) {
        this(name, args, null);
    }

    public AccessStrategy(String name, AccessStrategyArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:dns/accessStrategy:AccessStrategy", name, args, Utilities.withVersion(options));
    }
}
