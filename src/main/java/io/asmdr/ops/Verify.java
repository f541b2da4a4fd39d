package io.asmdr.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.asmdr.cli.CommandLine;
import io.asmdr.config.StackSpec;
import io.asmdr.configreader.StackFile;
import io.asmdr.trafficmodel.TrafficModel;
import io.asmdr.trafficmodel.TrafficReport;
import io.asmdr.validation.SpecException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code verify}: sends requests to the ingress gateway, tells which region's reviews served each
 * page, and holds the shares against what the deployed policy predicts (the traffic model, never the
 * naive weights) with an equivalence test (every row within ±margin), and the errors and impossible
 * pages against a tolerated rate. Exit 0 pass, 1 fail, 2 usage, 3 environment (gateway or
 * Kubernetes API unreachable or too slow), 4 inconclusive (too few pages to tell).
 */
public final class Verify {
    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int USAGE = 2;
    public static final int ENVIRONMENT = 3;
    public static final int INCONCLUSIVE = 4;

    static final Set<String> VALUED = Set.of("--config-file", "--url", "--requests", "--concurrency", "--timeout", "--lost", "--json",
            "--alpha", "--max-error-rate", "--max-duration", "--max-page-bytes", "--margin");
    public static final String USAGE_TEXT = """
            usage: verify [STACK] [--config-file FILE] [--url http://HOST/productpage] [--requests N] [--concurrency C]
                          [--timeout 5s] [--max-duration 10m] [--max-page-bytes 262144] [--margin 5] [--alpha 0.05]
                          [--max-error-rate 0.01] [--lost REGION]... [--json FILE]
              STACK gives the deployed policy (stack output trafficPolicy; the stack file must agree), --config-file a policy
              to trust; --url (or the STACK's outputs, through the Pulumi CLI) the gateway. PASS: every row's share within
              ±--margin percentage points of the model at confidence 1-alpha; FAIL: a row shown outside, or too many errors;
              INCONCLUSIVE (exit 4) otherwise. --lost REGION expects the prediction with that region's reviews gone.
              Without --requests, sends what a mesh that matches the model needs to pass 95% of the time.""";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The live side is not there (gateway, Kubernetes API, Pulumi backend): exit 3, one line. */
    public static class EnvironmentException extends RuntimeException {
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
            var json = cli.value("--json").map(Path::of);
            if (json.isPresent()) {
                writableFile("--json", json.get());
            }
            var given = url(cli);
            // every option is checked before the Pulumi CLI or the gateway is asked anything
            var timeout = settings(cli, given.orElse(URI.create("http://127.0.0.1/productpage")), 1).timeout();
            if (stack.isEmpty() && given.isEmpty()) {
                throw new IllegalArgumentException("give --url, or a STACK whose outputs locate the gateway");
            }
            var live = stack.map(Verify::select);
            DeployedPolicy.of(spec, live, "verify", err);
            var url = given.orElseGet(() -> gatewayOf(stack.orElseThrow(), live.orElseThrow(), timeout));
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
            return exitCode(verification);
        } catch (SpecException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (Drill.RefusedException e) {
            err.println("verify: refused: " + e.getMessage());
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

    /** Exit 0 for PASS, 1 for FAIL, 4 for INCONCLUSIVE. */
    static int exitCode(Verification verification) {
        return switch (verification.verdict()) {
            case PASS -> PASS;
            case FAIL -> FAIL;
            case INCONCLUSIVE -> INCONCLUSIVE;
        };
    }

    /**
     * A report file's folder is created before the run, and the file must be writable there: a report
     * that cannot be written is found out before any request (and before a drill scales anything).
     */
    static void writableFile(String flag, Path file) throws IOException {
        var parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IOException("cannot create the folder of " + flag + " " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); give a path in a folder you can write");
        }
        if (!Files.isWritable(parent) || Files.isDirectory(file) || Files.exists(file) && !Files.isWritable(file)) {
            throw new IOException(flag + " " + file + " cannot be written; give a path in a folder you can write");
        }
    }

    /**
     * {@code --url}, checked before anything is sent: an absolute http(s) URL with a host and, if it
     * names one, a port of 1-65535. {@link URI} itself takes {@code :99999}, which would only show as
     * hundreds of failed connections.
     */
    static Optional<URI> url(CommandLine cli) {
        var text = cli.value("--url");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        var fix = "; give the gateway as http://HOST[:PORT]/productpage";
        URI uri;
        try {
            uri = new URI(text.get());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url " + text.get() + " is not a URL (" + e.getReason() + ")" + fix);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("--url " + text.get() + " is not an http or https URL" + fix);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("--url " + text.get() + " names no host (or a port that is not a number)" + fix);
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw new IllegalArgumentException("--url " + text.get() + ": port " + uri.getPort() + " is not one of 1-65535" + fix);
        }
        return Optional.of(uri);
    }

    static Verification.Settings judgement(CommandLine cli) {
        return new Verification.Settings(decimal(cli, "--alpha", Verification.Settings.DEFAULT_ALPHA),
                decimal(cli, "--max-error-rate", Verification.Settings.DEFAULT_MAX_ERROR_RATE),
                decimal(cli, "--margin", 100 * Verification.Settings.DEFAULT_MARGIN) / 100);
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
     * --requests, or the fewest (a multiple of 50) at which a mesh that serves the model's shares and
     * errors passes 95% of the time (its shares shown within the margin, its errors shown below the
     * budget) and one with a row off by twice the margin fails 95% of the time, computed exactly
     * (milliseconds) and printed before the run; a warning when --requests is below.
     */
    static int requestsFor(StackSpec spec, TrafficModel.Scenario scenario, Verification.Settings judgement, CommandLine cli, PrintStream err) {
        var shares = Verification.expectedShares(spec, scenario);
        double unserved = TrafficModel.predict(spec, scenario).unavailable();
        double served = Math.max(1e-9, 1 - unserved);
        double allowed = Math.min(1, unserved + judgement.maxErrorRate());
        var given = cli.value("--requests").map(v -> cli.integer("--requests", 0));
        int cap = LoadRunner.Settings.MAX_REQUESTS;
        long pages = SampleSize.pages(shares, judgement.margin(), judgement.alpha(), (long) (cap * served));
        long forErrors = SampleSize.requestsForErrors(unserved, allowed, judgement.alpha(), cap);
        int minimum = (int) Math.min(cap, Math.ceil(Math.max(pages / served, forErrors) / 50.0) * 50);
        int requests = given.orElse(minimum);
        long expectedPages = Math.round(requests * served);
        double pass = SampleSize.passProbability(shares, expectedPages, judgement.margin(), judgement.alpha())
                * SampleSize.errorPassProbability(unserved, requests, allowed, judgement.alpha());
        double fail = SampleSize.failProbability(shares, expectedPages, judgement.margin(), judgement.alpha());
        err.printf(Locale.ROOT, "verify: %d requests (about %d pages from expected rows): a mesh serving the model's %s with %s errors passes"
                        + " with probability %.0f%%, one with a row %.0f points off fails with probability %.0f%% (%d requests make both %.0f%%)%n",
                requests, expectedPages, Verification.describe(shares), TrafficReport.pct(unserved), 100 * pass, 200 * judgement.margin(),
                100 * fail, minimum, 100 * SampleSize.TARGET);
        if (given.isPresent() && requests < minimum) {
            err.printf(Locale.ROOT, "verify: WARNING: --requests %d is below the %d it takes; the verdict may well be INCONCLUSIVE%n",
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

    private static LiveStack select(String stack) {
        return LiveStack.open(stack, "--config-file and --url");
    }

    /** The gateway's address from a selected stack's outputs and the gateway cluster's API, within {@code timeout}. */
    static URI gatewayOf(String stack, LiveStack live, Duration timeout) {
        try {
            var kubeconfig = live.kubeconfig(live.output("ingressGatewayCluster"));
            try (var client = LiveStack.client(kubeconfig)) {
                return Deadline.call("reading the gateway Service", timeout, () -> LiveStack.gatewayUrl(client));
            }
        } catch (RuntimeException e) {
            throw new EnvironmentException("cannot locate the gateway of stack " + stack + " (" + LiveStack.plain(e)
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
