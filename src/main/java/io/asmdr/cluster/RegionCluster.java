package io.asmdr.cluster;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOutputOptions;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Provider;
import io.asmdr.alicloud.cs.CsFunctions;
import io.asmdr.alicloud.cs.ManagedKubernetes;
import io.asmdr.alicloud.cs.ManagedKubernetesArgs;
import io.asmdr.alicloud.cs.NodePool;
import io.asmdr.alicloud.cs.NodePoolArgs;
import io.asmdr.alicloud.cs.inputs.GetClusterCredentialArgs;
import io.asmdr.alicloud.cs.inputs.ManagedKubernetesAddonArgs;
import io.asmdr.alicloud.ecs.SecurityGroupRule;
import io.asmdr.alicloud.ecs.SecurityGroupRuleArgs;
import io.asmdr.config.ClusterSpec;
import io.asmdr.config.Cni;
import io.asmdr.config.NodeLogin;
import io.asmdr.kube.KubernetesPlugin;
import io.asmdr.naming.Identity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * One ACK managed cluster with its node pool, the security-group rules that admit the other
 * clusters' traffic, its kubeconfig (a Pulumi secret from end to end) and the Kubernetes provider
 * built from it.
 *
 * <p>The component is named after its region, its children after the region and their role (and a
 * security-group rule after the CIDR it admits, which is ForceNew): the cluster's console name is a
 * property, so renaming it updates in place.
 *
 * <p>Two credentials, for two lifetimes. The Kubernetes provider's kubeconfig is stored in the
 * stack's state and used again by {@code pulumi destroy} and {@code refresh}, so it is ACK's
 * long-lived credential (no temporaryDurationMinutes: ACK's default validity is three years,
 * UpdateK8sClusterUserConfigExpire API reference), re-read on every {@code pulumi up}. The
 * {@code kubeconfig} output, which operators hand to {@code verify} and {@code drill}, is
 * short-lived when {@code kubeconfigTtlMinutes} is set.
 */
public final class RegionCluster extends ComponentResource {
    public static final String TYPE = "asm-dr:cluster:RegionCluster";
    static final String WORKERS_SUFFIX = "-workers";

    /**
     * @param vswitchIds    control-plane and node vSwitches
     * @param podVswitchIds Terway Pod vSwitches (empty for Flannel)
     * @param peerSources   every other cluster's Pod CIDR (Flannel) or vSwitch CIDRs (Terway)
     * @param nodePassword  the secret password, present exactly when the spec's login is a password
     */
    public record Args(
            String region,
            ClusterSpec cluster,
            Output<List<String>> vswitchIds,
            Output<List<String>> podVswitchIds,
            List<PeerSource> peerSources,
            Optional<Output<String>> nodePassword,
            boolean protect,
            Optional<Integer> kubeconfigTtlMinutes,
            Provider provider,
            Map<String, String> tags,
            boolean unavailable) {
        public Args {
            peerSources = List.copyOf(peerSources);
            tags = Map.copyOf(tags);
        }

        /** Named arguments, so two values of one type ({@code Output<String>}) cannot trade places. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String region;
            private ClusterSpec cluster;
            private Output<List<String>> vswitchIds;
            private Output<List<String>> podVswitchIds;
            private List<PeerSource> peerSources;
            private Optional<Output<String>> nodePassword;
            private boolean protect;
            private boolean unavailable;
            private Optional<Integer> kubeconfigTtlMinutes;
            private Provider provider;
            private Map<String, String> tags;

            private Builder() {}

            public Builder region(String region) {
                this.region = region;
                return this;
            }

            public Builder cluster(ClusterSpec cluster) {
                this.cluster = cluster;
                return this;
            }

            public Builder vswitchIds(Output<List<String>> vswitchIds) {
                this.vswitchIds = vswitchIds;
                return this;
            }

            public Builder podVswitchIds(Output<List<String>> podVswitchIds) {
                this.podVswitchIds = podVswitchIds;
                return this;
            }

            public Builder peerSources(List<PeerSource> peerSources) {
                this.peerSources = peerSources;
                return this;
            }

            public Builder nodePassword(Optional<Output<String>> nodePassword) {
                this.nodePassword = nodePassword;
                return this;
            }

            public Builder protect(boolean protect) {
                this.protect = protect;
                return this;
            }

            /** The region's APIs are down (asm-dr:unavailableRegions): no credential is asked for; default false. */
            public Builder unavailable(boolean unavailable) {
                this.unavailable = unavailable;
                return this;
            }

            public Builder kubeconfigTtlMinutes(Optional<Integer> kubeconfigTtlMinutes) {
                this.kubeconfigTtlMinutes = kubeconfigTtlMinutes;
                return this;
            }

            public Builder provider(Provider provider) {
                this.provider = provider;
                return this;
            }

            public Builder tags(Map<String, String> tags) {
                this.tags = tags;
                return this;
            }

            /** The args; every one is required (an absent optional value is {@code Optional.empty()}). */
            public Args build() {
                return new Args(Objects.requireNonNull(region, "RegionCluster.Args: region is required"),
                        Objects.requireNonNull(cluster, "RegionCluster.Args: cluster is required"),
                        Objects.requireNonNull(vswitchIds, "RegionCluster.Args: vswitchIds is required"),
                        Objects.requireNonNull(podVswitchIds, "RegionCluster.Args: podVswitchIds is required"),
                        Objects.requireNonNull(peerSources, "RegionCluster.Args: peerSources is required"),
                        Objects.requireNonNull(nodePassword, "RegionCluster.Args: nodePassword is required"),
                        protect,
                        Objects.requireNonNull(kubeconfigTtlMinutes, "RegionCluster.Args: kubeconfigTtlMinutes is required"),
                        Objects.requireNonNull(provider, "RegionCluster.Args: provider is required"),
                        Objects.requireNonNull(tags, "RegionCluster.Args: tags is required"),
                        unavailable);
            }
        }
    }

    private final ManagedKubernetes cluster;
    private final NodePool nodePool;
    private final List<SecurityGroupRule> peeringRules = new ArrayList<>();
    private final Output<String> kubeconfig;
    private final com.pulumi.kubernetes.Provider kubernetes;

    public RegionCluster(String region, Args args, @Nullable ComponentResourceOptions options) {
        // the first release named the component and its children after the cluster's config name
        super(TYPE, region, Identity.previously(options, region, args.cluster().name()));
        var spec = args.cluster();
        var clusterName = region + "-ack";
        var cluster = ManagedKubernetesArgs.builder()
                .name(spec.name())
                .clusterSpec(spec.clusterSpec())
                .vswitchIds(args.vswitchIds())
                .serviceCidr(spec.serviceCidr().toString())
                .addons(ManagedKubernetesAddonArgs.builder().name(spec.cni().addonName()).build())
                .proxyMode("ipvs")
                .newNatGateway(true)
                // the public API endpoint is what getClusterCredential's kubeconfig points at
                .slbInternetEnabled(true)
                // set explicitly: the API default may be on, and then `pulumi destroy` fails on the cluster
                .deletionProtection(args.protect())
                .tags(args.tags());
        spec.version().ifPresent(cluster::version);
        if (spec.cni() == Cni.FLANNEL) {
            cluster.podCidr(spec.podCidr().orElseThrow().toString());
        } else {
            cluster.podVswitchIds(args.podVswitchIds());
        }
        var clusterOptions = CustomResourceOptions.builder()
                .parent(this).provider(args.provider()).protect(args.protect())
                .aliases(Identity.previously(clusterName, spec.name()));
        if (spec.version().isEmpty()) {
            // unset: ACK picks its newest at creation; after that only the stack file changes it
            clusterOptions.ignoreChanges("version");
        }
        this.cluster = new ManagedKubernetes(clusterName, cluster.build(), clusterOptions.build());

        var pool = NodePoolArgs.builder()
                .clusterId(this.cluster.id())
                .nodePoolName(spec.name() + "-workers")
                .vswitchIds(args.vswitchIds())
                .instanceTypes(spec.nodePool().instanceTypes())
                .desiredSize(String.valueOf(spec.nodePool().size()))
                .systemDiskCategory(spec.nodePool().systemDiskCategory())
                .systemDiskSize(spec.nodePool().systemDiskSize());
        if (spec.nodePool().login() instanceof NodeLogin.KeyPair keyPair) {
            pool.keyName(keyPair.name());
        } else {
            pool.password(args.nodePassword()
                    .orElseThrow(() -> new IllegalArgumentException("spec asks for a node password but none was passed"))
                    .asSecret());
        }
        var poolName = clusterName + WORKERS_SUFFIX;
        this.nodePool = new NodePool(poolName, pool.build(), CustomResourceOptions.builder()
                .parent(this).provider(args.provider()).protect(args.protect())
                .aliases(Identity.previously(poolName, spec.name() + WORKERS_SUFFIX)).build());

        var perPeer = new HashMap<String, Integer>();
        for (var source : args.peerSources()) {
            int n = perPeer.merge(source.peerCluster(), 1, Integer::sum);
            var legacyName = spec.name() + "-from-" + source.peerCluster() + (n > 1 ? "-" + n : "");
            var ruleName = clusterName + "-from-" + Identity.cidr(source.cidr());
            peeringRules.add(new SecurityGroupRule(ruleName, SecurityGroupRuleArgs.builder()
                    .securityGroupId(this.cluster.securityGroupId())
                    .type("ingress")
                    .ipProtocol("all")
                    .portRange("-1/-1")
                    .cidrIp(source.cidr().toString())
                    .policy("accept")
                    .priority(1)
                    .nicType("intranet")
                    .description("all traffic from " + source.peerCluster())
                    .build(), CustomResourceOptions.builder().parent(this).provider(args.provider())
                    .aliases(Identity.previously(ruleName, legacyName)).build()));
        }

        // a region whose API is down is not asked for a credential; its provider keeps the one in its state
        var providerCredential = args.unavailable() ? Output.of(UNAVAILABLE).asSecret() : credential(Optional.empty(), args.provider());
        this.kubeconfig = args.kubeconfigTtlMinutes().isPresent() && !args.unavailable()
                ? credential(args.kubeconfigTtlMinutes(), args.provider())
                : providerCredential;

        // Workloads need nodes: the provider (and so everything deployed through it) waits for the pool.
        var providerName = Identity.kubernetesProvider(region);
        this.kubernetes = new com.pulumi.kubernetes.Provider(providerName, ProviderArgs.builder()
                .kubeconfig(providerCredential)
                // the cluster explicitly too: the kubeconfig comes from an invoke, which in a first preview is
                // skipped and carries no dependency (pulumi-java DeploymentImpl.invoke)
                .build(), unavailableKeeps(KubernetesPlugin.options().parent(this).dependsOn(this.cluster, nodePool), args.unavailable())
                .aliases(Identity.previously(providerName, Identity.kubernetesProvider(spec.name()))).build());

        registerOutputs(Map.of("clusterId", this.cluster.id(), "kubeconfig", kubeconfig));
    }

    /** What stands for the credential of a region whose API is down: never sent, the provider's state keeps its own. */
    public static final String UNAVAILABLE = "unavailable-region-not-asked";

    private static CustomResourceOptions.Builder unavailableKeeps(CustomResourceOptions.Builder options, boolean unavailable) {
        return unavailable ? options.ignoreChanges("kubeconfig") : options;
    }

    private Output<String> credential(Optional<Integer> ttlMinutes, Provider provider) {
        var args = GetClusterCredentialArgs.builder().clusterId(cluster.id());
        ttlMinutes.ifPresent(args::temporaryDurationMinutes);
        return CsFunctions.getClusterCredential(args.build(), new InvokeOutputOptions.Builder().parent(this).provider(provider).build())
                .applyValue(result -> result.kubeConfig())
                .asSecret();
    }

    public Output<String> clusterId() {
        return cluster.id();
    }

    /** The cluster id as read back from the node pool: resolves only once the cluster has nodes. */
    public Output<String> clusterIdWithNodes() {
        return nodePool.clusterId();
    }

    public Output<String> securityGroupId() {
        return cluster.securityGroupId();
    }

    public Output<String> kubeconfig() {
        return kubeconfig;
    }

    public com.pulumi.kubernetes.Provider kubernetes() {
        return kubernetes;
    }

    public ManagedKubernetes cluster() {
        return cluster;
    }

    public NodePool nodePool() {
        return nodePool;
    }

    public List<SecurityGroupRule> peeringRules() {
        return List.copyOf(peeringRules);
    }
}
