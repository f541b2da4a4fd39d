// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:dns/gtmInstance:GtmInstance")
public class GtmInstance extends CustomResource {
    @Export(name="instanceName", refs={String.class})
    private Output<String> instanceName;

    public Output<String> instanceName() {
        return this.instanceName;
    }
    @Export(name="paymentType", refs={String.class})
    private Output<String> paymentType;

    public Output<String> paymentType() {
        return this.paymentType;
    }
    @Export(name="period", refs={Integer.class})
    private Output<Integer> period;

    public Output<Integer> period() {
        return this.period;
    }
    @Export(name="packageEdition", refs={String.class})
    private Output<String> packageEdition;

    public Output<String> packageEdition() {
        return this.packageEdition;
    }
    @Export(name="healthCheckTaskCount", refs={Integer.class})
    private Output<Integer> healthCheckTaskCount;

    public Output<Integer> healthCheckTaskCount() {
        return this.healthCheckTaskCount;
    }
    @Export(name="smsNotificationCount", refs={Integer.class})
    private Output<Integer> smsNotificationCount;

    public Output<Integer> smsNotificationCount() {
        return this.smsNotificationCount;
    }
    @Export(name="renewalStatus", refs={String.class})
    private Output<String> renewalStatus;

    public Output<String> renewalStatus() {
        return this.renewalStatus;
    }
    @Export(name="ttl", refs={Integer.class})
    private Output<Integer> ttl;

    public Output<Integer> ttl() {
        return this.ttl;
    }
    @Export(name="cnameType", refs={String.class})
    private Output<String> cnameType;

    public Output<String> cnameType() {
        return this.cnameType;
    }
    @Export(name="publicCnameMode", refs={String.class})
    private Output<String> publicCnameMode;

    public Output<String> publicCnameMode() {
        return this.publicCnameMode;
    }
    @Export(name="publicUserDomainName", refs={String.class})
    private Output<String> publicUserDomainName;

    public Output<String> publicUserDomainName() {
        return this.publicUserDomainName;
    }
    @Export(name="strategyMode", refs={String.class})
    private Output<String> strategyMode;

    public Output<String> strategyMode() {
        return this.strategyMode;
    }

    public GtmInstance(String name, GtmInstanceArgs args) {
        this(name, args, null);
    }

    public GtmInstance(String name, GtmInstanceArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:dns/gtmInstance:GtmInstance", name, args, Utilities.withVersion(options));
    }
}
