// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import io.asmdr.alicloud.dns.inputs.MonitorConfigIspCityNodeArgs;
import java.util.List;

public final class MonitorConfigArgs extends ResourceArgs {

    public static final MonitorConfigArgs Empty = new MonitorConfigArgs();

    @Import(name="addrPoolId", required=true)
    private Output<String> addrPoolId;
    @Import(name="evaluationCount", required=true)
    private Output<Integer> evaluationCount;
    @Import(name="interval", required=true)
    private Output<Integer> interval;
    @Import(name="timeout", required=true)
    private Output<Integer> timeout;
    @Import(name="protocolType", required=true)
    private Output<String> protocolType;
    @Import(name="monitorExtendInfo", required=true)
    private Output<String> monitorExtendInfo;
    @Import(name="ispCityNodes", required=true)
    private Output<List<MonitorConfigIspCityNodeArgs>> ispCityNodes;

    public Output<String> addrPoolId() {
        return this.addrPoolId;
    }
    public Output<Integer> evaluationCount() {
        return this.evaluationCount;
    }
    public Output<Integer> interval() {
        return this.interval;
    }
    public Output<Integer> timeout() {
        return this.timeout;
    }
    public Output<String> protocolType() {
        return this.protocolType;
    }
    public Output<String> monitorExtendInfo() {
        return this.monitorExtendInfo;
    }
    public Output<List<MonitorConfigIspCityNodeArgs>> ispCityNodes() {
        return this.ispCityNodes;
    }

    private MonitorConfigArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final MonitorConfigArgs $ = new MonitorConfigArgs();

        public Builder addrPoolId(Output<String> addrPoolId) {
            $.addrPoolId = addrPoolId;
            return this;
        }
        public Builder addrPoolId(String addrPoolId) {
            return addrPoolId(Output.of(addrPoolId));
        }
        public Builder evaluationCount(Output<Integer> evaluationCount) {
            $.evaluationCount = evaluationCount;
            return this;
        }
        public Builder evaluationCount(Integer evaluationCount) {
            return evaluationCount(Output.of(evaluationCount));
        }
        public Builder interval(Output<Integer> interval) {
            $.interval = interval;
            return this;
        }
        public Builder interval(Integer interval) {
            return interval(Output.of(interval));
        }
        public Builder timeout(Output<Integer> timeout) {
            $.timeout = timeout;
            return this;
        }
        public Builder timeout(Integer timeout) {
            return timeout(Output.of(timeout));
        }
        public Builder protocolType(Output<String> protocolType) {
            $.protocolType = protocolType;
            return this;
        }
        public Builder protocolType(String protocolType) {
            return protocolType(Output.of(protocolType));
        }
        public Builder monitorExtendInfo(Output<String> monitorExtendInfo) {
            $.monitorExtendInfo = monitorExtendInfo;
            return this;
        }
        public Builder monitorExtendInfo(String monitorExtendInfo) {
            return monitorExtendInfo(Output.of(monitorExtendInfo));
        }
        public Builder ispCityNodes(Output<List<MonitorConfigIspCityNodeArgs>> ispCityNodes) {
            $.ispCityNodes = ispCityNodes;
            return this;
        }
        public Builder ispCityNodes(List<MonitorConfigIspCityNodeArgs> ispCityNodes) {
            return ispCityNodes(Output.of(ispCityNodes));
        }
        public Builder ispCityNodes(MonitorConfigIspCityNodeArgs... ispCityNodes) {
            return ispCityNodes(List.of(ispCityNodes));
        }

        public MonitorConfigArgs build() {
            if ($.addrPoolId == null) {
                throw new MissingRequiredPropertyException("MonitorConfigArgs", "addrPoolId");
            }
            if ($.evaluationCount == null) {
                throw new MissingRequiredPropertyException("MonitorConfigArgs", "evaluationCount");
            }
            if ($.interval == null) {
                throw new MissingRequiredPropertyException("MonitorConfigArgs", "interval");
            }
            if ($.timeout == null) {
                throw new MissingRequiredPropertyException("MonitorConfigArgs", "timeout");
            }
            if ($.protocolType == null) {
                throw new MissingRequiredPropertyException("MonitorConfigArgs", "protocolType");
            }
            if ($.monitorExtendInfo == null) {
                throw new MissingRequiredPropertyException("MonitorConfigArgs", "monitorExtendInfo");
            }
            if ($.ispCityNodes == null) {
                throw new MissingRequiredPropertyException("MonitorConfigArgs", "ispCityNodes");
            }
            return $;
        }
    }
}
