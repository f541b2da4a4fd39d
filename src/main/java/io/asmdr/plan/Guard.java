package io.asmdr.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;

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
     * What a rule knows beyond the change itself: whether the stack is a protected one, and which
     * kept resources (updated or unchanged, not replaced or deleted) depend on each resource.
     */
    public record Context(boolean protectedStack, Map<String, List<String>> keptDependentsByUrn) {
        public static Context of(List<Change> changes) {
            var kept = new HashMap<String, List<String>>();
            for (var c : changes) {
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
            return new Context(changes.stream().anyMatch(c -> c.before().map(PlannedResource::protect).orElse(false)
                    || c.after().map(PlannedResource::protect).orElse(false)), kept);
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
            Map.entry("alicloud:dns/accessStrategy:AccessStrategy", "the global entry's access strategy (which region answers, and the failover order)"));
    private static final List<String> ISTIO_ROUTING_KINDS = List.of("Gateway", "VirtualService", "DestinationRule");
    /** What a public endpoint hangs on: a new resource is a new address, and whatever named the old one breaks. */
    private static final Map<String, String> PUBLIC_ENDPOINTS = Map.of(
            ISTIO_GATEWAY, "the ingress gateway's SLB and public address",
            ACK, "the cluster's API server address (its SLB and EIP)",
            ASM, "the mesh's API server address (its SLB)");
    /** Where a replacement cannot delete the old resource while something that is kept lives in it. */
    private static final Set<String> CONTAINERS = Set.of(VSWITCH, VPC);
    /** Inputs that must always be secrets, by resource type. */
    private static final Map<String, List<String>> SECRET_INPUTS = Map.of(
            "pulumi:providers:kubernetes", List.of("kubeconfig"),
            "pulumi:providers:alicloud", List.of("accessKey", "secretKey"),
            "alicloud:cs/nodePool:NodePool", List.of("password"));
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
            rule("mesh-version-changed", (c, ctx) -> c.type().equals(ASM) && c.op() == Change.Op.UPDATE && c.changedInput("version")
                    ? Optional.of(new Finding("mesh-version-changed", Severity.BLOCKING, c.urn(),
                            "the ASM version changes: every sidecar and gateway is upgraded",
                            "upgrade one environment at a time, after the release notes, and allow it by name (label allow:mesh-version-changed:RESOURCE)", false))
                    : Optional.empty()),
            rule("security-group-open-to-world", (c, ctx) -> {
                if (!c.type().equals(SECURITY_GROUP_RULE) || c.op() == Change.Op.DELETE || c.op() == Change.Op.SAME) {
                    return Optional.empty();
                }
                var open = c.after().flatMap(a -> Stream.of("cidrIp", "ipv6CidrIp").map(k -> a.input(k))
                        .filter(v -> v instanceof String s && Internet.coversAQuarterOrMore(s)).map(String::valueOf).findFirst());
                return open.map(cidr -> new Finding("security-group-open-to-world", Severity.BLOCKING, c.urn(),
                        "a security-group rule admits " + cidr + ": a quarter or more of the internet reaches the cluster's nodes",
                        "admit the peer clusters' Pod or vSwitch CIDRs only", false));
            }),
            rule("protect-removed", (c, ctx) -> c.before().map(PlannedResource::protect).orElse(false)
                    && c.after().map(a -> !a.protect()).orElse(false)
                    ? Optional.of(new Finding("protect-removed", Severity.BLOCKING, c.urn(),
                            "Pulumi's protect is removed: the next destroy or replacement of this resource goes through",
                            "keep asm-dr:protect true, or allow it by name for a planned teardown (label allow:protect-removed:RESOURCE)", false))
                    : Optional.empty()),
            rule("kubernetes-implicit-provider", (c, ctx) -> c.type().startsWith("kubernetes:") && c.op() != Change.Op.DELETE
                    && c.after().map(a -> a.custom() && (a.providerUrn().isEmpty() || a.providerUrn().endsWith("::default")
                            || a.providerUrn().contains("::default_"))).orElse(false)
                    ? Optional.of(new Finding("kubernetes-implicit-provider", Severity.BLOCKING, c.urn(),
                            "a Kubernetes object uses the default provider: it deploys to whatever kubectl context the runner has",
                            "give it the explicit provider of its cluster (.provider(...)); stacks set pulumi:disable-default-providers", false))
                    : Optional.empty()),
            rule("secret-in-plain-text", (c, ctx) -> {
                var paths = SECRET_INPUTS.getOrDefault(c.type(), List.of());
                // an unknown value (a first preview's kubeconfig) is no value yet, so it is not plain text either
                var leaked = c.after().map(a -> paths.stream().filter(p -> a.input(p) != null && !SECRET.equals(a.input(p))
                        && !PlannedResource.UNKNOWN.equals(a.input(p))).toList()).orElse(List.of());
                return leaked.isEmpty() || c.op() == Change.Op.DELETE ? Optional.empty()
                        : Optional.of(new Finding("secret-in-plain-text", Severity.BLOCKING, c.urn(),
                                String.join(", ", leaked) + " is stored in plain text in the stack's state",
                                "pass it as a secret (Output.asSecret, `pulumi config set --secret`)", false));
            }));

    public static Set<String> ruleIds() {
        var ids = new TreeSet<String>();
        RULES.forEach(r -> ids.add(r.id()));
        return ids;
    }

    /** Every finding of every rule on every change, in change order; the ones an allowance names (rule and resource) are marked allowed. */
    public static List<Finding> check(List<Change> changes, Set<Allowance> allowed) {
        var context = Context.of(changes);
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
