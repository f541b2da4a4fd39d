package io.asmdr.sandbox;

import io.asmdr.support.SandboxRehearsal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
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

    @Test
    void devUpTwiceRefreshAndDestroyAgainstTheSandbox() throws Exception {
        var missing = SandboxRehearsal.missing();
        if (!missing.isEmpty()) {
            System.out.println("SandboxEndToEndTest skipped: the sandbox's binaries are not built here (" + missing.size()
                    + " missing: tools/pulumi-cli.sh, tools/sandbox-binaries.sh)");
        }
        Assumptions.assumeTrue(missing.isEmpty(), "skipped: sandbox binaries missing");
        var sandbox = new SandboxRehearsal(tmp.resolve("sandbox"), tmp.resolve("rehearsal.log"));
        System.out.println("SandboxEndToEndTest: the dev rehearsal; its output goes to " + sandbox.log());
        try {
            assertEquals(0, sandbox.sandbox("up", "dev"), sandbox::tail);
            assertEquals(0, sandbox.sandbox("preview", "dev", "--", "--expect-no-changes"), () -> "a second look changes something: " + sandbox.tail());
            assertEquals(0, sandbox.sandbox("refresh", "dev", "--", "--expect-no-changes"), () -> "refresh finds drift: " + sandbox.tail());
            assertEquals(0, sandbox.sandbox("destroy", "dev"), sandbox::tail);
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
            sandbox.sandbox("stop");
        }
    }
}
