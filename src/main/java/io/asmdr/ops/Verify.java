package io.asmdr.ops;

import io.asmdr.cli.CommandLine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.asmdr.spec.SpecException;
import io.asmdr.spec.StackSpec;
import io.asmdr.spec.StackFile;
import io.asmdr.traffic.TrafficModel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code verify}: sends requests to the ingress gateway, tells which region's reviews served each
 * page, and holds the shares against what the stack's policy predicts (the traffic model, never the
 * naive weights). Exit 0 when every region is within its interval, 1 when not, 2 for usage errors or
 * an unreachable gateway.
 */
public final class Verify {
    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int USAGE = 2;

    static final Set<String> VALUED = Set.of("--config-file", "--url", "--requests", "--concurrency", "--timeout", "--lost", "--json");
    static final String USAGE_TEXT = """
            usage: verify [STACK] [--config-file FILE] [--url http://HOST/productpage] [--requests N] [--concurrency C]
                          [--timeout 5s] [--lost REGION]... [--json FILE]
              STACK or --config-file gives the policy; --url (or the STACK's outputs, through the Pulumi CLI) the gateway.
              --lost REGION expects the model's prediction with that region's reviews gone (as `drill` makes it).""";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Verify() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            var cli = new CommandLine(args, VALUED, Set.of());
            if (cli.positionals().size() > 1) {
                throw new IllegalArgumentException("one stack at a time, got " + cli.positionals());
            }
            var stack = cli.positionals().stream().findFirst();
            var spec = loadSpec(stack, cli.value("--config-file"));
            var scenario = scenario(spec, cli);
            var url = cli.value("--url").map(URI::create).orElseGet(() -> gatewayFromStack(stack.orElseThrow(
                    () -> new IllegalArgumentException("give --url, or a STACK whose outputs locate the gateway"))));
            var settings = settings(cli, url);
            Verification verification;
            try {
                verification = measure(spec, scenario, settings, err);
            } catch (LoadRunner.UnreachableException e) {
                err.println("verify: " + e.getMessage());
                return USAGE;
            }
            out.print(verification.table());
            if (cli.value("--json").isPresent()) {
                Files.writeString(Path.of(cli.value("--json").get()), JSON.writeValueAsString(verification.summary()));
            }
            return verification.passed() ? PASS : FAIL;
        } catch (SpecException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("verify: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("verify: interrupted");
            return FAIL;
        }
    }

    static LoadRunner.Settings settings(CommandLine cli, URI url) {
        return new LoadRunner.Settings(url, cli.integer("--requests", 200), cli.integer("--concurrency", 8),
                cli.duration("--timeout", Duration.ofSeconds(5)));
    }

    static TrafficModel.Scenario scenario(StackSpec spec, CommandLine cli) {
        var lost = new HashSet<String>(cli.all("--lost"));
        for (var region : lost) {
            if (spec.region(region).isEmpty()) {
                throw new IllegalArgumentException("--lost " + region + " is not a region of this stack");
            }
        }
        return lost.isEmpty() ? TrafficModel.Scenario.healthy()
                : new TrafficModel.Scenario("reviews lost in " + String.join(", ", lost.stream().sorted().toList()), lost);
    }

    /** The stack's spec from {@code --config-file} or the stack's own file, validated like {@code synth}. */
    static StackSpec loadSpec(Optional<String> stack, Optional<String> configFile) {
        if (stack.isEmpty() && configFile.isEmpty()) {
            throw new IllegalArgumentException("name a STACK or give --config-file");
        }
        return StackFile.read(StackFile.resolve(stack.orElse("(from --config-file)"), configFile.map(Path::of))).spec();
    }

    static URI gatewayFromStack(String stack) {
        try {
            var live = LiveStack.select(stack, Path.of("."));
            try (var client = LiveStack.client(live.kubeconfig(live.output("ingressGatewayCluster")))) {
                return LiveStack.gatewayUrl(client);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the gateway of stack " + stack + " (" + e.getMessage()
                    + "); pass --url http://HOST/productpage instead");
        }
    }

    /** Probe once, then the measured run, judged against the model. */
    public static Verification measure(StackSpec spec, TrafficModel.Scenario scenario, LoadRunner.Settings settings, PrintStream progress)
            throws LoadRunner.UnreachableException, InterruptedException {
        var runner = new LoadRunner(settings);
        runner.probe();
        var tally = runner.run(progress);
        return Verification.judge(spec, scenario, tally);
    }
}
