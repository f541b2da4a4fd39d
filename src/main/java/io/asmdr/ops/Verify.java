package io.asmdr.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.asmdr.cli.CommandLine;
import io.asmdr.config.StackSpec;
import io.asmdr.configreader.StackFile;
import io.asmdr.trafficmodel.TrafficModel;
import io.asmdr.validation.SpecException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code verify}: sends requests to the ingress gateway, tells which region's reviews served each
 * page, and holds the shares against what the stack's policy predicts (the traffic model, never the
 * naive weights) with one test for the whole distribution, and the errors against a tolerated rate.
 * Exit 0 pass, 1 fail, 2 usage, 3 environment (gateway or Kubernetes API unreachable).
 */
public final class Verify {
    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int USAGE = 2;
    public static final int ENVIRONMENT = 3;

    static final Set<String> VALUED = Set.of("--config-file", "--url", "--requests", "--concurrency", "--timeout", "--lost", "--json",
            "--alpha", "--max-error-rate", "--max-duration", "--max-page-bytes");
    public static final String USAGE_TEXT = """
            usage: verify [STACK] [--config-file FILE] [--url http://HOST/productpage] [--requests N] [--concurrency C]
                          [--timeout 5s] [--max-duration 10m] [--max-page-bytes 262144] [--alpha 0.05] [--max-error-rate 0.01]
                          [--lost REGION]... [--json FILE]
              STACK or --config-file gives the policy; --url (or the STACK's outputs, through the Pulumi CLI) the gateway.
              --lost REGION expects the model's prediction with that region's reviews gone (as `drill` makes it).
              Without --requests, sends the fewest requests that tell the model from the naive weights 80% of the time.""";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The live side is not there (gateway, Kubernetes API, Pulumi backend): exit 3, one line. */
    public static final class EnvironmentException extends RuntimeException {
        public EnvironmentException(String message) {
            super(message);
        }
    }

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
            var judgement = judgement(cli);
            var json = jsonTarget(cli);
            var url = cli.value("--url").map(URI::create).orElseGet(() -> gatewayFromStack(stack.orElseThrow(
                    () -> new IllegalArgumentException("give --url, or a STACK whose outputs locate the gateway"))));
            var settings = settings(cli, url, requestsFor(spec, scenario, judgement, cli, err));
            Verification verification;
            try {
                verification = measure(spec, scenario, settings, judgement, err);
            } catch (LoadRunner.UnreachableException e) {
                err.println("verify: " + e.getMessage());
                return ENVIRONMENT;
            }
            out.print(verification.table());
            if (json.isPresent()) {
                Files.writeString(json.get(), JSON.writeValueAsString(verification.summary()));
            }
            return verification.passed() ? PASS : FAIL;
        } catch (SpecException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (EnvironmentException e) {
            err.println("verify: " + e.getMessage());
            return ENVIRONMENT;
        } catch (IllegalArgumentException | IOException e) {
            err.println("verify: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (IllegalStateException e) {
            err.println("verify: " + e.getMessage());
            return ENVIRONMENT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("verify: interrupted");
            return FAIL;
        }
    }

    /** The --json file's folder is created before the run: a report that cannot be written is found out before any request. */
    static Optional<Path> jsonTarget(CommandLine cli) throws IOException {
        var json = cli.value("--json").map(Path::of);
        if (json.isPresent()) {
            var parent = json.get().toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new IOException("cannot create the folder of --json " + json.get() + ": " + e.getMessage());
            }
            if (!Files.isWritable(parent) || Files.isDirectory(json.get())) {
                throw new IOException("--json " + json.get() + " cannot be written");
            }
        }
        return json;
    }

    static Verification.Settings judgement(CommandLine cli) {
        return new Verification.Settings(decimal(cli, "--alpha", Verification.Settings.DEFAULT_ALPHA),
                decimal(cli, "--max-error-rate", Verification.Settings.DEFAULT_MAX_ERROR_RATE));
    }

    private static double decimal(CommandLine cli, String name, double fallback) {
        var v = cli.value(name);
        try {
            return v.map(Double::parseDouble).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number such as " + fallback + ", got " + v.get());
        }
    }

    /**
     * --requests, or the fewest requests with 80% power to tell the model from the naive weights;
     * either way the power is printed, with a warning when --requests is below what it takes.
     */
    static int requestsFor(StackSpec spec, TrafficModel.Scenario scenario, Verification.Settings judgement, CommandLine cli, PrintStream err) {
        var shares = Verification.modelAndNaive(spec, scenario);
        double served = Math.max(1e-9, 1 - TrafficModel.predict(spec, scenario).unavailable());
        var given = cli.value("--requests").map(v -> cli.integer("--requests", 0));
        if (!Power.distinguishable(shares[0], shares[1])) {
            err.println("verify: in this scenario the model and the naive weights agree; no request count tells them apart");
            return given.orElse(200);
        }
        int cap = LoadRunner.Settings.MAX_REQUESTS;
        int minimumPages = Power.minimumPages(shares[0], shares[1], judgement.alpha(), (int) (cap * served), 42);
        int minimum = (int) Math.min(cap, Math.ceil(minimumPages / served / 50.0) * 50);
        int requests = given.orElse(Math.max(200, minimum));
        double power = Power.of(shares[0], shares[1], (int) Math.round(requests * served), judgement.alpha(), 42);
        err.printf(Locale.ROOT, "verify: %d requests tell the model %s from the naive weights %s with %.0f%% power (80%% takes %d)%n",
                requests, Verification.describe(shares[0]), Verification.describe(shares[1]), 100 * power, minimum);
        if (given.isPresent() && power < Power.TARGET) {
            err.printf(Locale.ROOT, "verify: WARNING: --requests %d is below the %d it takes to catch the naive weights 80%% of the time%n",
                    requests, minimum);
        }
        return requests;
    }

    static LoadRunner.Settings settings(CommandLine cli, URI url, int requests) {
        return new LoadRunner.Settings(url, requests, cli.integer("--concurrency", 8),
                cli.duration("--timeout", Duration.ofSeconds(5)), cli.duration("--max-duration", Duration.ofMinutes(10)),
                cli.integer("--max-page-bytes", LoadRunner.Settings.DEFAULT_MAX_PAGE_BYTES));
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
        return locateGateway(stack, () -> LiveStack.select(stack, Path.of(".")));
    }

    /** The same, for a stack already selected: no second round trip through the Pulumi CLI. */
    static URI gatewayOf(String stack, LiveStack live) {
        return locateGateway(stack, () -> live);
    }

    private static URI locateGateway(String stack, Callable<LiveStack> selected) {
        try {
            var live = selected.call();
            try (var client = LiveStack.client(live.kubeconfig(live.output("ingressGatewayCluster")))) {
                return LiveStack.gatewayUrl(client);
            }
        } catch (Exception e) {
            throw new EnvironmentException("cannot locate the gateway of stack " + stack + " (" + e.getMessage()
                    + "); pass --url http://HOST/productpage instead");
        }
    }

    /** Probe once, then the measured run, judged against the model. */
    public static Verification measure(StackSpec spec, TrafficModel.Scenario scenario, LoadRunner.Settings settings,
                                       Verification.Settings judgement, PrintStream progress)
            throws LoadRunner.UnreachableException, InterruptedException {
        var runner = new LoadRunner(settings);
        runner.probe();
        var tally = runner.run(progress);
        return Verification.judge(spec, scenario, tally, judgement);
    }
}
