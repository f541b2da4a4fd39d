package io.asmdr.ops;

import io.asmdr.cli.CommandLine;
import io.asmdr.spec.SpecException;
import io.asmdr.spec.TrafficSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** {@code drill failover --region R}: the command-line face of {@link Drill}. */
public final class DrillCommand {
    static final Set<String> VALUED = Set.of("--config-file", "--url", "--requests", "--concurrency", "--timeout",
            "--region", "--kubeconfig", "--wait", "--settle", "--report");
    static final String USAGE_TEXT = """
            usage: drill failover --region REGION [STACK] [--config-file FILE] [--kubeconfig FILE] [--url URL]
                         [--requests N] [--concurrency C] [--timeout 5s] [--wait 2m] [--settle 10s] [--force] [--report FILE]
              Scales REGION's reviews Deployment(s) to 0, verifies that the failover targets serve its share,
              restores the exact replica counts (also on Ctrl-C) and writes a JSON report.
              Refuses unless the stack's traffic mode is failover (--force to drill another mode).""";

    private DrillCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            var cli = new CommandLine(args, VALUED, Set.of("--force"));
            var positionals = cli.positionals();
            if (positionals.isEmpty() || !positionals.get(0).equals("failover") || positionals.size() > 2) {
                throw new IllegalArgumentException("the drill is `failover`, optionally followed by the STACK");
            }
            var stack = positionals.stream().skip(1).findFirst();
            var spec = Verify.loadSpec(stack, cli.value("--config-file"));
            var region = cli.value("--region").orElseThrow(() -> new IllegalArgumentException("--region is required"));
            var regionSpec = spec.region(region).orElseThrow(() -> new IllegalArgumentException(region + " is not a region of this stack"));
            if (spec.traffic().mode() != TrafficSpec.Mode.FAILOVER && !cli.flag("--force")) {
                err.println("drill: the stack's traffic mode is " + spec.traffic().mode().configName()
                        + ", so losing " + region + " is not a failover test. Switch with `pulumi config set --path asm-dr:traffic.mode failover`"
                        + " and `pulumi up`, or pass --force to drill against the current mode's prediction.");
                return Verify.USAGE;
            }
            var url = cli.value("--url").map(URI::create).orElseGet(() -> Verify.gatewayFromStack(stack.orElseThrow(
                    () -> new IllegalArgumentException("give --url, or a STACK whose outputs locate the gateway"))));
            var load = Verify.settings(cli, url);
            var kubeconfig = cli.value("--kubeconfig").isPresent()
                    ? Files.readString(Path.of(cli.value("--kubeconfig").get()))
                    : LiveStack.select(stack.orElseThrow(() -> new IllegalArgumentException("give --kubeconfig, or a STACK")), Path.of("."))
                            .kubeconfig(regionSpec.cluster().name());
            var report = Path.of(cli.value("--report").orElse("target/drill/failover-" + region + "-" + System.currentTimeMillis() + ".json"));
            try (var client = LiveStack.client(kubeconfig)) {
                var drill = new Drill(new Drill.Settings(spec, region, client,
                        scenario -> Verify.measure(spec, scenario, load, err),
                        cli.duration("--wait", Duration.ofMinutes(2)),
                        cli.duration("--settle", Duration.ofSeconds(10)),
                        report), Clock.systemUTC());
                var result = drill.run();
                if (result.verificationResult() != null) {
                    out.print(result.verificationResult().table());
                }
                if (result.wasInterrupted()) {
                    out.println("drill interrupted");
                }
                if (result.errorMessage() != null) {
                    out.println("drill error: " + result.errorMessage());
                }
                out.println("restore: " + (result.restoredOk() ? "ok, " : "FAILED, ") + drill.targets().stream()
                        .map(t -> t.namespace() + "/" + t.name() + " back to " + t.originalReplicas()).toList());
                out.println("report: " + report);
                return result.passed() ? Verify.PASS : Verify.FAIL;
            }
        } catch (SpecException e) {
            err.println(e.getMessage());
            return Verify.USAGE;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("drill: " + e.getMessage());
            err.println(USAGE_TEXT);
            return Verify.USAGE;
        } catch (Exception e) {
            err.println("drill: " + e.getMessage());
            return Verify.USAGE;
        }
    }
}
