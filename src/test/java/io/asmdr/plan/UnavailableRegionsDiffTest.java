package io.asmdr.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.backbone.Backbone;
import io.asmdr.cluster.RegionCluster;
import io.asmdr.support.Cli;
import io.asmdr.support.TestStacks;
import io.asmdr.synth.Synth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * asm-dr:unavailableRegions keeps every change out of a dead region ({@code unavailable-region-changed}, in {@code diff}
 * and {@code guard}), and setting or removing it is itself a quiet change: nothing replaced, nothing deleted.
 */
class UnavailableRegionsDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String K8S_PROVIDER = "pulumi:providers:kubernetes";
    private static final String RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";

    @TempDir
    Path tmp;

    private static TestStacks prod() {
        return TestStacks.file("stacks/Pulumi.prod.yaml");
    }

    private static Plan plan(TestStacks stack) {
        var run = stack.run("prod");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        return run.plan();
    }

    private static Guard.StackFacts down(Set<String> regions) {
        return new Guard.StackFacts(List.of(), Map.of(), regions);
    }

    private static List<String> moved(List<Change> changes, Change.Op op) {
        return changes.stream().filter(c -> c.op() == op).map(Change::name).toList();
    }

    /** A third Pod vSwitch in Beijing: every other region's clusters admit its CIDR, so Shanghai gets a new rule. */
    private static TestStacks withABeijingPodVswitch(TestStacks stack) {
        return stack.with("regions[2].cluster.podVswitches[2]", Map.of("name", "prod-beijing-pods-x", "cidr", "22.4.0.0/16", "zone", "cn-beijing-g"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn-shanghai", "cn-beijing", "cn-shanghai,cn-beijing"})
    void settingTheKeyAndTakingItAwayReplaceAndDeleteNothing(String regions) {
        var listed = List.of(regions.split(","));
        var healthy = plan(prod());
        var outage = plan(prod().with("unavailableRegions", listed));

        var set = PlanDiff.between(healthy, outage, ReplacementFacts.shipped());
        assertEquals(List.of(), moved(set, Change.Op.REPLACE), "setting it replaces nothing");
        assertEquals(List.of(), moved(set, Change.Op.DELETE));
        assertEquals(List.of(), moved(set, Change.Op.CREATE));
        var findings = Guard.check(set, Set.of(), down(Set.copyOf(listed)));
        assertEquals(List.of(), findings.stream().filter(Guard.Finding::blocks).toList(), "setting it blocks nothing (exit 0)");
        for (var region : listed) {
            var provider = set.stream().filter(c -> c.type().equals(K8S_PROVIDER) && c.name().equals(region + "-k8s")).findFirst().orElseThrow();
            // the head ignores kubeconfig: the engine puts the state's back before DiffConfig sees it (processIgnoreChanges)
            assertEquals(List.of("options.ignoreChanges"), provider.changed(), provider.toString());
        }

        var back = PlanDiff.between(outage, healthy, ReplacementFacts.shipped());
        assertEquals(List.of(), moved(back, Change.Op.REPLACE), "taking it away replaces nothing");
        assertEquals(List.of(), moved(back, Change.Op.DELETE));
        for (var region : listed) {
            var provider = back.stream().filter(c -> c.type().equals(K8S_PROVIDER) && c.name().equals(region + "-k8s")).findFirst().orElseThrow();
            assertEquals(Change.Op.UPDATE, provider.op(), "a fresh credential of the same cluster: an update, never a replacement");
            assertTrue(provider.changed().contains("inputs.kubeconfig"), provider.toString());
        }
        // the transit-router route tables the base did not ask for are read again from the same routers: no change
        assertTrue(back.stream().filter(c -> c.type().startsWith("alicloud:cen/transitRouterRouteTable"))
                .allMatch(c -> !c.changedInput("transitRouterRouteTableId") && c.unknown().isEmpty()),
                back.stream().filter(c -> c.type().startsWith("alicloud:cen/transitRouterRouteTable") && c.op() != Change.Op.SAME).toList().toString());
        // the global entry's pool address, not asked while the region was down, is read again from the same gateway
        var blocking = Guard.check(back, Set.of(), Guard.StackFacts.NONE).stream().filter(Guard.Finding::blocks).toList();
        assertEquals(List.of(), blocking, "taking it away blocks nothing (exit 0)");
        assertTrue(back.stream().noneMatch(c -> c.op() == Change.Op.UNKNOWN), back.stream().filter(c -> c.op() == Change.Op.UNKNOWN).toList().toString());
    }

    @Test
    void aChangeThatCreatesARuleInTheDeadRegionIsRefusedNamingTheKeyTheRegionAndTheFix() {
        var base = plan(prod().with("unavailableRegions", List.of("cn-shanghai")));
        var changes = PlanDiff.between(base, plan(withABeijingPodVswitch(prod().with("unavailableRegions", List.of("cn-shanghai")))),
                ReplacementFacts.shipped());
        var shanghaiRule = changes.stream().filter(c -> c.type().equals(RULE) && c.op() == Change.Op.CREATE
                && c.after().orElseThrow().provider().contains("alicloud-cn-shanghai")).findFirst().orElseThrow(
                        () -> new AssertionError("the Beijing CIDR is admitted in Shanghai: " + moved(changes, Change.Op.CREATE)));
        var findings = Guard.check(changes, Set.of(), down(Set.of("cn-shanghai"))).stream()
                .filter(f -> f.rule().equals(Guard.UNAVAILABLE_REGION_CHANGED)).toList();
        assertEquals(List.of(shanghaiRule.urn()), findings.stream().map(Guard.Finding::urn).toList(),
                "only what is in Shanghai: the rules in Hangzhou and the vSwitch in Beijing go ahead");
        var finding = findings.get(0);
        assertTrue(finding.blocks());
        assertTrue(finding.message().contains("asm-dr:unavailableRegions: [cn-shanghai]") && finding.message().contains("creates")
                && finding.message().contains(" in cn-shanghai"), finding.message());
        assertTrue(finding.fix().contains("cn-shanghai") && finding.fix().contains("asm-dr:unavailableRegions"), finding.fix());
        // the same change with no region marked down is no concern of this rule
        assertTrue(Guard.check(changes, Set.of(), Guard.StackFacts.NONE).stream().noneMatch(f -> f.rule().equals(Guard.UNAVAILABLE_REGION_CHANGED)));
    }

    @Test
    void diffOverSynthFoldersIsQuietForTheSettingAndBlocksAChangeInTheDeadRegion() throws Exception {
        var synth = (Cli.Command) Synth::run;
        var outage = tmp.resolve("outage.yaml");
        var prodFile = Files.readString(Path.of("stacks/Pulumi.prod.yaml"));
        assertTrue(prodFile.contains("  asm-dr:protect: \"true\"\n"));
        Files.writeString(outage, prodFile.replace("  asm-dr:protect: \"true\"\n", "  asm-dr:protect: \"true\"\n  asm-dr:unavailableRegions: [cn-shanghai]\n"));
        var grown = tmp.resolve("grown.yaml");
        Files.writeString(grown, Files.readString(outage).replace(
                "          - {name: prod-beijing-pods-h, cidr: 22.3.0.0/16, zone: cn-beijing-h}\n",
                "          - {name: prod-beijing-pods-h, cidr: 22.3.0.0/16, zone: cn-beijing-h}\n"
                        + "          - {name: prod-beijing-pods-x, cidr: 22.4.0.0/16, zone: cn-beijing-g}\n"));
        assertEquals(0, Cli.run(synth, "prod", "--out", tmp.resolve("healthy/prod").toString()).code());
        assertEquals(0, Cli.run(synth, "prod", "--config-file", outage.toString(), "--out", tmp.resolve("outage/prod").toString()).code());
        assertEquals(0, Cli.run(synth, "prod", "--config-file", grown.toString(), "--out", tmp.resolve("grown/prod").toString()).code());
        assertTrue(Files.readString(tmp.resolve("outage/prod/plan.json")).contains("\"asm-dr:unavailableRegions\" : \"[\\\"cn-shanghai\\\"]\""),
                "synth states the key in plan.json's config, as a preview does");

        var quiet = Cli.run(PlanCommands::diff, tmp.resolve("healthy").toString(), tmp.resolve("outage").toString());
        assertEquals(PlanCommands.OK, quiet.code(), quiet.out() + quiet.err());
        assertTrue(quiet.out().matches("(?s).*\\| prod \\| 0 \\| \\d+ \\| 0 \\| 0 \\| 0 \\| \\d+ \\|.*"), "0 created, 0 replaced, 0 deleted: " + quiet.out());

        var refused = Cli.run(PlanCommands::diff, tmp.resolve("outage").toString(), tmp.resolve("grown").toString());
        assertEquals(PlanCommands.BLOCKED, refused.code(), refused.out());
        assertTrue(refused.out().contains("`unavailable-region-changed`") && refused.out().contains("asm-dr:unavailableRegions: [cn-shanghai]"),
                refused.out());
    }

    @Test
    void guardReadsTheKeyFromThePreviewConfigAndTellsRegionsByProvider() throws Exception {
        var stack = "urn:pulumi:prod::asm-dr::";
        var shanghai = stack + "pulumi:pulumi:Stack$pulumi:providers:alicloud::alicloud-cn-shanghai::6f1c0d2e";
        var hangzhou = stack + "pulumi:pulumi:Stack$pulumi:providers:alicloud::alicloud-cn-hangzhou::8d0bd7c6";
        var shanghaiK8s = stack + "asm-dr:cluster:RegionCluster$pulumi:providers:kubernetes::cn-shanghai-k8s::0a1b2c3d";
        var steps = List.of(
                step("create", stack + "asm-dr:cluster:RegionCluster$" + RULE + "::prod-ack-shanghai-from-22.4.0.0-16", RULE, shanghai),
                step("create", stack + "asm-dr:cluster:RegionCluster$" + RULE + "::prod-ack-hangzhou-from-22.4.0.0-16", RULE, hangzhou),
                step("update", stack + "asm-dr:app:Bookinfo$kubernetes:apps/v1:Deployment::cn-shanghai-reviews-v2",
                        "kubernetes:apps/v1:Deployment", shanghaiK8s));
        var preview = new LinkedHashMap<String, Object>();
        preview.put("config", Map.of("asm-dr:protect", "true", Guard.UNAVAILABLE_REGIONS_KEY, "[\"cn-shanghai\"]"));
        preview.put("steps", steps);
        preview.put("changeSummary", Map.of("create", 2, "update", 1));
        var file = tmp.resolve("preview.json");
        JSON.writeValue(file.toFile(), preview);

        var result = Cli.run(PlanCommands::guard, file.toString());
        assertEquals(PlanCommands.BLOCKED, result.code(), result.out() + result.err());
        var refused = result.out().lines().filter(l -> l.contains("`unavailable-region-changed`")).collect(Collectors.toList());
        assertEquals(2, refused.size(), result.out());
        assertTrue(refused.stream().anyMatch(l -> l.contains("prod-ack-shanghai-from-22.4.0.0-16")), result.out());
        assertTrue(refused.stream().anyMatch(l -> l.contains("cn-shanghai-reviews-v2") && l.contains("updates")), result.out());
        assertFalse(result.out().contains("prod-ack-hangzhou-from-22.4.0.0-16` | this change creates"), result.out());

        // without the key the same preview has nothing to refuse on this account
        preview.put("config", Map.of("asm-dr:protect", "true"));
        JSON.writeValue(file.toFile(), preview);
        var healthy = Cli.run(PlanCommands::guard, file.toString());
        assertFalse(healthy.out().contains("unavailable-region-changed"), healthy.out());
    }

    private static Map<String, Object> step(String op, String urn, String type, String provider) {
        var state = new LinkedHashMap<String, Object>();
        state.put("urn", urn);
        state.put("custom", true);
        state.put("type", type);
        state.put("provider", provider);
        state.put("inputs", type.equals(RULE) ? Map.of("cidrIp", "22.4.0.0/16", "type", "ingress", "securityGroupId", "sg-1")
                : Map.of("spec", Map.of("replicas", 3)));
        var step = new LinkedHashMap<String, Object>();
        step.put("op", op);
        step.put("urn", urn);
        step.put("provider", provider);
        if (op.equals("update")) {
            var old = new LinkedHashMap<>(state);
            old.put("inputs", Map.of("spec", Map.of("replicas", 2)));
            step.put("oldState", old);
            step.put("diffReasons", List.of("spec"));
        }
        step.put("newState", state);
        return step;
    }

    private static PlannedResource resource(String name, String type, Map<String, Object> inputs, List<String> ignore,
                                            Map<String, List<String>> propertyDependencies) {
        var options = new PlannedResource.Options(false, ignore, Map.of(), List.of(), List.of(), Optional.empty(), false, List.of(),
                propertyDependencies, "");
        return new PlannedResource("urn:pulumi:prod::asm-dr::" + type + "::" + name, type, name, true, "", "", List.of(), inputs, options);
    }

    /**
     * A value the base did not ask a dead region for ({@link PlanDiff#NOT_ASKED} under ignoreChanges, at any path, list
     * elements included) and the head reads again from the same unchanged resource is the state's: no change. Read from
     * a resource that is new in the head, it may be anything: unknown offline.
     */
    @Test
    void aNotAskedValueReadAgainFromTheSameResourceIsTheStatesAndFromANewOneIsUnknown() {
        var pool = "alicloud:dns/addressPool:AddressPool";
        var gateway = "kubernetes:istio.alibabacloud.com/v1beta1:IstioGateway";
        var gw = resource("ingressgateway", gateway, Map.of("spec", Map.of("replicas", 2)), List.of(), Map.of());
        var down = resource("cn-shanghai-pool", pool, Map.of("addresses", List.of(Map.of("address", PlanDiff.NOT_ASKED, "mode", "SMART"))),
                List.of("addresses[0].address"), Map.of("addresses", List.of()));
        var back = resource("cn-shanghai-pool", pool, Map.of("addresses", List.of(Map.of("address", "192.0.2.10", "mode", "SMART"))),
                List.of(), Map.of("addresses", List.of(gw.urn())));
        var same = PlanDiff.between(new Plan(List.of(gw, down), List.of()), new Plan(List.of(gw, back), List.of()), ReplacementFacts.shipped());
        var change = same.stream().filter(c -> c.type().equals(pool)).findFirst().orElseThrow();
        assertEquals(List.of("options.ignoreChanges"), change.changed(), change.toString());
        assertEquals(List.of(), change.unknown());

        var newGateway = resource("ingressgateway-2", gateway, Map.of("spec", Map.of("replicas", 2)), List.of(), Map.of());
        var elsewhere = resource("cn-shanghai-pool", pool, Map.of("addresses", List.of(Map.of("address", "192.0.2.10", "mode", "SMART"))),
                List.of(), Map.of("addresses", List.of(newGateway.urn())));
        var unknown = PlanDiff.between(new Plan(List.of(gw, down), List.of()), new Plan(List.of(gw, newGateway, elsewhere), List.of()),
                ReplacementFacts.shipped()).stream().filter(c -> c.type().equals(pool)).findFirst().orElseThrow();
        assertEquals(List.of("inputs.addresses[0].address"), unknown.unknown(), unknown.toString());
        assertEquals(Change.Op.UNKNOWN, unknown.op());
    }

    @Test
    void theNotAskedMarkerIsTheOneTheComponentsWrite() {
        assertEquals(PlanDiff.NOT_ASKED, Backbone.UNAVAILABLE);
        assertEquals(PlanDiff.NOT_ASKED, RegionCluster.UNAVAILABLE);
    }
}
