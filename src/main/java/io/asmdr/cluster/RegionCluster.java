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
import io.asmdr.spec.ClusterSpec;
import io.asmdr.spec.Cni;
import io.asmdr.spec.NodeLogin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * One ACK managed cluster with its node pool, the security-group rules that admit the other
 * clusters' traffic, its kubeconfig (a Pulumi secret from end to end) and the Kubernetes provider
 * built from it.
 */
public final class RegionCluster extends ComponentResource {
    public static final String TYPE = "asm-dr:cluster:RegionCluster";
    private static final String KUBERNETES_PROVIDER_SUFFIX = "-k8s";

    /**
     * @param vswitchIds    control-plane and node vSwitches
     * @param podVswitchIds Terway Pod vSwitches (empty for Flannel)
     * @param peerSources   every other cluster's Pod CIDR (Flannel) or vSwitch CIDRs (Terway)
     * @param nodePassword  the secret password, present exactly when the spec's login is a password
     */
    public record Args(
            ClusterSpec cluster,
            Output<List<String>> vswitchIds,
            Output<List<String>> podVswitchIds,
            List<PeerSource> peerSources,
            Optional<Output<String>> nodePassword,
            boolean protect,
            Optional<Integer> kubeconfigTtlMinutes,
            Provider provider,
            Map<String, String> tags) {
        public Args {
            peerSources = List.copyOf(peerSources);
            tags = Map.copyOf(tags);
        }
    }

    private final ManagedKubernetes cluster;
    private final NodePool nodePool;
    private final List<SecurityGroupRule> peeringRules = new ArrayList<>();
    private final Output<String> kubeconfig;
    private final com.pulumi.kubernetes.Provider kubernetes;

    public RegionCluster(String name, Args args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        var spec = args.cluster();
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
        this.cluster = new ManagedKubernetes(spec.name(), cluster.build(), CustomResourceOptions.builder()
                .parent(this).provider(args.provider()).protect(args.protect()).build());

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
        this.nodePool = new NodePool(spec.name() + "-workers", pool.build(),
                CustomResourceOptions.builder().parent(this).provider(args.provider()).build());

        var perPeer = new HashMap<String, Integer>();
        for (var source : args.peerSources()) {
            int n = perPeer.merge(source.peerCluster(), 1, Integer::sum);
            var ruleName = spec.name() + "-from-" + source.peerCluster() + (n > 1 ? "-" + n : "");
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
                    .build(), CustomResourceOptions.builder().parent(this).provider(args.provider()).build()));
        }

        var credential = GetClusterCredentialArgs.builder().clusterId(this.cluster.id());
        args.kubeconfigTtlMinutes().ifPresent(credential::temporaryDurationMinutes);
        this.kubeconfig = CsFunctions.getClusterCredential(credential.build(),
                        new InvokeOutputOptions.Builder().parent(this).provider(args.provider()).build())
                .applyValue(result -> result.kubeConfig())
                .asSecret();

        // Workloads need nodes: the provider (and so everything deployed through it) waits for the pool.
        this.kubernetes = new com.pulumi.kubernetes.Provider(kubernetesProviderName(spec.name()), ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(nodePool).build());

        registerOutputs(Map.of("clusterId", this.cluster.id(), "kubeconfig", kubeconfig));
    }

    /** The logical name of a cluster's Kubernetes provider; plans are read back through it. */
    public static String kubernetesProviderName(String cluster) {
        return cluster + KUBERNETES_PROVIDER_SUFFIX;
    }

    /** The cluster a Kubernetes provider of this component belongs to. */
    public static Optional<String> clusterOfKubernetesProvider(String providerName) {
        return providerName.endsWith(KUBERNETES_PROVIDER_SUFFIX)
                ? Optional.of(providerName.substring(0, providerName.length() - KUBERNETES_PROVIDER_SUFFIX.length()))
                : Optional.empty();
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
