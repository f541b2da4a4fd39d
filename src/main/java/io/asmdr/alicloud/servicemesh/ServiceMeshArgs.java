// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.servicemesh;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import io.asmdr.alicloud.servicemesh.inputs.ServiceMeshExtraConfigurationArgs;
import io.asmdr.alicloud.servicemesh.inputs.ServiceMeshLoadBalancerArgs;
import io.asmdr.alicloud.servicemesh.inputs.ServiceMeshMeshConfigArgs;
import io.asmdr.alicloud.servicemesh.inputs.ServiceMeshNetworkArgs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

public final class ServiceMeshArgs extends ResourceArgs {

    public static final ServiceMeshArgs Empty = new ServiceMeshArgs();

    @Import(name="serviceMeshName")
    private @Nullable Output<String> serviceMeshName;
    @Import(name="edition")
    private @Nullable Output<String> edition;
    @Import(name="clusterSpec")
    private @Nullable Output<String> clusterSpec;
    @Import(name="version")
    private @Nullable Output<String> version;
    @Import(name="clusterIds")
    private @Nullable Output<List<String>> clusterIds;
    @Import(name="network", required=true)
    private Output<ServiceMeshNetworkArgs> network;
    @Import(name="meshConfig")
    private @Nullable Output<ServiceMeshMeshConfigArgs> meshConfig;
    @Import(name="extraConfiguration")
    private @Nullable Output<ServiceMeshExtraConfigurationArgs> extraConfiguration;
    @Import(name="loadBalancer")
    private @Nullable Output<ServiceMeshLoadBalancerArgs> loadBalancer;
    @Import(name="force")
    private @Nullable Output<Boolean> force;
    @Import(name="tags")
    private @Nullable Output<Map<String,String>> tags;

    public Optional<Output<String>> serviceMeshName() {
        return Optional.ofNullable(this.serviceMeshName);
    }
    public Optional<Output<String>> edition() {
        return Optional.ofNullable(this.edition);
    }
    public Optional<Output<String>> clusterSpec() {
        return Optional.ofNullable(this.clusterSpec);
    }
    public Optional<Output<String>> version() {
        return Optional.ofNullable(this.version);
    }
    public Optional<Output<List<String>>> clusterIds() {
        return Optional.ofNullable(this.clusterIds);
    }
    public Output<ServiceMeshNetworkArgs> network() {
        return this.network;
    }
    public Optional<Output<ServiceMeshMeshConfigArgs>> meshConfig() {
        return Optional.ofNullable(this.meshConfig);
    }
    public Optional<Output<ServiceMeshExtraConfigurationArgs>> extraConfiguration() {
        return Optional.ofNullable(this.extraConfiguration);
    }
    public Optional<Output<ServiceMeshLoadBalancerArgs>> loadBalancer() {
        return Optional.ofNullable(this.loadBalancer);
    }
    public Optional<Output<Boolean>> force() {
        return Optional.ofNullable(this.force);
    }
    public Optional<Output<Map<String,String>>> tags() {
        return Optional.ofNullable(this.tags);
    }

    private ServiceMeshArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ServiceMeshArgs $ = new ServiceMeshArgs();

        public Builder serviceMeshName(@Nullable Output<String> serviceMeshName) {
            $.serviceMeshName = serviceMeshName;
            return this;
        }
        public Builder serviceMeshName(String serviceMeshName) {
            return serviceMeshName(Output.of(serviceMeshName));
        }
        public Builder edition(@Nullable Output<String> edition) {
            $.edition = edition;
            return this;
        }
        public Builder edition(String edition) {
            return edition(Output.of(edition));
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
        public Builder clusterIds(@Nullable Output<List<String>> clusterIds) {
            $.clusterIds = clusterIds;
            return this;
        }
        public Builder clusterIds(List<String> clusterIds) {
            return clusterIds(Output.of(clusterIds));
        }
        public Builder clusterIds(String... clusterIds) {
            return clusterIds(List.of(clusterIds));
        }
        public Builder network(Output<ServiceMeshNetworkArgs> network) {
            $.network = network;
            return this;
        }
        public Builder network(ServiceMeshNetworkArgs network) {
            return network(Output.of(network));
        }
        public Builder meshConfig(@Nullable Output<ServiceMeshMeshConfigArgs> meshConfig) {
            $.meshConfig = meshConfig;
            return this;
        }
        public Builder meshConfig(ServiceMeshMeshConfigArgs meshConfig) {
            return meshConfig(Output.of(meshConfig));
        }
        public Builder extraConfiguration(@Nullable Output<ServiceMeshExtraConfigurationArgs> extraConfiguration) {
            $.extraConfiguration = extraConfiguration;
            return this;
        }
        public Builder extraConfiguration(ServiceMeshExtraConfigurationArgs extraConfiguration) {
            return extraConfiguration(Output.of(extraConfiguration));
        }
        public Builder loadBalancer(@Nullable Output<ServiceMeshLoadBalancerArgs> loadBalancer) {
            $.loadBalancer = loadBalancer;
            return this;
        }
        public Builder loadBalancer(ServiceMeshLoadBalancerArgs loadBalancer) {
            return loadBalancer(Output.of(loadBalancer));
        }
        public Builder force(@Nullable Output<Boolean> force) {
            $.force = force;
            return this;
        }
        public Builder force(Boolean force) {
            return force(Output.of(force));
        }
        public Builder tags(@Nullable Output<Map<String,String>> tags) {
            $.tags = tags;
            return this;
        }
        public Builder tags(Map<String,String> tags) {
            return tags(Output.of(tags));
        }

        public ServiceMeshArgs build() {
            if ($.network == null) {
                throw new MissingRequiredPropertyException("ServiceMeshArgs", "network");
            }
            return $;
        }
    }
}
