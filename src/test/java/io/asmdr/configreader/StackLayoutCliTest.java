package io.asmdr.configreader;

import io.asmdr.support.Cli;
import io.asmdr.synth.Synth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Pulumi CLI and asm-dr read the same stack file, and the CLI leaves the shipped files as
 * they are: {@code stack init} (with the committed salt and the example passphrase) changes no
 * byte, {@code config get} reads what synth reads, {@code config set} adds a key without
 * rewriting the rest, and synth sees it, and {@code config rm} puts the file back byte for byte. Runs where a
 * {@code pulumi} CLI is on PATH ({@code tools/pulumi-cli.sh} builds one); says it was skipped, in
 * one line, where none is.
 */
class StackLayoutCliTest {
    /** The passphrase of the committed encryption salts (docs/stacks.md: replace it before the first secret). */
    static final String EXAMPLE_PASSPHRASE = "asm-dr-example";
    private static Optional<Path> pulumi;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findCli() {
        pulumi = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "pulumi")).filter(Files::isExecutable).findFirst();
        if (pulumi.isEmpty()) {
            System.out.println("StackLayoutCliTest skipped: no pulumi CLI on PATH (tools/pulumi-cli.sh builds one from its Go module)");
        }
    }

    private record Result(int code, String out) {}

    private Result pulumi(Path project, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of(pulumi.orElseThrow().toString()));
        command.addAll(List.of(args));
        command.add("--non-interactive");
        var builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        var env = builder.environment();
        env.put("PULUMI_HOME", tmp.resolve("home").toString());
        env.put("PULUMI_BACKEND_URL", tmp.resolve("state").toUri().toString());
        env.put("PULUMI_CONFIG_PASSPHRASE", EXAMPLE_PASSPHRASE);
        env.put("PULUMI_SKIP_UPDATE_CHECK", "true");
        env.put("PULUMI_DIY_BACKEND_NO_LEGACY_WARNING", "true");
        var process = builder.start();
        var out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "pulumi " + String.join(" ", args) + " did not end");
        return new Result(process.exitValue(), out);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theCliAndSynthReadAndWriteTheSameFile(String stack) throws Exception {
        Assumptions.assumeTrue(pulumi.isPresent(), "skipped: no pulumi CLI on PATH");
        var project = tmp.resolve("project");
        Files.createDirectories(project.resolve("stacks"));
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        var shipped = Path.of("stacks/Pulumi." + stack + ".yaml");
        var file = project.resolve("stacks/Pulumi." + stack + ".yaml");
        Files.copy(shipped, file);
        Files.createDirectories(tmp.resolve("state"));
        var original = Files.readString(shipped);

        var init = pulumi(project, "stack", "init", stack);
        assertEquals(0, init.code(), init.out());
        assertEquals(original, Files.readString(file), "stack init must not rewrite the tracked stack file");
        assertEquals(file, StackFile.locate(project, stack), "asm-dr reads the file the CLI reads");
        try (var listing = Files.list(project)) {
            assertEquals(List.of("Pulumi.yaml", "stacks"), listing.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the CLI wrote no stack file of its own beside Pulumi.yaml");
        }

        var protect = pulumi(project, "config", "get", "asm-dr:protect", "--stack", stack);
        assertEquals(0, protect.code(), protect.out());
        var spec = StackFile.read(file).spec();
        assertEquals(String.valueOf(spec.options().protect()), protect.out().strip());

        // `config set` changes the one key and nothing else; synth sees the new value; putting it back restores every byte
        var key = "asm-dr:kubeconfigTtlMinutes";
        var was = StackFile.read(file).spec().options().kubeconfigTtlMinutes();
        var set = pulumi(project, "config", "set", key, "45", "--stack", stack);
        assertEquals(0, set.code(), set.out());
        var after = Files.readAllLines(file);
        var before = original.lines().toList();
        var added = new ArrayList<>(after);
        added.removeAll(before);
        var removed = new ArrayList<>(before);
        removed.removeAll(after);
        assertEquals(List.of("  " + key + ": \"45\""), added, "config set writes one line");
        assertEquals(was.isPresent() ? 1 : 0, removed.size(), "and removes only the line it replaces: " + removed);
        var located = StackFile.locate(project, stack);
        assertEquals(Optional.of(45), StackFile.read(located).spec().options().kubeconfigTtlMinutes());
        var synth = Cli.run(Synth::run, stack, "--config-file", located.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(Synth.OK, synth.code(), synth.err());

        var back = was.isPresent() ? pulumi(project, "config", "set", key, String.valueOf(was.get()), "--stack", stack)
                : pulumi(project, "config", "rm", key, "--stack", stack);
        assertEquals(0, back.code(), back.out());
        assertEquals(original, Files.readString(file), "config set/rm back to the start restores the file byte for byte");
    }
}
