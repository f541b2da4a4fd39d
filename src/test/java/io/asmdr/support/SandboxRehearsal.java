package io.asmdr.support;

import io.asmdr.sandbox.PulumiBinaries;
import io.asmdr.sandbox.kube.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/asm-dr sandbox ...} as a user runs it, through the built jar, for the end-to-end test and the
 * benchmark: what is missing to run it at all, one bounded command, and the tail of its log.
 */
public final class SandboxRehearsal {
    private final Map<String, String> env;
    private final Path log;

    /** A rehearsal whose sandbox lives in {@code sandboxDir} and whose commands append to {@code log}. */
    public SandboxRehearsal(Path sandboxDir, Path log) {
        this.env = Map.of("ASM_DR_SANDBOX_DIR", sandboxDir.toString());
        this.log = log;
    }

    /** What must be built before a rehearsal can run here: empty when everything is. */
    public static List<String> missing() {
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
        return missing;
    }

    /** Runs {@code sandbox ARGS...} to its exit, at most 40 minutes; returns its exit code. */
    public int sandbox(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target/asm-dr.jar").toAbsolutePath().toString(), "sandbox"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        var process = builder.start();
        if (!process.waitFor(40, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("sandbox " + String.join(" ", args) + " ran past 40 min; " + log);
        }
        return process.exitValue();
    }

    public Path log() {
        return log;
    }

    /** The last 40 lines of the log, for a failure message. */
    public String tail() {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
