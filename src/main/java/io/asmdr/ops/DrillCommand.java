package io.asmdr.ops;

import io.asmdr.cli.CommandLine;
import io.asmdr.config.StackSpec;
import io.asmdr.config.TrafficSpec;
import io.asmdr.trafficmodel.TrafficModel;
import io.asmdr.validation.SpecException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code drill failover --region R} and {@code drill restore}: the command-line face of {@link Drill}.
 * Exit 0 when the drill passed and the region is back, 1 when the verification failed, 2 for usage
 * errors or a refused drill (nothing touched), 3 when the environment failed or the restore did.
 */
public final class DrillCommand {
    static final Set<String> VALUED = Set.of("--config-file", "--url", "--requests", "--concurrency", "--timeout",
            "--region", "--kubeconfig", "--wait", "--settle", "--report", "--alpha", "--max-error-rate", "--max-duration",
            "--max-page-bytes", "--restore-timeout", "--lease", "--skip-region", "--margin");
    public static final String USAGE_TEXT = """
            usage: drill failover --region REGION [STACK] [--config-file FILE] [--kubeconfig [REGION=]FILE]... [--url URL]
                         [--skip-region REGION]... [--requests N] [--concurrency C] [--timeout 5s] [--max-duration 10m]
                         [--margin 5] [--alpha 0.05] [--wait 2m] [--settle 10s] [--lease 30m] [--restore-timeout 2m] [--force]
                         [--report FILE]
                   drill restore [--region REGION] [STACK] [--config-file FILE] [--kubeconfig [REGION=]FILE]... [--force]
                         [--timeout 5s] [--restore-timeout 2m]
              failover: takes the mesh-wide drill lock (a Lease in the gateway cluster that records REGION's reviews replica
              counts), scales them to 0, verifies that the failover targets serve its share, restores the exact counts (also on
              Ctrl-C/SIGTERM), releases the lock and writes a JSON report. Refuses, touching nothing, while another drill holds
              the lock, unless every region's cluster can be searched for leftovers (--skip-region names the ones it may skip),
              unless the deployed traffic mode is failover (--force), and when the region's reviews are at 0 or differ from the
              stack config. restore: puts back what a dead drill left (the lock, and old-style annotations); a live lock only
              with --force.""";

    private DrillCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            var cli = new CommandLine(args, VALUED, Set.of("--force"));
            var positionals = cli.positionals();
            if (positionals.isEmpty() || !(positionals.get(0).equals("failover") || positionals.get(0).equals("restore")) || positionals.size() > 2) {
                throw new IllegalArgumentException("the drill is `failover` or `restore`, optionally followed by the STACK");
            }
            var stack = positionals.stream().skip(1).findFirst();
            var spec = Verify.loadSpec(stack, cli.value("--config-file"));
            if (positionals.get(0).equals("failover")) {
                Verify.judgement(cli); // a bad --alpha or --margin is a usage error before the Pulumi CLI is asked anything
            }
            // a named STACK is read through the Pulumi CLI: kubeconfigs, the gateway, and always the deployed policy
            var live = stack.isPresent() ? Optional.of(select(stack.get())) : Optional.<LiveStack>empty();
            if (positionals.get(0).equals("restore")) {
                return restore(cli, spec, live, out, err);
            }
            return failover(cli, spec, stack, live, out, err);
        } catch (SpecException e) {
            err.println(e.getMessage());
            return Verify.USAGE;
        } catch (Drill.RefusedException e) {
            err.println("drill: refused: " + e.getMessage());
            return Verify.USAGE;
        } catch (Verify.EnvironmentException e) {
            err.println("drill: " + e.getMessage());
            return Verify.ENVIRONMENT;
        } catch (IllegalArgumentException | IOException e) {
            err.println("drill: " + e.getMessage());
            err.println(USAGE_TEXT);
            return Verify.USAGE;
        } catch (RuntimeException e) {
            err.println("drill: " + e.getMessage());
            return Verify.ENVIRONMENT;
        }
    }

    private static LiveStack select(String stack) {
        try {
            return LiveStack.select(stack, Path.of("."));
        } catch (Exception e) {
            throw new Verify.EnvironmentException("cannot read stack " + stack + " through the Pulumi CLI (" + e.getMessage()
                    + "); pass --config-file, --kubeconfig and --url instead of the STACK");
        }
    }

    private static int failover(CommandLine cli, StackSpec spec, Optional<String> stack, Optional<LiveStack> live, PrintStream out, PrintStream err)
            throws IOException {
        var region = cli.value("--region").orElseThrow(() -> new IllegalArgumentException("--region is required"));
        spec.region(region).orElseThrow(() -> new IllegalArgumentException(region + " is not a region of this stack"));
        // every input is checked before anything is read or touched: a bad --report found after the scale-down is too late
        var unsearched = skippedRegions(cli, spec, region);
        var wait = bounded(cli, "--wait", Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofHours(1));
        var settle = bounded(cli, "--settle", Duration.ofSeconds(10), Duration.ZERO, Duration.ofHours(1));
        var lease = bounded(cli, "--lease", Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofHours(24));
        var restoreTime = bounded(cli, "--restore-timeout", Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofHours(1));
        var report = Path.of(cli.value("--report").orElse("target/drill/failover-" + region + "-" + System.currentTimeMillis() + ".json"));
        Verify.writableFile("--report", report);
        var judgement = Verify.judgement(cli);
        var scenario = TrafficModel.Scenario.reviewsLostIn(region);
        var given = cli.value("--url").map(URI::create);
        var probeSettings = Verify.settings(cli, given.orElse(URI.create("http://127.0.0.1/productpage")), 1);
        var deployed = DeployedPolicy.of(spec, live, "drill", err);
        if (deployed.mode() != TrafficSpec.Mode.FAILOVER && !cli.flag("--force")) {
            throw new Drill.RefusedException("the deployed traffic mode is " + deployed.mode().configName() + ", so losing " + region
                    + " is not a failover test. Switch with `pulumi config set --path asm-dr:traffic.mode failover` and `pulumi up`,"
                    + " or pass --force to drill against the current mode's prediction");
        }
        var url = given.orElseGet(() -> live.map(l -> Verify.gatewayOf(stack.orElseThrow(), l, probeSettings.timeout()))
                .orElseThrow(() -> new IllegalArgumentException("give --url, or a STACK whose outputs locate the gateway")));
        var load = Verify.settings(cli, url, Verify.requestsFor(spec, scenario, judgement, cli, err));
        var clients = clients(cli, spec, live, region);
        try {
            var drill = new Drill(new Drill.Settings(spec, region, clients, unsearched,
                    s -> Verify.measure(spec, s, load, judgement, err),
                    wait, settle, report, lease, restoreTime, load.timeout(),
                    UUID.randomUUID().toString()), Clock.systemUTC());
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
            var restore = result.document().get("restore");
            out.println("restore: " + (result.restoredOk() ? "ok, " : "FAILED (the lock stays; run `drill restore`), ") + restore);
            out.println("report: " + report);
            if (!result.restoredOk() || result.errorMessage() != null || result.wasInterrupted()) {
                return Verify.ENVIRONMENT;
            }
            return Verify.exitCode(result.verificationResult());
        } finally {
            clients.values().forEach(KubernetesClient::close);
        }
    }

    private static int restore(CommandLine cli, StackSpec spec, Optional<LiveStack> live, PrintStream out, PrintStream err) {
        var region = cli.value("--region");
        region.ifPresent(r -> spec.region(r).orElseThrow(() -> new IllegalArgumentException(r + " is not a region of this stack")));
        var restoreTime = bounded(cli, "--restore-timeout", Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofHours(1));
        var callTimeout = bounded(cli, "--timeout", Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMinutes(5));
        var clients = clients(cli, spec, live, region.orElse(null));
        try {
            if (!clients.containsKey(spec.gatewayRegion())) {
                throw new IllegalArgumentException("the drill lock lives in the gateway cluster, in " + spec.gatewayRegion()
                        + "; give --kubeconfig " + spec.gatewayRegion() + "=FILE or a STACK");
            }
            var regions = region.map(Set::of).orElse(clients.keySet());
            var missing = spec.regions().stream().map(r -> r.region()).filter(r -> regions.contains(r) || region.isEmpty())
                    .filter(r -> !clients.containsKey(r)).toList();
            if (!missing.isEmpty()) {
                err.println("drill: WARNING: no kubeconfig for " + String.join(", ", missing) + ": not searched for old-style leases");
            }
            var results = Drill.restoreLeftovers(spec, clients, regions, cli.flag("--force"), callTimeout, restoreTime, Clock.systemUTC());
            if (results.isEmpty()) {
                out.println("restore: no drill lock and no old-style lease found" + region.map(r -> " for " + r).orElse(" in " + clients.keySet())
                        + "; nothing to do");
                return Verify.PASS;
            }
            results.forEach(r -> out.println("restore: " + r));
            return results.stream().allMatch(r -> Boolean.TRUE.equals(r.get("ok"))) ? Verify.PASS : Verify.ENVIRONMENT;
        } finally {
            clients.values().forEach(KubernetesClient::close);
        }
    }

    /** --skip-region: regions of the stack, neither the drilled one nor the gateway's (the lock's), which must be reached. */
    static Set<String> skippedRegions(CommandLine cli, StackSpec spec, String drilled) {
        var out = new TreeSet<String>();
        for (var r : cli.all("--skip-region")) {
            if (spec.region(r).isEmpty()) {
                throw new IllegalArgumentException("--skip-region " + r + " is not a region of this stack");
            }
            if (r.equals(drilled) || r.equals(spec.gatewayRegion())) {
                throw new IllegalArgumentException("--skip-region " + r + ": the drilled region and the gateway region (where the drill lock"
                        + " lives) cannot be skipped");
            }
            out.add(r);
        }
        return out;
    }

    /** A duration flag within [min, max], or the usage error that names the flag, the value and the range. */
    static Duration bounded(CommandLine cli, String name, Duration fallback, Duration min, Duration max) {
        var d = cli.duration(name, fallback);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must lie between " + Deadline.format(min) + " and " + Deadline.format(max)
                    + ", got " + cli.value(name).orElse(fallback.toString()));
        }
        return d;
    }

    /**
     * A Kubernetes client per region: {@code --kubeconfig REGION=FILE} (repeatable), a bare
     * {@code --kubeconfig FILE} for {@code region}, and the stack's {@code kubeconfig/<cluster>}
     * outputs for the rest when a STACK is named. A region without one is left out: the drill then
     * refuses unless it is named in --skip-region.
     */
    static Map<String, KubernetesClient> clients(CommandLine cli, StackSpec spec, Optional<LiveStack> live, String region) {
        var files = new TreeMap<String, String>();
        for (var value : cli.all("--kubeconfig")) {
            int eq = value.indexOf('=');
            var r = eq > 0 && spec.region(value.substring(0, eq)).isPresent() ? value.substring(0, eq) : region;
            if (r == null) {
                throw new IllegalArgumentException("--kubeconfig " + value + ": say which region it is for (REGION=FILE)");
            }
            files.put(r, eq > 0 && spec.region(value.substring(0, eq)).isPresent() ? value.substring(eq + 1) : value);
        }
        var out = new LinkedHashMap<String, KubernetesClient>();
        try {
            for (var r : spec.regions()) {
                String kubeconfig = null;
                if (files.containsKey(r.region())) {
                    kubeconfig = Files.readString(Path.of(files.get(r.region())));
                } else if (live.isPresent()) {
                    kubeconfig = live.get().kubeconfig(r.cluster().name());
                }
                if (kubeconfig != null) {
                    out.put(r.region(), LiveStack.client(kubeconfig));
                }
            }
        } catch (IOException e) {
            out.values().forEach(KubernetesClient::close);
            throw new IllegalArgumentException("cannot read a --kubeconfig: " + e.getMessage());
        }
        if (region != null && !out.containsKey(region)) {
            out.values().forEach(KubernetesClient::close);
            throw new IllegalArgumentException("no kubeconfig for " + region + ": give --kubeconfig FILE, or a STACK");
        }
        return out;
    }
}
