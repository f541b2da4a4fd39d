package io.asmdr.plan;

import io.asmdr.support.Cli;
import io.asmdr.support.TestStacks;
import io.asmdr.synth.Synth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code diff} on plans the real program produces, and {@code guard} on a real preview's shape. */
class PlanDiffTest {
    static final String ACK = "alicloud:cs/managedKubernetes:ManagedKubernetes";
    static final String POOL = "alicloud:cs/nodePool:NodePool";
    static final String ASM = "alicloud:servicemesh/serviceMesh:ServiceMesh";

    static Plan plan(TestStacks stacks) {
        var run = stacks.run("dev");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        return run.plan();
    }

    static List<Change> diff(TestStacks base, TestStacks head) {
        return PlanDiff.between(plan(base), plan(head), ReplacementFacts.shipped());
    }

    static Change only(List<Change> changes, String type, String name) {
        return changes.stream().filter(c -> c.type().equals(type) && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + name));
    }

    static TestStacks dev() {
        return TestStacks.file("Pulumi.dev.yaml");
    }

    @Test
    void aPodCidrChangeReplacesThatClusterAndItsNodePoolOnly() {
        var changes = diff(dev(), dev().with("regions[0].cluster.podCidr", "10.9.0.0/16"));
        var hz = only(changes, ACK, "cn-hangzhou-ack");
        assertEquals(Change.Op.REPLACE, hz.op());
        assertEquals(List.of("inputs.podCidr"), hz.replaceReasons());
        var pool = only(changes, POOL, "cn-hangzhou-ack-workers");
        assertEquals(Change.Op.REPLACE, pool.op());
        assertEquals(List.of("inputs.clusterId"), pool.replaceReasons(), "clusterId is ForceNew for a node pool");
        assertTrue(pool.cause().orElseThrow().endsWith("::cn-hangzhou-ack"), "the cascade names where it started");
        assertEquals(Change.Op.SAME, only(changes, ACK, "cn-shanghai-ack").op());
        assertEquals(Change.Op.SAME, only(changes, POOL, "cn-shanghai-ack-workers").op());
        assertEquals(Change.Op.UPDATE, only(changes, ASM, "mesh").op(), "a new member id: the mesh is updated (and re-adds everyone)");
        var findings = Guard.check(changes, Set.of());
        assertTrue(findings.stream().anyMatch(f -> f.rule().equals("mesh-members-changed") && f.blocks()));
        assertTrue(findings.stream().anyMatch(f -> f.rule().equals("critical-replaced") && f.severity() == Guard.Severity.WARNING),
                "dev is not protected: a warning");
    }

    @Test
    void aReplicaChangeUpdatesOneDeployment() {
        var changes = diff(dev(), dev().with("regions[1].bookinfo.reviewsReplicas", 3));
        var moving = changes.stream().filter(c -> c.op() != Change.Op.SAME).toList();
        assertEquals(1, moving.size(), moving.toString());
        assertEquals(Change.Op.UPDATE, moving.get(0).op());
        assertEquals("cn-shanghai-reviews-v2", moving.get(0).name());
        assertEquals(List.of("inputs.spec.replicas"), moving.get(0).changed());
        assertTrue(Guard.check(changes, Set.of()).isEmpty());
    }

    @Test
    void anAddedRegionUpdatesTheMeshAndIsBlocked() {
        var changes = PlanDiff.between(plan(TestStacks.flannel(2)), plan(TestStacks.flannel(3)), ReplacementFacts.shipped());
        var mesh = only(changes, ASM, "mesh");
        assertEquals(Change.Op.UPDATE, mesh.op());
        assertTrue(mesh.changedInput("clusterIds"), mesh.changed().toString());
        assertEquals(Change.Op.CREATE, only(changes, ACK, "cn-beijing-ack").op());
        var blocking = Guard.check(changes, Set.of()).stream().filter(Guard.Finding::blocks).toList();
        assertEquals(List.of("mesh-members-changed"), blocking.stream().map(Guard.Finding::rule).toList());
        var meshName = Urns.name(blocking.get(0).urn());
        assertTrue(Guard.check(changes, Set.of(Allowance.parse("mesh-members-changed:" + meshName))).stream().noneMatch(Guard.Finding::blocks),
                "an allowance that names the rule and the resource acknowledges it");
        assertTrue(Guard.check(changes, Set.of(Allowance.parse("mesh-members-changed:another-mesh"))).stream().anyMatch(Guard.Finding::blocks),
                "one for another resource does not");
        assertTrue(Guard.check(changes, Set.of(Allowance.parse("critical-replaced:" + meshName))).stream().anyMatch(Guard.Finding::blocks),
                "nor one for another rule");
    }

    @Test
    void aVpcRenameIsAnUpdateNotAReplacement() {
        var changes = diff(dev(), dev().with("regions[0].vpc.name", "vpc-hz-renamed"));
        var vpc = only(changes, "alicloud:vpc/network:Network", "cn-hangzhou-vpc");
        assertEquals(Change.Op.UPDATE, vpc.op());
        assertEquals(List.of("inputs.vpcName"), vpc.changed());
        assertTrue(changes.stream().noneMatch(c -> c.op() == Change.Op.REPLACE || c.op() == Change.Op.DELETE || c.op() == Change.Op.CREATE),
                changes.stream().filter(c -> c.op() != Change.Op.SAME).toList().toString());
    }

    @Test
    void aProtectedStackBlocksACriticalReplacementAndProtectRemoval() {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml");
        var changes = PlanDiff.between(plan(prod), plan(TestStacks.file("stacks/Pulumi.prod.yaml").with("mesh.edition", "Default")
                .with("mesh.istioApi", "asmKubeconfig")), ReplacementFacts.shipped());
        var mesh = only(changes, ASM, "mesh-cn-hangzhou"); // prod: one instance per region
        assertEquals(Change.Op.REPLACE, mesh.op());
        assertEquals(List.of("inputs.edition"), mesh.replaceReasons());
        assertTrue(Guard.check(changes, Set.of()).stream().anyMatch(f -> f.rule().equals("critical-replaced") && f.blocks()));
        var unprotected = PlanDiff.between(plan(prod), plan(TestStacks.file("stacks/Pulumi.prod.yaml").with("protect", false)), ReplacementFacts.shipped());
        var vpc = only(unprotected, "alicloud:vpc/network:Network", "cn-hangzhou-vpc");
        assertTrue(vpc.changed().contains("options.protect"), vpc.changed().toString());
        assertTrue(Guard.check(unprotected, Set.of()).stream().anyMatch(f -> f.rule().equals("protect-removed") && f.blocks()));
    }

    @Test
    void guardReadsARealPreviewAndFindsEveryDanger() throws Exception {
        // src/test/resources/preview/dangerous-prod.json follows display.PreviewDigest / PreviewStep
        // (pulumi/pulumi pkg/display/json.go), apitype.ResourceV3 states (sdk/go/common/apitype/core.go),
        // the step ops of pkg/resource/deploy/step.go and the PropertyDiff kinds ("update-replace").
        var changes = PreviewChanges.read(Path.of("src/test/resources/preview/dangerous-prod.json"));
        var cluster = changes.stream().filter(c -> c.type().equals(ACK)).toList();
        assertEquals(1, cluster.size(), "create-replacement, replace and delete-replaced fold into one change");
        assertEquals(Change.Op.REPLACE, cluster.get(0).op());
        var rules = Guard.check(changes, Set.of()).stream().filter(Guard.Finding::blocks).map(Guard.Finding::rule).collect(Collectors.toSet());
        assertEquals(Set.of("critical-replaced", "public-endpoint-replaced", "mesh-members-changed", "mesh-version-changed",
                "security-group-open-to-world", "protect-removed", "kubernetes-implicit-provider", "secret-in-plain-text"), rules);
    }

    @Test
    void guardExitCodes(@TempDir Path tmp) throws Exception {
        var fixture = "src/test/resources/preview/dangerous-prod.json";
        var blocked = Cli.run(PlanCommands::guard, fixture);
        assertEquals(PlanCommands.BLOCKED, blocked.code(), blocked.err());
        assertTrue(blocked.out().startsWith(DiffReport.MARKER), blocked.out());
        // the comment names the label for each blocking finding; those labels, and only those, clear it
        var labels = new TreeSet<String>();
        var label = Pattern.compile("`(allow:[a-z-]+:[^`]+)`").matcher(blocked.out().lines().filter(l -> l.contains("blocking finding")).findFirst().orElseThrow());
        while (label.find()) {
            labels.add(label.group(1));
        }
        assertTrue(labels.contains("allow:mesh-members-changed:mesh"), blocked.out());
        var args = new ArrayList<>(List.of(fixture, "--json", tmp.resolve("out/guard.json").toString()));
        labels.forEach(l -> {
            args.add("--allow");
            args.add(l.substring("allow:".length()));
        });
        var allowed = Cli.run(PlanCommands::guard, args.toArray(String[]::new));
        assertEquals(PlanCommands.OK, allowed.code(), allowed.err() + allowed.out());
        assertTrue(allowed.out().contains("| allowed by `allow:mesh-members-changed:mesh` | `mesh-members-changed`"), allowed.out());
        assertTrue(allowed.out().contains("- `allow:mesh-members-changed:mesh`: allows `mesh-members-changed` on `mesh`"), allowed.out());
        assertTrue(Files.readString(tmp.resolve("out/guard.json")).contains("\"blocking\" : 0"));
        var elsewhere = Cli.run(PlanCommands::guard, fixture, "--allow", "mesh-members-changed:other");
        assertEquals(PlanCommands.BLOCKED, elsewhere.code());
        assertTrue(elsewhere.out().contains("`allow:mesh-members-changed:other`: matches no finding of this change"), elsewhere.out());
        var wholeRule = Cli.run(PlanCommands::guard, fixture, "--allow", "mesh-members-changed");
        assertEquals(PlanCommands.USAGE, wholeRule.code());
        assertTrue(wholeRule.err().contains("name the resources it allows"), wholeRule.err());
        assertEquals(PlanCommands.USAGE, Cli.run(PlanCommands::guard, fixture, "--allow", "everything:mesh").code());
        assertEquals(PlanCommands.USAGE, Cli.run(PlanCommands::guard).code());
        assertEquals(PlanCommands.USAGE, Cli.run(PlanCommands::guard, tmp.resolve("missing.json").toString()).code());
    }

    @Test
    void diffCommandOverSynthFolders(@TempDir Path tmp) throws Exception {
        var synth = (Cli.Command) Synth::run;
        assertEquals(0, Cli.run(synth, "dev", "--out", tmp.resolve("base/dev").toString()).code());
        var head = tmp.resolve("Pulumi.dev.yaml");
        Files.writeString(head, Files.readString(Path.of("Pulumi.dev.yaml")).replace("to: {cn-hangzhou: 90, cn-shanghai: 10}",
                "to: { cn-hangzhou: 80, cn-shanghai: 20 }"));
        assertEquals(0, Cli.run(synth, "dev", "--config-file", head.toString(), "--out", tmp.resolve("head/dev").toString()).code());
        var result = Cli.run(PlanCommands::diff, tmp.resolve("base").toString(), tmp.resolve("head").toString(),
                "--json", tmp.resolve("diff.json").toString());
        assertEquals(PlanCommands.OK, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("| dev | 0 | 4 | 0 | 0 | 0 | 91 |"), result.out());
        assertTrue(result.out().contains("### Expected traffic moves in dev"), result.out());
        assertTrue(result.out().contains("| healthy | cn-shanghai | 14.0% | 26.0% |"), result.out());
        assertTrue(Files.readString(tmp.resolve("diff.json")).contains("\"op\" : \"update\""));
        assertEquals(PlanCommands.USAGE, Cli.run(PlanCommands::diff, tmp.resolve("base").toString()).code());
    }

    @Test
    void droppingTheReadOnlyPilotEipChangesNothingButDroppingAForceNewInputReplaces(@TempDir Path tmp) throws Exception {
        // the release before this one sent loadBalancer.pilotPublicEip: false; this one sends nothing
        var head = plan(dev());
        assertFalse(((Map<?, ?>) head.ofType(ASM).get(0).input("loadBalancer")).containsKey("pilotPublicEip"), "no longer sent");
        var json = head.toPreviewJson();
        var sent = "\"apiServerPublicEip\" : false";
        assertTrue(json.contains(sent), "the plan's spelling of the neighbouring input");
        Files.writeString(tmp.resolve("before.json"), json.replace(sent, sent + ", \"pilotPublicEip\" : false"));
        var before = PlanFile.read(tmp.resolve("before.json"));
        var mesh = only(PlanDiff.between(before, head, ReplacementFacts.shipped()), ASM, "mesh");
        assertEquals(Change.Op.SAME, mesh.op(), "Optional+Computed: the provider keeps the state value");
        // the same removal of an input that is ForceNew and not kept (apiServerPublicEip) is a replacement
        Files.writeString(tmp.resolve("after.json"), json.replaceAll(",\\s*" + Pattern.quote(sent), "").replaceAll(Pattern.quote(sent) + "\\s*,", ""));
        var dropped = only(PlanDiff.between(PlanFile.read(tmp.resolve("before.json")), PlanFile.read(tmp.resolve("after.json")), ReplacementFacts.shipped()), ASM, "mesh");
        assertEquals(Change.Op.REPLACE, dropped.op(), dropped.toString());
    }

    @Test
    void shippedForceNewFactsEqualTheReference() throws Exception {
        var shipped = new String(PlanDiffTest.class.getResourceAsStream("/io/asmdr/reference/" + ReplacementFacts.RESOURCE).readAllBytes());
        assertEquals(Files.readString(Path.of("reference/alicloud-forcenew.json")), shipped,
                "the jar packages reference/alicloud-forcenew.json as " + ReplacementFacts.RESOURCE + " (pom.xml)");
        assertTrue(ReplacementFacts.shipped().forceNew(ACK).contains("podCidr"));
        assertEquals(List.of("metadata.name", "metadata.namespace", "spec.selector"),
                ReplacementFacts.shipped().forceNew("kubernetes:apps/v1:Deployment"));
        assertFalse(ReplacementFacts.shipped().forceNew("alicloud:vpc/network:Network").contains("vpcName"));
    }
    // ---- the kubeconfig cascade on hand-made plans: a Kubernetes provider is replaced when its cluster is -----------------

    private static final String DEV = "urn:pulumi:dev::asm-dr::";
    private static final String K8S = "pulumi:providers:kubernetes";
    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";

    private static PlannedResource resource(String type, String name, Map<String, Object> inputs, String provider,
                                            List<String> dependencies, Map<String, List<String>> propertyDependencies, List<String> aliases) {
        var o = PlannedResource.Options.NONE;
        var options = new PlannedResource.Options(o.protect(), o.ignoreChanges(), o.customTimeouts(), o.additionalSecretOutputs(), aliases,
                o.deleteBeforeReplace(), o.retainOnDelete(), o.replaceOnChanges(), propertyDependencies, o.version());
        return new PlannedResource(DEV + type + "::" + name, type, name, true, "", provider, dependencies, inputs, options);
    }

    private static PlannedResource cluster(String name, String podCidr) {
        return resource(ACK, name, Map.of("podCidr", podCidr), "", List.of(), Map.of(), List.of());
    }

    /** A Kubernetes provider whose kubeconfig comes from {@code clusters}, and a Deployment it manages. */
    private static List<PlannedResource> kubernetes(String providerName, List<String> clusters, List<String> aliases) {
        var sources = clusters.stream().map(c -> DEV + ACK + "::" + c).toList();
        var provider = resource(K8S, providerName, Map.of("kubeconfig", "kubeconfig-of-the-cluster"), "", sources,
                Map.of("kubeconfig", sources), aliases);
        var reviews = resource(DEPLOYMENT, "reviews", Map.of("spec", Map.of("replicas", 1)), provider.urn() + "::id", List.of(), Map.of(), List.of());
        return List.of(provider, reviews);
    }

    private static Plan plan(List<PlannedResource> clusters, List<PlannedResource> kubernetes) {
        var all = new ArrayList<>(clusters);
        all.addAll(kubernetes);
        return new Plan(all, List.of());
    }

    @Test
    void aReplacedClusterReplacesItsKubernetesProviderAndEverythingOnIt() {
        var base = plan(List.of(cluster("hz", "10.0.0.0/16")), kubernetes("hz-k8s", List.of("hz"), List.of()));
        var head = plan(List.of(cluster("hz", "10.9.0.0/16")), kubernetes("hz-k8s", List.of("hz"), List.of()));
        var changes = PlanDiff.between(base, head, ReplacementFacts.shipped());
        var provider = only(changes, K8S, "hz-k8s");
        assertEquals(Change.Op.REPLACE, provider.op(), provider.toString());
        assertEquals(List.of("inputs.kubeconfig"), provider.replaceReasons());
        assertEquals(List.of("inputs.kubeconfig"), provider.changed(), "the same text offline, from a cluster with a new id");
        assertEquals(DEV + ACK + "::hz", provider.cause().orElseThrow(), "the cascade names the cluster");
        var reviews = only(changes, DEPLOYMENT, "reviews");
        assertEquals(Change.Op.REPLACE, reviews.op(), reviews.toString());
        assertEquals(List.of("provider"), reviews.replaceReasons());
        assertEquals(DEV + ACK + "::hz", reviews.cause().orElseThrow(), "two steps on, the cascade still names where it started");
    }

    @Test
    void aProviderThatIgnoresSomethingElseIsStillReplacedWithItsCluster() {
        var base = plan(List.of(cluster("hz", "10.0.0.0/16")), kubernetes("hz-k8s", List.of("hz"), List.of()));
        var head = plan(List.of(cluster("hz", "10.9.0.0/16")), ignoring(kubernetes("hz-k8s", List.of("hz"), List.of()), "enableServerSideApply"));
        var provider = only(PlanDiff.between(base, head, ReplacementFacts.shipped()), K8S, "hz-k8s");
        assertEquals(Change.Op.REPLACE, provider.op(), provider.toString());
        assertEquals(DEV + ACK + "::hz", provider.cause().orElseThrow());
    }

    /** The same resources, the provider (the first) ignoring {@code path}. */
    private static List<PlannedResource> ignoring(List<PlannedResource> kubernetes, String path) {
        var p = kubernetes.get(0);
        var o = p.options();
        var options = new PlannedResource.Options(o.protect(), List.of(path), o.customTimeouts(), o.additionalSecretOutputs(), o.aliases(),
                o.deleteBeforeReplace(), o.retainOnDelete(), o.replaceOnChanges(), o.propertyDependencies(), o.version());
        var out = new ArrayList<PlannedResource>(kubernetes);
        out.set(0, new PlannedResource(p.urn(), p.type(), p.name(), p.custom(), p.parent(), p.provider(), p.dependencies(), p.inputs(), options));
        return out;
    }

    @Test
    void aProviderPointedAtAnotherClusterIsReplacedWithoutACause() {
        var clusters = List.of(cluster("hz", "10.0.0.0/16"), cluster("sh", "10.1.0.0/16"));
        var changes = PlanDiff.between(plan(clusters, kubernetes("k8s", List.of("hz"), List.of())),
                plan(clusters, kubernetes("k8s", List.of("sh"), List.of())), ReplacementFacts.shipped());
        var provider = only(changes, K8S, "k8s");
        assertEquals(Change.Op.REPLACE, provider.op(), provider.toString());
        assertEquals(List.of("inputs.kubeconfig"), provider.replaceReasons());
        assertEquals(List.of("inputs.kubeconfig"), provider.changed(), "it points at another cluster now");
        assertTrue(provider.cause().isEmpty(), "nothing else was replaced: " + provider);
        var reviews = only(changes, DEPLOYMENT, "reviews");
        assertEquals(Change.Op.REPLACE, reviews.op());
        assertEquals(DEV + K8S + "::k8s", reviews.cause().orElseThrow(), "the Deployment's cascade starts at the provider");
        assertEquals(Change.Op.SAME, only(changes, ACK, "hz").op());
    }

    @Test
    void theSameClustersUnderAnotherNameOrOrderAreNoChange() {
        // the cluster renamed with an alias: the provider's source is the same resource
        var renamed = cluster("hz-renamed", "10.0.0.0/16");
        renamed = resource(ACK, "hz-renamed", renamed.inputs(), "", List.of(), Map.of(), List.of(DEV + ACK + "::hz"));
        var changes = PlanDiff.between(plan(List.of(cluster("hz", "10.0.0.0/16")), kubernetes("k8s", List.of("hz"), List.of())),
                plan(List.of(renamed), kubernetes("k8s", List.of("hz-renamed"), List.of())), ReplacementFacts.shipped());
        assertEquals(Change.Op.SAME, only(changes, ACK, "hz-renamed").op(), "matched by its alias: " + changes);
        assertTrue(changes.stream().noneMatch(c -> c.op() == Change.Op.DELETE), changes.toString());
        assertEquals(Change.Op.SAME, only(changes, K8S, "k8s").op(), changes.toString());
        assertEquals(Change.Op.SAME, only(changes, DEPLOYMENT, "reviews").op(), changes.toString());
        // two sources listed in another order are the same sources
        var clusters = List.of(cluster("hz", "10.0.0.0/16"), cluster("sh", "10.1.0.0/16"));
        var reordered = PlanDiff.between(plan(clusters, kubernetes("k8s", List.of("hz", "sh"), List.of())),
                plan(clusters, kubernetes("k8s", List.of("sh", "hz"), List.of())), ReplacementFacts.shipped());
        assertEquals(Change.Op.SAME, only(reordered, K8S, "k8s").op(), reordered.toString());
    }

    @Test
    void aKubeconfigDependencyOfAnythingButAKubernetesProviderIsAnOrdinaryInput() {
        // a resource that is not a provider but reads a kubeconfig: a new source is an input change, not a replacement
        var clusters = List.of(cluster("hz", "10.0.0.0/16"), cluster("sh", "10.1.0.0/16"));
        Function<String, PlannedResource> reader = c -> resource("asm-dr:mesh:KubeconfigReader", "reader",
                Map.of("kubeconfig", "kubeconfig-of-the-cluster"), "", List.of(DEV + ACK + "::" + c), Map.of("kubeconfig", List.of(DEV + ACK + "::" + c)), List.of());
        var moved = only(PlanDiff.between(plan(clusters, List.of(reader.apply("hz"))), plan(clusters, List.of(reader.apply("sh"))),
                ReplacementFacts.shipped()), "asm-dr:mesh:KubeconfigReader", "reader");
        assertEquals(Change.Op.SAME, moved.op(), "the same kubeconfig text from another cluster: " + moved);
        var replacedUnder = PlanDiff.between(plan(List.of(cluster("hz", "10.0.0.0/16")), List.of(reader.apply("hz"))),
                plan(List.of(cluster("hz", "10.9.0.0/16")), List.of(reader.apply("hz"))), ReplacementFacts.shipped());
        var reading = only(replacedUnder, "asm-dr:mesh:KubeconfigReader", "reader");
        assertEquals(Change.Op.UPDATE, reading.op(), "its input references a replaced resource: a new value, no replacement: " + reading);
        assertEquals(List.of("inputs.kubeconfig"), reading.changed());
        assertEquals(DEV + ACK + "::hz", reading.cause().orElseThrow());
    }
    private static PlannedResource deployment(Object replicas, List<String> replaceOnChanges, Optional<Boolean> deleteBeforeReplace) {
        var o = PlannedResource.Options.NONE;
        var options = new PlannedResource.Options(o.protect(), o.ignoreChanges(), o.customTimeouts(), o.additionalSecretOutputs(), o.aliases(),
                deleteBeforeReplace, o.retainOnDelete(), replaceOnChanges, o.propertyDependencies(), o.version());
        return new PlannedResource(DEV + DEPLOYMENT + "::reviews", DEPLOYMENT, "reviews", true, "", "", List.of(),
                Map.of("spec", Map.of("replicas", replicas), "metadata", Map.of("labels", List.of())), options);
    }

    private static Change reviews(PlannedResource before, PlannedResource after) {
        return only(PlanDiff.between(new Plan(List.of(before), List.of()), new Plan(List.of(after), List.of()), ReplacementFacts.shipped()),
                DEPLOYMENT, "reviews");
    }

    @Test
    void aChangeUnderReplaceOnChangesReplacesAndOneElsewhereUpdates() {
        var onSpec = List.of("spec");
        var replaced = reviews(deployment(1, onSpec, Optional.empty()), deployment(2, onSpec, Optional.empty()));
        assertEquals(Change.Op.REPLACE, replaced.op(), replaced.toString());
        assertEquals(List.of("inputs.spec.replicas"), replaced.replaceReasons());
        var onMetadata = List.of("metadata.annotations");
        var updated = reviews(deployment(1, onMetadata, Optional.empty()), deployment(2, onMetadata, Optional.empty()));
        assertEquals(Change.Op.UPDATE, updated.op(), "replaceOnChanges names another path: " + updated);
    }

    @Test
    void deleteBeforeReplaceIsComparedOnlyWhereBothPlansSayIt() {
        Optional<Boolean> yes = Optional.of(true);
        Optional<Boolean> no = Optional.of(false);
        var changed = reviews(deployment(1, List.of(), yes), deployment(1, List.of(), no));
        assertEquals(List.of("options.deleteBeforeReplace"), changed.changed());
        assertEquals(Change.Op.UPDATE, changed.op());
        for (var pair : List.of(List.of(Optional.<Boolean>empty(), yes), List.of(yes, Optional.<Boolean>empty()), List.of(yes, yes))) {
            var c = reviews(deployment(1, List.of(), pair.get(0)), deployment(1, List.of(), pair.get(1)));
            assertEquals(Change.Op.SAME, c.op(), pair + ": " + c);
        }
    }

    @Test
    void anEmptyListIsAValueAndAListOfPlaceholdersIsNot() {
        var none = deployment(1, List.of(), Optional.empty());
        var labelled = new PlannedResource(none.urn(), none.type(), none.name(), true, "", "", List.of(),
                Map.of("spec", Map.of("replicas", 1), "metadata", Map.of("labels", List.of("app"))), none.options());
        var filled = reviews(none, labelled);
        assertEquals(Change.Op.UPDATE, filled.op(), "from no labels to one: " + filled);
        assertEquals(List.of("inputs.metadata.labels"), filled.changed());
        var unknown = new PlannedResource(none.urn(), none.type(), none.name(), true, "", "", List.of(),
                Map.of("spec", Map.of("replicas", 1), "metadata", Map.of("labels", List.of(PlannedResource.UNKNOWN, PlannedResource.UNKNOWN))),
                none.options());
        assertEquals(Change.Op.SAME, reviews(labelled, unknown).op(), "a preview's unknown list is no evidence of a change");
        assertEquals(Change.Op.SAME, reviews(unknown, labelled).op());
        assertTrue(PlanDiff.unknown(PlannedResource.UNKNOWN));
        assertFalse(PlanDiff.unknown(List.of()));
        assertFalse(PlanDiff.unknown(List.of(PlannedResource.UNKNOWN, "app")));
    }
}
