package io.asmdr.program;

import com.pulumi.Config;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.asmdr.alicloud.Provider;
import io.asmdr.alicloud.ProviderArgs;
import io.asmdr.app.Bookinfo;
import io.asmdr.backbone.Backbone;
import io.asmdr.backbone.RoutePlan;
import io.asmdr.backbone.TransitRouterZones;
import io.asmdr.cluster.KubernetesVersionCheck;
import io.asmdr.cluster.PeerSource;
import io.asmdr.cluster.RegionCluster;
import io.asmdr.config.Cni;
import io.asmdr.config.ControlPlane;
import io.asmdr.config.GlobalEntrySpec;
import io.asmdr.config.IstioApi;
import io.asmdr.config.NetworkSpec;
import io.asmdr.config.RegionSpec;
import io.asmdr.config.StackSpec;
import io.asmdr.config.VSwitchSpec;
import io.asmdr.configreader.ConfigListing;
import io.asmdr.configreader.SpecLoader;
import io.asmdr.mesh.ApiReadiness;
import io.asmdr.mesh.GatewayAddress;
import io.asmdr.globalentry.GlobalEntry;
import io.asmdr.mesh.GatewayProbe;
import io.asmdr.mesh.MeshControlPlane;
import io.asmdr.naming.Identity;
import io.asmdr.network.RegionNetwork;
import io.asmdr.reference.ReferenceData;
import io.asmdr.traffic.IstioRouting;
import io.asmdr.traffic.MeshRouting;
import io.asmdr.validation.CloudCheck;
import io.asmdr.validation.Problem;
import io.asmdr.validation.VersionLifecycle;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Pulumi program. {@link #stack} is what {@code pulumi up} runs and what {@code synth} runs
 * under the test engine: config becomes a validated {@link StackSpec} before anything is
 * registered, then {@link #declare} turns the spec into components.
 */
public final class AsmDr {
    private AsmDr() {}

    /** What {@code pulumi up} runs: the stack's config keys come from the engine's environment. */
    public static void stack(Context ctx) {
        program(ConfigListing.fromEnvironment()).accept(ctx);
    }

    /**
     * The program, given which config keys the stack sets (the SDK's {@code Config} reads values but
     * cannot list keys, and unknown keys must be refused). Values are always read through
     * {@code ctx.config()}.
     */
    public static Consumer<Context> program(ConfigListing listing) {
        return program(listing, new GatewayProbe(ApiReadiness.discovery(READINESS_DEADLINE, Duration.ofSeconds(5)),
                GatewayAddress.fromService(READINESS_DEADLINE, Duration.ofSeconds(5))));
    }

    /**
     * How long {@code pulumi up} waits for a gateway cluster to serve the Istio kinds under CR
     * aggregation: ASM states 1–2 minutes, so 5 leaves room without hanging a pipeline.
     */
    public static final Duration READINESS_DEADLINE = Duration.ofMinutes(5);

    /** The program with another way to wait for the Istio kinds (the simulated cloud has no API server). */
    public static Consumer<Context> program(ConfigListing listing, GatewayProbe gatewayProbe) {
        return ctx -> run(ctx, listing, gatewayProbe);
    }

    private static void run(Context ctx, ConfigListing listing, GatewayProbe gatewayProbe) {
        var config = ctx.config();
        var spec = SpecLoader.load(listing.source(SpecLoader.NAMESPACE, config::get), listing.keys());
        var alicloud = ctx.config("alicloud");
        var secrets = new Secrets(
                secret(config, SpecLoader.NODE_PASSWORD_KEY),
                secret(alicloud, "accessKey"),
                secret(alicloud, "secretKey"));
        if (spec.globalEntry().isEmpty()) {
            ctx.log().warn("asm-dr: no global entry (asm-dr:globalEntry): clients reach each gateway by its own address"
                    + " (outputs ingressGatewayAddress/<region>), and a client of a lost region's gateway does not fail over; see docs/dr.md");
        }
        if (spec.mesh().controlPlane() == ControlPlane.PER_REGION) {
            ctx.log().warn("asm-dr: one ASM instance per region (asm-dr:mesh.controlPlane: perRegion): each instance knows only its own"
                    + " cluster's endpoints until the instances share one root certificate and discover each other's services, which"
                    + " terraform-provider-alicloud v1.285.0 cannot set; until the operator's step in docs/dr.md is done, traffic rules"
                    + " keep every call in its own region and a lost region is left through the global entry only");
        }
        // a pinned version past its published end of life: a warning, the stack still deploys (docs/stacks.md)
        VersionLifecycle.warnings(spec, VersionLifecycle.tables(ReferenceData.read(VersionLifecycle.KUBERNETES_FILE),
                        ReferenceData.read(VersionLifecycle.ISTIO_FILE)), LocalDate.now(ZoneOffset.UTC))
                .forEach(w -> ctx.log().warn("asm-dr: " + w));
        spec.globalEntry().filter(g -> g.kind() == GlobalEntrySpec.Kind.GTM).ifPresent(g -> ctx.log().warn("asm-dr: the global entry is"
                + " a legacy GTM subscription (asm-dr:globalEntry.kind gtm): the provider's Delete of a GTM instance does not cancel it"
                + " (resource_alicloud_alidns_gtm_instance.go Delete), so once it leaves the stack it keeps renewing until you unsubscribe"
                + " in the Alibaba Cloud DNS console; Global Accelerator (kind ga) is pay-as-you-go and fails over in seconds: docs/dr.md"));
        var outputs = declare(spec, secrets, ctx.stackName(), gatewayProbe);
        outputs.forEach(ctx::export);
    }

    private static Optional<Output<String>> secret(Config bag, String key) {
        return bag.get(key).isPresent() ? Optional.of(bag.getSecret(key).applyValue(Optional::orElseThrow)) : Optional.empty();
    }

    /**
     * Secret inputs travel beside the spec, never inside it: the spec only says that they exist.
     * {@code alicloud:accessKey}/{@code secretKey} are handed to every regional provider, because an
     * explicit provider does not read the default provider's stack config (only the environment).
     */
    public record Secrets(Optional<Output<String>> nodePassword, Optional<Output<String>> accessKey, Optional<Output<String>> secretKey) {}

    /** The resources of one stack, layer by layer; the returned map is the stack's outputs, in a stable order. */
    public static Map<String, Output<?>> declare(StackSpec spec, Secrets secrets, String stackName, GatewayProbe gatewayProbe) {
        var tags = Map.of("managed-by", "asm-dr", "asm-dr-stack", stackName);
        var protect = spec.options().protect();
        var providers = providers(spec, secrets);
        askTheCloud(spec, providers);
        var networks = networks(spec, providers, tags, protect);
        var backbone = backbone(spec, networks, providers, tags, protect);
        var clusters = clusters(spec, networks, providers, secrets, tags, protect);
        var meshes = meshes(spec, networks, backbone, clusters, providers, gatewayProbe, tags, protect);
        app(spec, clusters, meshes);

        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("cenId", backbone.cenId());
        // one control plane: its id and kubeconfig; per region, the home region's under these names (what they always
        // meant: the instance the primary gateway's cluster belongs to), and every instance's by region
        var home = meshes.get(spec.controlPlaneRegionOf(spec.gatewayRegion()));
        outputs.put("meshId", home.meshId());
        outputs.put("asmKubeconfig", home.kubeconfig());
        if (spec.mesh().controlPlane() == ControlPlane.PER_REGION) {
            meshes.forEach((region, m) -> outputs.put("meshId/" + region, m.meshId()));
            meshes.forEach((region, m) -> outputs.put("asmKubeconfig/" + region, m.kubeconfig()));
        }
        var unavailable = spec.options().unavailableRegions();
        // each gateway's address is read once, and never from a region marked down; the primary's first
        var addresses = new LinkedHashMap<String, Output<String>>();
        addresses.put(spec.gatewayRegion(), null);
        meshes.values().forEach(m -> addresses.putAll(m.ingressGatewayAddresses(unavailable)));
        outputs.put("ingressGatewayAddress", addresses.get(spec.gatewayRegion()));
        addresses.forEach((region, address) -> {
            if (!unavailable.contains(region)) { // its address cannot be read while its API is down
                outputs.put("ingressGatewayAddress/" + region, address);
            }
        }); // the global entry keeps a down region's pool, offline
        spec.globalEntry().ifPresent(entry -> {
            var global = new GlobalEntry("global-entry", GlobalEntry.Args.builder()
                    .name(stackName + "-bookinfo")
                    .entry(entry)
                    .addresses(addresses)
                    .provider(globalEntryProvider(spec, entry, providers, secrets))
                    .protect(protect)
                    .offline(unavailable)
                    .build(), null);
            outputs.put("globalEntry", Output.of(entry.domain()));
            outputs.put("globalEntryKind", Output.of(entry.kind().configName()));
            outputs.put("globalEntryInstanceId", global.instanceId());
            if (entry.kind() == GlobalEntrySpec.Kind.GA) {
                outputs.put("globalEntryAddresses", global.acceleratedAddresses());
            }
        });
        outputs.put("ingressGatewayCluster", Output.of(spec.mesh().ingressGateway().cluster()));
        outputs.put("trafficMode", Output.of(spec.traffic().mode().configName()));
        // the whole policy, so `drill` holds the deployed mesh to it rather than a stack file nobody applied
        outputs.put("trafficPolicy", Output.of(spec.appliedTraffic().policyJson()));
        networks.forEach((name, net) -> outputs.put("vpcId/" + name, net.vpcId()));
        clusters.forEach((name, cluster) -> {
            outputs.put("clusterId/" + name, cluster.clusterId());
            var region = spec.regionOfCluster(name).orElseThrow().region();
            if (!unavailable.contains(region)) { // not asked for while the region is down
                outputs.put("kubeconfig/" + name, cluster.kubeconfig());
            }
        });
        if (!unavailable.isEmpty()) {
            outputs.put("unavailableRegions", Output.of(unavailable.stream().sorted().toList()));
        }
        return outputs;
    }

    /**
     * The rules only Alibaba Cloud can decide, asked right after the providers and before anything
     * else registers: the zones each region's transit router serves, and whether ACK knows each
     * pinned Kubernetes version. Every problem comes back in one {@link io.asmdr.validation.SpecException},
     * as config validation reports them; a real {@code pulumi preview} asks the same, so a PR check
     * stops on it.
     */
    private static void askTheCloud(StackSpec spec, Map<String, Provider> providers) {
        var verdicts = new ArrayList<CompletableFuture<List<Problem>>>();
        // nothing is asked of a region whose API is down (asm-dr:unavailableRegions): its resources exist and are not changed
        var unavailable = spec.options().unavailableRegions();
        verdicts.addAll(TransitRouterZones.verdicts(spec, providers, unavailable));
        for (var region : spec.regions()) {
            if (unavailable.contains(region.region())) {
                continue;
            }
            KubernetesVersionCheck.verdict(region.region(), region.cluster(), providers.get(region.region())).ifPresent(verdicts::add);
        }
        CloudCheck.require(verdicts);
    }

    /**
     * The provider the global entry is managed through: GTM is global (the mesh region's provider); GA's API is served
     * only in {@value GlobalEntrySpec#GA_API_REGION}, so its provider is that region's, made for it when the stack has no
     * other resource there.
     */
    private static Provider globalEntryProvider(StackSpec spec, GlobalEntrySpec entry, Map<String, Provider> providers, Secrets secrets) {
        if (entry.kind() != GlobalEntrySpec.Kind.GA) {
            return providers.get(spec.homeRegion());
        }
        return providers.computeIfAbsent(GlobalEntrySpec.GA_API_REGION, region -> provider(region, secrets));
    }

    private static Provider provider(String region, Secrets secrets) {
        var args = ProviderArgs.builder().region(region);
        secrets.accessKey().ifPresent(k -> args.accessKey(k.asSecret()));
        secrets.secretKey().ifPresent(k -> args.secretKey(k.asSecret()));
        return new Provider(Identity.alicloudProvider(region), args.build());
    }

    /** One explicit provider per region that hosts anything, so no resource falls back to a default region. */
    private static Map<String, Provider> providers(StackSpec spec, Secrets secrets) {
        var providers = new LinkedHashMap<String, Provider>();
        for (var region : spec.backboneRegions()) {
            providers.put(region, provider(region, secrets));
        }
        return providers;
    }

    /** Every VPC by its VPC name: the regions' (keyed by region, with Terway Pod vSwitches) and the mesh's. */
    private static Map<String, RegionNetwork> networks(StackSpec spec, Map<String, Provider> providers, Map<String, String> tags, boolean protect) {
        var networks = new LinkedHashMap<String, RegionNetwork>();
        for (var region : spec.regions()) {
            var net = region.network();
            var vswitches = Stream.concat(net.vswitches().stream(), region.cluster().podVswitches().stream()).toList();
            networks.put(net.vpc().name(), network(region.region(), net, vswitches, providers, tags, protect));
        }
        spec.mesh().network().ifPresent(meshNet -> networks.put(meshNet.vpc().name(),
                network(spec.meshNetworkKey().orElseThrow(), meshNet, meshNet.vswitches(), providers, tags, protect)));
        return networks;
    }

    private static Backbone backbone(StackSpec spec, Map<String, RegionNetwork> networks, Map<String, Provider> providers,
                                     Map<String, String> tags, boolean protect) {
        var attachments = new ArrayList<Backbone.VpcAttachment>();
        for (var net : spec.networks()) {
            var component = networks.get(net.vpc().name());
            attachments.add(new Backbone.VpcAttachment(component.pulumiResourceName(), net.vpc().name(), net.region(), component.vpcId(),
                    component.vpc().routeTableId(),
                    net.attachmentVswitches().stream()
                            .map(v -> new Backbone.ZoneMapping(v.zone(), component.vswitchId(v.name())))
                            .toList()));
        }
        var plan = RoutePlan.networks(spec);
        return new Backbone("backbone", Backbone.Args.builder()
                .cenName(spec.cen().name())
                .crossRegionBandwidthMbps(spec.cen().crossRegionBandwidthMbps())
                .homeRegion(spec.homeRegion())
                .regions(spec.backboneRegions())
                .providers(providers)
                .vpcs(attachments)
                .podRoutes(RoutePlan.podRoutes(plan))
                .vpcRoutes(RoutePlan.vpcRoutes(plan))
                .tags(tags)
                .protect(protect)
                .unavailableRegions(spec.options().unavailableRegions())
                .build(), null);
    }

    private static Map<String, RegionCluster> clusters(StackSpec spec, Map<String, RegionNetwork> networks, Map<String, Provider> providers,
                                                       Secrets secrets, Map<String, String> tags, boolean protect) {
        var clusters = new LinkedHashMap<String, RegionCluster>();
        for (var region : spec.regions()) {
            var c = region.cluster();
            var net = networks.get(region.network().vpc().name());
            clusters.put(c.name(), new RegionCluster(region.region(), RegionCluster.Args.builder()
                    .region(region.region())
                    .cluster(c)
                    .vswitchIds(net.vswitchIds(region.network().vswitches()))
                    .podVswitchIds(net.vswitchIds(c.podVswitches()))
                    .peerSources(peerSources(spec, region))
                    .nodePassword(secrets.nodePassword())
                    .protect(protect)
                    .kubeconfigTtlMinutes(spec.options().kubeconfigTtlMinutes())
                    .provider(providers.get(region.region()))
                    .tags(tags)
                    .unavailable(spec.options().unavailableRegions().contains(region.region()))
                    .build(), null));
        }
        return clusters;
    }

    /**
     * The mesh control plane(s) by region: one instance in the mesh VPC with every cluster (single), or
     * one per region in that region's cluster VPC with only that cluster (perRegion). Each instance
     * creates the ingress gateways of its own member clusters.
     */
    private static Map<String, MeshControlPlane> meshes(StackSpec spec, Map<String, RegionNetwork> networks, Backbone backbone,
                                                        Map<String, RegionCluster> clusters, Map<String, Provider> providers,
                                                        GatewayProbe gatewayProbe, Map<String, String> tags, boolean protect) {
        var out = new LinkedHashMap<String, MeshControlPlane>();
        var mesh = spec.mesh();
        var gateways = mesh.ingressGateways().stream().map(g -> member(spec, clusters, g.cluster())).toList();
        // every instance waits for the backbone and the peering rules: the single one reaches its remote members
        // through them; per region the cross-region calls of its proxies do (and a destroy keeps them with it)
        var reachability = new ArrayList<Resource>(backbone.connectivity());
        clusters.values().forEach(c -> reachability.addAll(c.peeringRules()));
        if (mesh.controlPlane() == ControlPlane.SINGLE) {
            var meshNet = mesh.network().orElseThrow();
            var meshNetwork = networks.get(meshNet.vpc().name());
            var primary = mesh.ingressGateway().cluster();
            out.put(meshNet.region(), new MeshControlPlane("mesh", MeshControlPlane.Args.builder()
                    .mesh(mesh)
                    .instanceName(mesh.instanceName(meshNet.region()))
                    .vpcId(meshNetwork.vpcId())
                    .vswitchId(meshNetwork.vswitchId(meshNet.vswitches().get(0).name()))
                    .memberClusterIds(clusters.values().stream().map(RegionCluster::clusterIdWithNodes).toList())
                    .apiCluster(member(spec, clusters, primary))
                    .apiKubernetes(clusters.get(primary).kubernetes())
                    .gatewayProbe(gatewayProbe)
                    .reachability(reachability)
                    .gateways(gateways)
                    .provider(providers.get(meshNet.region()))
                    .tags(tags)
                    .protect(protect)
                    .build(), null));
            return out;
        }
        for (var region : spec.regions()) {
            // the multi-master guide's pairing: the instance in its cluster's VPC, on the vSwitch a transit router
            // attaches first (lowest zone, lowest CIDR: independent of list order), joining only that cluster
            var net = region.network();
            var network = networks.get(net.vpc().name());
            var cluster = clusters.get(region.cluster().name());
            out.put(region.region(), new MeshControlPlane("mesh-" + region.region(), MeshControlPlane.Args.builder()
                    .mesh(mesh)
                    .instanceName(mesh.instanceName(region.region()))
                    .vpcId(network.vpcId())
                    .vswitchId(network.vswitchId(net.attachmentVswitches().get(0).name()))
                    .memberClusterIds(List.of(cluster.clusterIdWithNodes()))
                    .apiCluster(member(spec, clusters, region.cluster().name()))
                    .apiKubernetes(cluster.kubernetes())
                    .gatewayProbe(gatewayProbe)
                    .reachability(reachability)
                    .gateways(gateways.stream().filter(g -> g.region().equals(region.region())).toList())
                    .resourceSuffix("-" + region.region())
                    .provider(providers.get(region.region()))
                    .tags(tags)
                    .protect(protect)
                    .build(), null));
        }
        return out;
    }

    private static MeshControlPlane.GatewayCluster member(StackSpec spec, Map<String, RegionCluster> clusters, String clusterName) {
        var c = clusters.get(clusterName);
        var gateway = spec.mesh().ingressGateways().stream().filter(g -> g.cluster().equals(clusterName)).findFirst();
        return new MeshControlPlane.GatewayCluster(spec.regionOfCluster(clusterName).orElseThrow().region(), gateway, c.clusterId(), c.kubeconfig());
    }

    /**
     * Bookinfo in every cluster, each joined to the control plane of its region, and its routing on
     * every control plane: each instance configures its own proxies, so every one holds the same policy.
     */
    private static void app(StackSpec spec, Map<String, RegionCluster> clusters, Map<String, MeshControlPlane> meshes) {
        var namespace = spec.app().namespace();
        var bookinfos = new LinkedHashMap<String, Bookinfo>();
        for (var region : spec.regions()) {
            var c = region.cluster();
            bookinfos.put(c.name(), new Bookinfo(region.region() + "-bookinfo", Bookinfo.Args.builder()
                    .region(region.region())
                    .cluster(c.name())
                    .namespace(namespace)
                    .imageRegistry(spec.app().registryFor(region.region()))
                    .reviewsVersion(region.bookinfo().reviews())
                    .reviewsReplicas(region.bookinfo().reviewsReplicas())
                    .kubernetes(clusters.get(c.name()).kubernetes())
                    .joinedMesh(meshes.get(spec.controlPlaneRegionOf(region.region())).serviceMesh())
                    .build(), null));
        }
        var viaAsm = spec.mesh().istioApi() == IstioApi.ASM_KUBECONFIG;
        var manifests = IstioRouting.all(namespace, spec.appliedTraffic());
        var wholePolicy = IstioRouting.all(namespace, spec.traffic());
        meshes.forEach((region, mesh) -> {
            // the cluster whose API server takes this instance's Istio objects under CR aggregation
            var apiCluster = spec.mesh().controlPlane() == ControlPlane.SINGLE
                    ? spec.mesh().ingressGateway().cluster()
                    : spec.region(region).orElseThrow().cluster().name();
            var ready = mesh.servedAfterMesh(IstioRouting.API_VERSION, "VirtualService");
            if (!viaAsm && !"default".equals(namespace)) {
                // CR aggregation takes Istio objects only into a namespace that exists on the data plane
                // (ASM's page on CR aggregation): our own namespace on that cluster comes first
                var appNamespace = Objects.requireNonNull(bookinfos.get(apiCluster), "the API cluster runs Bookinfo").namespace();
                ready = MeshRouting.after(ready, appNamespace);
            }
            var single = spec.mesh().controlPlane() == ControlPlane.SINGLE;
            // the instance of a region that is down keeps the whole policy, as deployed before the outage: the applied
            // policy (without that region) is for the proxies that still run, and a change to the dead instance would be
            // a call to its dead API (diff and guard refuse it: unavailable-region-changed)
            var frozen = !single && spec.options().unavailableRegions().contains(region);
            new MeshRouting(single ? "bookinfo-routing" : "bookinfo-routing-" + region, new MeshRouting.Args(frozen ? wholePolicy : manifests,
                    mesh.istioApi(),
                    ready, viaAsm && !"default".equals(namespace), single ? "" : "-" + region), null);
        });
    }

    private static RegionNetwork network(String key, NetworkSpec net, List<VSwitchSpec> vswitches, Map<String, Provider> providers,
                                         Map<String, String> tags, boolean protect) {
        return new RegionNetwork(key, new RegionNetwork.Args(net.vpc(), vswitches, providers.get(net.region()), tags, protect),
                ComponentResourceOptions.builder().providers(providers.get(net.region())).build());
    }

    /** What the other clusters send from: their Pod CIDR under Flannel, their vSwitch CIDRs under Terway. */
    static List<PeerSource> peerSources(StackSpec spec, RegionSpec self) {
        var out = new ArrayList<PeerSource>();
        for (var other : spec.regions()) {
            if (other == self) {
                continue;
            }
            var peer = other.cluster();
            if (peer.cni() == Cni.FLANNEL) {
                out.add(new PeerSource(peer.name(), peer.podCidr().orElseThrow()));
            } else {
                Stream.concat(other.network().vswitches().stream(), peer.podVswitches().stream())
                        .forEach(v -> out.add(new PeerSource(peer.name(), v.cidr())));
            }
        }
        return out;
    }
}
