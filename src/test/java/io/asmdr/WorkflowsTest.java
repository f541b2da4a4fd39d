package io.asmdr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.asmdr.configreader.StackFile;
import io.asmdr.program.AsmDr;
import io.asmdr.support.TestStacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    void prChecksAreJudgedByTheBaseNeedNoCloudAndNeverSkipTheRequiredCheck() throws Exception {
        var pr = workflow("pr.yml");
        assertTrue(pr.path("on").has("pull_request"), pr.path("on").toString());
        var types = pr.path("on").path("pull_request").path("types").toString();
        assertTrue(types.contains("labeled") && types.contains("unlabeled"), "a label change re-judges");
        var jobs = pr.path("jobs");
        assertEquals(List.of("judge", "plan-diff", "pr-check", "preview-offline", "test"), names(jobs));
        assertTrue(pr.path("concurrency").path("group").asText().contains("pull_request.number"));
        // no job is ever skipped: a skipped required check counts as passed
        jobs.fields().forEachRemaining(j -> assertTrue(!j.getValue().has("if") || j.getKey().equals("pr-check"), j.getKey() + " has a condition"));
        var check = jobs.path("pr-check");
        assertEquals("always()", check.path("if").asText(), "the required check runs whatever happened");
        var needs = new ArrayList<String>();
        check.path("needs").forEach(n -> needs.add(n.asText()));
        var others = names(jobs);
        others.remove("pr-check");
        assertEquals(others, needs.stream().sorted().toList(), "pr-check waits for every other job");
        assertTrue(steps(check).contains("all(.value.result == \"success\")"), steps(check));
        // the judge is built from the base and judges both the offline diff and the real preview
        assertTrue(steps(jobs.path("judge")).contains("build-judge.sh \"$BASE_SHA\"") && jobs.path("judge").toString().contains("pull_request.base.sha"));
        var diff = steps(jobs.path("plan-diff"));
        assertTrue(diff.contains("judge/asm-dr.jar\" diff \"$RUNNER_TEMP/judge/plans\" \"$RUNNER_TEMP/synth/head\""), diff);
        var offline = steps(jobs.path("preview-offline"));
        assertTrue(offline.contains("bin/asm-dr preview-offline") && offline.contains("judge/asm-dr.jar\" guard"), offline);
        assertEquals(3, jobs.path("preview-offline").path("strategy").path("matrix").path("stack").size(), "one preview per stack");
        // labels reach the judge as data: from the event file, through allow-args.sh
        assertTrue(diff.contains("$GITHUB_EVENT_PATH") && diff.contains("allow-args.sh") && !diff.contains("github.event.pull_request.labels"), diff);
        // no cloud and no write anywhere in pr.yml: a fork's PR has neither; pr-comment.yml posts from workflow_run
        assertEquals("read", pr.path("permissions").path("contents").asText());
        var text = Files.readString(DIR.resolve("pr.yml"));
        for (var absent : List.of("id-token", "secrets.", "ALICLOUD_", "PULUMI_ACCESS_TOKEN", ": write")) {
            assertFalse(text.contains(absent), "pr.yml mentions " + absent);
        }
        assertTrue(jobs.path("plan-diff").toString().contains("upload-artifact@") && diff.contains("pr-number"), "the comment travels as an artifact");
        var comment = workflow("pr-comment.yml");
        assertEquals("pr", comment.path("on").path("workflow_run").path("workflows").get(0).asText());
        assertEquals("write", comment.path("jobs").path("comment").path("permissions").path("pull-requests").asText());
        var script = comment.path("jobs").path("comment").toString();
        assertTrue(script.contains("updateComment") && script.contains("<!-- asm-dr-plan-diff -->"), "one comment, edited on each push");
        assertTrue(script.contains("head.sha") && script.contains("^[0-9]{1,9}$"), "the artifact is untrusted data: the PR number is checked");
    }

    /** The shell of a job's steps, as written (not JSON-escaped). */
    private static String steps(JsonNode job) {
        var out = new StringBuilder();
        job.path("steps").forEach(s -> out.append(s.path("run").asText()).append('\n'));
        return out.toString();
    }

    private static List<String> names(JsonNode jobs) {
        var out = new ArrayList<String>();
        jobs.fieldNames().forEachRemaining(out::add);
        out.sort(null);
        return out;
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

    /** The deploy jobs of deploy.yml in order, each with what it passes to pulumi-up.yml. */
    static List<JsonNode> deployJobs() throws Exception {
        var out = new ArrayList<JsonNode>();
        workflow("deploy.yml").path("jobs").forEach(out::add);
        return out;
    }

    @Test
    void deployPreviewsJudgesWithTheBaseAndAppliesInOneJobThroughApprovalOneUpdatePerStackAtATime() throws Exception {
        var deploy = workflow("deploy.yml");
        assertEquals("main", deploy.path("on").path("push").path("branches").get(0).asText());
        var jobs = deploy.path("jobs");
        assertEquals("dev", jobs.path("staging").path("needs").asText(), "staging after dev");
        assertEquals("staging", jobs.path("prod").path("needs").asText(), "prod after staging");
        assertEquals("production", jobs.path("prod").path("with").path("environment").asText());
        for (var job : deployJobs()) {
            assertEquals("./.github/workflows/pulumi-up.yml", job.path("uses").asText());
            assertEquals("${{ github.event.before }}", job.path("with").path("base").asText(), "judged against the commit before the push");
        }
        var up = workflow("pulumi-up.yml");
        assertTrue(up.path("on").has("workflow_call"));
        assertEquals("pulumi-${{ inputs.stack }}", up.path("concurrency").path("group").asText());
        assertFalse(up.path("concurrency").path("cancel-in-progress").asBoolean(true), "never cancel a running update");
        var job = up.path("jobs").path("up");
        assertEquals("${{ inputs.environment }}", job.path("environment").asText());
        var steps = steps(job);
        assertTrue(steps.contains("build-judge.sh \"$BASE\""), "the judge is the base's");
        assertTrue(steps.contains("pulumi stack select --create \"$STACK\""), "the stack is created on the team backend when missing");
        assertTrue(steps.contains("pulumi preview --stack \"$STACK\" \"${config[@]}\" --json"), steps);
        assertTrue(steps.contains("judge/asm-dr.jar\" guard \"$RUNNER_TEMP/preview.json\" \"${allow[@]}\""), steps);
        assertTrue(steps.contains("pulumi up --stack \"$STACK\" \"${config[@]}\" --yes"), steps);
        assertTrue(steps.indexOf("guard") < steps.indexOf("pulumi up"), "judged before it applies, in the same job");
        assertFalse(steps.contains("--plan") || steps.contains("--save-plan") || job.path("env").has("PULUMI_EXPERIMENTAL"),
                "no update plans (experimental, and prod's outputs change each run: docs/ci.md)");
        assertFalse(steps.contains("--skip-preview"));
        assertTrue(steps.contains("merged-pr-labels.sh") && steps.contains("allow-args.sh"), "the merged PR's allow-labels reach guard");
        assertTrue(job.path("env").has("PULUMI_BACKEND_URL") && job.path("env").has("PULUMI_CONFIG_PASSPHRASE"), "self-managed backends work");
        assertEquals("read", job.path("permissions").path("pull-requests").asText());
        assertEquals("id-token", fieldWithWrite(job.path("permissions")), "the deploy job writes nothing but an OIDC token");
    }

    @Test
    void eachDeployPassesTheConfigFileAsmDrReadsForItsStack() throws Exception {
        for (var job : deployJobs()) {
            var stack = job.path("with").path("stack").asText();
            var location = StackFile.location(Path.of(""), stack);
            assertEquals(location.configFileArgument().orElse(""), job.path("with").path("config-file").asText(),
                    stack + ": the workflow's --config-file and StackFile.location agree");
        }
    }

    @Test
    void oneCliVersionForTheWorkflowsTheToolsAndTheDocs() throws Exception {
        var version = Files.readString(Path.of(".pulumi.version")).strip();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+"), version);
        var installs = 0;
        try (var files = Files.list(DIR)) {
            for (var f : files.toList()) {
                for (var line : Files.readAllLines(f)) {
                    assertFalse(line.contains("pulumi-version:"), f + ": the version comes from .pulumi.version only");
                    installs += line.contains("pulumi-version-file: .pulumi.version") ? 1 : 0;
                }
            }
        }
        assertEquals(2, installs, "pr.yml's preview-offline and pulumi-up.yml install the CLI");
        assertTrue(Files.readString(Path.of("tools/pulumi-cli.sh")).contains(".pulumi.version"));
        // the docs name one minimum, this one
        var minimum = Pattern.compile("(?i)Pulumi CLI[^.\\n]{0,60}?(\\d+\\.\\d+\\.\\d+)[^\\n]{0,30}?(or later|minimum)");
        var named = new TreeSet<String>();
        for (var doc : List.of("README.md", "docs/deploy.md", "docs/ci.md", "docs/real-engine.md")) {
            var m = minimum.matcher(Files.readString(Path.of(doc)));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertEquals(Set.of(version), named, "the minimum the docs name");
    }

    @Test
    void theOidcTrustPolicyAdmitsExactlyTheSubjectsTheWorkflowsPresent() throws Exception {
        // what the jobs that ask for an OIDC token present: repo:OWNER/REPO:environment:<name> for a job with an environment
        var presented = new TreeSet<String>();
        for (var job : deployJobs()) {
            presented.add("repo:<ORG>/<REPO>:environment:" + job.path("with").path("environment").asText());
        }
        try (var files = Files.list(DIR)) {
            for (var f : files.toList()) {
                if (!f.getFileName().toString().equals("pulumi-up.yml")) {
                    assertFalse(Files.readString(f).contains("id-token"), f + " asks for an OIDC token; only the deploy job may");
                }
            }
        }
        var doc = Files.readString(Path.of("docs/github-oidc.md"));
        var block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(block.find(), "docs/github-oidc.md shows the trust policy");
        var policy = new ObjectMapper().readTree(block.group(1));
        var trusted = new TreeSet<String>();
        policy.path("Statement").forEach(st -> st.path("Condition").fields().forEachRemaining(op ->
                op.getValue().path("oidc:sub").forEach(s -> trusted.add(s.asText()))));
        assertEquals(presented, trusted, "docs/github-oidc.md trusts exactly the deploy environments");
        // docs/ci.md names the same subjects
        var ci = Files.readString(Path.of("docs/ci.md"));
        presented.forEach(s -> assertTrue(ci.contains(s.substring(s.indexOf(":environment:") + 1)), "docs/ci.md names " + s));
        assertTrue(doc.contains("21600") && Files.readString(DIR.resolve("pulumi-up.yml")).contains("role-session-expiration: 21600"),
                "the session the doc asks for is the one the workflow requests");
    }

    @Test
    void theSessionAndTheJobOutlastTheLongestFirstUpOfProd() throws Exception {
        // the create timeouts on prod's longest path: VPC, vSwitch, ACK cluster, node pool (terraform-provider-alicloud
        // v1.285.0 defaults: resource_alicloud_vpc.go 10, resource_alicloud_vswitch.go 5, resource_alicloud_cs_managed_kubernetes.go 90,
        // resource_alicloud_cs_kubernetes_node_pool.go 90 min), then the mesh (the program's customTimeouts, from prod's plan),
        // the Istio API and gateway address waits (AsmDr.READINESS_DEADLINE each) and a Deployment's await (pulumi-kubernetes: 10 min)
        var prod = TestStacks.shipped("prod").run("prod").plan();
        // prod runs one ASM instance per region, each with its own cluster: they are created side by side
        var meshCreate = prod.ofType("alicloud:servicemesh/serviceMesh:ServiceMesh").stream()
                .mapToDouble(mesh -> mesh.options().customTimeouts().get("create")).max().orElseThrow();
        assertEquals(45 * 60.0, meshCreate, "30 + 15 min per member cluster, one per instance in prod");
        var boundMinutes = 10 + 5 + 90 + 90 + meshCreate / 60 + 2 * AsmDr.READINESS_DEADLINE.toMinutes() + 10;
        assertEquals(260, boundMinutes, 0.01, "docs/ci.md states this figure");
        assertTrue(Files.readString(Path.of("docs/ci.md")).contains("260 min"));
        var job = workflow("pulumi-up.yml").path("jobs").path("up");
        assertTrue(job.path("timeout-minutes").asInt() >= boundMinutes, "the job outlasts it");
        assertTrue(21600 >= boundMinutes * 60 && job.path("timeout-minutes").asInt() * 60 <= 21600, "and the credentials outlast the job");
    }

    @Test
    void noWorkflowOrScriptHardCodesAStackFileButTheDeployInputs() throws Exception {
        for (var dir : List.of(DIR, Path.of(".github/scripts"))) {
            try (var files = Files.list(dir)) {
                for (var f : files.toList()) {
                    if (!f.getFileName().toString().equals("deploy.yml")) {
                        assertFalse(Pattern.compile("stacks/Pulumi\\.[a-z]").matcher(Files.readString(f)).find(),
                                f + ": a stack file is named in deploy.yml's inputs only");
                    }
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
