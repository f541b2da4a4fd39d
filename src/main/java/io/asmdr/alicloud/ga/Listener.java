// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-ga.json by AlicloudSchemaTest.
package io.asmdr.alicloud.ga;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Utilities;
import javax.annotation.Nullable;

@ResourceType(type="alicloud:ga/listener:Listener")
public class Listener extends CustomResource {
    @Export(name="acceleratorId", refs={String.class})
    private Output<String> acceleratorId;

    public Output<String> acceleratorId() {
        return this.acceleratorId;
    }
    @Export(name="protocol", refs={String.class})
    private Output<String> protocol;

    public Output<String> protocol() {
        return this.protocol;
    }
    @Export(name="status", refs={String.class})
    private Output<String> status;

    public Output<String> status() {
        return this.status;
    }

    public Listener(String name, ListenerArgs args) {
        this(name, args, null);
    }

    public Listener(String name, ListenerArgs args, @Nullable CustomResourceOptions options) {
        super("alicloud:ga/listener:Listener", name, args, Utilities.withVersion(options));
    }
}
