package io.asmdr.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code synth} command as a user runs it: files in, exit code and files out. */
class SynthCommandTest {
    static Cli.Result synth(String... args) {
        return Cli.run(Synth::run, args);
    }

    @Test
    void devWritesAPreviewShapedPlanThatIsByteStable(@TempDir Path tmp) throws Exception {
        var first = synth("dev", "--out", tmp.resolve("a").toString());
        assertEquals(0, first.code(), first.err());
        var second = synth("dev", "--out", tmp.resolve("b").toString());
        assertEquals(0, second.code(), second.err());
        var a = Files.readString(tmp.resolve("a/plan.json"));
        assertEquals(a, Files.readString(tmp.resolve("b/plan.json")), "same stack, same bytes");

        var plan = new ObjectMapper().readTree(a);
        var steps = plan.path("steps");
        assertEquals(steps.size(), plan.path("changeSummary").path("create").asInt());
        for (var step : steps) {
            assertEquals("create", step.path("op").asText());
            for (var field : new String[] {"urn", "type", "custom"}) {
                assertTrue(step.path("newState").has(field), field);
            }
        }
        // apitype.ResourceV3 names for the options a preview records (the mesh has all of them)
        var meshStep = StreamSupport.stream(steps.spliterator(), false)
                .filter(s -> s.path("newState").path("type").asText().equals("alicloud:servicemesh/serviceMesh:ServiceMesh"))
                .findFirst().orElseThrow();
        var mesh = meshStep.path("newState");
        for (var field : new String[] {"parent", "provider", "dependencies", "propertyDependencies", "inputs", "customTimeouts",
                "additionalSecretOutputs", "ignoreChanges"}) {
            assertTrue(mesh.has(field), field + " in " + mesh);
        }
        // what the real preview JSON has no field for stands apart, never in newState
        assertFalse(mesh.has("aliases"), "apitype.ResourceV3 has no aliases");
        assertTrue(meshStep.path("optionsNotInPreview").path("aliases").isArray(), meshStep.toString());
        assertEquals(3600.0, mesh.path("customTimeouts").path("create").asDouble(), "seconds, as resource.CustomTimeouts");
        assertTrue(first.out().contains("by type") && first.out().contains("cn-shanghai"), first.out());
    }

    @Test
    void devWritesEveryKubernetesObjectAndTheTrafficModel(@TempDir Path tmp) throws Exception {
        var result = synth("dev", "--out", tmp.toString());
        assertEquals(0, result.code(), result.err());
        try (var files = Files.list(tmp.resolve("manifests"))) {
            assertEquals(Set.of("ack-hangzhou", "ack-shanghai", "asm"),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        for (var cluster : new String[] {"ack-hangzhou", "ack-shanghai"}) {
            try (var files = Files.list(tmp.resolve("manifests").resolve(cluster))) {
                assertEquals(13, files.count(), cluster + ": namespace + 4 Services + 4 ServiceAccounts + 4 Deployments");
            }
        }
        var reviewsDr = Files.readString(tmp.resolve("manifests/asm/default.destinationrule.reviews.yaml"));
        assertTrue(reviewsDr.startsWith("apiVersion: networking.istio.io/v1alpha3\nkind: DestinationRule\n"), reviewsDr);
        assertTrue(reviewsDr.contains("cn-shanghai/*: 10"), reviewsDr);
        assertTrue(Files.readString(tmp.resolve("manifests/ack-shanghai/default.deployment.reviews-v2.yaml"))
                .contains("examples-bookinfo-reviews-v2:1.16.2"));
        assertTrue(Files.exists(tmp.resolve("manifests/asm/istio-system.istiogateway.ingressgateway.yaml")));
        var gateway = Files.readString(tmp.resolve("manifests/asm/istio-system.istiogateway.ingressgateway.yaml"));
        assertTrue(gateway.contains("cpu: \"2\""), "a string stays a string in the manifest, as in the plan: " + gateway);
        var routes = Files.readString(tmp.resolve("routes.md"));
        assertTrue(routes.contains("| 10.1.0.0/16 | transit-router attachment `cn-hangzhou-attachment` | Flannel Pods of ack-shanghai | asm-dr `cn-hangzhou-to-10.1.0.0-16` |"), routes);
        assertTrue(routes.contains("| 10.0.0.0/16 | peering `cn-hangzhou-to-cn-shanghai` | asm-dr static route `cn-hangzhou-pods-via-cn-shanghai`"), routes);
        assertTrue(routes.contains("aliyun vpc DescribeRouteEntryList") && routes.contains("aliyun cbn ListTransitRouterRouteEntries"), routes);
        var traffic = Files.readString(tmp.resolve("traffic.md"));
        assertTrue(traffic.contains("86.0%") && traffic.contains("14.0%"), traffic);
    }

    @Test
    void prodSynthesizesWithNoFlagsAndPrintsAndRecordsItsAssumptions(@TempDir Path tmp) throws Exception {
        var prod = synth("prod", "--out", tmp.toString());
        assertEquals(0, prod.code(), prod.err());
        assertTrue(prod.out().contains("stacks/Pulumi.prod.yaml"), prod.out());
        // cn-beijing has no row in the cloud facts: its answer is the stack's, and synth says so, and records it
        assertTrue(prod.out().contains("assumed, not checked (no published answer; --strict refuses): "
                + "alicloud:cen/getTransitRouterAvailableResources in cn-beijing = cn-beijing-g, cn-beijing-h"), prod.out());
        assertFalse(prod.out().contains("in cn-hangzhou ="), "a complete published row is never replaced by an assumption");
        var assumptions = new ObjectMapper().readTree(tmp.resolve("plan.json").toFile()).path("assumptions");
        assertEquals(1, assumptions.size(), assumptions.toString());
        assertEquals("cn-beijing", assumptions.get(0).path("region").asText());
        assertEquals("cn-beijing-g, cn-beijing-h", assumptions.get(0).path("answer").asText());
        assertTrue(assumptions.get(0).path("reason").asText().contains("no row for cn-beijing"), assumptions.toString());
    }

    @Test
    void strictRefusesWhatTheCloudFactsCannotAnswer(@TempDir Path tmp) {
        var out = tmp.resolve("out");
        var prod = synth("prod", "--out", out.toString(), "--strict");
        assertEquals(Synth.INVALID, prod.code());
        assertEquals(1, prod.err().lines().count(), "one line, no stack trace: " + prod.err());
        assertTrue(prod.err().startsWith("strict: reference/cloud-facts/transit-router-zones.json has no row for the transit-router zones of cn-beijing"),
                prod.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aVswitchInAZoneWithoutTransitRouterIsRefusedWithKeyZoneAndSupportedZones(@TempDir Path tmp) throws Exception {
        // Hangzhou zone G: the CEN page's own example of a zone without transit routers
        var file = tmp.resolve("Pulumi.zone.yaml");
        Files.writeString(file, Files.readString(Path.of("Pulumi.dev.yaml"))
                .replace("cidr: 20.1.0.0/24, zone: cn-hangzhou-i", "cidr: 20.1.0.0/24, zone: cn-hangzhou-g"));
        var out = tmp.resolve("out");
        var result = synth("zone", "--config-file", file.toString(), "--out", out.toString());
        assertEquals(Synth.INVALID, result.code());
        assertEquals(1, result.err().lines().count(), "one problem, one line: " + result.err());
        assertTrue(result.err().startsWith("invalid stack config: asm-dr:regions[0].vswitches[1].zone = cn-hangzhou-g: "), result.err());
        assertTrue(result.err().contains("only in cn-hangzhou-b, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k"), result.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void invalidConfigFailsAndWritesNothing(@TempDir Path tmp) throws Exception {
        var file = tmp.resolve("Pulumi.broken.yaml");
        Files.writeString(file, Files.readString(Path.of("Pulumi.dev.yaml")).replace("podCidr: 10.1.0.0/16", "podCidr: 10.0.0.0/16"));
        var out = tmp.resolve("out");
        var result = synth("broken", "--config-file", file.toString(), "--out", out.toString());
        assertEquals(Synth.INVALID, result.code());
        assertTrue(result.err().contains("asm-dr:regions[1].cluster.podCidr"), result.err());
        assertFalse(Files.exists(out), "no plan for an invalid stack");
    }

    @Test
    void aPlainTextPasswordIsRefused(@TempDir Path tmp) throws Exception {
        var file = tmp.resolve("Pulumi.pw.yaml");
        Files.writeString(file, Files.readString(Path.of("Pulumi.dev.yaml")).replace("config:\n", "config:\n  asm-dr:nodePassword: hunter2\n"));
        var result = synth("pw", "--config-file", file.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(Synth.INVALID, result.code());
        assertTrue(result.err().contains("--secret"), result.err());
        assertFalse(result.err().contains("hunter2"));
    }

    @Test
    void previewModeWritesUnknownsAndTheSameGraph(@TempDir Path tmp) throws Exception {
        var up = synth("dev", "--out", tmp.resolve("up").toString());
        var preview = synth("dev", "--preview", "--out", tmp.resolve("preview").toString());
        assertEquals(0, preview.code(), preview.err());
        assertTrue(preview.out().contains("as a first `pulumi preview`"), preview.out());
        var mapper = new ObjectMapper();
        var a = mapper.readTree(tmp.resolve("up/plan.json").toFile()).path("steps");
        var b = mapper.readTree(tmp.resolve("preview/plan.json").toFile()).path("steps");
        assertEquals(a.size(), b.size());
        var upDependencies = new HashMap<String, Set<String>>();
        a.forEach(s -> upDependencies.put(s.path("urn").asText(), strings(s.path("newState").path("dependencies"))));
        for (var step : b) {
            // a first preview lacks the edges of outputs the provider leaves out (RealPreviewAgreementTest), and adds none
            var deps = upDependencies.get(step.path("urn").asText());
            assertTrue(deps != null && deps.containsAll(strings(step.path("newState").path("dependencies"))), step.path("urn").asText());
        }
        assertTrue(Files.readString(tmp.resolve("preview/plan.json")).contains("\"04da6b54-80e4-46f7-96ec-b56ff0331ba9\""));
        assertEquals(0, up.code());
    }

    @Test
    void badStackNamesAreUsageErrorsWithoutATrace() {
        for (var name : new String[] {"a::b", "../dev", "dev/x", "", ".", ".."}) {
            var result = synth(name);
            assertEquals(Synth.USAGE, result.code(), name);
            assertTrue(result.err().contains("stack name") || result.err().contains("name the stack"), result.err());
            assertFalse(result.err().contains("\tat "), result.err());
        }
    }

    @Test
    void clusterNamesThatArePathsAreRefusedAndWriteNothing(@TempDir Path tmp) throws Exception {
        for (var name : new String[] {"/tmp/x", "../x", "ack::hz"}) {
            var file = tmp.resolve("Pulumi.evil.yaml");
            Files.writeString(file, Files.readString(Path.of("Pulumi.dev.yaml"))
                    .replace("name: ack-shanghai", "name: \"" + name + "\""));
            var out = tmp.resolve("out");
            var result = synth("evil", "--config-file", file.toString(), "--out", out.toString());
            assertEquals(Synth.INVALID, result.code(), name + ": " + result.err());
            assertTrue(result.err().contains("asm-dr:regions[1].cluster.name"), result.err());
            assertFalse(result.err().contains("\tat "), result.err());
            assertFalse(Files.exists(out));
        }
        assertFalse(Files.exists(Path.of("/tmp/x")), "nothing written outside --out");
    }

    @Test
    void synthKeepsWhatItDidNotWrite(@TempDir Path tmp) throws Exception {
        assertEquals(0, synth("dev", "--out", tmp.toString()).code());
        var keep = tmp.resolve("manifests/keep/notes.txt");
        Files.createDirectories(keep.getParent());
        Files.writeString(keep, "mine");
        assertEquals(0, synth("dev", "--out", tmp.toString()).code(), "a second run replaces its own files");
        assertEquals("mine", Files.readString(keep));
        assertTrue(Files.exists(tmp.resolve("manifests/ack-hangzhou/default.deployment.reviews-v1.yaml")));
        // a file an earlier run wrote and this one no longer plans (a removed region) is removed with its folder;
        // a hand-edited record cannot make synth delete anything outside its folder
        var gone = tmp.resolve("manifests/ack-removed/default.deployment.reviews-v3.yaml");
        Files.createDirectories(gone.getParent());
        Files.writeString(gone, "old");
        var outside = tmp.getParent().resolve(tmp.getFileName() + "-outside.txt");
        Files.writeString(outside, "not synth's");
        Files.writeString(tmp.resolve(SynthOutput.RECORD), Files.readString(tmp.resolve(SynthOutput.RECORD))
                + "manifests/ack-removed/default.deployment.reviews-v3.yaml\n../" + outside.getFileName() + "\n");
        assertEquals(0, synth("dev", "--out", tmp.toString()).code());
        assertFalse(Files.exists(gone.getParent()));
        assertTrue(Files.exists(outside));
        assertEquals("mine", Files.readString(keep));
        Files.delete(outside);
    }

    @Test
    void aFileSynthDidNotWriteIsNeverOverwritten(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("plan.json"), "my own plan");
        var result = synth("dev", "--out", tmp.toString());
        assertEquals(Synth.INVALID, result.code());
        assertTrue(result.err().contains("holds files synth did not write (plan.json)"), result.err());
        assertEquals("my own plan", Files.readString(tmp.resolve("plan.json")));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "a refused run leaves nothing behind");
        }
        // in a folder of its own, a file it did not write is still never overwritten
        var own = tmp.resolve("own");
        assertEquals(0, synth("dev", "--out", own.toString()).code());
        Files.delete(own.resolve("graph.md"));
        Files.writeString(own.resolve(SynthOutput.RECORD), Files.readString(own.resolve(SynthOutput.RECORD)).replace("graph.md\n", ""));
        Files.writeString(own.resolve("graph.md"), "my own graph");
        var again = synth("dev", "--out", own.toString());
        assertTrue(again.err().contains("refusing to overwrite") && again.err().contains("graph.md"), again.err());
        assertEquals("my own graph", Files.readString(own.resolve("graph.md")));
    }

    @Test
    void theRootOfTheFileSystemAndTheProjectFolderAreRefused(@TempDir Path tmp) throws Exception {
        var root = synth("dev", "--out", "/");
        assertEquals(Synth.INVALID, root.code());
        assertTrue(root.err().contains("the root of the file system"), root.err());
        var project = synth("dev", "--out", ".");
        assertEquals(Synth.INVALID, project.code());
        assertTrue(project.err().contains("holds files synth did not write"), project.err());
        assertFalse(Files.exists(Path.of("plan.json")) || Files.exists(Path.of(SynthOutput.RECORD)), "nothing written into the project folder");
    }

    /** The folder's files, path to content, to compare before and after a refused run. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            var out = new TreeMap<String, String>();
            for (var p : walk.toList()) {
                out.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "<folder>");
            }
            return out;
        }
    }

    @Test
    void anOwnedFileThatBecameAFolderIsRefusedBeforeAnythingChanges(@TempDir Path tmp) throws Exception {
        assertEquals(0, synth("dev", "--out", tmp.toString()).code());
        Files.delete(tmp.resolve("traffic.md"));
        Files.createDirectories(tmp.resolve("traffic.md"));
        Files.writeString(tmp.resolve("traffic.md/notes.txt"), "mine");
        var before = snapshot(tmp);
        var result = synth("dev", "--out", tmp.toString());
        assertEquals(Synth.INVALID, result.code());
        assertTrue(result.err().contains("traffic.md is a folder or a link where synth keeps a file"), result.err());
        assertEquals(before, snapshot(tmp), "a refused run changes nothing");
    }

    @Test
    void aRecordThatIsAFolderIsRefusedBeforeAnythingChanges(@TempDir Path tmp) throws Exception {
        assertEquals(0, synth("dev", "--out", tmp.toString()).code());
        Files.delete(tmp.resolve(SynthOutput.RECORD));
        Files.createDirectories(tmp.resolve(SynthOutput.RECORD));
        Files.writeString(tmp.resolve(SynthOutput.RECORD + "/state"), "something");
        var before = snapshot(tmp);
        var result = synth("dev", "--out", tmp.toString());
        assertEquals(Synth.INVALID, result.code());
        assertTrue(result.err().contains("is not the file synth keeps its record in"), result.err());
        assertEquals(before, snapshot(tmp), "a refused run changes nothing");
    }

    @Test
    void aFailedRunLeavesThePreviousOutputWhole(@TempDir Path tmp) throws Exception {
        assertEquals(0, synth("dev", "--out", tmp.toString()).code());
        var before = Files.readString(tmp.resolve("plan.json"));
        var file = tmp.resolve("Pulumi.bad.yaml");
        Files.writeString(file, Files.readString(Path.of("Pulumi.dev.yaml")).replace("podCidr: 10.1.0.0/16", "podCidr: 10.0.0.0/16"));
        assertEquals(Synth.INVALID, synth("dev", "--config-file", file.toString(), "--out", tmp.toString()).code());
        assertEquals(before, Files.readString(tmp.resolve("plan.json")));
        // a folder on the way that is a symbolic link is refused, not followed
        var elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        var out = tmp.resolve("linked");
        assertEquals(0, synth("dev", "--out", out.toString()).code());
        try (var walk = Files.walk(out.resolve("manifests"))) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.createSymbolicLink(out.resolve("manifests"), elsewhere);
        var linked = synth("dev", "--out", out.toString());
        assertEquals(Synth.INVALID, linked.code());
        assertTrue(linked.err().contains("symbolic link"), linked.err());
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void malformedAndDuplicatedStackFilesExitOneWithALine(@TempDir Path tmp) throws Exception {
        var dup = tmp.resolve("Pulumi.dup.yaml");
        Files.writeString(dup, Files.readString(Path.of("Pulumi.dev.yaml")).replace("config:\n", "config:\n  asm-dr:protect: true\n"));
        var result = synth("dup", "--config-file", dup.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(Synth.INVALID, result.code());
        assertTrue(result.err().contains("given twice"), result.err());
        var broken = tmp.resolve("Pulumi.broken.yaml");
        Files.writeString(broken, "config:\n  asm-dr:regions: [\n");
        var b = synth("broken", "--config-file", broken.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(Synth.INVALID, b.code());
        assertTrue(b.err().matches("(?s)invalid stack file: .*Pulumi\\.broken\\.yaml:\\d+:\\d+: .*"), b.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(Synth.USAGE, synth().code());
        assertEquals(Synth.USAGE, synth("nosuchstack").code());
        assertEquals(Synth.USAGE, synth("dev", "--bogus").code());
    }

    @Test
    void anEmptyOutFolderIsAUsageErrorAndWritesNothing() {
        var result = synth("dev", "--out", "");
        assertEquals(Synth.USAGE, result.code());
        assertTrue(result.err().contains("--out needs a folder"), result.err());
    }

    private static Set<String> strings(JsonNode list) {
        var out = new TreeSet<String>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
