package io.asmdr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI our users copy, checked structurally (CI also runs actionlint when it can install it):
 * triggers, jobs, one comment per PR, concurrency per stack, approval for prod, pinned actions,
 * secrets only from {@code secrets.*}.
 */
class WorkflowsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DIR = Path.of(".github/workflows");

    static JsonNode workflow(String name) throws Exception {
        return YAML.readTree(DIR.resolve(name).toFile());
    }

    @Test
    void prChecksTestDiffAndPreview() throws Exception {
        var pr = workflow("pr.yml");
        assertTrue(pr.path("on").has("pull_request"), pr.path("on").toString());
        var jobs = pr.path("jobs");
        for (var job : List.of("test", "plan-diff", "cloud", "preview")) {
            assertTrue(jobs.has(job), job);
        }
        assertTrue(pr.path("concurrency").path("group").asText().contains("pull_request.number"));
        var diff = jobs.path("plan-diff").toString();
        assertTrue(diff.contains("diff \\\"$RUNNER_TEMP/synth/base\\\" \\\"$RUNNER_TEMP/synth/head\\\""), diff);
        assertTrue(diff.contains("updateComment") && diff.contains("<!-- asm-dr-plan-diff -->"), "one comment, edited on each push");
        assertEquals("write", jobs.path("plan-diff").path("permissions").path("pull-requests").asText(), "the job that comments may write to PRs");
        var preview = jobs.path("preview");
        assertTrue(preview.path("if").asText().contains("needs.cloud.outputs.configured"), "only with cloud secrets");
        assertEquals(3, preview.path("strategy").path("matrix").path("include").size(), "one preview per stack");
        var steps = preview.path("steps").toString();
        assertTrue(steps.contains("pulumi/actions@") && steps.contains("--json") && steps.contains("asm-dr.jar guard"), steps);
    }

    @Test
    void deployGoesThroughApprovalOneUpdatePerStackAtATime() throws Exception {
        var deploy = workflow("deploy.yml");
        assertEquals("main", deploy.path("on").path("push").path("branches").get(0).asText());
        assertEquals("production", deploy.path("jobs").path("prod").path("with").path("environment").asText());
        assertEquals("up", deploy.path("jobs").path("prod").path("needs").asText(), "prod after dev and staging");
        var up = workflow("pulumi-up.yml");
        assertTrue(up.path("on").has("workflow_call"));
        assertEquals("pulumi-${{ inputs.stack }}", up.path("concurrency").path("group").asText());
        assertFalse(up.path("concurrency").path("cancel-in-progress").asBoolean(true), "never cancel a running update");
        assertEquals("${{ inputs.environment }}", up.path("jobs").path("up").path("environment").asText());
        assertTrue(up.path("jobs").path("up").path("steps").toString().contains("pulumi up --stack"));
    }

    @Test
    void actionsArePinnedAndSecretsComeFromSecrets() throws Exception {
        var pinned = Pattern.compile("[\\w.-]+/[\\w.-]+@(v\\d+(\\.\\d+)*|[0-9a-f]{40})");
        var credential = Pattern.compile("(?i).*(token|secret|access_key|password).*");
        try (var files = Files.list(DIR)) {
            for (var file : files.toList()) {
                var uses = new ArrayList<String>();
                var leaks = new ArrayList<String>();
                walk(YAML.readTree(file.toFile()), "", uses, leaks, credential);
                for (var u : uses) {
                    assertTrue(u.startsWith("./") || pinned.matcher(u).matches(), file + ": " + u + " is not pinned to a version");
                }
                assertTrue(leaks.isEmpty(), file + ": credentials not from secrets.*: " + leaks);
            }
        }
    }

    private static void walk(JsonNode node, String key, List<String> uses, List<String> leaks, Pattern credential) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(e.getValue(), e.getKey(), uses, leaks, credential));
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, key, uses, leaks, credential));
        } else if (key.equals("uses")) {
            uses.add(node.asText());
        } else if (credential.matcher(key).matches() && !key.equals("github-token") && !(key.equals("secrets") && node.asText().equals("inherit"))
                && !node.asText().startsWith("${{ secrets.")) {
            leaks.add(key + ": " + node.asText());
        }
    }
}
