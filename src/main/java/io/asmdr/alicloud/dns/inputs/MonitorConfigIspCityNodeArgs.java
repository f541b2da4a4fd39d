// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;

public final class MonitorConfigIspCityNodeArgs extends ResourceArgs {

    public static final MonitorConfigIspCityNodeArgs Empty = new MonitorConfigIspCityNodeArgs();

    @Import(name="cityCode", required=true)
    private Output<String> cityCode;
    @Import(name="ispCode", required=true)
    private Output<String> ispCode;

    public Output<String> cityCode() {
        return this.cityCode;
    }
    public Output<String> ispCode() {
        return this.ispCode;
    }

    private MonitorConfigIspCityNodeArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final MonitorConfigIspCityNodeArgs $ = new MonitorConfigIspCityNodeArgs();

        public Builder cityCode(Output<String> cityCode) {
            $.cityCode = cityCode;
            return this;
        }
        public Builder cityCode(String cityCode) {
            return cityCode(Output.of(cityCode));
        }
        public Builder ispCode(Output<String> ispCode) {
            $.ispCode = ispCode;
            return this;
        }
        public Builder ispCode(String ispCode) {
            return ispCode(Output.of(ispCode));
        }

        public MonitorConfigIspCityNodeArgs build() {
            if ($.cityCode == null) {
                throw new MissingRequiredPropertyException("MonitorConfigIspCityNodeArgs", "cityCode");
            }
            if ($.ispCode == null) {
                throw new MissingRequiredPropertyException("MonitorConfigIspCityNodeArgs", "ispCode");
            }
            return $;
        }
    }
}
