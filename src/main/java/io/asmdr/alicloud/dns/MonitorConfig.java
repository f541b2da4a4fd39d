// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:dns/monitorConfig:MonitorConfig")
public class MonitorConfig extends CustomResource {
    @Export(name="addrPoolId", refs={String.class})
    private Output<String> addrPoolId;

    public Output<String> addrPoolId() {
        return this.addrPoolId;
    }
    @Export(name="evaluationCount", refs={Integer.class})
    private Output<Integer> evaluationCount;

    public Output<Integer> evaluationCount() {
        return this.evaluationCount;
    }
    @Export(name="interval", refs={Integer.class})
    private Output<Integer> interval;

    public Output<Integer> interval() {
        return this.interval;
    }
    @Export(name="timeout", refs={Integer.class})
    private Output<Integer> timeout;

    public Output<Integer> timeout() {
        return this.timeout;
    }
    @Export(name="protocolType", refs={String.class})
    private Output<String> protocolType;

    public Output<String> protocolType() {
        return this.protocolType;
    }
    @Export(name="monitorExtendInfo", refs={String.class})
    private Output<String> monitorExtendInfo;

    public Output<String> monitorExtendInfo() {
        return this.monitorExtendInfo;
    }

    public MonitorConfig(String name, MonitorConfigArgs args) {
        this(name, args, null);
    }

    public MonitorConfig(String name, MonitorConfigArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:dns/monitorConfig:MonitorConfig", name, args, Utilities.withVersion(options));
    }
}
