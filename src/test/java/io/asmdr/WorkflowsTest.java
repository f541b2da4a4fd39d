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
    void prChecksTestDiffAndPreviewAndWorkFromForks() throws Exception {
        var pr = workflow("pr.yml");
        assertTrue(pr.path("on").has("pull_request"), pr.path("on").toString());
        var jobs = pr.path("jobs");
        for (var job : List.of("test", "plan-diff", "cloud", "preview", "preview-offline")) {
            assertTrue(jobs.has(job), job);
        }
        assertTrue(pr.path("concurrency").path("group").asText().contains("pull_request.number"));
        var diff = jobs.path("plan-diff").toString();
        assertTrue(diff.contains("diff \\\"$RUNNER_TEMP/synth/base\\\" \\\"$RUNNER_TEMP/synth/head\\\""), diff);
        // a fork's PR has a read-only token: nothing in pr.yml writes; pr-comment.yml posts from workflow_run
        assertEquals("read", pr.path("permissions").path("contents").asText());
        jobs.fields().forEachRemaining(j -> assertFalse(j.getValue().path("permissions").toString().contains("write")
                && !j.getKey().equals("preview"), j.getKey() + " asks for write permissions"));
        assertEquals("id-token", fieldWithWrite(jobs.path("preview").path("permissions")), "the cloud preview writes nothing but an OIDC token");
        assertTrue(diff.contains("upload-artifact@") && diff.contains("pr-number"), "the comment travels as an artifact");
        var comment = workflow("pr-comment.yml");
        assertEquals("pr", comment.path("on").path("workflow_run").path("workflows").get(0).asText());
        assertEquals("write", comment.path("jobs").path("comment").path("permissions").path("pull-requests").asText());
        var script = comment.path("jobs").path("comment").toString();
        assertTrue(script.contains("updateComment") && script.contains("<!-- asm-dr-plan-diff -->"), "one comment, edited on each push");
        assertTrue(script.contains("head.sha") && script.contains("^[0-9]{1,9}$"), "the artifact is untrusted data: the PR number is checked");
        // a cloud preview only with a backend and credentials; the offline one otherwise; neither on label events
        var preview = jobs.path("preview");
        assertTrue(preview.path("if").asText().contains("needs.cloud.outputs.configured == 'true'"), "only with cloud secrets");
        assertTrue(jobs.path("preview-offline").path("if").asText().contains("needs.cloud.outputs.configured != 'true'"));
        for (var job : List.of("test", "preview", "preview-offline")) {
            assertTrue(jobs.path(job).path("if").asText().contains("github.event.action != 'labeled'"), job + " re-runs on a label change");
        }
        assertFalse(jobs.path("plan-diff").has("if"), "the offline diff re-judges with the new labels");
        assertEquals(3, preview.path("strategy").path("matrix").path("stack").size(), "one preview per stack");
        var steps = preview.path("steps").toString();
        assertTrue(steps.contains("pulumi/actions@") && steps.contains("--json") && steps.contains("asm-dr.jar guard"), steps);
        assertTrue(jobs.path("preview-offline").path("steps").toString().contains("bin/asm-dr preview-offline"));
        var cloud = jobs.path("cloud").toString();
        assertTrue(cloud.contains("PULUMI_BACKEND_URL") && cloud.contains("PULUMI_CONFIG_PASSPHRASE") && cloud.contains("PULUMI_ACCESS_TOKEN"),
                "either backend counts");
    }

    private static String fieldWithWrite(JsonNode permissions) {
        var out = new ArrayList<String>();
        permissions.fields().forEachRemaining(e -> {
            if (e.getValue().asText().equals("write")) {
                out.add(e.getKey());
            }
        });
        return String.join(",", out);
    }

    @Test
    void deployAppliesExactlyWhatWasGuardedThroughApprovalOneUpdatePerStackAtATime() throws Exception {
        var deploy = workflow("deploy.yml");
        assertEquals("main", deploy.path("on").path("push").path("branches").get(0).asText());
        assertEquals("production", deploy.path("jobs").path("prod").path("with").path("environment").asText());
        assertEquals("up", deploy.path("jobs").path("prod").path("needs").asText(), "prod after dev and staging");
        var up = workflow("pulumi-up.yml");
        assertTrue(up.path("on").has("workflow_call"));
        assertEquals("pulumi-${{ inputs.stack }}", up.path("concurrency").path("group").asText());
        assertFalse(up.path("concurrency").path("cancel-in-progress").asBoolean(true), "never cancel a running update");
        var job = up.path("jobs").path("up");
        assertEquals("${{ inputs.environment }}", job.path("environment").asText());
        var steps = job.path("steps").toString();
        assertTrue(steps.contains("--save-plan \\\"$RUNNER_TEMP/update-plan.json\\\" --json"), "the guarded preview saves the plan");
        assertTrue(steps.contains("pulumi up --stack \\\"$STACK\\\" --plan \\\"$RUNNER_TEMP/update-plan.json\\\""), "up applies that plan");
        assertFalse(steps.contains("--skip-preview"), "no fresh evaluation that bypasses the plan");
        assertEquals("true", job.path("env").path("PULUMI_EXPERIMENTAL").asText(), "update plans are experimental in the CLI");
        assertTrue(steps.contains("merged-pr-labels.sh") && steps.contains("$ALLOW"), "the merged PR's allow-labels reach guard");
        assertTrue(job.path("env").has("PULUMI_BACKEND_URL") && job.path("env").has("PULUMI_CONFIG_PASSPHRASE"), "self-managed backends work");
        assertEquals("read", job.path("permissions").path("pull-requests").asText());
    }

    @Test
    void noWorkflowOrScriptNamesAConfigFile() throws Exception {
        for (var dir : List.of(DIR, Path.of(".github/scripts"))) {
            try (var files = Files.list(dir)) {
                for (var f : files.toList()) {
                    assertFalse(Files.readString(f).contains("--config-file"), f + ": the CLI and asm-dr read stacks/ (Pulumi.yaml stackConfigDir)");
                }
            }
        }
    }

    @Test
    void actionsArePinnedAndSecretsComeFromSecrets() throws Exception {
        // a full commit SHA with its version in a comment: a moved tag cannot change what runs
        var pinned = Pattern.compile("[\\w.-]+/[\\w.-]+@[0-9a-f]{40}");
        var pinnedLine = Pattern.compile("\\s*(- )?uses: [\\w.-]+/[\\w.-]+@[0-9a-f]{40} # v\\d+(\\.\\d+)*");
        var credential = Pattern.compile("(?i).*(token|secret|access_key|password).*");
        try (var files = Files.list(DIR)) {
            for (var file : files.toList()) {
                var uses = new ArrayList<String>();
                var leaks = new ArrayList<String>();
                walk(YAML.readTree(file.toFile()), "", uses, leaks, credential);
                for (var u : uses) {
                    assertTrue(u.startsWith("./") || pinned.matcher(u).matches(), file + ": " + u + " is not pinned to a commit SHA");
                }
                for (var line : Files.readAllLines(file)) {
                    if (line.contains("uses:") && !line.contains("uses: ./")) {
                        assertTrue(pinnedLine.matcher(line).matches(), file + ": `" + line.strip() + "` wants `@<sha> # vX.Y.Z`");
                    }
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
        } else if (credential.matcher(key).matches() && !key.equals("github-token") && !key.equals("id-token") && !(key.equals("secrets") && node.asText().equals("inherit"))
                && !node.asText().startsWith("${{ secrets.") && !node.asText().equals("${{ github.token }}")) {
            leaks.add(key + ": " + node.asText());
        }
    }
}
