// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against reference/alicloud-schema-gtm.json by AlicloudSchemaTest.
package io.asmdr.alicloud.dns;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class GtmInstanceArgs extends ResourceArgs {

    public static final GtmInstanceArgs Empty = new GtmInstanceArgs();

    @Import(name="instanceName", required=true)
    private Output<String> instanceName;
    @Import(name="paymentType", required=true)
    private Output<String> paymentType;
    @Import(name="period", required=true)
    private Output<Integer> period;
    @Import(name="packageEdition", required=true)
    private Output<String> packageEdition;
    @Import(name="healthCheckTaskCount", required=true)
    private Output<Integer> healthCheckTaskCount;
    @Import(name="smsNotificationCount", required=true)
    private Output<Integer> smsNotificationCount;
    @Import(name="renewPeriod")
    private @Nullable Output<Integer> renewPeriod;
    @Import(name="renewalStatus")
    private @Nullable Output<String> renewalStatus;
    @Import(name="ttl")
    private @Nullable Output<Integer> ttl;
    @Import(name="cnameType")
    private @Nullable Output<String> cnameType;
    @Import(name="publicCnameMode")
    private @Nullable Output<String> publicCnameMode;
    @Import(name="publicUserDomainName")
    private @Nullable Output<String> publicUserDomainName;
    @Import(name="strategyMode")
    private @Nullable Output<String> strategyMode;

    public Output<String> instanceName() {
        return this.instanceName;
    }
    public Output<String> paymentType() {
        return this.paymentType;
    }
    public Output<Integer> period() {
        return this.period;
    }
    public Output<String> packageEdition() {
        return this.packageEdition;
    }
    public Output<Integer> healthCheckTaskCount() {
        return this.healthCheckTaskCount;
    }
    public Output<Integer> smsNotificationCount() {
        return this.smsNotificationCount;
    }
    public Optional<Output<Integer>> renewPeriod() {
        return Optional.ofNullable(this.renewPeriod);
    }
    public Optional<Output<String>> renewalStatus() {
        return Optional.ofNullable(this.renewalStatus);
    }
    public Optional<Output<Integer>> ttl() {
        return Optional.ofNullable(this.ttl);
    }
    public Optional<Output<String>> cnameType() {
        return Optional.ofNullable(this.cnameType);
    }
    public Optional<Output<String>> publicCnameMode() {
        return Optional.ofNullable(this.publicCnameMode);
    }
    public Optional<Output<String>> publicUserDomainName() {
        return Optional.ofNullable(this.publicUserDomainName);
    }
    public Optional<Output<String>> strategyMode() {
        return Optional.ofNullable(this.strategyMode);
    }

    private GtmInstanceArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GtmInstanceArgs $ = new GtmInstanceArgs();

        public Builder renewPeriod(@Nullable Output<Integer> renewPeriod) {
            $.renewPeriod = renewPeriod;
            return this;
        }
        public Builder renewPeriod(Integer renewPeriod) {
            return renewPeriod(Output.of(renewPeriod));
        }
        public Builder instanceName(Output<String> instanceName) {
            $.instanceName = instanceName;
            return this;
        }
        public Builder instanceName(String instanceName) {
            return instanceName(Output.of(instanceName));
        }
        public Builder paymentType(Output<String> paymentType) {
            $.paymentType = paymentType;
            return this;
        }
        public Builder paymentType(String paymentType) {
            return paymentType(Output.of(paymentType));
        }
        public Builder period(Output<Integer> period) {
            $.period = period;
            return this;
        }
        public Builder period(Integer period) {
            return period(Output.of(period));
        }
        public Builder packageEdition(Output<String> packageEdition) {
            $.packageEdition = packageEdition;
            return this;
        }
        public Builder packageEdition(String packageEdition) {
            return packageEdition(Output.of(packageEdition));
        }
        public Builder healthCheckTaskCount(Output<Integer> healthCheckTaskCount) {
            $.healthCheckTaskCount = healthCheckTaskCount;
            return this;
        }
        public Builder healthCheckTaskCount(Integer healthCheckTaskCount) {
            return healthCheckTaskCount(Output.of(healthCheckTaskCount));
        }
        public Builder smsNotificationCount(Output<Integer> smsNotificationCount) {
            $.smsNotificationCount = smsNotificationCount;
            return this;
        }
        public Builder smsNotificationCount(Integer smsNotificationCount) {
            return smsNotificationCount(Output.of(smsNotificationCount));
        }
        public Builder renewalStatus(@Nullable Output<String> renewalStatus) {
            $.renewalStatus = renewalStatus;
            return this;
        }
        public Builder renewalStatus(String renewalStatus) {
            return renewalStatus(Output.of(renewalStatus));
        }
        public Builder ttl(@Nullable Output<Integer> ttl) {
            $.ttl = ttl;
            return this;
        }
        public Builder ttl(Integer ttl) {
            return ttl(Output.of(ttl));
        }
        public Builder cnameType(@Nullable Output<String> cnameType) {
            $.cnameType = cnameType;
            return this;
        }
        public Builder cnameType(String cnameType) {
            return cnameType(Output.of(cnameType));
        }
        public Builder publicCnameMode(@Nullable Output<String> publicCnameMode) {
            $.publicCnameMode = publicCnameMode;
            return this;
        }
        public Builder publicCnameMode(String publicCnameMode) {
            return publicCnameMode(Output.of(publicCnameMode));
        }
        public Builder publicUserDomainName(@Nullable Output<String> publicUserDomainName) {
            $.publicUserDomainName = publicUserDomainName;
            return this;
        }
        public Builder publicUserDomainName(String publicUserDomainName) {
            return publicUserDomainName(Output.of(publicUserDomainName));
        }
        public Builder strategyMode(@Nullable Output<String> strategyMode) {
            $.strategyMode = strategyMode;
            return this;
        }
        public Builder strategyMode(String strategyMode) {
            return strategyMode(Output.of(strategyMode));
        }

        public GtmInstanceArgs build() {
            if ($.instanceName == null) {
                throw new MissingRequiredPropertyException("GtmInstanceArgs", "instanceName");
            }
            if ($.paymentType == null) {
                throw new MissingRequiredPropertyException("GtmInstanceArgs", "paymentType");
            }
            if ($.period == null) {
                throw new MissingRequiredPropertyException("GtmInstanceArgs", "period");
            }
            if ($.packageEdition == null) {
                throw new MissingRequiredPropertyException("GtmInstanceArgs", "packageEdition");
            }
            if ($.healthCheckTaskCount == null) {
                throw new MissingRequiredPropertyException("GtmInstanceArgs", "healthCheckTaskCount");
            }
            if ($.smsNotificationCount == null) {
                throw new MissingRequiredPropertyException("GtmInstanceArgs", "smsNotificationCount");
            }
            return $;
        }
    }
}
