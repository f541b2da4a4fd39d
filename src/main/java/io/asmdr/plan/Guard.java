package io.asmdr.plan;

import io.asmdr.naming.Identity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The rules that stop a dangerous change before it reaches a live DR stack. One engine for both
 * sources of changes: {@code diff} (two offline plans) and {@code guard} (a real
 * {@code pulumi preview --json}), so a PR is judged the same way with and without cloud access.
 */
public final class Guard {
    public enum Severity { BLOCKING, WARNING }

    /** One rule's verdict on one resource. {@code allowed}: acknowledged with {@code --allow}; printed, never blocking. */
    public record Finding(String rule, Severity severity, String urn, String message, String fix, boolean allowed) {
        public boolean blocks() {
            return severity == Severity.BLOCKING && !allowed;
        }
    }

    /**
     * What the stack says beyond its changes, where the input has it: the CIDR blocks of its
     * configuration (a real preview's {@code config}, which lists every network of the stack even when
     * the preview shows only the steps that change) and the root stack's outputs (a preview's
     * {@code pulumi:pulumi:Stack} state; synth's plans record none).
     */
    public record StackFacts(List<String> configuredCidrs, Map<String, Object> stackOutputs, Set<String> unavailableRegions) {
        public static final StackFacts NONE = new StackFacts(List.of(), Map.of(), Set.of());

        public StackFacts {
            configuredCidrs = List.copyOf(configuredCidrs);
            stackOutputs = Map.copyOf(stackOutputs);
            unavailableRegions = Set.copyOf(unavailableRegions);
        }

        /** Without regions marked unavailable. */
        public StackFacts(List<String> configuredCidrs, Map<String, Object> stackOutputs) {
            this(configuredCidrs, stackOutputs, Set.of());
        }
    }

    /** The stack config key that names the regions whose APIs are down (DeploymentOptions.unavailableRegions). */
    public static final String UNAVAILABLE_REGIONS_KEY = "asm-dr:unavailableRegions";

    /**
     * What a rule knows beyond the change itself: whether the stack is a protected one, which kept
     * resources (updated or unchanged, not replaced or deleted) depend on each resource, the address
     * blocks of the stack's own networks, and its outputs.
     */
    public record Context(boolean protectedStack, Map<String, List<String>> keptDependentsByUrn, List<Internet.Range> ownNetworks,
                          Map<String, Object> stackOutputs, Set<String> unavailableRegions, Regions regions) {
        public static Context of(List<Change> changes, StackFacts facts) {
            var kept = new HashMap<String, List<String>>();
            var own = new ArrayList<Internet.Range>();
            for (var c : changes) {
                for (var state : List.of(c.before(), c.after())) {
                    state.ifPresent(s -> OWN_NETWORK_INPUTS.getOrDefault(s.type(), List.of())
                            .forEach(input -> ownNetwork(s.input(input)).ifPresent(own::add)));
                }
                if (c.op() != Change.Op.UPDATE && c.op() != Change.Op.SAME) {
                    continue;
                }
                // what it depends on before the change and after: a deleted vSwitch is only in the before
                var on = new HashSet<String>();
                for (var state : List.of(c.before(), c.after())) {
                    state.ifPresent(s -> {
                        on.addAll(s.dependencies());
                        s.options().propertyDependencies().values().forEach(on::addAll);
                    });
                }
                on.forEach(u -> kept.computeIfAbsent(u, k -> new ArrayList<>()).add(c.urn()));
            }
            facts.configuredCidrs().forEach(cidr -> ownNetwork(cidr).ifPresent(own::add));
            return new Context(changes.stream().anyMatch(c -> c.before().map(PlannedResource::protect).orElse(false)
                    || c.after().map(PlannedResource::protect).orElse(false)), kept, List.copyOf(own),
                    facts.stackOutputs(), facts.unavailableRegions(), Regions.of(changes));
        }

        List<String> keptDependents(String urn) {
            return keptDependentsByUrn.getOrDefault(urn, List.of()).stream().sorted().toList();
        }
    }

    /** A rule: an id to allow it by, and what it finds in one change. */
    public interface Rule {
        String id();

        Optional<Finding> check(Change change, Context context);
    }

    static final String ACK = "alicloud:cs/managedKubernetes:ManagedKubernetes";
    static final String ASM = "alicloud:servicemesh/serviceMesh:ServiceMesh";
    static final String VPC = "alicloud:vpc/network:Network";
    static final String VSWITCH = "alicloud:vpc/switch:Switch";
    static final String ISTIO_GATEWAY = "kubernetes:istio.alibabacloud.com/v1beta1:IstioGateway";
    static final String SECURITY_GROUP_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
    static final String MONITOR_CONFIG = "alicloud:dns/monitorConfig:MonitorConfig";
    static final String DESTINATION_RULE = "kubernetes:networking.istio.io/v1alpha3:DestinationRule";
    static final String STACK = "pulumi:pulumi:Stack";

    /** Where a resource of the stack states a network of its own: VPCs, vSwitches, a Flannel cluster's Pod and Service CIDRs. */
    private static final Map<String, List<String>> OWN_NETWORK_INPUTS = Map.of(
            VPC, List.of("cidrBlock", "ipv6CidrBlock"),
            VSWITCH, List.of("cidrBlock", "ipv6CidrBlock"),
            ACK, List.of("podCidr", "serviceCidr"));

    /**
     * A block counts as the stack's own network when it is one: a VPC's mask "must be 8 to 28 bits in
     * length" (terraform-provider-alicloud v1.285.0, website/docs/r/vpc.html.markdown), so anything wider stated as a network of the stack (0.0.0.0/1 as a "VPC") is no network
     * and covers nothing.
     */
    private static Optional<Internet.Range> ownNetwork(Object value) {
        return value instanceof String s ? Internet.parse(s).filter(r -> r.prefix() >= (r.family() == 4 ? 8 : 16)) : Optional.empty();
    }

    /**
     * Everything the DR path lives on, by what an outage of it costs: the resources traffic crosses
     * (gateway, routing objects, attachments, peerings, their association and propagation, routes),
     * the compute that serves it (clusters, node pools, the vSwitches they run in), the mesh, and the
     * providers every Kubernetes object is deployed through.
     */
    private static final Map<String, String> CRITICAL = Map.ofEntries(
            Map.entry(ACK, "an ACK cluster (its workloads, its membership in the mesh)"),
            Map.entry(ASM, "the ASM instance (every Istio object and the ingress gateway go with it)"),
            Map.entry(VPC, "a VPC (everything inside it)"),
            Map.entry(VSWITCH, "a vSwitch (the nodes, Pods or mesh endpoints inside it)"),
            Map.entry("alicloud:cs/nodePool:NodePool", "a node pool (every workload of its cluster runs on it)"),
            Map.entry("alicloud:cen/instance:Instance", "the CEN instance (all cross-region connectivity)"),
            Map.entry("alicloud:cen/transitRouter:TransitRouter", "a transit router (its region's connectivity)"),
            Map.entry("alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment", "a VPC attachment (its VPC's path to every other region)"),
            Map.entry("alicloud:cen/transitRouterPeerAttachment:TransitRouterPeerAttachment", "a cross-region peering (the path between two regions)"),
            Map.entry("alicloud:cen/transitRouterRouteTableAssociation:TransitRouterRouteTableAssociation",
                    "a route-table association (how an attachment's traffic is forwarded)"),
            Map.entry("alicloud:cen/transitRouterRouteTablePropagation:TransitRouterRouteTablePropagation",
                    "a route-table propagation (which routes the other regions learn)"),
            Map.entry("alicloud:cen/transitRouterRouteEntry:TransitRouterRouteEntry", "a transit-router route (a path to another region's Pods)"),
            Map.entry("alicloud:vpc/routeEntry:RouteEntry", "a VPC route (a path to another region)"),
            Map.entry(SECURITY_GROUP_RULE, "a peering security-group rule (what other regions may send to the nodes)"),
            Map.entry(ISTIO_GATEWAY, "the managed ingress gateway (the entry point, its SLB and public address)"),
            Map.entry("pulumi:providers:kubernetes", "a Kubernetes provider (every object deployed through it)"),
            Map.entry("alicloud:dns/gtmInstance:GtmInstance", "the global entry (the GTM instance behind the name clients use)"),
            Map.entry("alicloud:dns/addressPool:AddressPool", "a global-entry address pool (one region's health-checked gateway)"),
            Map.entry("alicloud:dns/accessStrategy:AccessStrategy", "the global entry's access strategy (which region answers, and the failover order)"),
            Map.entry(MONITOR_CONFIG, "a health check of the global entry (without it GTM never moves the name off a dead region)"),
            Map.entry("alicloud:ga/accelerator:Accelerator", "the global entry (the accelerator behind the addresses clients use)"),
            Map.entry("alicloud:ga/ipSet:IpSet", "the global entry's acceleration area (a new one is a new accelerated address)"),
            Map.entry("alicloud:ga/listener:Listener", "the global entry's listener (every endpoint group hangs on it)"),
            Map.entry("alicloud:ga/endpointGroup:EndpointGroup", "a global-entry endpoint group (one region's health-checked gateway)"));
    private static final List<String> ISTIO_ROUTING_KINDS = List.of("Gateway", "VirtualService", "DestinationRule");
    /** What a public endpoint hangs on: a new resource is a new address, and whatever named the old one breaks. */
    private static final Map<String, String> PUBLIC_ENDPOINTS = Map.of(
            ISTIO_GATEWAY, "the ingress gateway's SLB and public address",
            ACK, "the cluster's API server address (its SLB and EIP)",
            ASM, "the mesh's API server address (its SLB)");
    /** Where a replacement cannot delete the old resource while something that is kept lives in it. */
    private static final Set<String> CONTAINERS = Set.of(VSWITCH, VPC);
    /**
     * Inputs that must always be secrets, by resource type: the credentials of the providers
     * (alicloud: pulumi-alicloud v3.105.0 sdk/java ProviderArgs {@code accessKey}, {@code secretKey},
     * {@code securityToken} and {@code assumeRoleWithOidc.oidcToken}; Kubernetes: its kubeconfig) and a
     * node pool's login password. Any other input or stack output named like a credential
     * ({@link #CREDENTIAL_NAMES}) counts too, wherever it is.
     */
    private static final Map<String, List<String>> SECRET_INPUTS = Map.of(
            "pulumi:providers:kubernetes", List.of("kubeconfig"),
            "pulumi:providers:alicloud", List.of("accessKey", "secretKey", "securityToken", "assumeRoleWithOidc.oidcToken"),
            "alicloud:cs/nodePool:NodePool", List.of("password"),
            "kubernetes:core/v1:Secret", List.of("data", "stringData"));
    /** Names (any case) of inputs and stack outputs that hold a credential, at any depth: {@code kubeconfig/<cluster>} is one. */
    static final Set<String> CREDENTIAL_NAMES = Set.of("password", "accesskey", "secretkey", "securitytoken", "oidctoken", "token",
            "kubeconfig", "privatekey", "clientkeydata");
    public static final String SECRET = "[secret]";

    /** What an outage of a resource of this type costs, when it is on the DR path. */
    static Optional<String> critical(String type) {
        var known = CRITICAL.get(type);
        if (known != null) {
            return Optional.of(known);
        }
        var kind = type.substring(type.lastIndexOf(':') + 1);
        return type.startsWith("kubernetes:networking.istio.io/") && ISTIO_ROUTING_KINDS.contains(kind)
                ? Optional.of("an Istio " + kind + " (how traffic reaches Bookinfo, and where it fails over)")
                : Optional.empty();
    }

    /** Blocking where the stack or the resource is protected (before or after the change), a warning elsewhere. */
    private static Severity protectedOr(Change c, Context ctx) {
        var protectedOne = ctx.protectedStack() || c.before().map(PlannedResource::protect).orElse(false)
                || c.after().map(PlannedResource::protect).orElse(false);
        return protectedOne ? Severity.BLOCKING : Severity.WARNING;
    }

    /** The rule that keeps every change out of a region marked unavailable. */
    public static final String UNAVAILABLE_REGION_CHANGED = "unavailable-region-changed";

    public static final List<Rule> RULES = List.of(
            rule("critical-replaced", (c, ctx) -> {
                var what = critical(c.type());
                if (what.isEmpty() || (c.op() != Change.Op.REPLACE && c.op() != Change.Op.DELETE)) {
                    return Optional.empty();
                }
                var why = c.op() == Change.Op.DELETE ? "deletes " : "replaces ";
                var because = c.replaceReasons().isEmpty() ? "" : " because " + String.join(", ", c.replaceReasons()) + " changed"
                        + c.cause().map(u -> " (cascade from " + Urns.name(u) + ")").orElse("");
                return Optional.of(new Finding("critical-replaced", protectedOr(c, ctx), c.urn(),
                        "this change " + why + what.get() + because + ": the DR path is down until the new one is up",
                        "undo the change that forces it, or plan a maintenance window, migrate, and allow it by name (label allow:critical-replaced:RESOURCE)", false));
            }),
            rule("public-endpoint-replaced", (c, ctx) -> {
                var endpoint = PUBLIC_ENDPOINTS.get(c.type());
                if (endpoint == null || (c.op() != Change.Op.REPLACE && c.op() != Change.Op.DELETE)) {
                    return Optional.empty();
                }
                return Optional.of(new Finding("public-endpoint-replaced", protectedOr(c, ctx), c.urn(),
                        "this change " + (c.op() == Change.Op.DELETE ? "removes " : "replaces ") + endpoint
                                + ": a new address, so clients' DNS records and allow-lists that name the old one stop working",
                        "keep the resource; or move DNS to the new address right after `up` (stack output ingressGatewayAddress)"
                                + " and allow it by name (label allow:public-endpoint-replaced:RESOURCE)", false));
            }),
            rule("replaced-under-its-contents", (c, ctx) -> {
                if (!CONTAINERS.contains(c.type()) || (c.op() != Change.Op.REPLACE && c.op() != Change.Op.DELETE)) {
                    return Optional.empty();
                }
                var kept = ctx.keptDependents(c.urn());
                if (kept.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Finding("replaced-under-its-contents", Severity.BLOCKING, c.urn(),
                        "this change " + (c.op() == Change.Op.DELETE ? "deletes " : "replaces ") + critical(c.type()).orElse(c.type())
                                + " while " + String.join(", ", kept.stream().map(Urns::name).toList())
                                + " stays in it: the old one cannot be deleted while they live there, so `up` fails halfway",
                        "in one change add the new " + (c.type().equals(VSWITCH) ? "vSwitch" : "VPC")
                                + " beside the old one (a new name and CIDR) and move what runs in it; remove the old one in a later change", false));
            }),
            rule("not-understood", (c, ctx) -> c.unknown().stream().anyMatch(u -> u.startsWith("not understood"))
                    ? Optional.of(new Finding("not-understood", critical(c.type()).isPresent() ? Severity.BLOCKING : Severity.WARNING, c.urn(),
                            "the preview lists " + String.join(", ", c.unknown().stream().map(u -> u.substring("not understood: ".length())).toList())
                                    + " for " + critical(c.type()).orElse(c.type()) + ", which guard does not know what to make of",
                            "run `pulumi preview --json` again with the CLI version the workflows pin; if it persists, report it", false))
                    : Optional.empty()),
            rule("needs-real-preview", (c, ctx) -> c.op() == Change.Op.UNKNOWN && c.unknown().stream().noneMatch(u -> u.startsWith("not understood"))
                    && critical(c.type()).isPresent()
                    ? Optional.of(new Finding("needs-real-preview", protectedOr(c, ctx), c.urn(),
                            "offline cannot know what this does to " + critical(c.type()).get() + ": "
                                    + String.join(", ", c.unknown()) + " depend on values only the cloud has",
                            "run a real `pulumi preview` (the PR workflow's preview job, or bin/asm-dr preview-offline) and guard its JSON", false))
                    : Optional.empty()),
            rule("mesh-members-changed", (c, ctx) -> c.type().equals(ASM) && (c.op() == Change.Op.UPDATE || c.op() == Change.Op.REPLACE)
                    && c.changedInput("clusterIds")
                    ? Optional.of(new Finding("mesh-members-changed", Severity.BLOCKING, c.urn(),
                            "the mesh's clusterIds change: the provider removes EVERY member cluster and adds them all back, one by one"
                                    + " (terraform-provider-alicloud v1.285.0, resource_alicloud_service_mesh_service_mesh.go, Update), a mesh-wide disruption",
                            "add or remove regions in a maintenance window and allow it by name (label allow:mesh-members-changed:RESOURCE)", false))
                    : Optional.empty()),
            rule("mesh-version-changed", (c, ctx) -> c.type().equals(ASM) ? versionChange(c).map(how -> new Finding("mesh-version-changed",
                    Severity.BLOCKING, c.urn(), how + ": every sidecar and gateway is upgraded",
                    "upgrade one environment at a time, after the release notes, and allow it by name (label allow:mesh-version-changed:RESOURCE)", false)) : Optional.empty()),
            rule("cluster-version-changed", (c, ctx) -> c.type().equals(ACK) ? versionChange(c).map(how -> new Finding("cluster-version-changed",
                    protectedOr(c, ctx), c.urn(), how + ": ACK upgrades the cluster's control plane (UpgradeCluster; terraform-provider-alicloud"
                            + " v1.285.0, resource_alicloud_cs_managed_kubernetes.go, UpgradeAlicloudKubernetesCluster)",
                    "upgrade one environment at a time, after ACK's release notes, and allow it by name (label allow:cluster-version-changed:RESOURCE)", false)) : Optional.empty()),
            rule("failover-weakened", (c, ctx) -> {
                if (!c.type().equals(DESTINATION_RULE) || c.before().isEmpty() || c.op() == Change.Op.SAME || c.op() == Change.Op.CREATE) {
                    return Optional.empty();
                }
                // a failover into or out of a region marked unavailable is what that setting takes away on purpose: a region
                // whose API is down is no failover target (StackSpec.appliedTraffic), and getting it back is no weakening
                var weaker = FailoverPolicy.weakenings(c.before().get().inputs(), c.after().map(PlannedResource::inputs).orElse(null),
                        ctx.unavailableRegions());
                return weaker.isEmpty() ? Optional.empty() : Optional.of(new Finding("failover-weakened", protectedOr(c, ctx), c.urn(),
                        "this change weakens failover: " + String.join("; ", weaker) + ". A region that goes down keeps its share of the traffic",
                        "keep the failover rules and the outlier detection (asm-dr:traffic.mode failover, traffic.outlierDetection), or pass"
                                + " --allow failover-weakened for a reviewed change", false));
            }),
            rule("security-group-open-to-world", (c, ctx) -> {
                if (!c.type().equals(SECURITY_GROUP_RULE) || c.op() == Change.Op.DELETE || c.op() == Change.Op.SAME || c.after().isEmpty()) {
                    return Optional.empty();
                }
                var admitted = outsiders(c.after().get(), ctx);
                return admitted.isEmpty() ? Optional.empty() : Optional.of(new Finding("security-group-open-to-world", Severity.BLOCKING,
                        c.urn(), "a security-group rule admits " + String.join("; ", admitted) + ": addresses outside the stack's own networks ("
                                + (ctx.ownNetworks().isEmpty() ? "none known" : String.join(", ", Internet.outermost(ctx.ownNetworks()))) + ") reach the cluster's nodes",
                        "admit only the CIDR blocks of the stack's own VPCs, vSwitches and clusters (the peers'); no public range,"
                                + " prefix list or security group of another stack or account", false));
            }),
            rule("protect-removed", (c, ctx) -> c.before().map(PlannedResource::protect).orElse(false)
                    && c.after().map(a -> !a.protect()).orElse(false)
                    ? Optional.of(new Finding("protect-removed", Severity.BLOCKING, c.urn(),
                            "Pulumi's protect is removed: the next destroy or replacement of this resource goes through",
                            "keep asm-dr:protect true, or allow it by name (label allow:protect-removed:RESOURCE) for a planned teardown", false))
                    : Optional.empty()),
            rule("kubernetes-implicit-provider", (c, ctx) -> c.type().startsWith("kubernetes:") && c.op() != Change.Op.DELETE
                    && c.after().map(a -> a.custom() && (a.providerUrn().isEmpty() || a.providerUrn().endsWith("::default")
                            || a.providerUrn().contains("::default_"))).orElse(false)
                    ? Optional.of(new Finding("kubernetes-implicit-provider", Severity.BLOCKING, c.urn(),
                            "a Kubernetes object uses the default provider: it deploys to whatever kubectl context the runner has",
                            "give it the explicit provider of its cluster (.provider(...)); stacks set pulumi:disable-default-providers", false))
                    : Optional.empty()),
            rule(UNAVAILABLE_REGION_CHANGED, (c, ctx) -> {
                if (ctx.unavailableRegions().isEmpty() || !callsTheProvider(c)) {
                    return Optional.empty();
                }
                var region = ctx.regions().of(c);
                if (region.isEmpty() || !ctx.unavailableRegions().contains(region.get())) {
                    return Optional.empty();
                }
                var what = switch (c.op()) {
                    case CREATE -> "creates";
                    case UPDATE -> "updates";
                    case REPLACE -> "replaces";
                    case DELETE -> "deletes";
                    default -> "may change (" + c.op().label() + ")";
                };
                var key = UNAVAILABLE_REGIONS_KEY + ": [" + String.join(", ", new TreeSet<>(ctx.unavailableRegions())) + "]";
                return Optional.of(new Finding(UNAVAILABLE_REGION_CHANGED, Severity.BLOCKING, c.urn(),
                        "this change " + what + " " + Urns.name(c.urn()) + " (" + c.type() + ") in " + region.get() + ", which " + key
                                + " marks as down: the call goes to a dead API, and `up` fails or hangs halfway",
                        "keep " + region.get() + " out of this change (revert what reaches into it) until its API answers; then take "
                                + region.get() + " out of " + UNAVAILABLE_REGIONS_KEY + " and apply the change", false));
            }),
            rule("secret-in-plain-text", (c, ctx) -> {
                if (c.op() == Change.Op.DELETE || c.after().isEmpty()) {
                    return Optional.empty();
                }
                var after = c.after().get();
                var leaked = new TreeSet<String>();
                SECRET_INPUTS.getOrDefault(c.type(), List.of()).stream().filter(p -> plainText(after.input(p))).forEach(p -> leaked.add(p));
                credentials("", after.inputs(), leaked);
                if (c.type().equals(STACK)) {
                    credentials("output ", ctx.stackOutputs(), leaked);
                }
                return leaked.isEmpty() ? Optional.empty()
                        : Optional.of(new Finding("secret-in-plain-text", Severity.BLOCKING, c.urn(),
                                String.join(", ", leaked) + (leaked.size() == 1 ? " is" : " are") + " stored in plain text in the stack's state",
                                "pass it as a secret (Output.asSecret, ctx.export of a secret Output, `pulumi config set --secret`)", false));
            }));

    /**
     * Whether a step calls the resource's provider: creates, deletes and replacements do, and so does an update of an
     * input; an update of resource options alone (protect, ignoreChanges, ...) does not: the engine diffs inputs only and
     * records the new options with a same step (pulumi/pulumi v3.274.1 pkg/resource/deploy/step_generator.go,
     * generateStepsFromDiff: an update or replacement only where the provider's diff is DiffSome). A step offline cannot
     * judge counts as one that may call it. Components call nothing.
     */
    private static boolean callsTheProvider(Change c) {
        var state = c.after().or(c::before);
        if (state.isPresent() && !state.get().custom()) {
            return false;
        }
        return switch (c.op()) {
            case SAME -> false;
            case UPDATE -> c.changed().stream().anyMatch(p -> !p.startsWith("options."));
            default -> true;
        };
    }

    /**
     * The region each resource lives in, told by the provider it is managed through: a regional Alibaba Cloud
     * provider by its {@code region} input or its name ({@link Identity#alicloudProvider}); a region's Kubernetes
     * provider by its name ({@link Identity#kubernetesProvider}); any other Kubernetes provider (the mesh's) by the
     * region of what its kubeconfig is read from. A real preview lists only the steps that change, so where the
     * provider is not among them its name has to do; where nothing tells, the region is unknown.
     */
    public static final class Regions {
        private final Map<String, PlannedResource> states = new HashMap<>();

        private Regions() {}

        static Regions of(List<Change> changes) {
            var out = new Regions();
            for (var c : changes) {
                c.before().ifPresent(b -> out.states.putIfAbsent(b.urn(), b));
                c.after().ifPresent(a -> out.states.put(a.urn(), a));
            }
            return out;
        }

        /** The region of the resource a change is about: its new state's, else its old one's. */
        public Optional<String> of(Change c) {
            var state = c.after().or(c::before);
            return state.flatMap(s -> of(s, new HashSet<>()));
        }

        private Optional<String> of(PlannedResource r, Set<String> seen) {
            if (!seen.add(r.urn())) {
                return Optional.empty();
            }
            if (r.type().equals(ALICLOUD_PROVIDER)) {
                return r.input("region") instanceof String region && !region.isEmpty()
                        ? Optional.of(region) : Identity.regionOfAlicloudProvider(r.name());
            }
            if (r.type().equals(KUBERNETES_PROVIDER)) {
                var named = Identity.regionOfKubernetesProvider(r.name());
                if (named.isPresent()) {
                    return named;
                }
                var sources = new ArrayList<String>(r.options().propertyDependencies().getOrDefault("kubeconfig", List.of()));
                sources.addAll(r.dependencies());
                for (var source : sources) {
                    var state = states.get(source);
                    var region = state == null ? Optional.<String>empty() : of(state, seen);
                    if (region.isPresent()) {
                        return region;
                    }
                }
                return Optional.empty();
            }
            var provider = r.providerUrn();
            if (provider.isEmpty()) {
                return Optional.empty();
            }
            var state = states.get(provider);
            if (state != null) {
                return of(state, seen);
            }
            var type = Urns.qualifiedType(provider);
            var name = Urns.name(provider);
            return type.endsWith(ALICLOUD_PROVIDER) ? Identity.regionOfAlicloudProvider(name)
                    : type.endsWith(KUBERNETES_PROVIDER) ? Identity.regionOfKubernetesProvider(name) : Optional.empty();
        }
    }

    static final String ALICLOUD_PROVIDER = "pulumi:providers:alicloud";
    static final String KUBERNETES_PROVIDER = "pulumi:providers:kubernetes";

    /**
     * Whether a value is a credential in the clear: known (not the engine's unknown placeholder), not
     * the {@value #SECRET} mask, and not empty.
     */
    private static boolean plainText(Object value) {
        return value != null && !SECRET.equals(value) && !PlannedResource.UNKNOWN.equals(value)
                && !(value instanceof String s && s.isEmpty()) && !(value instanceof Map<?, ?> m && m.isEmpty())
                && !(value instanceof List<?> l && l.isEmpty());
    }

    /** Every key (at any depth) named like a credential whose value is plain text, as a path under {@code prefix}. */
    private static void credentials(String prefix, Map<?, ?> values, Set<String> out) {
        values.forEach((k, v) -> {
            var key = String.valueOf(k);
            var path = prefix + key;
            var name = key.contains("/") ? key.substring(0, key.indexOf('/')) : key; // kubeconfig/<cluster>
            if (CREDENTIAL_NAMES.contains(name.toLowerCase(Locale.ROOT)) && plainText(v)) {
                out.add(path);
            } else if (v instanceof Map<?, ?> m && !ReplacementFacts.BOOKKEEPING.contains(key)) {
                credentials(path + ".", m, out);
            }
        });
    }

    /**
     * A version that changes, or that is pinned where the base let it float ({@code ignoreChanges}:
     * the live one is whatever the resource was created with, so offline cannot tell an upgrade from
     * nothing, and the pin is judged as the upgrade it may be).
     */
    private static Optional<String> versionChange(Change c) {
        if (c.op() != Change.Op.UPDATE && c.op() != Change.Op.UNKNOWN) {
            return Optional.empty();
        }
        var now = c.after().map(a -> a.input("version")).orElse(null);
        if (c.changedInput("version")) {
            return Optional.of("the version changes" + (now == null ? "" : " to " + now));
        }
        if (c.unknown().contains("inputs.version") && now instanceof String v && !v.isEmpty() && !PlannedResource.UNKNOWN.equals(v)) {
            return Optional.of("the version is pinned to " + v + " where it floated (ignoreChanges), so the live one may be older");
        }
        return Optional.empty();
    }

    /** Why each source of an ingress rule reaches beyond the stack's own networks; empty when none does. */
    private static List<String> outsiders(PlannedResource rule, Context ctx) {
        var out = new ArrayList<String>();
        if ("egress".equals(rule.input("type")) || "drop".equals(rule.input("policy"))) {
            return out; // an egress rule admits nothing; a drop rule keeps addresses out
        }
        var deps = rule.options().propertyDependencies();
        for (var key : List.of("cidrIp", "ipv6CidrIp")) {
            var value = rule.input(key);
            if (value == null || "".equals(value) || fromTheStack(value, deps.getOrDefault(key, List.of()), rule.urn())) {
                continue;
            }
            var range = value instanceof String text ? Internet.parse(text) : Optional.<Internet.Range>empty();
            if (range.isEmpty()) {
                out.add(key + " '" + value + "', which is no address block guard can read");
            } else if (!Internet.inside(range.get(), ctx.ownNetworks())) {
                out.add(range.get().text() + " (" + range.get().describe() + ")");
            }
        }
        var prefixList = rule.input("prefixListId");
        if (prefixList != null && !"".equals(prefixList) && !fromTheStack(prefixList, deps.getOrDefault("prefixListId", List.of()), rule.urn())) {
            out.add("prefix list " + prefixList + " (whatever it holds, now or later)");
        }
        var group = rule.input("sourceSecurityGroupId");
        if (group != null && !"".equals(group) && !fromTheStack(group, deps.getOrDefault("sourceSecurityGroupId", List.of()), rule.urn())) {
            out.add("every instance in security group " + group + ", which this stack does not manage");
        }
        var account = rule.input("sourceGroupOwnerAccount");
        if (account != null && !"".equals(account)) {
            out.add("a security group of account " + account);
        }
        return out;
    }

    /**
     * A value the stack computes from its own resources, not a literal: its property dependencies are
     * all resources of the same stack (URNs with the rule's own stack and project; a preview lists only
     * what changes, so they need not be in it), none of them a StackReference (another stack's outputs).
     * A value that reads as an address block is judged by its addresses whatever it came from.
     */
    private static boolean fromTheStack(Object value, List<String> dependencies, String urn) {
        var stack = urn.substring(0, urn.indexOf("::", urn.indexOf("::") + 2) + 2);
        return !dependencies.isEmpty() && !(value instanceof String s && Internet.parse(s).isPresent())
                && dependencies.stream().allMatch(u -> u.startsWith(stack) && !Urns.qualifiedType(u).endsWith("pulumi:pulumi:StackReference"));
    }

    public static Set<String> ruleIds() {
        var ids = new TreeSet<String>();
        RULES.forEach(r -> ids.add(r.id()));
        return ids;
    }

    /** Every finding of every rule on every change, in change order; the ones an allowance names (rule and resource) are marked allowed. */
    public static List<Finding> check(List<Change> changes, Set<Allowance> allowed) {
        return check(changes, allowed, StackFacts.NONE);
    }

    /** The same, with what the input says of the stack beyond its changes (a real preview's config and outputs). */
    public static List<Finding> check(List<Change> changes, Set<Allowance> allowed, StackFacts facts) {
        var context = Context.of(changes, facts);
        var out = new ArrayList<Finding>();
        for (var change : changes) {
            for (var rule : RULES) {
                rule.check(change, context).ifPresent(f -> out.add(allowed.stream().anyMatch(a -> a.covers(f))
                        ? new Finding(f.rule(), f.severity(), f.urn(), f.message(), f.fix(), true) : f));
            }
        }
        return out;
    }

    private static Rule rule(String id, BiFunction<Change, Context, Optional<Finding>> check) {
        return new Rule() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Optional<Finding> check(Change change, Context context) {
                return check.apply(change, context);
            }
        };
    }
}
