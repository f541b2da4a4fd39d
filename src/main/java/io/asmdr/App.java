package io.asmdr;

import com.pulumi.Pulumi;
import io.asmdr.ops.DrillCommand;
import io.asmdr.ops.Verify;
import io.asmdr.plan.PlanCommands;
import io.asmdr.program.AsmDr;
import io.asmdr.synth.Synth;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One entry point for everything in the jar. With no arguments it is the Pulumi program (the
 * language host runs it that way); with a command it runs that command.
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            var stale = staleJar(Path.of(""));
            if (stale.isPresent()) {
                // Pulumi.yaml runs target/asm-dr.jar as it is: refuse to deploy code that is not the code in the tree
                System.err.println(stale.get());
                System.exit(1);
            }
            Pulumi.run(AsmDr::stack);
            return;
        }
        var rest = Arrays.copyOfRange(args, 1, args.length);
        int code = switch (args[0]) {
            case "synth" -> Synth.run(rest, System.out, System.err);
            case "verify" -> Verify.run(rest, System.out, System.err);
            case "drill" -> DrillCommand.run(rest, System.out, System.err);
            case "diff" -> PlanCommands.diff(rest, System.out, System.err);
            case "guard" -> PlanCommands.guard(rest, System.out, System.err);
            case "help", "--help", "-h" -> {
                usage(System.out);
                yield 0;
            }
            default -> {
                System.err.println("unknown command: " + args[0]);
                usage(System.err);
                yield 2;
            }
        };
        System.exit(code);
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

    static void usage(PrintStream out) {
        out.println("""
                usage: asm-dr                 run as the Pulumi program (what `pulumi up` does)
                       asm-dr synth STACK [--config-file FILE] [--out DIR] [--preview] [--assume-unlisted]
                                              plan the stack offline with simulated cloud responses
                       asm-dr verify [STACK] [--config-file FILE] [--url URL] [--requests N] [--lost REGION]... [--json FILE]
                                              measure the live traffic shares against the policy's prediction
                       asm-dr drill failover --region REGION [STACK] [--kubeconfig [REGION=]FILE]... [--url URL] [--force]
                                              take a region's reviews away, verify the failover, restore
                       asm-dr drill restore [--region REGION] [STACK] [--kubeconfig [REGION=]FILE]...
                                              put back whatever a drill left leased (after a kill, from anywhere)
                       asm-dr diff BASE HEAD [--json FILE] [--allow RULE]...
                                              what a change does to each stack, offline, and whether it should be stopped
                       asm-dr guard PREVIEW_JSON [--json FILE] [--allow RULE]...
                                              the same rules on the output of a real `pulumi preview --json`""");
    }
}
