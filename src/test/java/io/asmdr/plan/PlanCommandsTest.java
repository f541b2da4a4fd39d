package io.asmdr.plan;

import io.asmdr.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diff and guard commands on small plans: usage, a preview that failed, plan files, folders of stacks and the head's outage setting. */
class PlanCommandsTest {
    private static final String STACK = "urn:pulumi:dev::asm-dr::";

    @TempDir
    Path tmp;

    private static String vswitch(String region, String name) {
        return """
                {"op": "create", "newState": {"urn": "%salicloud:vpc/switch:Switch::%s", "type": "alicloud:vpc/switch:Switch", "custom": true,
                 "provider": "%spulumi:providers:alicloud::alicloud-%s::p1", "inputs": {"cidrBlock": "10.9.0.0/24"}}}""".formatted(STACK, name, STACK, region);
    }

    private Path plan(String relative, String config, String... steps) throws Exception {
        var file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"config\": " + config + ", \"steps\": [" + String.join(",", steps) + "]}");
        return file;
    }

    @Test
    void usageErrorsPrintTheUsage() {
        var diff = Cli.run(PlanCommands::diff, "only-one");
        assertEquals(PlanCommands.USAGE, diff.code());
        assertTrue(diff.err().contains(PlanCommands.DIFF_USAGE), diff.err());
        var guard = Cli.run(PlanCommands::guard);
        assertEquals(PlanCommands.USAGE, guard.code());
        assertTrue(guard.err().contains(PlanCommands.GUARD_USAGE), guard.err());
    }

    @Test
    void aPreviewThatFailedIsNeverCleared() throws Exception {
        var preview = tmp.resolve("preview.json");
        Files.writeString(preview, "{\"diagnostics\": [{\"severity\": \"error\", \"message\": \"the API said no\"}]}");
        var guard = Cli.run(PlanCommands::guard, preview.toString());
        assertEquals(PlanCommands.ENVIRONMENT, guard.code(), guard.err() + guard.out());
        assertTrue(guard.err().contains("never cleared"), guard.err());
    }

    @Test
    void twoPlanFilesAreOneEnvironmentNamedByTheHeadsFolderAndJudgedWithTheHeadsOutageSetting() throws Exception {
        var base = plan("base/plan.json", "{}");
        var head = plan("prod-head/plan.json", "{\"asm-dr:unavailableRegions\": \"[\\\"cn-shanghai\\\"]\"}", vswitch("cn-shanghai", "sh-pods"));
        var diff = Cli.run(PlanCommands::diff, base.toString(), head.toString());
        assertEquals(PlanCommands.BLOCKED, diff.code(), diff.out() + diff.err());
        assertTrue(diff.out().contains("prod-head"), diff.out());
        assertTrue(diff.out().contains("unavailable-region-changed"), diff.out());

        var elsewhere = plan("other-head/plan.json", "{\"asm-dr:unavailableRegions\": \"[\\\"cn-shanghai\\\"]\"}", vswitch("cn-beijing", "bj-pods"));
        var quiet = Cli.run(PlanCommands::diff, base.toString(), elsewhere.toString());
        assertFalse(quiet.out().contains("unavailable-region-changed"), quiet.out());
    }

    @Test
    void foldersOfStacksPairTheirPlansAndAStackGoneFromTheHeadIsDeleted() throws Exception {
        plan("base/dev/plan.json", "{}", vswitch("cn-hangzhou", "hz-pods"));
        plan("base/staging/plan.json", "{}", vswitch("cn-hangzhou", "st-pods"));
        Files.createDirectories(tmp.resolve("base/not-a-stack"));
        plan("head/dev/plan.json", "{}", vswitch("cn-hangzhou", "hz-pods"), vswitch("cn-hangzhou", "hz-more"));
        Files.createDirectories(tmp.resolve("head/not-a-stack-either"));
        var diff = Cli.run(PlanCommands::diff, tmp.resolve("base").toString(), tmp.resolve("head").toString(), "--json", tmp.resolve("out/d.json").toString());
        assertTrue(diff.out().contains("dev") && diff.out().contains("staging"), diff.out());
        assertFalse(diff.out().contains("not-a-stack"), diff.out());
        var json = Files.readString(tmp.resolve("out/d.json"));
        assertTrue(json.contains("hz-more") && json.contains("st-pods"), json);
        assertFalse(json.contains("not-a-stack"), json);
    }
}
