package io.asmdr.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        var mesh = java.util.stream.StreamSupport.stream(steps.spliterator(), false)
                .map(s -> s.path("newState"))
                .filter(s -> s.path("type").asText().equals("alicloud:servicemesh/serviceMesh:ServiceMesh"))
                .findFirst().orElseThrow();
        for (var field : new String[] {"parent", "provider", "dependencies", "propertyDependencies", "inputs", "customTimeouts",
                "additionalSecretOutputs", "ignoreChanges", "aliases"}) {
            assertTrue(mesh.has(field), field + " in " + mesh);
        }
        assertEquals(3600.0, mesh.path("customTimeouts").path("create").asDouble(), "seconds, as resource.CustomTimeouts");
        assertTrue(first.out().contains("by type") && first.out().contains("cn-shanghai"), first.out());
    }

    @Test
    void devWritesEveryKubernetesObjectAndTheTrafficModel(@TempDir Path tmp) throws Exception {
        var result = synth("dev", "--out", tmp.toString());
        assertEquals(0, result.code(), result.err());
        try (var files = Files.list(tmp.resolve("manifests"))) {
            assertEquals(java.util.Set.of("ack-hangzhou", "ack-shanghai", "asm"),
                    files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
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
        var traffic = Files.readString(tmp.resolve("traffic.md"));
        assertTrue(traffic.contains("86.0%") && traffic.contains("14.0%"), traffic);
    }

    @Test
    void stacksUnderTheStacksFolderAreFound(@TempDir Path tmp) {
        var prod = synth("prod", "--out", tmp.toString());
        assertEquals(0, prod.code(), prod.err());
        assertTrue(prod.out().contains("stacks/Pulumi.prod.yaml"), prod.out());
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
        Files.writeString(file, Files.readString(Path.of("Pulumi.dev.yaml")) + "  asm-dr:nodePassword: hunter2\n");
        var result = synth("pw", "--config-file", file.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(Synth.INVALID, result.code());
        assertTrue(result.err().contains("--secret"), result.err());
        assertFalse(result.err().contains("hunter2"));
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(Synth.USAGE, synth().code());
        assertEquals(Synth.USAGE, synth("nosuchstack").code());
        assertEquals(Synth.USAGE, synth("dev", "--bogus").code());
    }
}
