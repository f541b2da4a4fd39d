// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.ecs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class SecurityGroupRuleArgs extends ResourceArgs {

    public static final SecurityGroupRuleArgs Empty = new SecurityGroupRuleArgs();

    @Import(name="securityGroupId", required=true)
    private Output<String> securityGroupId;
    @Import(name="type", required=true)
    private Output<String> type;
    @Import(name="ipProtocol", required=true)
    private Output<String> ipProtocol;
    @Import(name="portRange")
    private @Nullable Output<String> portRange;
    @Import(name="cidrIp")
    private @Nullable Output<String> cidrIp;
    @Import(name="policy")
    private @Nullable Output<String> policy;
    @Import(name="priority")
    private @Nullable Output<Integer> priority;
    @Import(name="nicType")
    private @Nullable Output<String> nicType;
    @Import(name="description")
    private @Nullable Output<String> description;

    public Output<String> securityGroupId() {
        return this.securityGroupId;
    }
    public Output<String> type() {
        return this.type;
    }
    public Output<String> ipProtocol() {
        return this.ipProtocol;
    }
    public Optional<Output<String>> portRange() {
        return Optional.ofNullable(this.portRange);
    }
    public Optional<Output<String>> cidrIp() {
        return Optional.ofNullable(this.cidrIp);
    }
    public Optional<Output<String>> policy() {
        return Optional.ofNullable(this.policy);
    }
    public Optional<Output<Integer>> priority() {
        return Optional.ofNullable(this.priority);
    }
    public Optional<Output<String>> nicType() {
        return Optional.ofNullable(this.nicType);
    }
    public Optional<Output<String>> description() {
        return Optional.ofNullable(this.description);
    }

    private SecurityGroupRuleArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final SecurityGroupRuleArgs $ = new SecurityGroupRuleArgs();

        public Builder securityGroupId(Output<String> securityGroupId) {
            $.securityGroupId = securityGroupId;
            return this;
        }
        public Builder securityGroupId(String securityGroupId) {
            return securityGroupId(Output.of(securityGroupId));
        }
        public Builder type(Output<String> type) {
            $.type = type;
            return this;
        }
        public Builder type(String type) {
            return type(Output.of(type));
        }
        public Builder ipProtocol(Output<String> ipProtocol) {
            $.ipProtocol = ipProtocol;
            return this;
        }
        public Builder ipProtocol(String ipProtocol) {
            return ipProtocol(Output.of(ipProtocol));
        }
        public Builder portRange(@Nullable Output<String> portRange) {
            $.portRange = portRange;
            return this;
        }
        public Builder portRange(String portRange) {
            return portRange(Output.of(portRange));
        }
        public Builder cidrIp(@Nullable Output<String> cidrIp) {
            $.cidrIp = cidrIp;
            return this;
        }
        public Builder cidrIp(String cidrIp) {
            return cidrIp(Output.of(cidrIp));
        }
        public Builder policy(@Nullable Output<String> policy) {
            $.policy = policy;
            return this;
        }
        public Builder policy(String policy) {
            return policy(Output.of(policy));
        }
        public Builder priority(@Nullable Output<Integer> priority) {
            $.priority = priority;
            return this;
        }
        public Builder priority(Integer priority) {
            return priority(Output.of(priority));
        }
        public Builder nicType(@Nullable Output<String> nicType) {
            $.nicType = nicType;
            return this;
        }
        public Builder nicType(String nicType) {
            return nicType(Output.of(nicType));
        }
        public Builder description(@Nullable Output<String> description) {
            $.description = description;
            return this;
        }
        public Builder description(String description) {
            return description(Output.of(description));
        }

        public SecurityGroupRuleArgs build() {
            if ($.securityGroupId == null) {
                throw new MissingRequiredPropertyException("SecurityGroupRuleArgs", "securityGroupId");
            }
            if ($.type == null) {
                throw new MissingRequiredPropertyException("SecurityGroupRuleArgs", "type");
            }
            if ($.ipProtocol == null) {
                throw new MissingRequiredPropertyException("SecurityGroupRuleArgs", "ipProtocol");
            }
            return $;
        }
    }
}
