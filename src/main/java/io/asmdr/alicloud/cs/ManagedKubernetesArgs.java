// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import io.asmdr.alicloud.cs.inputs.ManagedKubernetesAddonArgs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

public final class ManagedKubernetesArgs extends ResourceArgs {

    public static final ManagedKubernetesArgs Empty = new ManagedKubernetesArgs();

    @Import(name="name")
    private @Nullable Output<String> name;
    @Import(name="clusterSpec")
    private @Nullable Output<String> clusterSpec;
    @Import(name="version")
    private @Nullable Output<String> version;
    @Import(name="vswitchIds")
    private @Nullable Output<List<String>> vswitchIds;
    @Import(name="podCidr")
    private @Nullable Output<String> podCidr;
    @Import(name="podVswitchIds")
    private @Nullable Output<List<String>> podVswitchIds;
    @Import(name="serviceCidr")
    private @Nullable Output<String> serviceCidr;
    @Import(name="newNatGateway")
    private @Nullable Output<Boolean> newNatGateway;
    @Import(name="slbInternetEnabled")
    private @Nullable Output<Boolean> slbInternetEnabled;
    @Import(name="deletionProtection")
    private @Nullable Output<Boolean> deletionProtection;
    @Import(name="proxyMode")
    private @Nullable Output<String> proxyMode;
    @Import(name="addons")
    private @Nullable Output<List<ManagedKubernetesAddonArgs>> addons;
    @Import(name="tags")
    private @Nullable Output<Map<String,String>> tags;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }
    public Optional<Output<String>> clusterSpec() {
        return Optional.ofNullable(this.clusterSpec);
    }
    public Optional<Output<String>> version() {
        return Optional.ofNullable(this.version);
    }
    public Optional<Output<List<String>>> vswitchIds() {
        return Optional.ofNullable(this.vswitchIds);
    }
    public Optional<Output<String>> podCidr() {
        return Optional.ofNullable(this.podCidr);
    }
    public Optional<Output<List<String>>> podVswitchIds() {
        return Optional.ofNullable(this.podVswitchIds);
    }
    public Optional<Output<String>> serviceCidr() {
        return Optional.ofNullable(this.serviceCidr);
    }
    public Optional<Output<Boolean>> newNatGateway() {
        return Optional.ofNullable(this.newNatGateway);
    }
    public Optional<Output<Boolean>> slbInternetEnabled() {
        return Optional.ofNullable(this.slbInternetEnabled);
    }
    public Optional<Output<Boolean>> deletionProtection() {
        return Optional.ofNullable(this.deletionProtection);
    }
    public Optional<Output<String>> proxyMode() {
        return Optional.ofNullable(this.proxyMode);
    }
    public Optional<Output<List<ManagedKubernetesAddonArgs>>> addons() {
        return Optional.ofNullable(this.addons);
    }
    public Optional<Output<Map<String,String>>> tags() {
        return Optional.ofNullable(this.tags);
    }

    private ManagedKubernetesArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ManagedKubernetesArgs $ = new ManagedKubernetesArgs();

        public Builder name(@Nullable Output<String> name) {
            $.name = name;
            return this;
        }
        public Builder name(String name) {
            return name(Output.of(name));
        }
        public Builder clusterSpec(@Nullable Output<String> clusterSpec) {
            $.clusterSpec = clusterSpec;
            return this;
        }
        public Builder clusterSpec(String clusterSpec) {
            return clusterSpec(Output.of(clusterSpec));
        }
        public Builder version(@Nullable Output<String> version) {
            $.version = version;
            return this;
        }
        public Builder version(String version) {
            return version(Output.of(version));
        }
        public Builder vswitchIds(@Nullable Output<List<String>> vswitchIds) {
            $.vswitchIds = vswitchIds;
            return this;
        }
        public Builder vswitchIds(List<String> vswitchIds) {
            return vswitchIds(Output.of(vswitchIds));
        }
        public Builder vswitchIds(String... vswitchIds) {
            return vswitchIds(List.of(vswitchIds));
        }
        public Builder podCidr(@Nullable Output<String> podCidr) {
            $.podCidr = podCidr;
            return this;
        }
        public Builder podCidr(String podCidr) {
            return podCidr(Output.of(podCidr));
        }
        public Builder podVswitchIds(@Nullable Output<List<String>> podVswitchIds) {
            $.podVswitchIds = podVswitchIds;
            return this;
        }
        public Builder podVswitchIds(List<String> podVswitchIds) {
            return podVswitchIds(Output.of(podVswitchIds));
        }
        public Builder podVswitchIds(String... podVswitchIds) {
            return podVswitchIds(List.of(podVswitchIds));
        }
        public Builder serviceCidr(@Nullable Output<String> serviceCidr) {
            $.serviceCidr = serviceCidr;
            return this;
        }
        public Builder serviceCidr(String serviceCidr) {
            return serviceCidr(Output.of(serviceCidr));
        }
        public Builder newNatGateway(@Nullable Output<Boolean> newNatGateway) {
            $.newNatGateway = newNatGateway;
            return this;
        }
        public Builder newNatGateway(Boolean newNatGateway) {
            return newNatGateway(Output.of(newNatGateway));
        }
        public Builder slbInternetEnabled(@Nullable Output<Boolean> slbInternetEnabled) {
            $.slbInternetEnabled = slbInternetEnabled;
            return this;
        }
        public Builder slbInternetEnabled(Boolean slbInternetEnabled) {
            return slbInternetEnabled(Output.of(slbInternetEnabled));
        }
        public Builder deletionProtection(@Nullable Output<Boolean> deletionProtection) {
            $.deletionProtection = deletionProtection;
            return this;
        }
        public Builder deletionProtection(Boolean deletionProtection) {
            return deletionProtection(Output.of(deletionProtection));
        }
        public Builder proxyMode(@Nullable Output<String> proxyMode) {
            $.proxyMode = proxyMode;
            return this;
        }
        public Builder proxyMode(String proxyMode) {
            return proxyMode(Output.of(proxyMode));
        }
        public Builder addons(@Nullable Output<List<ManagedKubernetesAddonArgs>> addons) {
            $.addons = addons;
            return this;
        }
        public Builder addons(List<ManagedKubernetesAddonArgs> addons) {
            return addons(Output.of(addons));
        }
        public Builder addons(ManagedKubernetesAddonArgs... addons) {
            return addons(List.of(addons));
        }
        public Builder tags(@Nullable Output<Map<String,String>> tags) {
            $.tags = tags;
            return this;
        }
        public Builder tags(Map<String,String> tags) {
            return tags(Output.of(tags));
        }

        public ManagedKubernetesArgs build() {
            return $;
        }
    }
}
