package io.asmdr.sandbox;

import io.asmdr.sandbox.kube.Binaries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev rehearsal, for real: the Pulumi CLI, its Java host and both provider plugins run {@code up} of the
 * tutorial stack against the sandbox, then a second look must find nothing to change (preview and refresh with
 * {@code --expect-no-changes}), then {@code destroy} must leave nothing in the emulated cloud. Where the binaries
 * are not built (tools/pulumi-cli.sh, tools/sandbox-binaries.sh) or the jar is missing, it says so in one line
 * and is skipped.
 */
class SandboxEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private int sandbox(Map<String, String> env, Path log, String... args) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target/asm-dr.jar").toAbsolutePath().toString(), "sandbox"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        var process = builder.start();
        if (!process.waitFor(40, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("sandbox " + String.join(" ", args) + " ran past 40 min; " + log);
        }
        return process.exitValue();
    }

    @Test
    void devUpTwiceRefreshAndDestroyAgainstTheSandbox() throws Exception {
        var missing = new ArrayList<String>();
        PulumiBinaries.find(System.getenv(), missing);
        try {
            Binaries.locate(System.getenv());
        } catch (Binaries.Missing e) {
            missing.add(e.getMessage());
        }
        if (!Files.isRegularFile(Path.of("target/asm-dr.jar"))) {
            missing.add("target/asm-dr.jar (mvn -B -q package -DskipTests)");
        }
        if (!missing.isEmpty()) {
            System.out.println("SandboxEndToEndTest skipped: the sandbox's binaries are not built here (" + missing.size()
                    + " missing: tools/pulumi-cli.sh, tools/sandbox-binaries.sh)");
        }
        Assumptions.assumeTrue(missing.isEmpty(), "skipped: sandbox binaries missing");
        var env = new HashMap<String, String>();
        env.put("ASM_DR_SANDBOX_DIR", tmp.resolve("sandbox").toString());
        var log = tmp.resolve("rehearsal.log");
        System.out.println("SandboxEndToEndTest: the dev rehearsal; its output goes to " + log);
        try {
            assertEquals(0, sandbox(env, log, "up", "dev"), () -> tail(log));
            assertEquals(0, sandbox(env, log, "preview", "dev", "--", "--expect-no-changes"), () -> "a second look changes something: " + tail(log));
            assertEquals(0, sandbox(env, log, "refresh", "dev", "--", "--expect-no-changes"), () -> "refresh finds drift: " + tail(log));
            assertEquals(0, sandbox(env, log, "destroy", "dev"), () -> tail(log));
            var state = JSON.readTree(tmp.resolve("sandbox/cloud/state.json").toFile());
            var left = new TreeMap<String, Integer>();
            state.path("resources").fields().forEachRemaining(kind -> {
                // a CS task is the record of an operation (DescribeTaskInfo), not a resource: ACK keeps it too
                if (kind.getValue().size() > 0 && !kind.getKey().equals("Task")) {
                    left.put(kind.getKey(), kind.getValue().size());
                }
            });
            assertTrue(left.isEmpty(), "destroy left resources in the sandbox's cloud: " + left);
        } finally {
            sandbox(env, log, "stop");
        }
    }

    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
