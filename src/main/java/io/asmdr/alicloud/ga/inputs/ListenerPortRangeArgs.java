// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-ga.json by AlicloudSchemaTest.
package io.asmdr.alicloud.ga.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;

public final class ListenerPortRangeArgs extends ResourceArgs {

    public static final ListenerPortRangeArgs Empty = new ListenerPortRangeArgs();

    @Import(name="fromPort", required=true)
    private Output<Integer> fromPort;
    @Import(name="toPort", required=true)
    private Output<Integer> toPort;

    public Output<Integer> fromPort() {
        return this.fromPort;
    }
    public Output<Integer> toPort() {
        return this.toPort;
    }

    private ListenerPortRangeArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ListenerPortRangeArgs $ = new ListenerPortRangeArgs();

        public Builder fromPort(Output<Integer> fromPort) {
            $.fromPort = fromPort;
            return this;
        }
        public Builder fromPort(Integer fromPort) {
            return fromPort(Output.of(fromPort));
        }
        public Builder toPort(Output<Integer> toPort) {
            $.toPort = toPort;
            return this;
        }
        public Builder toPort(Integer toPort) {
            return toPort(Output.of(toPort));
        }

        public ListenerPortRangeArgs build() {
            if ($.fromPort == null) {
                throw new MissingRequiredPropertyException("ListenerPortRangeArgs", "fromPort");
            }
            if ($.toPort == null) {
                throw new MissingRequiredPropertyException("ListenerPortRangeArgs", "toPort");
            }
            return $;
        }
    }
}
