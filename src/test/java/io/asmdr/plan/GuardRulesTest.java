package io.asmdr.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asmdr.support.Cli;
import io.asmdr.support.TestStacks;
import io.asmdr.synth.Synth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every guard rule both ways (a change it must catch, a near miss it must let through), on plans
 * built from the shipped stacks and on previews written the way the engine writes them, plus the
 * inputs a reader of previews must survive.
 */
class GuardRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STACK = "urn:pulumi:prod::asm-dr::";

    @TempDir
    Path tmp;

    // ---- offline: plans of the shipped stacks --------------------------------------------------------------

    private static List<Change> diff(TestStacks base, TestStacks head, String stack) {
        var before = base.run(stack);
        var after = head.run(stack);
        assertTrue(before.succeeded() && after.succeeded(), () -> before.result().exceptions() + " / " + after.result().exceptions());
        return PlanDiff.between(before.plan(), after.plan(), ReplacementFacts.shipped());
    }

    private static Set<String> blocking(List<Change> changes) {
        return Guard.check(changes, Set.of()).stream().filter(Guard.Finding::blocks).map(Guard.Finding::rule).collect(Collectors.toSet());
    }

    /** A fresh stack each call: TestStacks is a mutable builder, and a base must not see its head's edits. */
    private static TestStacks prod() {
        return TestStacks.file("stacks/Pulumi.prod.yaml");
    }

    private static TestStacks dev() {
        return TestStacks.file("Pulumi.dev.yaml");
    }

    @Test
    void switchingTheIstioApiOnAProtectedStackBlocksAndNamesTheGateway() {
        var changes = diff(prod(), prod().with("mesh.istioApi", "asmKubeconfig"), "prod");
        var findings = Guard.check(changes, Set.of());
        assertTrue(findings.stream().anyMatch(f -> f.blocks() && f.rule().equals("critical-replaced") && f.urn().endsWith("::ingressgateway")),
                findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.blocks() && f.rule().equals("public-endpoint-replaced")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.blocks() && f.rule().equals("critical-replaced") && f.message().contains("Istio VirtualService")),
                "the routing objects move too: " + findings);
    }

    @Test
    void theSameSwitchOnDevWarnsOnly() {
        var changes = diff(dev(), dev().with("mesh.istioApi", "asmKubeconfig"), "dev");
        var findings = Guard.check(changes, Set.of());
        assertTrue(findings.stream().anyMatch(f -> f.rule().equals("critical-replaced")), findings.toString());
        assertTrue(findings.stream().filter(f -> f.rule().equals("critical-replaced")).noneMatch(Guard.Finding::blocks), "dev is not protected");
    }

    @Test
    void pinningAnUnsetMeshVersionIsUnknownNotSame() {
        var changes = diff(dev(), dev().with("mesh.version", "v1.24.6.71-g5497b3e6-aliyun"), "dev");
        var mesh = changes.stream().filter(c -> c.type().equals(Guard.ASM)).findFirst().orElseThrow();
        assertEquals(Change.Op.UNKNOWN, mesh.op(), mesh.toString());
        assertTrue(mesh.unknown().contains("inputs.version"), mesh.unknown().toString());
        assertTrue(Guard.check(changes, Set.of()).stream().anyMatch(f -> f.rule().equals("needs-real-preview") && !f.blocks()),
                "dev only warns");
        // on a protected mesh the same blocks until a real preview says what the live mesh runs (a protected
        // stack must pin its version, so this is the state of a mesh protected by hand)
        var protectedMesh = new Change(mesh.urn(), mesh.type(), mesh.op(), mesh.changed(), mesh.replaceReasons(), mesh.cause(),
                mesh.before().map(GuardRulesTest::protectedCopy), mesh.after().map(GuardRulesTest::protectedCopy), mesh.unknown());
        assertTrue(blocking(List.of(protectedMesh)).contains("needs-real-preview"), Guard.check(List.of(protectedMesh), Set.of()).toString());
    }

    private static PlannedResource protectedCopy(PlannedResource r) {
        var o = r.options();
        return new PlannedResource(r.urn(), r.type(), r.name(), r.custom(), r.parent(), r.provider(), r.dependencies(), r.inputs(),
                new PlannedResource.Options(true, o.ignoreChanges(), o.customTimeouts(), o.additionalSecretOutputs(), o.aliases(),
                        o.deleteBeforeReplace(), o.retainOnDelete(), o.replaceOnChanges(), o.propertyDependencies(), o.version()));
    }

    @Test
    void aNearMissChangesNothingDangerous() {
        // more replicas of the gateway and of reviews: updates only, nothing blocks
        var changes = diff(prod(), prod().with("mesh.ingressGateways[0].replicas", 3).with("regions[0].bookinfo.reviewsReplicas", 3), "prod");
        assertEquals(Set.of(), blocking(changes), Guard.check(changes, Set.of()).toString());
        assertTrue(changes.stream().anyMatch(c -> c.op() == Change.Op.UPDATE));
    }

    @Test
    void aTerwayPodVswitchCidrChangeOnProdBlocks() {
        var changes = diff(prod(), prod().with("regions[0].cluster.podVswitches[0].cidr", "20.4.0.0/16"), "prod");
        var rules = blocking(changes);
        assertTrue(rules.contains("critical-replaced") && rules.contains("replaced-under-its-contents"), Guard.check(changes, Set.of()).toString());
    }

    @Test
    void aVswitchReplacedUnderAClusterBlocksEvenOnDev() {
        var changes = diff(dev(), dev().with("regions[0].vswitches[0].cidr", "20.2.0.0/16"), "dev");
        var findings = Guard.check(changes, Set.of());
        assertTrue(findings.stream().anyMatch(f -> f.blocks() && f.rule().equals("replaced-under-its-contents")
                && f.message().contains("cn-hangzhou-ack") && f.fix().contains("beside the old one")), findings.toString());
    }

    @Test
    void aValueUnderIgnoreChangesThatMovesIsNoChange() throws IOException {
        // the simulated cloud offers another ASM version next month; the mesh ignores version changes, so nothing happens
        var plan = dev().run("dev").plan();
        var json = plan.toPreviewJson();
        var moved = tmp.resolve("moved.json");
        Files.writeString(moved, json.replace("v1.24.6.71-g5497b3e6-aliyun", "v1.25.3.10-gabcdef01-aliyun"));
        var base = tmp.resolve("base.json");
        Files.writeString(base, json);
        var mesh = PlanDiff.between(PlanFile.read(base), PlanFile.read(moved), ReplacementFacts.shipped()).stream()
                .filter(c -> c.type().equals(Guard.ASM)).findFirst().orElseThrow();
        assertEquals(Change.Op.SAME, mesh.op(), mesh.changed() + " " + mesh.unknown());
    }

    @Test
    void aValueTheSimulatorInventedIsUnknownNotAChange() throws IOException {
        var doc = (ObjectNode) JSON.readTree(dev().run("dev").plan().toPreviewJson());
        var mesh = STACK.replace("prod", "dev") + "asm-dr:mesh:MeshControlPlane$" + Guard.ASM + "::mesh";
        var base = tmp.resolve("invented-base.json");
        JSON.writeValue(base.toFile(), doc);
        // the head says the invented value is another (a simulator of another release): not evidence of a change
        doc.putArray("invented").add(mesh + "|inputs.serviceMeshName");
        for (var step : doc.path("steps")) {
            if (step.path("urn").asText().equals(mesh)) {
                ((ObjectNode) step.path("newState").path("inputs")).put("serviceMeshName", "invented-elsewhere");
            }
        }
        var head = tmp.resolve("invented-head.json");
        JSON.writeValue(head.toFile(), doc);
        var change = PlanDiff.between(PlanFile.read(base), PlanFile.read(head), ReplacementFacts.shipped()).stream()
                .filter(c -> c.urn().equals(mesh)).findFirst().orElseThrow();
        assertEquals(Change.Op.UNKNOWN, change.op(), change.changed() + " " + change.unknown());
        assertEquals(List.of("inputs.serviceMeshName"), change.unknown());
    }

    @Test
    void aCheckDefaultAgainstNothingIsTheSameStateEitherWay() throws IOException {
        var withDefaults = tmp.resolve("with.json");
        Files.writeString(withDefaults, dev().run("dev").plan().toPreviewJson());
        var doc = (ObjectNode) JSON.readTree(withDefaults.toFile());
        for (var step : doc.path("steps")) {
            if (step.path("newState").path("inputs") instanceof ObjectNode inputs) {
                inputs.remove(List.of("clusterDomain", "nodeCidrMask"));
            }
        }
        var without = tmp.resolve("without.json");
        JSON.writeValue(without.toFile(), doc);
        for (var pair : List.of(List.of(withDefaults, without), List.of(without, withDefaults))) {
            var clusters = PlanDiff.between(PlanFile.read(pair.get(0)), PlanFile.read(pair.get(1)), ReplacementFacts.shipped()).stream()
                    .filter(c -> c.type().equals(Guard.ACK)).toList();
            assertTrue(clusters.stream().allMatch(c -> c.op() == Change.Op.SAME), clusters.toString());
        }
    }

    // ---- previews as the engine writes them ----------------------------------------------------------------

    private static ObjectNode state(String type, String name, Map<String, Object> inputs, boolean protect) {
        var s = JSON.createObjectNode();
        s.put("urn", STACK + type + "::" + name);
        s.put("type", type);
        s.put("custom", true);
        s.set("inputs", JSON.valueToTree(inputs));
        // an explicit provider, as every resource of the program has
        s.put("provider", STACK + (type.startsWith("kubernetes:") ? "pulumi:providers:kubernetes::cn-hangzhou-k8s" : "pulumi:providers:alicloud::alicloud-cn-hangzhou") + "::id");
        if (protect) {
            s.put("protect", true);
        }
        return s;
    }

    private Path preview(ObjectNode... steps) throws IOException {
        var doc = JSON.createObjectNode();
        var list = doc.putArray("steps");
        var summary = doc.putObject("changeSummary");
        for (var s : steps) {
            list.add(s);
            var op = s.path("op").asText("");
            if (List.of("create", "update", "delete", "replace").contains(op)) {
                summary.put(op, summary.path(op).asInt(0) + 1);
            }
        }
        var file = tmp.resolve("preview-" + System.nanoTime() + ".json");
        JSON.writeValue(file.toFile(), doc);
        return file;
    }

    private static ObjectNode step(String op, ObjectNode before, ObjectNode after) {
        var s = JSON.createObjectNode();
        if (op != null) {
            s.put("op", op);
        }
        s.put("urn", (after != null ? after : before).path("urn").asText());
        if (before != null) {
            s.set("oldState", before);
        }
        if (after != null) {
            s.set("newState", after);
        }
        return s;
    }

    private static Cli.Result guard(Path file) {
        return Cli.run(PlanCommands::guard, file.toString());
    }

    @ParameterizedTest(name = "op {0}")
    @ValueSource(strings = {"Replace", "destroy", ""})
    void anOpGuardDoesNotKnowOnAProtectedClusterBlocks(String op) throws IOException {
        var cluster = state(Guard.ACK, "cn-hangzhou-ack", Map.of("name", "c"), true);
        var r = guard(preview(step(op.isEmpty() ? null : op, cluster, cluster)));
        assertEquals(PlanCommands.BLOCKED, r.code(), r.out());
        assertTrue(r.out().contains("not-understood"), r.out());
    }

    @Test
    void aStepWithoutStatesIsJudgedByTheTypeInItsUrn() throws IOException {
        var s = JSON.createObjectNode().put("op", "delete").put("urn", STACK + "asm-dr:cluster:RegionCluster$" + Guard.ACK + "::cn-hangzhou-ack");
        var r = guard(preview(s));
        assertEquals(PlanCommands.BLOCKED, r.code(), r.out());
        assertTrue(r.out().contains("critical-replaced") && r.out().contains("cn-hangzhou-ack"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "::/0", "2000::/2"})
    void aRuleOpenToAQuarterOfTheInternetBlocks(String cidr) throws IOException {
        var key = cidr.contains(":") ? "ipv6CidrIp" : "cidrIp";
        var rule = state(Guard.SECURITY_GROUP_RULE, "cn-hangzhou-ack-from-world", Map.of(key, cidr), false);
        var r = guard(preview(step("create", null, rule)));
        assertEquals(PlanCommands.BLOCKED, r.code(), r.out());
        assertTrue(r.out().contains("security-group-open-to-world"), r.out());
    }

    @Test
    void aPeerCidrRuleIsLetThrough() throws IOException {
        var rule = state(Guard.SECURITY_GROUP_RULE, "cn-hangzhou-ack-from-10.1.0.0-16", Map.of("cidrIp", "10.1.0.0/16"), false);
        assertEquals(PlanCommands.OK, guard(preview(step("create", null, rule))).code());
        var hostname = state(Guard.SECURITY_GROUP_RULE, "named", Map.of("cidrIp", "example.invalid/0"), false);
        assertEquals(PlanCommands.OK, guard(preview(step("create", null, hostname))).code(), "not a CIDR, never looked up");
    }

    @Test
    void aMembershipChangeSeenOnlyInTheStatesOrOnlyInDetailedDiffBlocks() throws IOException {
        var before = state(Guard.ASM, "mesh", Map.of("clusterIds", List.of("c-1", "c-2")), true);
        var after = state(Guard.ASM, "mesh", Map.of("clusterIds", List.of("c-1", "c-2", "c-3")), true);
        var statesOnly = guard(preview(step("update", before, after)));
        assertEquals(PlanCommands.BLOCKED, statesOnly.code(), statesOnly.out());
        assertTrue(statesOnly.out().contains("mesh-members-changed"), statesOnly.out());
        var same = state(Guard.ASM, "mesh", Map.of("clusterIds", List.of("c-1", "c-2")), true);
        var withDetailedDiff = step("update", same, same);
        withDetailedDiff.putObject("detailedDiff").putObject("clusterIds[2]").put("kind", "add");
        assertTrue(guard(preview(withDetailedDiff)).out().contains("mesh-members-changed"));
        // the near miss: an update of another field
        var renamed = state(Guard.ASM, "mesh", Map.of("clusterIds", List.of("c-1", "c-2"), "serviceMeshName", "b"), true);
        assertFalse(guard(preview(step("update", same, renamed))).out().contains("mesh-members-changed"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"alicloud:cen/transitRouterPeerAttachment:TransitRouterPeerAttachment", "alicloud:cs/nodePool:NodePool",
            "alicloud:vpc/switch:Switch", "alicloud:vpc/routeEntry:RouteEntry", Guard.ISTIO_GATEWAY,
            "kubernetes:networking.istio.io/v1alpha3:VirtualService", "pulumi:providers:kubernetes"})
    void replacingAProtectedResourceOnTheDrPathBlocks(String type) throws IOException {
        var old = state(type, "x", Map.of("a", 1), true);
        var r = guard(preview(step("replace", old, state(type, "x", Map.of("a", 2), true))));
        assertEquals(PlanCommands.BLOCKED, r.code(), r.out());
        assertTrue(r.out().contains("critical-replaced"), r.out());
        // the near miss: an update in place
        assertEquals(PlanCommands.OK, guard(preview(step("update", old, state(type, "x", Map.of("a", 2), true)))).code());
    }

    @Test
    void severityReadsTheStateBeforeTheChangeAndTheStackAsAWhole() throws IOException {
        // protected before, unprotected after: still blocks (not only after.protect)
        var before = state(Guard.ACK, "c", Map.of("a", 1), true);
        var after = state(Guard.ACK, "c", Map.of("a", 2), false);
        assertEquals(PlanCommands.BLOCKED, guard(preview(step("replace", before, after))).code());
        // neither state protected, but another resource of the stack is: the stack is protected
        var vswitch = state(Guard.VSWITCH, "v", Map.of("a", 1), false);
        var other = state(Guard.VPC, "vpc", Map.of(), true);
        var r = guard(preview(step("replace", vswitch, state(Guard.VSWITCH, "v", Map.of("a", 2), false)), step("same", other, other)));
        assertTrue(r.out().contains("critical-replaced") && r.code() == PlanCommands.BLOCKED, r.out());
        // and an unprotected stack only warns
        var warn = guard(preview(step("replace", vswitch, state(Guard.VSWITCH, "v", Map.of("a", 2), false))));
        assertEquals(PlanCommands.OK, warn.code(), warn.out());
    }

    // ---- inputs a reader must survive ----------------------------------------------------------------------

    @Test
    void malformedPreviewsAreExitTwoWithTheJsonPath() throws IOException {
        var stringState = JSON.createObjectNode().put("op", "create").put("urn", STACK + Guard.VPC + "::v").put("newState", "not a state");
        var r = guard(preview(stringState));
        assertEquals(PlanCommands.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("steps[0].newState is a string"), r.err());
        var noUrn = JSON.createObjectNode().put("op", "create");
        var n = guard(preview(noUrn));
        assertEquals(PlanCommands.USAGE, n.code());
        assertTrue(n.err().contains("steps[0].urn is missing"), n.err());
        assertFalse((r.err() + n.err()).contains("\tat "), "no stack trace");
    }

    @Test
    void theDangerousFixtureDiffsAgainstItselfWithoutACrash() {
        var fixture = "src/test/resources/preview/dangerous-prod.json";
        var r = Cli.run(PlanCommands::diff, fixture, fixture);
        // the fixture's own plain-text secrets still block; what matters is that it is read, step sequences and all
        assertTrue(r.code() == PlanCommands.OK || r.code() == PlanCommands.BLOCKED, r.out() + r.err());
        assertTrue(r.out().contains("| environment |") && !r.err().contains("cycle"), r.out() + r.err());
    }

    @Test
    void aCycleADuplicateAndARootFolderAreHandled() throws IOException {
        var a = state(Guard.VPC, "a", Map.of(), false);
        var b = state(Guard.VSWITCH, "b", Map.of(), false);
        ((ArrayNode) a.putArray("dependencies")).add(b.path("urn").asText());
        ((ArrayNode) b.putArray("dependencies")).add(a.path("urn").asText());
        var cycle = preview(step("create", null, a), step("create", null, b), step("create", null, b));
        var r = Cli.run(PlanCommands::diff, cycle.toString(), cycle.toString());
        assertEquals(PlanCommands.OK, r.code(), r.out() + r.err());
        var root = Cli.run(PlanCommands::diff, "/", "/");
        assertEquals(PlanCommands.USAGE, root.code());
        assertFalse(root.err().contains("\tat "), root.err());
    }

    @Test
    void aCorruptTrafficFileIsNamed() throws IOException {
        var synth = tmp.resolve("s");
        assertEquals(0, Cli.run(Synth::run, "dev", "--out", synth.resolve("base/dev").toString()).code());
        assertEquals(0, Cli.run(Synth::run, "dev", "--out", synth.resolve("head/dev").toString()).code());
        Files.writeString(synth.resolve("head/dev/traffic.json"), "{ not json");
        var r = Cli.run(PlanCommands::diff, synth.resolve("base").toString(), synth.resolve("head").toString());
        assertEquals(PlanCommands.USAGE, r.code());
        assertTrue(r.err().contains("head/dev/traffic.json is not the traffic.json synth writes"), r.err());
    }

    @Test
    void aLargePlanWithDuplicateUrnsIsReadInLinearTime() throws IOException {
        var doc = JSON.createObjectNode();
        var steps = doc.putArray("steps");
        for (int i = 0; i < 6000; i++) {
            var s = state(Guard.VSWITCH, "v" + (i % 3000), Map.of("cidrBlock", "20." + (i % 200) + ".0.0/16"), false);
            ((ArrayNode) s.putArray("dependencies")).add(STACK + Guard.VPC + "::vpc");
            steps.add(step("create", null, s));
        }
        doc.putObject("changeSummary").put("create", 6000);
        var file = tmp.resolve("big.json");
        JSON.writeValue(file.toFile(), doc);
        assertTrue(Files.size(file) > 1_000_000, "about the size of the 2 MB plan of the report: " + Files.size(file));
        var started = System.nanoTime();
        var r = Cli.run(PlanCommands::diff, file.toString(), file.toString());
        assertEquals(PlanCommands.OK, r.code(), r.err());
        // not a timed test of speed: a bound two orders above the measured second, against a return to quadratic work
        assertTrue(System.nanoTime() - started < 60_000_000_000L);
    }
}
