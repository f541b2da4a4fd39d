package io.asmdr.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asmdr.configreader.StackFile;
import io.asmdr.plan.Plan;
import io.asmdr.plan.PlannedResource;
import io.asmdr.plan.Urns;
import io.asmdr.support.TestStacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the second, tenth and hundredth {@code pulumi up} do: identities that survive reordering and
 * renames, versions that only the stack file changes, credentials that do not expire in state,
 * providers that are never implicit, and protection along the whole DR path.
 */
class SafeToRunAgainTest {
    static final String ASM = "alicloud:servicemesh/serviceMesh:ServiceMesh";
    static final String ACK = "alicloud:cs/managedKubernetes:ManagedKubernetes";

    static Plan plan(TestStacks stacks, String stack) {
        var run = stacks.run(stack);
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        return run.plan();
    }

    static ArrayNode shuffled(JsonNode list, Random random) {
        var items = new ArrayList<JsonNode>();
        list.forEach(items::add);
        Collections.shuffle(items, random);
        var out = JsonNodeFactory.instance.arrayNode();
        items.forEach(out::add);
        return out;
    }

    /** The same stack with every list whose order carries no meaning shuffled. */
    static TestStacks permuted(TestStacks stacks, Random random) {
        var regions = stacks.get("regions");
        for (int i = 0; i < regions.size(); i++) {
            var r = (ObjectNode) regions.get(i);
            r.set("vswitches", shuffled(r.get("vswitches"), random));
            var cluster = (ObjectNode) r.get("cluster");
            if (cluster.has("podVswitches")) {
                cluster.set("podVswitches", shuffled(cluster.get("podVswitches"), random));
            }
        }
        stacks.with("regions", shuffled(regions, random));
        for (var list : List.of("traffic.failover", "traffic.distribute")) {
            var rules = stacks.get(list);
            if (rules != null && rules.isArray()) {
                stacks.with(list, shuffled(rules, random));
            }
        }
        return stacks;
    }

    static Stream<String> stackFiles() {
        return Stream.of("Pulumi.dev.yaml", "stacks/Pulumi.prod.yaml", "stacks/Pulumi.staging.yaml", "examples/four-regions-failover.yaml",
                "examples/mixed-network-plugins.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stackFiles")
    void reorderingTheStackFileChangesNothing(String file) {
        var expected = plan(TestStacks.file(file), "perm").toPreviewJson();
        var random = new Random(file.hashCode());
        for (int trial = 0; trial < 2; trial++) {
            var json = plan(permuted(TestStacks.file(file), random), "perm").toPreviewJson();
            // the whole plan, byte for byte: the same URNs with the same inputs, dependencies, providers and options
            assertEquals(expected, json, file + " permutation " + trial);
        }
    }

    @ParameterizedTest(name = "{0} regions")
    @ValueSource(ints = {3, 5})
    void reorderingGeneratedStacksChangesNothing(int n) {
        var expected = plan(TestStacks.flannel(n), "gen").toPreviewJson();
        var random = new Random(n);
        assertEquals(expected, plan(permuted(TestStacks.flannel(n), random), "gen").toPreviewJson());
    }

    @Test
    void meshMembersAndTheCenProviderDoNotFollowYamlOrder() {
        // one control plane with every cluster (the generated stack lists Hangzhou, Shanghai, Beijing)
        var plan = plan(TestStacks.flannel(3), "gen");
        var members = plan.ofType(ASM).get(0).input("clusterIds");
        assertEquals(List.of("c-sim-cn-beijing-ack", "c-sim-cn-hangzhou-ack", "c-sim-cn-shanghai-ack"), members, "sorted by region");
        var cen = plan.ofType("alicloud:cen/instance:Instance").get(0);
        assertTrue(cen.providerUrn().endsWith("::alicloud-cn-hangzhou"), "the mesh region's provider: " + cen.providerUrn());
        // per region (prod) there is no mesh region: the CEN instance is managed through the primary gateway's region
        var prod = plan(TestStacks.file("stacks/Pulumi.prod.yaml"), "prod");
        var prodCen = prod.ofType("alicloud:cen/instance:Instance").get(0);
        assertTrue(prodCen.providerUrn().endsWith("::alicloud-cn-hangzhou"), "the primary gateway's region's provider: " + prodCen.providerUrn());
    }

    @Test
    void renamingVpcsVswitchesAndClustersKeepsEveryUrn() {
        var before = plan(TestStacks.file("Pulumi.dev.yaml"), "dev");
        var renamed = TestStacks.file("Pulumi.dev.yaml")
                .with("regions[0].vpc.name", "hz-renamed").with("regions[0].vswitches[0].name", "hz-sw-renamed")
                .with("regions[1].cluster.name", "ack-sh-renamed").with("mesh.ingressGateway.cluster", "ack-hangzhou")
                .with("mesh.name", "mesh-renamed").with("cen.name", "cen-renamed");
        var after = plan(renamed, "dev");
        assertEquals(urns(before), urns(after), "names are properties: a rename is an update in place");
        var vpc = after.resources().stream().filter(r -> r.urn().endsWith("::cn-hangzhou-vpc")).findFirst().orElseThrow();
        assertEquals("hz-renamed", vpc.input("vpcName"));
        assertEquals("ack-sh-renamed", after.named(ACK, "cn-shanghai-ack").input("name"));
    }

    static List<String> urns(Plan plan) {
        return plan.resources().stream().map(PlannedResource::urn).sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void urnsMatchTheReviewedSnapshot(String stack) throws IOException {
        var file = StackFile.locate(stack);
        var actual = String.join("\n", urns(plan(TestStacks.file(file.toString()), stack))) + "\n";
        var snapshot = Path.of("src/test/resources/urns/" + stack + ".txt");
        if (Boolean.getBoolean("asmdr.updateSnapshots")) {
            Files.writeString(snapshot, actual);
        }
        assertTrue(Files.exists(snapshot), "no snapshot " + snapshot + "; run once with -Dasmdr.updateSnapshots=true and review the file");
        assertEquals(Files.readString(snapshot), actual, "URNs moved: a moved URN is a delete and a create on a live stack."
                + " Add an alias (io.asmdr.naming.Identity) and update the snapshot with -Dasmdr.updateSnapshots=true in the same change");
    }

    @Test
    void everyFirstReleaseNameIsAnAlias() {
        var dev = TestStacks.devPlan();
        var aliased = dev.resources().stream().flatMap(r -> r.options().aliases().stream())
                .map(Urns::name).collect(Collectors.toSet());
        for (var old : List.of("vpc-hangzhou", "vpc-hangzhou-switch-1", "ack-hangzhou", "ack-hangzhou-workers", "ack-hangzhou-k8s",
                "ack-hangzhou-from-ack-shanghai", "vpc-hangzhou-attachment", "asm-dr-dev-cen", "asm-dr-dev", "bookinfo-ack-hangzhou",
                "ack-hangzhou-reviews-v1", "ack-shanghai-pods-via-cn-hangzhou", "vpc-hangzhou2-attachment-assoc-cn-hangzhou")) {
            assertTrue(aliased.contains(old), old + " is not aliased: a stack deployed by the first release would replace it");
        }
        // a rename alias keeps the resource's own parent and type, and a component's aliases are its own
        // (pulumi-kubernetes adds type aliases of its own, apps/v1beta1 and the like: those differ in type)
        for (var r : dev.resources()) {
            var prefix = r.urn().substring(0, r.urn().lastIndexOf("::"));
            var renames = r.options().aliases().stream().filter(a -> a.substring(0, a.lastIndexOf("::")).equals(prefix)).toList();
            assertTrue(renames.size() <= 1, r.urn() + " has several rename aliases: " + renames);
        }
    }

    @Test
    void versionsChangeOnlyWhenTheStackFileChanges() {
        var dev = TestStacks.devPlan();
        assertEquals(List.of("version"), dev.ofType(ASM).get(0).options().ignoreChanges(), "an unset ASM version is pinned at creation");
        dev.ofType(ACK).forEach(c -> assertEquals(List.of("version"), c.options().ignoreChanges(), c.name()));
        var prod = plan(TestStacks.file("stacks/Pulumi.prod.yaml"), "prod");
        var mesh = prod.ofType(ASM).get(0);
        assertEquals(List.of(), mesh.options().ignoreChanges(), "a pinned version is managed");
        assertEquals("v1.17.2.42-gf7619883-aliyun", mesh.input("version"));
        prod.ofType(ACK).forEach(c -> {
            assertEquals("1.36.1-aliyun.1", c.input("version"));
            assertEquals(List.of(), c.options().ignoreChanges());
        });
        assertTrue(prod.invokes().stream().noneMatch(i -> i.token().endsWith("getVersions")), "a pinned version asks no one");
    }

    @Test
    void providersHoldNoShortLivedCredential() {
        var prod = plan(TestStacks.file("stacks/Pulumi.prod.yaml"), "prod");
        var credentials = prod.invokes().stream().filter(i -> i.token().endsWith("getClusterCredential")).toList();
        assertEquals(6, credentials.size(), "per cluster: one for the provider, one short-lived for the output");
        assertEquals(3, credentials.stream().filter(i -> !i.args().containsKey("temporaryDurationMinutes")).count());
        assertEquals(3, credentials.stream().filter(i -> Long.valueOf(1440).equals(i.args().get("temporaryDurationMinutes"))).count());
        // the provider's kubeconfig is the invoke without a lifetime: checked through what the simulated cloud answered
        var dev = TestStacks.devPlan();
        assertEquals(2, dev.invokes().stream().filter(i -> i.token().endsWith("getClusterCredential")).count(), "no TTL: one credential serves both");
    }

    static Stream<Path> everyStackFile() throws IOException {
        var files = new ArrayList<Path>(List.of(Path.of("Pulumi.dev.yaml")));
        for (var dir : List.of("stacks", "examples")) {
            try (var list = Files.list(Path.of(dir))) {
                list.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStackFile")
    void defaultProvidersAreOffAndNeverNeeded(Path file) {
        var stack = StackFile.read(file);
        var disabled = stack.config().get("pulumi:disable-default-providers");
        assertTrue(disabled != null && disabled.contains("\"alicloud\"") && disabled.contains("\"kubernetes\""), file + ": " + disabled);
        if (file.getFileName().toString().startsWith("invalid-")) {
            return;
        }
        var plan = plan(TestStacks.file(file.toString()), "providers");
        var providers = plan.resources().stream().filter(r -> r.type().startsWith("pulumi:providers:")).map(PlannedResource::urn).collect(Collectors.toSet());
        for (var r : plan.resources()) {
            if (r.custom() && !r.type().startsWith("pulumi:providers:")) {
                assertTrue(providers.contains(r.providerUrn()), r.urn() + " has no explicit provider: " + r.provider());
            }
        }
    }

    @Test
    void protectedStacksProtectTheWholeDrPath() {
        var prod = plan(TestStacks.file("stacks/Pulumi.prod.yaml"), "prod");
        for (var type : List.of("alicloud:vpc/network:Network", "alicloud:cen/instance:Instance", "alicloud:cen/transitRouter:TransitRouter",
                "alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment",
                "alicloud:cen/transitRouterPeerAttachment:TransitRouterPeerAttachment", ACK, "alicloud:cs/nodePool:NodePool", ASM)) {
            assertFalse(prod.ofType(type).isEmpty(), type);
            prod.ofType(type).forEach(r -> assertTrue(r.protect(), r.urn() + " is not protected in prod"));
        }
        assertTrue(TestStacks.devPlan().resources().stream().noneMatch(PlannedResource::protect), "dev can be destroyed");
    }

    @Test
    void previewOptionsReachPlanJson() throws IOException {
        var json = new ObjectMapper().readTree(plan(TestStacks.file("stacks/Pulumi.prod.yaml"), "prod").toPreviewJson());
        var protectedTypes = new TreeSet<String>();
        for (var step : json.path("steps")) {
            if (step.path("newState").path("protect").asBoolean(false)) {
                protectedTypes.add(step.path("newState").path("type").asText());
            }
        }
        assertEquals(Set.of("alicloud:vpc/network:Network", "alicloud:cen/instance:Instance", "alicloud:cen/transitRouter:TransitRouter",
                "alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment",
                "alicloud:cen/transitRouterPeerAttachment:TransitRouterPeerAttachment", ACK, "alicloud:cs/nodePool:NodePool", ASM,
                "alicloud:ga/accelerator:Accelerator"), protectedTypes);
        var provider = StreamSupport.stream(json.path("steps").spliterator(), false)
                .filter(s -> s.path("newState").path("type").asText().equals("pulumi:providers:alicloud")).findFirst().orElseThrow();
        assertEquals("3.105.0", provider.path("newState").path("inputs").path("version").asText(), "the plugin version, as the engine records it");
    }
}
