package io.asmdr.plan;

import io.asmdr.configreader.StackFile;

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
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /** prod with the legacy GTM entry (prod's own is Global Accelerator). */
    private static TestStacks prodWithGtm() {
        return prod().with("globalEntry", Map.of("kind", "gtm", "domain", "bookinfo.example.com"));
    }

    private static TestStacks dev() {
        return TestStacks.file("Pulumi.dev.yaml");
    }

    @Test
    void switchingTheIstioApiOnAProtectedStackBlocksAndNamesTheGateway() {
        var changes = diff(prod(), prod().with("mesh.istioApi", "asmKubeconfig"), "prod");
        var findings = Guard.check(changes, Set.of());
        // prod runs one control plane per region: each gateway belongs to its region's instance
        assertTrue(findings.stream().anyMatch(f -> f.blocks() && f.rule().equals("critical-replaced") && f.urn().endsWith("::ingressgateway-cn-hangzhou")),
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
    void pinningAnUnsetMeshVersionIsAVersionChangeThatBlocks() {
        var changes = diff(dev(), dev().with("mesh.version", "v1.24.6.71-g5497b3e6-aliyun"), "dev");
        var mesh = changes.stream().filter(c -> c.type().equals(Guard.ASM)).findFirst().orElseThrow();
        assertEquals(Change.Op.UNKNOWN, mesh.op(), "offline cannot know the live version: " + mesh);
        assertTrue(mesh.unknown().contains("inputs.version"), mesh.unknown().toString());
        // ... but a pin where the version floated may be an upgrade of every sidecar: a version change, blocking
        var findings = Guard.check(changes, Set.of());
        assertTrue(findings.stream().anyMatch(f -> f.rule().equals("mesh-version-changed") && f.blocks()
                && f.message().contains("pinned to v1.24.6.71-g5497b3e6-aliyun")), findings.toString());
        // the near miss: the same pin on both sides is no change
        assertTrue(Guard.check(diff(dev().with("mesh.version", "v1.24.6.71-g5497b3e6-aliyun"),
                dev().with("mesh.version", "v1.24.6.71-g5497b3e6-aliyun"), "dev"), Set.of()).isEmpty());
    }

    @Test
    void aPinnedMeshOrClusterVersionChangeOnProdBlocks() {
        var mesh = blocking(diff(prod(), prod().with("mesh.version", "v1.18.0.1-gabcdef01-aliyun"), "prod"));
        assertTrue(mesh.contains("mesh-version-changed"), mesh.toString());
        var cluster = diff(prod(), prod().with("regions[0].cluster.version", "1.32.7-aliyun.1"), "prod");
        assertTrue(blocking(cluster).contains("cluster-version-changed"), Guard.check(cluster, Set.of()).toString());
        // the near miss: the same versions, another replica count
        assertFalse(blocking(diff(prod(), prod().with("regions[0].bookinfo.reviewsReplicas", 3), "prod")).stream()
                .anyMatch(r -> r.endsWith("version-changed")));
    }

    @Test
    void removingFailoverOnProdBlocksAndNamesTheRule() {
        var none = diff(prod(), prod().with("traffic.mode", "none"), "prod");
        var findings = Guard.check(none, Set.of());
        var weakened = findings.stream().filter(f -> f.rule().equals("failover-weakened") && f.blocks()).toList();
        assertEquals(4 * 3, weakened.size(), "the four DestinationRules on each of the three control planes: " + findings);
        assertTrue(weakened.get(0).message().contains("the failover from cn-hangzhou -> cn-shanghai is removed"), weakened.get(0).message());
        // weaker outlier detection blocks too
        var outlier = diff(prod(), prod().with("traffic.outlierDetection.consecutive5xxErrors", 5), "prod");
        var o = Guard.check(outlier, Set.of()).stream().filter(f -> f.rule().equals("failover-weakened")).toList();
        assertTrue(!o.isEmpty() && o.stream().allMatch(Guard.Finding::blocks)
                && o.get(0).message().contains("consecutive5xxErrors goes from 1 to 5"), o.toString());
        // the near miss: stronger outlier detection, and a connection-pool change, weaken nothing
        var stronger = diff(prod(), prod().with("traffic.outlierDetection.baseEjectionTime", "2m")
                .with("traffic.connectionPool.maxRequestsPerConnection", 2), "prod");
        assertTrue(stronger.stream().anyMatch(c -> c.type().equals(Guard.DESTINATION_RULE) && c.op() == Change.Op.UPDATE));
        assertFalse(Guard.check(stronger, Set.of()).stream().anyMatch(f -> f.rule().equals("failover-weakened")));
        // and on dev (not protected) leaving failover warns only
        var devNone = Guard.check(diff(dev().with("traffic.mode", "failover"), dev(), "dev"), Set.of());
        assertTrue(devNone.stream().anyMatch(f -> f.rule().equals("failover-weakened") && !f.blocks()), devNone.toString());
    }

    @Test
    void eachWeakeningOfAnOutlierDetectionIsNamed() {
        var before = Map.<String, Object>of("spec", Map.of("trafficPolicy", Map.of("outlierDetection",
                Map.of("consecutive5xxErrors", 1, "consecutiveGatewayErrors", 2, "interval", "1s", "baseEjectionTime", "1m",
                        "maxEjectionPercent", 100, "minHealthPercent", 0))));
        var weaker = Map.<String, Object>of("spec", Map.of("trafficPolicy", Map.of("outlierDetection",
                Map.of("consecutive5xxErrors", 0, "consecutiveGatewayErrors", 3, "interval", "1m30s", "baseEjectionTime", "500ms",
                        "maxEjectionPercent", 10, "minHealthPercent", 50))));
        var found = String.join("\n", FailoverPolicy.weakenings(before, weaker));
        for (var field : List.of("consecutive5xxErrors goes from 1 to 0 (0 switches it off)", "consecutiveGatewayErrors goes from 2 to 3",
                "interval goes from 1 s to 90 s", "baseEjectionTime goes from 60 s to 0.5 s", "maxEjectionPercent goes from 100 to 10",
                "minHealthPercent goes from 0 to 50")) {
            assertTrue(found.contains(field), field + " in:\n" + found);
        }
        assertEquals(List.of(), FailoverPolicy.weakenings(before, before));
        // a subset that overrides the top level with no outlier detection of its own keeps the top level's; one with a weaker one is named
        var subset = Map.<String, Object>of("spec", Map.of("trafficPolicy", ((Map<?, ?>) before.get("spec")).get("trafficPolicy"),
                "subsets", List.of(Map.of("name", "v1", "trafficPolicy", Map.of("outlierDetection", Map.of("consecutive5xxErrors", 7))))));
        assertTrue(FailoverPolicy.weakenings(before, subset).stream().anyMatch(w -> w.endsWith("(subset v1)")), FailoverPolicy.weakenings(before, subset).toString());
        assertTrue(FailoverPolicy.weakenings(before, Map.of("spec", Map.of())).get(0).startsWith("outlier detection is removed"));
        assertTrue(FailoverPolicy.weakenings(before, Map.of("spec", Map.of("trafficPolicy", Map.of("outlierDetection", Map.of("interval", "soon")))))
                .stream().anyMatch(w -> w.contains("'soon' is no value guard can read")));
    }

    @Test
    void deletingAHealthCheckOfTheGlobalEntryOnAProtectedStackBlocks() throws IOException {
        var check = state(Guard.MONITOR_CONFIG, "cn-hangzhou-health", Map.of("interval", 60), true);
        var r = guard(preview(step("delete", check, null)));
        assertEquals(PlanCommands.BLOCKED, r.code(), r.out());
        assertTrue(r.out().contains("critical-replaced") && r.out().contains("health check of the global entry"), r.out());
        // the near miss: an update of the check in place
        var slower = state(Guard.MONITOR_CONFIG, "cn-hangzhou-health", Map.of("interval", 60, "timeout", 5000), true);
        assertEquals(PlanCommands.OK, guard(preview(step("update", check, slower))).code());
        // offline: prod (with the legacy entry) without its second gateway region's health check
        var gtm = tmp.resolve("prod-gtm.json");
        Files.writeString(gtm, prodWithGtm().run("prod").plan().toPreviewJson());
        var plan = planWith(gtm, doc -> {
            var steps = (ArrayNode) doc.path("steps");
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).path("urn").asText().endsWith("::cn-shanghai-health")) {
                    steps.remove(i);
                    return;
                }
            }
            throw new AssertionError("prod has no cn-shanghai-health");
        });
        var d = Cli.run(PlanCommands::diff, gtm.toString(), plan.toString());
        assertEquals(PlanCommands.BLOCKED, d.code(), d.out());
        assertTrue(d.out().contains("`critical-replaced` | `cn-shanghai-health`"), d.out());
    }

    // ---- security-group rules against the stack's own networks -------------------------------------------

    private Path prodPlan() throws IOException {
        var file = tmp.resolve("prod-base.json");
        if (!Files.exists(file)) {
            Files.writeString(file, prod().run("prod").plan().toPreviewJson());
        }
        return file;
    }

    private Path prodPlanWith(Consumer<ObjectNode> edit) throws IOException {
        return planWith(prodPlan(), edit);
    }

    private Path planWith(Path base, Consumer<ObjectNode> edit) throws IOException {
        var doc = (ObjectNode) JSON.readTree(base.toFile());
        edit.accept(doc);
        var file = tmp.resolve("prod-head-" + System.nanoTime() + ".json");
        JSON.writeValue(file.toFile(), doc);
        return file;
    }

    /** prod's plan with one more rule on Hangzhou's node security group, as the program would register it. */
    private Path prodWithRule(Map<String, Object> inputs) throws IOException {
        return prodPlanWith(doc -> {
            var steps = (ArrayNode) doc.path("steps");
            ObjectNode peer = null;
            for (var s : steps) {
                if (s.path("urn").asText().endsWith("::cn-hangzhou-ack-from-21.0.0.0-16")) {
                    peer = s.deepCopy();
                }
            }
            var urn = peer.path("urn").asText().replace("cn-hangzhou-ack-from-21.0.0.0-16", "cn-hangzhou-ack-extra");
            peer.put("urn", urn);
            var state = (ObjectNode) peer.path("newState");
            state.put("urn", urn);
            var in = (ObjectNode) state.path("inputs");
            in.remove("cidrIp");
            inputs.forEach((k, v) -> in.set(k, JSON.valueToTree(v)));
            steps.add(peer);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0.0/3", "8.0.0.0/5", "1.2.3.4", "20.0.0.0/6", "2000::/3", "::/0", "::ffff:0.0.0.0/96", "example.invalid/0"})
    void onProdARuleFromOutsideTheStacksNetworksBlocks(String cidr) throws IOException {
        var key = cidr.contains(":") ? "ipv6CidrIp" : "cidrIp";
        var r = Cli.run(PlanCommands::diff, prodPlan().toString(), prodWithRule(Map.of(key, cidr)).toString());
        assertEquals(PlanCommands.BLOCKED, r.code(), r.out());
        assertTrue(r.out().contains("`security-group-open-to-world` | `cn-hangzhou-ack-extra`"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prefixListId=pl-12345", "sourceSecurityGroupId=sg-otherstack", "sourceGroupOwnerAccount=1234567890"})
    void onProdAPrefixListOrAForeignSecurityGroupBlocks(String source) throws IOException {
        var kv = source.split("=");
        var r = Cli.run(PlanCommands::diff, prodPlan().toString(), prodWithRule(Map.of(kv[0], kv[1])).toString());
        assertEquals(PlanCommands.BLOCKED, r.code(), r.out());
        assertTrue(r.out().contains("security-group-open-to-world") && r.out().contains(kv[1]), r.out());
    }

    @Test
    void eightRulesThatTogetherCoverIpv4EachBlock() throws IOException {
        var plan = prodPlan();
        for (int i = 0; i < 8; i++) {
            plan = copyWithRule(plan, i);
        }
        var r = Cli.run(PlanCommands::diff, prodPlan().toString(), plan.toString(), "--json", tmp.resolve("d.json").toString());
        assertEquals(PlanCommands.BLOCKED, r.code(), r.out());
        assertTrue(Files.readString(tmp.resolve("d.json")).contains("\"blocking\" : 8"), r.out());
    }

    private Path copyWithRule(Path plan, int i) throws IOException {
        var doc = (ObjectNode) JSON.readTree(plan.toFile());
        var steps = (ArrayNode) doc.path("steps");
        ObjectNode peer = null;
        for (var s : steps) {
            if (s.path("urn").asText().endsWith("::cn-hangzhou-ack-from-21.0.0.0-16")) {
                peer = s.deepCopy();
            }
        }
        var urn = peer.path("urn").asText().replace("from-21.0.0.0-16", "slice-" + i);
        peer.put("urn", urn);
        ((ObjectNode) peer.path("newState")).put("urn", urn);
        ((ObjectNode) peer.path("newState").path("inputs")).put("cidrIp", (32 * i) + ".0.0.0/3");
        steps.add(peer);
        var file = tmp.resolve("slices-" + i + ".json");
        JSON.writeValue(file.toFile(), doc);
        return file;
    }

    @Test
    void onProdRulesWithinTheStacksNetworksAreLetThrough() throws IOException {
        for (var inputs : List.<Map<String, Object>>of(Map.of("cidrIp", "21.3.4.0/24"), Map.of("cidrIp", "22.1.1.7"), Map.of("cidrIp", "20.0.0.0/7"),
                Map.of("cidrIp", "0.0.0.0/0", "type", "egress"), Map.of("cidrIp", "0.0.0.0/0", "policy", "drop"))) {
            var r = Cli.run(PlanCommands::diff, prodPlan().toString(), prodWithRule(inputs).toString());
            assertEquals(PlanCommands.OK, r.code(), inputs + ": " + r.out());
        }
        // a peer security group the stack manages: its id comes from a resource of the stack (unknown in a preview)
        var cluster = STACK + "asm-dr:cluster:RegionCluster$" + Guard.ACK + "::cn-shanghai-ack";
        var own = state(Guard.SECURITY_GROUP_RULE, "from-peer-group", Map.of("sourceSecurityGroupId", PlannedResource.UNKNOWN), false);
        own.putObject("propertyDependencies").putArray("sourceSecurityGroupId").add(cluster);
        assertEquals(PlanCommands.OK, guard(preview(step("create", null, own))).code());
        // ... not one read from another stack
        var reference = STACK + "pulumi:pulumi:StackReference::other";
        var foreign = state(Guard.SECURITY_GROUP_RULE, "from-other-stack", Map.of("sourceSecurityGroupId", PlannedResource.UNKNOWN), false);
        foreign.putObject("propertyDependencies").putArray("sourceSecurityGroupId").add(reference);
        assertEquals(PlanCommands.BLOCKED, guard(preview(step("create", null, foreign))).code());
    }

    @Test
    void aPreviewKnowsTheStacksNetworksFromItsConfigEvenWhenItShowsNoVpc() throws IOException {
        var rule = state(Guard.SECURITY_GROUP_RULE, "cn-hangzhou-ack-from-10.1.0.0-16", Map.of("cidrIp", "10.1.0.0/16"), false);
        var withoutConfig = guard(preview(step("create", null, rule)));
        assertEquals(PlanCommands.BLOCKED, withoutConfig.code(), "no network of the stack is known: " + withoutConfig.out());
        var doc = (ObjectNode) JSON.readTree(preview(step("create", null, rule)).toFile());
        doc.putObject("config").put("asm-dr:regions", "[{\"cluster\":{\"podCidr\":\"10.1.0.0/16\"},\"vpc\":{\"cidr\":\"20.0.0.0/8\"}}]")
                .put("asm-dr:fake", "{\"cidr\":\"0.0.0.0/1\"}");
        var file = tmp.resolve("with-config.json");
        JSON.writeValue(file.toFile(), doc);
        assertEquals(PlanCommands.OK, guard(file).code(), guard(file).out());
        // a "network" wider than a VPC can be covers nothing
        ((ObjectNode) rule.path("inputs")).put("cidrIp", "0.0.0.0/2");
        var wide = (ObjectNode) JSON.readTree(preview(step("create", null, rule)).toFile());
        wide.set("config", doc.path("config"));
        JSON.writeValue(file.toFile(), wide);
        assertEquals(PlanCommands.BLOCKED, guard(file).code());
    }

    // ---- credentials, ops, and inputs that are no preview ----------------------------------------------------

    @Test
    void plainTextCredentialsBlockWhereverTheyAre() throws IOException {
        var provider = state("pulumi:providers:alicloud", "alicloud-cn-hangzhou", Map.of("region", "cn-hangzhou", "accessKey", Guard.SECRET,
                "secretKey", Guard.SECRET, "securityToken", "CAIS-plain-sts-token"), false);
        var r = guard(preview(step("create", null, provider)));
        assertEquals(PlanCommands.BLOCKED, r.code(), r.out());
        assertTrue(r.out().contains("securityToken is stored in plain text"), r.out());
        var oidc = state("pulumi:providers:alicloud", "oidc", Map.of("assumeRoleWithOidc", Map.of("oidcToken", "eyJ-plain")), false);
        assertTrue(guard(preview(step("create", null, oidc))).out().contains("assumeRoleWithOidc.oidcToken"));
        var stack = JSON.createObjectNode().put("urn", STACK + "pulumi:pulumi:Stack::asm-dr-prod").put("type", "pulumi:pulumi:Stack");
        stack.putObject("outputs").put("kubeconfig/prod-ack-hangzhou", "apiVersion: v1\nkind: Config\n").put("trafficMode", "failover");
        var outputs = guard(preview(step("same", stack, stack)));
        assertEquals(PlanCommands.BLOCKED, outputs.code(), outputs.out());
        assertTrue(outputs.out().contains("output kubeconfig/prod-ack-hangzhou is stored in plain text"), outputs.out());
        // the near misses: every credential masked or unknown, and outputs that are no credentials
        var masked = state("pulumi:providers:alicloud", "alicloud-cn-hangzhou", Map.of("region", "cn-hangzhou", "accessKey", Guard.SECRET,
                "securityToken", PlannedResource.UNKNOWN), false);
        assertEquals(PlanCommands.OK, guard(preview(step("create", null, masked))).code());
        stack.putObject("outputs").put("kubeconfig/prod-ack-hangzhou", Guard.SECRET).put("ingressGatewayCluster", "prod-ack-hangzhou");
        assertEquals(PlanCommands.OK, guard(preview(step("same", stack, stack))).code());
    }

    @Test
    void theShippedStacksHoldNoCredentialInPlainText() {
        for (var stack : List.of("dev", "staging", "prod")) {
            var plan = TestStacks.file(StackFile.location(Path.of(""), stack).file().toString()).run(stack).plan();
            var changes = PlanDiff.between(new Plan(List.of(), List.of()), plan, ReplacementFacts.shipped());
            assertFalse(Guard.check(changes, Set.of()).stream().anyMatch(f -> f.rule().equals("secret-in-plain-text")), stack);
        }
    }

    /** The step ops of the engine: pulumi/pulumi sdk/go/common/apitype/history.go, OpType (read at 3.260.0, the same list since 3.131). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"same", "create", "update", "delete", "replace", "create-replacement", "delete-replaced", "read",
            "read-replacement", "refresh", "discard", "discard-replaced", "remove-pending-replace", "import", "import-replacement"})
    void everyOpTheEngineWritesIsUnderstood(String op) throws IOException {
        var cluster = state(Guard.ACK, "cn-hangzhou-ack", Map.of("name", "c"), false);
        var r = guard(preview(step(op, cluster, cluster)));
        assertFalse(r.out().contains("not-understood"), r.out());
    }

    @Test
    void anOpTheEngineNeverWritesIsNotUnderstood() throws IOException {
        var cluster = state(Guard.ACK, "cn-hangzhou-ack", Map.of("name", "c"), true);
        var r = guard(preview(step("read-discard", cluster, cluster)));
        assertEquals(PlanCommands.BLOCKED, r.code(), r.out());
        assertTrue(r.out().contains("not-understood") && r.out().contains("'read-discard'"), r.out());
    }

    @Test
    void aPreviewWithOnlyDiagnosticsDidNotFinish() throws IOException {
        var doc = JSON.createObjectNode();
        doc.putArray("diagnostics").addObject().put("severity", "error").put("message", "error: could not load plugin alicloud\nmore");
        doc.put("duration", 1234);
        var file = tmp.resolve("diagnostics-only.json");
        JSON.writeValue(file.toFile(), doc);
        var r = guard(file);
        assertEquals(PlanCommands.ENVIRONMENT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("error: could not load plugin alicloud") && r.err().contains("did not finish"), r.err());
        // the near miss: an object that is no preview at all is an input error
        Files.writeString(file, "{\"hello\": 1}");
        assertEquals(PlanCommands.USAGE, guard(file).code());
        Files.writeString(file, "[1, 2]");
        assertEquals(PlanCommands.USAGE, guard(file).code());
    }

    @Test
    void trailingDataAfterTheDocumentIsAnInputError() throws IOException {
        var cluster = state(Guard.ACK, "cn-hangzhou-ack", Map.of("name", "c"), true);
        var clean = preview(step("same", cluster, cluster));
        assertEquals(PlanCommands.OK, guard(clean).code());
        var appended = tmp.resolve("two-documents.json");
        Files.writeString(appended, Files.readString(clean) + "\n" + Files.readString(preview(step("delete", cluster, null))));
        var r = guard(appended);
        assertEquals(PlanCommands.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("has more after its JSON document"), r.err());
        var d = Cli.run(PlanCommands::diff, clean.toString(), appended.toString());
        assertEquals(PlanCommands.USAGE, d.code(), d.err());
        Files.writeString(appended, "{\"steps\": [");
        assertTrue(guard(appended).err().contains("is not valid JSON"), guard(appended).err());
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
    @ValueSource(strings = {"0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "::/0", "2000::/2", "0.0.0.0/3", "8.0.0.0/5", "2000::/3"})
    void aRuleOpenToAnyPublicRangeBlocks(String cidr) throws IOException {
        var key = cidr.contains(":") ? "ipv6CidrIp" : "cidrIp";
        var rule = state(Guard.SECURITY_GROUP_RULE, "cn-hangzhou-ack-from-world", Map.of(key, cidr), false);
        var r = guard(preview(step("create", null, rule)));
        assertEquals(PlanCommands.BLOCKED, r.code(), r.out());
        assertTrue(r.out().contains("security-group-open-to-world"), r.out());
    }

    @Test
    void aPeerCidrRuleIsLetThrough() throws IOException {
        var vpc = state(Guard.VPC, "cn-shanghai-vpc", Map.of("cidrBlock", "10.0.0.0/8"), false);
        var rule = state(Guard.SECURITY_GROUP_RULE, "cn-hangzhou-ack-from-10.1.0.0-16", Map.of("cidrIp", "10.1.0.0/16"), false);
        var r = guard(preview(step("same", vpc, vpc), step("create", null, rule)));
        assertEquals(PlanCommands.OK, r.code(), r.out());
        var hostname = state(Guard.SECURITY_GROUP_RULE, "named", Map.of("cidrIp", "example.invalid/0"), false);
        var named = guard(preview(step("same", vpc, vpc), step("create", null, hostname)));
        assertEquals(PlanCommands.BLOCKED, named.code(), "not a CIDR, never looked up, and never let through: " + named.out());
        assertTrue(named.out().contains("no address block guard can read"), named.out());
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

    // ---- PreviewChanges.fromDigest, step by step --------------------------------------------------------------

    private static List<Change> digest(ObjectNode... steps) throws IOException {
        var doc = JSON.createObjectNode();
        var list = doc.putArray("steps");
        for (var step : steps) {
            list.add(step);
        }
        return PreviewChanges.fromDigest(doc);
    }

    @Test
    void stepsOfOneUrnFoldIntoTheMostDisruptiveOp() throws IOException {
        var vpc = state(Guard.VPC, "cn-hangzhou-vpc", Map.of("vpcName", "a"), false);
        assertEquals(Change.Op.UPDATE, digest(step("same", vpc, vpc), step("update", vpc, vpc)).get(0).op());
        assertEquals(Change.Op.UPDATE, digest(step("update", vpc, vpc), step("same", vpc, vpc)).get(0).op(), "a later, milder step does not undo it");
        assertEquals(Change.Op.DELETE, digest(step("delete", vpc, null), step("create", null, vpc)).get(0).op());
        assertEquals(Change.Op.REPLACE, digest(step("create", null, vpc), step("replace", vpc, vpc)).get(0).op());
        var unknown = digest(step("replace", vpc, vpc), step("Replace", vpc, vpc)).get(0);
        assertEquals(Change.Op.UNKNOWN, unknown.op(), "what cannot be read outranks what can");
        assertEquals(List.of("not understood: the op 'Replace'"), unknown.unknown());
    }

    @Test
    void aReadWithoutStatesIsNothingAndWithStatesIsAnUnchangedResource() throws IOException {
        var vpc = state(Guard.VPC, "cn-hangzhou-vpc", Map.of("vpcName", "a"), false);
        var bare = JSON.createObjectNode().put("op", "read").put("urn", vpc.path("urn").asText());
        assertEquals(List.of(), digest(bare), "a read changes nothing in the cloud");
        var read = digest(step("read", null, vpc));
        assertEquals(1, read.size());
        assertEquals(Change.Op.SAME, read.get(0).op());
        var bareUpdate = JSON.createObjectNode().put("op", "update").put("urn", vpc.path("urn").asText());
        assertEquals(List.of("not understood: a 'update' step without states"), digest(bareUpdate).get(0).unknown());
    }

    @Test
    void whatChangedComesFromDiffReasonsAndDetailedDiffToo() throws IOException {
        var vpc = state(Guard.VPC, "cn-hangzhou-vpc", Map.of("vpcName", "a"), false);
        var update = step("update", null, vpc);
        update.putArray("diffReasons").add("clusterIds[0]");
        update.putObject("detailedDiff").putObject("network.vpcId").put("kind", "update-replace");
        update.putArray("replaceReasons").add("network.vpcId");
        var change = digest(update).get(0);
        assertEquals(List.of("inputs.clusterIds", "inputs.network.vpcId"), change.changed(), "no old state to compare: the diff fields say it");
        assertEquals(List.of("inputs.network.vpcId"), change.replaceReasons());
    }

    @Test
    void aMalformedStepIsNamedByItsPlaceAndWhatItIs() throws IOException {
        var vpc = state(Guard.VPC, "cn-hangzhou-vpc", Map.of("vpcName", "a"), false);
        var doc = JSON.createObjectNode();
        doc.putArray("steps").add(step("same", vpc, vpc)).add(step("same", vpc, vpc)).add(7);
        var e = assertThrows(PreviewChanges.Malformed.class, () -> PreviewChanges.fromDigest(doc));
        assertEquals("steps[2] is a number, not a step object", e.getMessage());
        for (var entry : Map.of("\"x\"", "a string", "[1]", "a list", "true", "a boolean", "null", "null", "{}", "an object").entrySet()) {
            var file = tmp.resolve("root-" + System.nanoTime() + ".json");
            Files.writeString(file, entry.getKey());
            var m = assertThrows(IOException.class, () -> PreviewChanges.readPreview(file));
            assertTrue(m.getMessage().contains(entry.getValue().equals("an object") ? "has no \"steps\" list" : "is " + entry.getValue() + ", not the output"),
                    entry + ": " + m.getMessage());
        }
        var empty = tmp.resolve("empty.json");
        Files.writeString(empty, "");
        assertTrue(assertThrows(IOException.class, () -> PreviewChanges.readPreview(empty)).getMessage().contains("is empty"));
    }

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
