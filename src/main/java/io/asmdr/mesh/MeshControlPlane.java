package io.asmdr.mesh;

import com.google.common.collect.ImmutableSet;
import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputData;
import com.pulumi.core.internal.OutputInternal;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.InvokeOutputOptions;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.Resource;
import io.asmdr.alicloud.Provider;
import io.asmdr.alicloud.servicemesh.ServiceMesh;
import io.asmdr.alicloud.servicemesh.ServiceMeshArgs;
import io.asmdr.alicloud.servicemesh.ServicemeshFunctions;
import io.asmdr.alicloud.servicemesh.inputs.GetVersionsArgs;
import io.asmdr.alicloud.servicemesh.inputs.ServiceMeshExtraConfigurationArgs;
import io.asmdr.alicloud.servicemesh.inputs.ServiceMeshLoadBalancerArgs;
import io.asmdr.alicloud.servicemesh.inputs.ServiceMeshMeshConfigArgs;
import io.asmdr.alicloud.servicemesh.inputs.ServiceMeshMeshConfigKialiArgs;
import io.asmdr.alicloud.servicemesh.inputs.ServiceMeshNetworkArgs;
import io.asmdr.alicloud.servicemesh.outputs.GetVersionsVersion;
import io.asmdr.config.IngressGatewaySpec;
import io.asmdr.config.IstioApi;
import io.asmdr.config.MeshSpec;
import io.asmdr.kube.CustomResource;
import io.asmdr.kube.CustomResourceArgs;
import io.asmdr.kube.KubernetesPlugin;
import io.asmdr.naming.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * One ASM instance, the Kubernetes provider through which Istio objects reach its control plane, and
 * the managed ingress gateway(s) of its member clusters. A single control plane is one of these in
 * the mesh's own VPC with every cluster joined; per region ({@code asm-dr:mesh.controlPlane:
 * perRegion}) there is one per region, in that region's cluster VPC, joining only that cluster.
 *
 * <p>The instance takes its member clusters' ids from their node pools, so a cluster joins only once
 * it has nodes, and it waits for every peering, route and peering rule: adding a remote cluster
 * stalls (and times out) when ASM cannot reach that cluster's API server across CEN.
 */
public final class MeshControlPlane extends ComponentResource {
    public static final String TYPE = "asm-dr:mesh:MeshControlPlane";

    /**
     * @param mesh               edition, cluster spec, version and Istio API of every instance of the stack
     * @param instanceName       this instance's console name ({@link MeshSpec#instanceName})
     * @param vswitchId          the vSwitch that hosts the ASM instance
     * @param memberClusterIds   every member cluster's id, as read back from its node pool
     * @param apiCluster         the member cluster whose API server takes Istio objects under CR aggregation
     *                           (the primary gateway's cluster for a single control plane; the region's own per region)
     * @param gatewayProbe       how to wait for the Istio kinds and read a gateway's address (the simulated cloud has no API server to ask)
     * @param reachability       everything ASM needs to reach its member clusters (peerings, routes, rules)
     * @param gateways           the ingress gateways this instance creates, in config order (the stack's primary first); may be empty
     * @param resourceSuffix     appended to the names of this component's children: empty for a single control plane (its
     *                           names predate per-region instances), {@code -<region>} per region, so no two URNs collide
     */
    public record Args(
            MeshSpec mesh,
            String instanceName,
            Output<String> vpcId,
            Output<String> vswitchId,
            List<Output<String>> memberClusterIds,
            GatewayCluster apiCluster,
            com.pulumi.kubernetes.Provider apiKubernetes,
            GatewayProbe gatewayProbe,
            List<Resource> reachability,
            List<GatewayCluster> gateways,
            String resourceSuffix,
            Provider provider,
            Map<String, String> tags,
            boolean protect) {
        public Args {
            gateways = List.copyOf(gateways);
            memberClusterIds = List.copyOf(memberClusterIds);
            reachability = List.copyOf(reachability);
            tags = Map.copyOf(tags);
        }

        /** Named arguments, so two values of one type ({@code Output<String>}) cannot trade places. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private MeshSpec mesh;
            private String instanceName;
            private Output<String> vpcId;
            private Output<String> vswitchId;
            private List<Output<String>> memberClusterIds;
            private GatewayCluster apiCluster;
            private com.pulumi.kubernetes.Provider apiKubernetes;
            private GatewayProbe gatewayProbe;
            private List<Resource> reachability;
            private List<GatewayCluster> gateways;
            private String resourceSuffix = "";
            private Provider provider;
            private Map<String, String> tags;
            private boolean protect;

            private Builder() {}

            public Builder mesh(MeshSpec mesh) {
                this.mesh = mesh;
                return this;
            }

            public Builder instanceName(String instanceName) {
                this.instanceName = instanceName;
                return this;
            }

            public Builder vpcId(Output<String> vpcId) {
                this.vpcId = vpcId;
                return this;
            }

            public Builder vswitchId(Output<String> vswitchId) {
                this.vswitchId = vswitchId;
                return this;
            }

            public Builder memberClusterIds(List<Output<String>> memberClusterIds) {
                this.memberClusterIds = memberClusterIds;
                return this;
            }

            public Builder apiCluster(GatewayCluster apiCluster) {
                this.apiCluster = apiCluster;
                return this;
            }

            public Builder apiKubernetes(com.pulumi.kubernetes.Provider apiKubernetes) {
                this.apiKubernetes = apiKubernetes;
                return this;
            }

            public Builder gatewayProbe(GatewayProbe gatewayProbe) {
                this.gatewayProbe = gatewayProbe;
                return this;
            }

            public Builder reachability(List<Resource> reachability) {
                this.reachability = reachability;
                return this;
            }

            public Builder gateways(List<GatewayCluster> gateways) {
                this.gateways = gateways;
                return this;
            }

            public Builder resourceSuffix(String resourceSuffix) {
                this.resourceSuffix = resourceSuffix;
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

            public Builder protect(boolean protect) {
                this.protect = protect;
                return this;
            }

            /** The args; every one is required (an absent optional value is {@code Optional.empty()}). */
            public Args build() {
                return new Args(Objects.requireNonNull(mesh, "MeshControlPlane.Args: mesh is required"),
                        Objects.requireNonNull(instanceName, "MeshControlPlane.Args: instanceName is required"),
                        Objects.requireNonNull(vpcId, "MeshControlPlane.Args: vpcId is required"),
                        Objects.requireNonNull(vswitchId, "MeshControlPlane.Args: vswitchId is required"),
                        Objects.requireNonNull(memberClusterIds, "MeshControlPlane.Args: memberClusterIds is required"),
                        Objects.requireNonNull(apiCluster, "MeshControlPlane.Args: apiCluster is required"),
                        Objects.requireNonNull(apiKubernetes, "MeshControlPlane.Args: apiKubernetes is required"),
                        Objects.requireNonNull(gatewayProbe, "MeshControlPlane.Args: gatewayProbe is required"),
                        Objects.requireNonNull(reachability, "MeshControlPlane.Args: reachability is required"),
                        Objects.requireNonNull(gateways, "MeshControlPlane.Args: gateways is required (List.of() for none)"),
                        Objects.requireNonNull(resourceSuffix, "MeshControlPlane.Args: resourceSuffix is required"),
                        Objects.requireNonNull(provider, "MeshControlPlane.Args: provider is required"),
                        Objects.requireNonNull(tags, "MeshControlPlane.Args: tags is required"),
                        protect);
            }
        }
    }

    /**
     * A member cluster as this instance sees it: its region, its id and a kubeconfig (to ask whether it
     * serves the Istio kinds yet, and to read its gateway's address); {@code gateway}: the ingress gateway
     * it runs, if any.
     */
    public record GatewayCluster(String region, Optional<IngressGatewaySpec> gateway, Output<String> clusterId, Output<String> kubeconfig) {}

    private final ServiceMesh serviceMesh;
    private final List<GatewayCluster> gateways;
    private final com.pulumi.kubernetes.Provider istioApi;
    private final Optional<CustomResource> ingressGateway;
    private final Output<String> kubeconfig;
    private final boolean crAggregation;
    private final Output<String> apiKubeconfig;
    private final GatewayProbe gatewayProbe;

    public MeshControlPlane(String name, Args args, @Nullable ComponentResourceOptions options) {
        // one mesh per stack: named by its role; the first release used the instance's config name
        super(TYPE, name, Identity.previously(options, name, args.instanceName()));
        var mesh = args.mesh();
        this.crAggregation = mesh.istioApi() == IstioApi.CR_AGGREGATION;
        this.apiKubeconfig = args.apiCluster().kubeconfig();
        this.gatewayProbe = args.gatewayProbe();
        this.gateways = args.gateways();
        var version = mesh.version().map(Output::of).orElseGet(() -> newestVersion(mesh.edition(), args.provider()));

        var meshOptions = CustomResourceOptions.builder()
                .parent(this)
                .provider(args.provider())
                .dependsOn(args.reachability())
                .additionalSecretOutputs("kubeconfig")
                .protect(args.protect())
                .aliases(Identity.previously(name, args.instanceName()))
                // create, then one AddClusterIntoServiceMesh per cluster, each waiting for `running`
                .customTimeouts(CustomTimeouts.builder()
                        .create(Duration.ofMinutes(30 + 15L * args.memberClusterIds().size()))
                        .update(Duration.ofMinutes(15L * args.memberClusterIds().size() + 15))
                        .delete(Duration.ofMinutes(30))
                        .build());
        if (mesh.version().isEmpty()) {
            // unset: the newest version at creation; a later ASM release must not upgrade the mesh
            // on some unrelated `pulumi up` (getVersions answers anew on every run)
            meshOptions.ignoreChanges("version");
        }
        this.serviceMesh = new ServiceMesh(name, ServiceMeshArgs.builder()
                .serviceMeshName(args.instanceName())
                .edition(mesh.edition())
                .clusterSpec(mesh.clusterSpec())
                .version(version)
                .network(ServiceMeshNetworkArgs.builder().vpcId(args.vpcId()).vswitcheList(args.vswitchId()).build())
                .clusterIds(Output.all(args.memberClusterIds()))
                // locality load balancing is what the whole stack is for; ForceNew, so set at creation. Kiali stated as
                // off: the provider's Read always writes one mesh_config.kiali element (Optional, not Computed), so
                // leaving it out showed a change on every later preview (measured in the sandbox, docs/sandbox.md)
                .meshConfig(ServiceMeshMeshConfigArgs.builder().enableLocalityLb(true).outboundTrafficPolicy("ALLOW_ANY")
                        .kiali(ServiceMeshMeshConfigKialiArgs.builder().enabled(false).build()).build())
                .extraConfiguration(ServiceMeshExtraConfigurationArgs.builder()
                        .crAggregationEnabled(mesh.istioApi() == IstioApi.CR_AGGREGATION).build())
                // no pilotPublicEip: deprecated and read-only since provider 1.232.0 (v1.285.0 docs; its Create
                // never sends it), Optional+Computed, so leaving it out changes nothing on a live mesh, while a
                // sent value that differs from what ASM reports would be a ForceNew diff
                .loadBalancer(ServiceMeshLoadBalancerArgs.builder().apiServerPublicEip(false).build())
                .tags(args.tags())
                .build(), meshOptions.build());
        this.kubeconfig = serviceMesh.kubeconfig().asSecret();

        this.istioApi = mesh.istioApi() == IstioApi.CR_AGGREGATION
                ? args.apiKubernetes()
                : new com.pulumi.kubernetes.Provider(name + "-control-plane", ProviderArgs.builder()
                        .kubeconfig(kubeconfig)
                        .build(), KubernetesPlugin.options().parent(this)
                        .aliases(Identity.previously(name + "-control-plane", args.instanceName() + "-control-plane")).build());

        if (args.gateways().isEmpty()) {
            this.ingressGateway = Optional.empty();
        } else {
            var specs = args.gateways().stream().map(g -> g.gateway().orElseThrow()).toList();
            var gateway = Output.all(args.gateways().stream().map(GatewayCluster::clusterId).toList())
                    .applyValue(all -> IngressGatewayManifest.render(specs, all));
            this.ingressGateway = Optional.of(new CustomResource(IngressGatewayManifest.NAME + args.resourceSuffix(), CustomResourceArgs.builder()
                    .apiVersion(IngressGatewayManifest.API_VERSION)
                    .kind("IstioGateway")
                    .metadata(ObjectMetaArgs.builder()
                            .name(IngressGatewayManifest.NAME)
                            .namespace(IngressGatewayManifest.NAMESPACE)
                            .annotations(IngressGatewayManifest.ANNOTATIONS)
                            .build())
                    .spec(gateway.applyValue(m -> m.spec()))
                    .build(), KubernetesPlugin.options().parent(this).provider(istioApi)
                    .dependsOn(servedAfterMesh(IngressGatewayManifest.API_VERSION, "IstioGateway")).build()));
        }

        registerOutputs(Map.of("meshId", serviceMesh.id()));
    }

    /** The newest ASM version on offer for the edition. */
    private Output<String> newestVersion(String edition, Provider provider) {
        return ServicemeshFunctions.getVersions(GetVersionsArgs.builder().edition(edition).build(),
                        new InvokeOutputOptions.Builder().parent(this).provider(provider).build())
                .applyValue(result -> {
                    var offered = result.versions() == null ? List.<String>of()
                            : result.versions().stream().map(GetVersionsVersion::version).toList();
                    return AsmVersions.newest(offered).orElseThrow(() ->
                            new IllegalStateException("ASM offers no " + edition + " version in this region; set asm-dr:mesh.version"));
                });
    }

    /**
     * The mesh, as a dependency that under CR aggregation resolves only once the gateway cluster
     * serves {@code kind}: the objects that depend on it are registered after the wait, so the
     * Kubernetes provider never meets the warm-up. Previews do not wait (nothing is sent), and the
     * dependency is the mesh either way, so the graph and the state are the same as without it.
     */
    public Output<List<Resource>> servedAfterMesh(String apiVersion, String kind) {
        if (!crAggregation || Deployment.getInstance().isDryRun()) {
            return Output.of(List.of(serviceMesh));
        }
        return Output.tuple(serviceMesh.id(), apiKubeconfig).applyValue(t -> {
            // a cluster of a region marked unavailable was not asked for its kubeconfig: its API server is not asked
            // either (its objects are not changed; found by the sandbox's outage rehearsal of prod)
            if (!Identity.NOT_ASKED.equals(t.t2)) {
                gatewayProbe.readiness().awaitServed(t.t2, apiVersion, kind);
            }
            return List.<Resource>of(serviceMesh);
        });
    }

    /**
     * The public address of each gateway this instance creates, by region, in config order: read by
     * {@code up} once the IstioGateway exists and its SLB has an address ({@link GatewayAddress}). A
     * preview reads the address the gateway has now, once, and leaves it unknown where it cannot (a
     * cluster still to be created); that of a region marked unavailable is unknown (its API is not asked). An
     * address that does not come in time says so in the output instead of failing an update that
     * created everything else.
     */
    public Map<String, Output<String>> ingressGatewayAddresses(Set<String> unavailable) {
        var out = new LinkedHashMap<String, Output<String>>();
        gateways.forEach(g -> out.put(g.region(), unavailable.contains(g.region()) ? unknownAddress() : addressThrough(g.kubeconfig())));
        return out;
    }

    private Output<String> unknownAddress() {
        return new OutputInternal<>(OutputData.ofNullable(ImmutableSet.of(ingressGateway.orElseThrow()), null, false, false));
    }

    private Output<String> addressThrough(Output<String> clusterKubeconfig) {
        if (Deployment.getInstance().isDryRun()) {
            // a preview reads the address the gateway has now (once, read-only): a deployed stack's inputs that carry it
            // then preview as unchanged; a cluster still to be created (unknown kubeconfig) leaves it unknown
            return Output.tuple(ingressGateway.orElseThrow().urn(), clusterKubeconfig)
                    .apply(t -> gatewayProbe.address().now(t.t2).map(Output::of).orElseGet(this::unknownAddress));
        }
        return Output.tuple(ingressGateway.orElseThrow().urn(), clusterKubeconfig).applyValue(t -> {
            try {
                return gatewayProbe.address().await(t.t2);
            } catch (GatewayAddress.NotAssigned late) {
                return "not assigned yet: " + late.getMessage();
            }
        });
    }

    public ServiceMesh serviceMesh() {
        return serviceMesh;
    }

    public Output<String> meshId() {
        return serviceMesh.id();
    }

    /** Private-endpoint kubeconfig of the ASM API server; usable only inside the VPC. Secret. */
    public Output<String> kubeconfig() {
        return kubeconfig;
    }

    /** Where Istio objects are applied: a member cluster (CR aggregation) or the ASM API server. */
    public com.pulumi.kubernetes.Provider istioApi() {
        return istioApi;
    }

    /** The IstioGateway this instance creates; none for an instance whose cluster runs no gateway. */
    public Optional<CustomResource> ingressGateway() {
        return ingressGateway;
    }
}
