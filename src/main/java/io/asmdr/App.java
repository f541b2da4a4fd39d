package io.asmdr;

import com.pulumi.Pulumi;
import io.asmdr.ops.DrillCommand;
import io.asmdr.ops.Verify;
import io.asmdr.plan.PlanCommands;
import io.asmdr.preview.PreviewOffline;
import io.asmdr.program.AsmDr;
import io.asmdr.sandbox.SandboxCommand;
import io.asmdr.synth.Synth;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One entry point for everything in the jar. Run by the Pulumi language host (which sets
 * {@code PULUMI_MONITOR}, the address the SDK registers resources with: pulumi-java
 * {@code DeploymentImpl}) it is the Pulumi program; with a command it runs that command; with
 * neither it prints the usage and exits 2.
 */
public final class App {
    private App() {}

    /** A command: what it does in one line, its usage, and how it runs. */
    private record Command(String summary, String usage, Function<String[], Integer> run) {}

    private static final Map<String, Command> COMMANDS = commands();

    private static Map<String, Command> commands() {
        var out = new LinkedHashMap<String, Command>();
        out.put("synth", new Command("plan a stack offline: plan.json, manifests, traffic, graph (no credentials)",
                Synth.USAGE_LINE, a -> Synth.run(a, System.out, System.err)));
        out.put("preview-offline", new Command("a real `pulumi preview --json` with no cloud (fake credentials, a loopback stub), then guard",
                PreviewOffline.USAGE, a -> PreviewOffline.run(a, System.out, System.err)));
        out.put("diff", new Command("what a change does to each stack, offline, and whether it should be stopped",
                PlanCommands.DIFF_USAGE, a -> PlanCommands.diff(a, System.out, System.err)));
        out.put("guard", new Command("the same rules on the output of a real `pulumi preview --json`",
                PlanCommands.GUARD_USAGE, a -> PlanCommands.guard(a, System.out, System.err)));
        out.put("verify", new Command("measure the live traffic shares against the policy's prediction",
                Verify.USAGE_TEXT, a -> Verify.run(a, System.out, System.err)));
        out.put("drill", new Command("take a region's reviews away, verify the failover, restore (and `drill restore`)",
                DrillCommand.USAGE_TEXT, a -> DrillCommand.run(a, System.out, System.err)));
        out.put("sandbox", new Command("a loopback Alibaba Cloud with real Kubernetes API servers: the real `pulumi up` with no account",
                SandboxCommand.USAGE, a -> SandboxCommand.run(a, System.out, System.err)));
        return out;
    }

    public static void main(String[] args) {
        asyncWorkers(Runtime.getRuntime().availableProcessors(), Runtime.version().feature()).ifPresent(n -> System.setProperty(PARALLELISM, n));
        if (args.length == 0 && System.getenv("PULUMI_MONITOR") != null) {
            var stale = staleJar(Path.of(""));
            if (stale.isPresent()) {
                // Pulumi.yaml runs target/asm-dr.jar as it is: refuse to deploy code that is not the code in the tree
                System.err.println(stale.get());
                System.exit(1);
            }
            Pulumi.run(AsmDr::stack);
            return;
        }
        System.exit(dispatch(args, System.out, System.err));
    }

    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    /**
     * The common pool's parallelism to set before anything starts it, if any. With 2 CPUs or fewer the
     * JDK gives it a parallelism of 1. Up to JDK 24, CompletableFuture then runs every async task on a
     * thread of its own; JDK 25 runs them all on the common pool ({@code CompletableFuture.ASYNC_POOL =
     * ForkJoinPool.asyncCommonPool()}), i.e. on its single worker, which the Pulumi SDK's runner keeps
     * busy by re-submitting its own polling loop ({@code DeploymentImpl$DefaultRunner.loopUntilDone} →
     * {@code runAsync}): the program never finishes (measured on 2 CPUs: JDK 25.0.3 {@code synth dev}
     * still running after 90 s, a thread dump shows worker-1 in {@code checkForTasks}; with parallelism
     * 2 it ends in 12 s, as with JDK 17). Two workers, as any machine with 3+ CPUs has; a value the
     * user set is left alone.
     *
     * <p>Only from JDK 25 on: below it, parallelism 1 is what keeps async tasks off the pool, and setting 2
     * there starves the program under the real engine (measured in the sandbox, JDK 17.0.15, 2 CPUs: the
     * first invoke of {@code pulumi preview} was never sent, worker-1 spinning in {@code checkForTasks},
     * worker-2 blocked in {@code CloudCheck.require}; with 1 the preview ends with 95 creates).
     */
    static Optional<String> asyncWorkers(int processors, int jdk) {
        return System.getProperty(PARALLELISM) == null && processors <= 2 && jdk >= 25 ? Optional.of("2") : Optional.empty();
    }

    /** Runs the command {@code args} names; the exit code. */
    static int dispatch(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("asm-dr: name a command (the Pulumi CLI runs the program itself)");
            usage(err);
            return 2;
        }
        if (List.of("help", "--help", "-h").contains(args[0])) {
            usage(out);
            return 0;
        }
        var command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("asm-dr: unknown command '" + args[0] + "'");
            usage(err);
            return 2;
        }
        var rest = Arrays.copyOfRange(args, 1, args.length);
        if (Stream.of(rest).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
            out.println(command.usage());
            return 0;
        }
        return command.run().apply(rest);
    }

    static void usage(PrintStream out) {
        out.println("usage: asm-dr COMMAND [ARGS]    (bin/asm-dr COMMAND --help for its options)");
        out.println();
        COMMANDS.forEach((name, c) -> out.printf("  %-16s %s%n", name, c.summary()));
        out.println();
        out.println("The Pulumi program itself runs under the Pulumi CLI: `pulumi preview`, `pulumi up` (README, quick start).");
    }

    /**
     * When this runs from a jar inside a project folder ({@code project}) whose sources are newer than
     * the jar, the message that says so: {@code pulumi up} would otherwise deploy yesterday's program.
     */
    static Optional<String> staleJar(Path project) {
        try {
            var location = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!location.toString().endsWith(".jar") || !Files.isDirectory(project.resolve("src/main"))) {
                return Optional.empty();
            }
            var built = Files.getLastModifiedTime(location).toMillis();
            try (var sources = Files.walk(project.resolve("src/main"))) {
                var newer = Stream.concat(sources, Stream.of(project.resolve("pom.xml")))
                        .filter(Files::isRegularFile)
                        .filter(f -> {
                            try {
                                return Files.getLastModifiedTime(f).toMillis() > built;
                            } catch (IOException e) {
                                return false;
                            }
                        })
                        .findFirst();
                return newer.map(f -> "asm-dr: " + location + " is older than " + f
                        + "; rebuild it with `mvn -B -q package -DskipTests` (bin/asm-dr does this by itself)");
            }
        } catch (IOException | URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
