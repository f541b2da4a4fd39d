// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import io.asmdr.alicloud.dns.inputs.AccessStrategyDefaultAddrPoolArgs;
import io.asmdr.alicloud.dns.inputs.AccessStrategyFailoverAddrPoolArgs;
import io.asmdr.alicloud.dns.inputs.AccessStrategyLineArgs;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

public final class AccessStrategyArgs extends ResourceArgs {

    public static final AccessStrategyArgs Empty = new AccessStrategyArgs();

    @Import(name="instanceId", required=true)
    private Output<String> instanceId;
    @Import(name="strategyName", required=true)
    private Output<String> strategyName;
    @Import(name="strategyMode", required=true)
    private Output<String> strategyMode;
    @Import(name="defaultLbaStrategy")
    private @Nullable Output<String> defaultLbaStrategy;
    @Import(name="failoverLbaStrategy")
    private @Nullable Output<String> failoverLbaStrategy;
    @Import(name="accessMode")
    private @Nullable Output<String> accessMode;
    @Import(name="defaultAddrPoolType", required=true)
    private Output<String> defaultAddrPoolType;
    @Import(name="defaultAddrPools", required=true)
    private Output<List<AccessStrategyDefaultAddrPoolArgs>> defaultAddrPools;
    @Import(name="defaultMinAvailableAddrNum", required=true)
    private Output<Integer> defaultMinAvailableAddrNum;
    @Import(name="failoverAddrPoolType")
    private @Nullable Output<String> failoverAddrPoolType;
    @Import(name="failoverAddrPools")
    private @Nullable Output<List<AccessStrategyFailoverAddrPoolArgs>> failoverAddrPools;
    @Import(name="failoverMinAvailableAddrNum")
    private @Nullable Output<Integer> failoverMinAvailableAddrNum;
    @Import(name="lines")
    private @Nullable Output<List<AccessStrategyLineArgs>> lines;

    public Output<String> instanceId() {
        return this.instanceId;
    }
    public Output<String> strategyName() {
        return this.strategyName;
    }
    public Output<String> strategyMode() {
        return this.strategyMode;
    }
    public Optional<Output<String>> failoverLbaStrategy() {
        return Optional.ofNullable(this.failoverLbaStrategy);
    }
    public Optional<Output<String>> defaultLbaStrategy() {
        return Optional.ofNullable(this.defaultLbaStrategy);
    }
    public Optional<Output<String>> accessMode() {
        return Optional.ofNullable(this.accessMode);
    }
    public Output<String> defaultAddrPoolType() {
        return this.defaultAddrPoolType;
    }
    public Output<List<AccessStrategyDefaultAddrPoolArgs>> defaultAddrPools() {
        return this.defaultAddrPools;
    }
    public Output<Integer> defaultMinAvailableAddrNum() {
        return this.defaultMinAvailableAddrNum;
    }
    public Optional<Output<String>> failoverAddrPoolType() {
        return Optional.ofNullable(this.failoverAddrPoolType);
    }
    public Optional<Output<List<AccessStrategyFailoverAddrPoolArgs>>> failoverAddrPools() {
        return Optional.ofNullable(this.failoverAddrPools);
    }
    public Optional<Output<Integer>> failoverMinAvailableAddrNum() {
        return Optional.ofNullable(this.failoverMinAvailableAddrNum);
    }
    public Optional<Output<List<AccessStrategyLineArgs>>> lines() {
        return Optional.ofNullable(this.lines);
    }

    private AccessStrategyArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final AccessStrategyArgs $ = new AccessStrategyArgs();

        public Builder failoverLbaStrategy(@Nullable Output<String> failoverLbaStrategy) {
            $.failoverLbaStrategy = failoverLbaStrategy;
            return this;
        }
        public Builder failoverLbaStrategy(String failoverLbaStrategy) {
            return failoverLbaStrategy(Output.of(failoverLbaStrategy));
        }
        public Builder defaultLbaStrategy(@Nullable Output<String> defaultLbaStrategy) {
            $.defaultLbaStrategy = defaultLbaStrategy;
            return this;
        }
        public Builder defaultLbaStrategy(String defaultLbaStrategy) {
            return defaultLbaStrategy(Output.of(defaultLbaStrategy));
        }
        public Builder instanceId(Output<String> instanceId) {
            $.instanceId = instanceId;
            return this;
        }
        public Builder instanceId(String instanceId) {
            return instanceId(Output.of(instanceId));
        }
        public Builder strategyName(Output<String> strategyName) {
            $.strategyName = strategyName;
            return this;
        }
        public Builder strategyName(String strategyName) {
            return strategyName(Output.of(strategyName));
        }
        public Builder strategyMode(Output<String> strategyMode) {
            $.strategyMode = strategyMode;
            return this;
        }
        public Builder strategyMode(String strategyMode) {
            return strategyMode(Output.of(strategyMode));
        }
        public Builder accessMode(@Nullable Output<String> accessMode) {
            $.accessMode = accessMode;
            return this;
        }
        public Builder accessMode(String accessMode) {
            return accessMode(Output.of(accessMode));
        }
        public Builder defaultAddrPoolType(Output<String> defaultAddrPoolType) {
            $.defaultAddrPoolType = defaultAddrPoolType;
            return this;
        }
        public Builder defaultAddrPoolType(String defaultAddrPoolType) {
            return defaultAddrPoolType(Output.of(defaultAddrPoolType));
        }
        public Builder defaultAddrPools(Output<List<AccessStrategyDefaultAddrPoolArgs>> defaultAddrPools) {
            $.defaultAddrPools = defaultAddrPools;
            return this;
        }
        public Builder defaultAddrPools(List<AccessStrategyDefaultAddrPoolArgs> defaultAddrPools) {
            return defaultAddrPools(Output.of(defaultAddrPools));
        }
        public Builder defaultAddrPools(AccessStrategyDefaultAddrPoolArgs... defaultAddrPools) {
            return defaultAddrPools(List.of(defaultAddrPools));
        }
        public Builder defaultMinAvailableAddrNum(Output<Integer> defaultMinAvailableAddrNum) {
            $.defaultMinAvailableAddrNum = defaultMinAvailableAddrNum;
            return this;
        }
        public Builder defaultMinAvailableAddrNum(Integer defaultMinAvailableAddrNum) {
            return defaultMinAvailableAddrNum(Output.of(defaultMinAvailableAddrNum));
        }
        public Builder failoverAddrPoolType(@Nullable Output<String> failoverAddrPoolType) {
            $.failoverAddrPoolType = failoverAddrPoolType;
            return this;
        }
        public Builder failoverAddrPoolType(String failoverAddrPoolType) {
            return failoverAddrPoolType(Output.of(failoverAddrPoolType));
        }
        public Builder failoverAddrPools(@Nullable Output<List<AccessStrategyFailoverAddrPoolArgs>> failoverAddrPools) {
            $.failoverAddrPools = failoverAddrPools;
            return this;
        }
        public Builder failoverAddrPools(List<AccessStrategyFailoverAddrPoolArgs> failoverAddrPools) {
            return failoverAddrPools(Output.of(failoverAddrPools));
        }
        public Builder failoverAddrPools(AccessStrategyFailoverAddrPoolArgs... failoverAddrPools) {
            return failoverAddrPools(List.of(failoverAddrPools));
        }
        public Builder failoverMinAvailableAddrNum(@Nullable Output<Integer> failoverMinAvailableAddrNum) {
            $.failoverMinAvailableAddrNum = failoverMinAvailableAddrNum;
            return this;
        }
        public Builder failoverMinAvailableAddrNum(Integer failoverMinAvailableAddrNum) {
            return failoverMinAvailableAddrNum(Output.of(failoverMinAvailableAddrNum));
        }
        public Builder lines(@Nullable Output<List<AccessStrategyLineArgs>> lines) {
            $.lines = lines;
            return this;
        }
        public Builder lines(List<AccessStrategyLineArgs> lines) {
            return lines(Output.of(lines));
        }
        public Builder lines(AccessStrategyLineArgs... lines) {
            return lines(List.of(lines));
        }

        public AccessStrategyArgs build() {
            if ($.instanceId == null) {
                throw new MissingRequiredPropertyException("AccessStrategyArgs", "instanceId");
            }
            if ($.strategyName == null) {
                throw new MissingRequiredPropertyException("AccessStrategyArgs", "strategyName");
            }
            if ($.strategyMode == null) {
                throw new MissingRequiredPropertyException("AccessStrategyArgs", "strategyMode");
            }
            if ($.defaultAddrPoolType == null) {
                throw new MissingRequiredPropertyException("AccessStrategyArgs", "defaultAddrPoolType");
            }
            if ($.defaultAddrPools == null) {
                throw new MissingRequiredPropertyException("AccessStrategyArgs", "defaultAddrPools");
            }
            if ($.defaultMinAvailableAddrNum == null) {
                throw new MissingRequiredPropertyException("AccessStrategyArgs", "defaultMinAvailableAddrNum");
            }
            return $;
        }
    }
}
