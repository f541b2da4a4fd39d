package io.asmdr.plan;

import java.util.ArrayList;
import java.util.List;
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

    /** What a rule knows beyond the change itself: whether the stack is a protected one. */
    public record Context(boolean protectedStack) {
        public static Context of(List<Change> changes) {
            return new Context(changes.stream().anyMatch(c -> c.before().map(PlannedResource::protect).orElse(false)
                    || c.after().map(PlannedResource::protect).orElse(false)));
        }
    }

    /** A rule: an id to allow it by, and what it finds in one change. */
    public interface Rule {
        String id();

        Optional<Finding> check(Change change, Context context);
    }

    static final String ACK = "alicloud:cs/managedKubernetes:ManagedKubernetes";
    static final String ASM = "alicloud:servicemesh/serviceMesh:ServiceMesh";
    private static final Map<String, String> CRITICAL = Map.of(
            ACK, "an ACK cluster (its workloads, its membership in the mesh)",
            ASM, "the ASM instance (every Istio object and the ingress gateway go with it)",
            "alicloud:vpc/network:Network", "a VPC (everything inside it)",
            "alicloud:cen/instance:Instance", "the CEN instance (all cross-region connectivity)",
            "alicloud:cen/transitRouter:TransitRouter", "a transit router (its region's connectivity)");
    /** Inputs that must always be secrets, by resource type. */
    private static final Map<String, List<String>> SECRET_INPUTS = Map.of(
            "pulumi:providers:kubernetes", List.of("kubeconfig"),
            "pulumi:providers:alicloud", List.of("accessKey", "secretKey"),
            "alicloud:cs/nodePool:NodePool", List.of("password"));
    public static final String SECRET = "[secret]";

    public static final List<Rule> RULES = List.of(
            rule("critical-replaced", (c, ctx) -> {
                var what = CRITICAL.get(c.type());
                if (what == null || (c.op() != Change.Op.REPLACE && c.op() != Change.Op.DELETE)) {
                    return Optional.empty();
                }
                var protectedOne = ctx.protectedStack() || c.before().map(PlannedResource::protect).orElse(false);
                var why = c.op() == Change.Op.DELETE ? "deletes " : "replaces ";
                var because = c.replaceReasons().isEmpty() ? "" : " because " + String.join(", ", c.replaceReasons()) + " changed"
                        + c.cause().map(u -> " (cascade from " + Urns.name(u) + ")").orElse("");
                return Optional.of(new Finding("critical-replaced", protectedOne ? Severity.BLOCKING : Severity.WARNING, c.urn(),
                        "this change " + why + what + because,
                        "undo the change that forces it, or plan a maintenance window, migrate, and pass --allow critical-replaced", false));
            }),
            rule("mesh-members-changed", (c, ctx) -> c.type().equals(ASM) && (c.op() == Change.Op.UPDATE || c.op() == Change.Op.REPLACE)
                    && c.changedInput("clusterIds")
                    ? Optional.of(new Finding("mesh-members-changed", Severity.BLOCKING, c.urn(),
                            "the mesh's clusterIds change: the provider removes EVERY member cluster and adds them all back, one by one"
                                    + " (terraform-provider-alicloud v1.285.0, resource_alicloud_service_mesh_service_mesh.go, Update), a mesh-wide disruption",
                            "add or remove regions in a maintenance window and pass --allow mesh-members-changed", false))
                    : Optional.empty()),
            rule("mesh-version-changed", (c, ctx) -> c.type().equals(ASM) && c.op() == Change.Op.UPDATE && c.changedInput("version")
                    ? Optional.of(new Finding("mesh-version-changed", Severity.BLOCKING, c.urn(),
                            "the ASM version changes: every sidecar and gateway is upgraded",
                            "upgrade one environment at a time, after the release notes, and pass --allow mesh-version-changed", false))
                    : Optional.empty()),
            rule("security-group-open-to-world", (c, ctx) -> c.type().equals("alicloud:ecs/securityGroupRule:SecurityGroupRule")
                    && c.op() != Change.Op.DELETE && c.op() != Change.Op.SAME
                    && c.after().map(a -> "0.0.0.0/0".equals(a.input("cidrIp"))).orElse(false)
                    ? Optional.of(new Finding("security-group-open-to-world", Severity.BLOCKING, c.urn(),
                            "a security-group rule admits 0.0.0.0/0: every address on the internet reaches the cluster's nodes",
                            "admit the peer clusters' Pod or vSwitch CIDRs only", false))
                    : Optional.empty()),
            rule("protect-removed", (c, ctx) -> c.before().map(PlannedResource::protect).orElse(false)
                    && c.after().map(a -> !a.protect()).orElse(false)
                    ? Optional.of(new Finding("protect-removed", Severity.BLOCKING, c.urn(),
                            "Pulumi's protect is removed: the next destroy or replacement of this resource goes through",
                            "keep asm-dr:protect true, or pass --allow protect-removed for a planned teardown", false))
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

    /** Every finding of every rule on every change, in change order; allowed rules are marked. */
    public static List<Finding> check(List<Change> changes, Set<String> allowed) {
        var context = Context.of(changes);
        var out = new ArrayList<Finding>();
        for (var change : changes) {
            for (var rule : RULES) {
                rule.check(change, context).ifPresent(f -> out.add(allowed.contains(f.rule())
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
