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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Pulumi CLI and asm-dr read the same stack file, in the layout the docs and workflows use
 * ({@code Pulumi.dev.yaml} beside {@code Pulumi.yaml}, {@code stacks/Pulumi.<env>.yaml} with
 * {@code --config-file}), with a passphrase of the user's own (no salt is committed): {@code stack
 * init} works and adds only its salt (dev) or writes a salt-only file beside {@code Pulumi.yaml} that
 * asm-dr accepts (staging, prod: {@code stack init} takes no {@code --config-file}); {@code config
 * get} reads what synth reads; {@code config set} adds one line; a secret set with {@code
 * --config-file} lands in that file with the salt the CLI writes for it, reads back with the
 * passphrase and is seen by synth as a secret; {@code config rm} takes them out again. Runs where a
 * {@code pulumi} CLI is on PATH ({@code tools/pulumi-cli.sh} builds one); says it was skipped, in one
 * line, where none is.
 */
class StackLayoutCliTest {
    /** Any passphrase works now that no salt is committed; this one is the test's own. */
    static final String PASSPHRASE = "a passphrase of this test's own, 7f3a";
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

    private Result pulumi(Path project, List<String> configFile, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of(pulumi.orElseThrow().toString()));
        command.addAll(List.of(args));
        command.addAll(configFile);
        command.add("--non-interactive");
        var builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        var env = builder.environment();
        env.put("PULUMI_HOME", tmp.resolve("home").toString());
        env.put("PULUMI_BACKEND_URL", tmp.resolve("state").toUri().toString());
        env.put("PULUMI_CONFIG_PASSPHRASE", PASSPHRASE);
        env.put("PULUMI_SKIP_UPDATE_CHECK", "true");
        env.put("PULUMI_DIY_BACKEND_NO_LEGACY_WARNING", "true");
        var process = builder.start();
        var out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "pulumi " + String.join(" ", args) + " did not end");
        return new Result(process.exitValue(), out);
    }

    /** The lines of {@code after} that are not in {@code before}, and the other way round. */
    private static List<List<String>> changes(String before, String after) {
        var added = new ArrayList<>(after.lines().toList());
        added.removeAll(before.lines().toList());
        var removed = new ArrayList<>(before.lines().toList());
        removed.removeAll(after.lines().toList());
        return List.of(added, removed);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theCliAndSynthReadAndWriteTheSameFileWithTheUsersOwnPassphrase(String stack) throws Exception {
        Assumptions.assumeTrue(pulumi.isPresent(), "skipped: no pulumi CLI on PATH");
        var project = tmp.resolve("project");
        Files.createDirectories(project.resolve("stacks"));
        Files.createDirectories(tmp.resolve("state"));
        for (var file : List.of("Pulumi.yaml", "Pulumi.dev.yaml", "stacks/Pulumi.staging.yaml", "stacks/Pulumi.prod.yaml")) {
            Files.copy(Path.of(file), project.resolve(file));
        }
        var location = StackFile.location(project, stack);
        var file = location.file();
        var flag = location.pulumiArguments();
        assertEquals(stack.equals("dev") ? List.of() : List.of("--config-file", "stacks/Pulumi." + stack + ".yaml"), flag);
        var original = Files.readString(file);
        assertFalse(original.contains("encryptionsalt"), "no salt is committed");

        var init = pulumi(project, List.of(), "stack", "init", stack);
        assertEquals(0, init.code(), init.out());
        var besideProject = project.resolve("Pulumi." + stack + ".yaml");
        if (stack.equals("dev")) {
            var change = changes(original, Files.readString(file));
            assertEquals(1, change.get(0).size(), "stack init adds its salt and nothing else: " + change);
            assertTrue(change.get(0).get(0).startsWith("encryptionsalt: v1:"), change.toString());
            assertEquals(List.of(), change.get(1), "and removes nothing");
        } else {
            assertEquals(original, Files.readString(file), "stack init does not touch the file read with --config-file");
            var written = Files.readString(besideProject);
            assertTrue(written.startsWith("encryptionsalt: v1:") && written.lines().count() == 1,
                    "stack init writes a salt-only file beside Pulumi.yaml: " + written);
        }
        assertEquals(location, StackFile.location(project, stack), "what stack init wrote changes nothing for asm-dr");
        var afterInit = Files.readString(file);

        var protect = pulumi(project, flag, "config", "get", "asm-dr:protect", "--stack", stack);
        assertEquals(0, protect.code(), protect.out());
        assertEquals(String.valueOf(StackFile.read(file).spec().options().protect()), protect.out().strip());

        // `config set` changes the one key; a secret set the same way lands in the same file, with the salt the CLI writes
        var set = pulumi(project, flag, "config", "set", "asm-dr:kubeconfigTtlMinutes", "45", "--stack", stack);
        assertEquals(0, set.code(), set.out());
        var secret = pulumi(project, flag, "config", "set", "--secret", "alicloud:secretKey", "not-a-real-key-0042", "--stack", stack);
        assertEquals(0, secret.code(), secret.out());
        var withSecret = Files.readString(file);
        assertFalse(withSecret.contains("not-a-real-key-0042"), "a secret is stored encrypted");
        assertTrue(withSecret.contains("secure: v1:"), withSecret);
        assertTrue(withSecret.lines().anyMatch(l -> l.startsWith("encryptionsalt: v1:")), "the salt to commit is in the stack's own file");
        var change = changes(afterInit, withSecret);
        assertTrue(change.get(0).contains("  asm-dr:kubeconfigTtlMinutes: \"45\""), change.toString());
        assertEquals(stack.equals("prod") ? 1 : 0, change.get(1).size(), "only prod had the key, and only that line goes: " + change);
        var readBack = pulumi(project, flag, "config", "get", "alicloud:secretKey", "--stack", stack);
        assertEquals(0, readBack.code(), readBack.out());
        assertEquals("not-a-real-key-0042", readBack.out().strip(), "the user's passphrase decrypts it");

        var read = StackFile.read(StackFile.locate(project, stack));
        assertEquals(Optional.of(45), read.spec().options().kubeconfigTtlMinutes());
        assertTrue(read.secretKeys().contains("alicloud:secretKey"), read.secretKeys().toString());
        // `synth STACK` as bin/asm-dr runs it for this project (-Dasmdr.project): it finds the same file by the stack's name
        System.setProperty(ProjectFile.ROOT_PROPERTY, project.toString());
        try {
            var synth = Cli.run(Synth::run, stack, "--out", tmp.resolve("out").toString());
            assertEquals(Synth.OK, synth.code(), synth.err());
            assertTrue(synth.out().contains("(" + file + ")"), synth.out());
        } finally {
            System.clearProperty(ProjectFile.ROOT_PROPERTY);
        }

        var rm = pulumi(project, flag, "config", "rm", "alicloud:secretKey", "--stack", stack);
        assertEquals(0, rm.code(), rm.out());
        var back = original.contains("kubeconfigTtlMinutes")
                ? pulumi(project, flag, "config", "set", "asm-dr:kubeconfigTtlMinutes", "1440", "--stack", stack)
                : pulumi(project, flag, "config", "rm", "asm-dr:kubeconfigTtlMinutes", "--stack", stack);
        assertEquals(0, back.code(), back.out());
        var end = changes(original, Files.readString(file));
        assertEquals(List.of(), end.get(1), "set/rm back to the start removes nothing of the committed file: " + end);
        assertTrue(end.get(0).size() == 1 && end.get(0).get(0).startsWith("encryptionsalt: v1:"), "only the salt stays, to commit: " + end);
    }
}
