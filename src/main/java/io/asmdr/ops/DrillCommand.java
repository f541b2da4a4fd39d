package io.asmdr.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.UUID;

/**
 * {@code drill failover --region R} and {@code drill restore}: the command-line face of {@link Drill}.
 * Exit 0 when the drill passed and the region is back, 1 when the verification failed, 2 for usage
 * errors or a refused drill (nothing touched), 3 when the environment failed or the restore did.
 */
public final class DrillCommand {
    static final Set<String> VALUED = Set.of("--config-file", "--url", "--requests", "--concurrency", "--timeout",
            "--region", "--kubeconfig", "--wait", "--settle", "--report", "--alpha", "--max-error-rate", "--max-duration",
            "--max-page-bytes", "--restore-timeout", "--lease");
    public static final String USAGE_TEXT = """
            usage: drill failover --region REGION [STACK] [--config-file FILE] [--kubeconfig [REGION=]FILE]... [--url URL]
                         [--requests N] [--concurrency C] [--timeout 5s] [--max-duration 10m] [--wait 2m] [--settle 10s]
                         [--lease 30m] [--restore-timeout 2m] [--force] [--report FILE]
                   drill restore [--region REGION] [STACK] [--config-file FILE] [--kubeconfig [REGION=]FILE]... [--restore-timeout 2m]
              failover: records REGION's reviews replica counts on the Deployments, scales them to 0, verifies that the
              failover targets serve its share, restores the exact counts (also on Ctrl-C/SIGTERM) and writes a JSON report.
              Refuses while another drill holds a lease, unless the deployed traffic mode is failover (--force), and when the
              region's reviews are at 0 or differ from the stack config. restore: puts back whatever a drill left leased.""";
    private static final ObjectMapper JSON = new ObjectMapper();

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
        var deployed = deployedPolicy(spec, live, err);
        if (deployed.mode() != TrafficSpec.Mode.FAILOVER && !cli.flag("--force")) {
            throw new Drill.RefusedException("the deployed traffic mode is " + deployed.mode().configName() + ", so losing " + region
                    + " is not a failover test. Switch with `pulumi config set --path asm-dr:traffic.mode failover` and `pulumi up`,"
                    + " or pass --force to drill against the current mode's prediction");
        }
        var judgement = Verify.judgement(cli);
        var scenario = TrafficModel.Scenario.reviewsLostIn(region);
        var url = cli.value("--url").map(URI::create).orElseGet(() -> live.map(l -> Verify.gatewayOf(stack.orElseThrow(), l))
                .orElseThrow(() -> new IllegalArgumentException("give --url, or a STACK whose outputs locate the gateway")));
        var load = Verify.settings(cli, url, Verify.requestsFor(spec, scenario, judgement, cli, err));
        var report = Path.of(cli.value("--report").orElse("target/drill/failover-" + region + "-" + System.currentTimeMillis() + ".json"));
        var clients = clients(cli, spec, live, region);
        try {
            var drill = new Drill(new Drill.Settings(spec, region, clients,
                    s -> Verify.measure(spec, s, load, judgement, err),
                    cli.duration("--wait", Duration.ofMinutes(2)),
                    cli.duration("--settle", Duration.ofSeconds(10)),
                    report,
                    cli.duration("--lease", Duration.ofMinutes(30)),
                    cli.duration("--restore-timeout", Duration.ofMinutes(2)),
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
            out.println("restore: " + (result.restoredOk() ? "ok, " : "FAILED (the leases stay; run `drill restore`), ") + restore);
            out.println("report: " + report);
            if (!result.restoredOk()) {
                return Verify.ENVIRONMENT;
            }
            return result.passed() ? Verify.PASS : Verify.FAIL;
        } finally {
            clients.values().forEach(KubernetesClient::close);
        }
    }

    private static int restore(CommandLine cli, StackSpec spec, Optional<LiveStack> live, PrintStream out, PrintStream err) {
        var region = cli.value("--region");
        region.ifPresent(r -> spec.region(r).orElseThrow(() -> new IllegalArgumentException(r + " is not a region of this stack")));
        var clients = clients(cli, spec, live, region.orElse(null));
        try {
            var results = Drill.restoreLeases(region.map(r -> Map.of(r, clients.get(r))).orElse(clients), spec.app().namespace(),
                    cli.duration("--restore-timeout", Duration.ofMinutes(2)));
            if (results.isEmpty()) {
                out.println("restore: no drill lease found" + region.map(r -> " in " + r).orElse(" in " + clients.keySet()) + "; nothing to do");
                return Verify.PASS;
            }
            results.forEach(r -> out.println("restore: " + r));
            return results.stream().allMatch(r -> Boolean.TRUE.equals(r.get("ok"))) ? Verify.PASS : Verify.ENVIRONMENT;
        } finally {
            clients.values().forEach(KubernetesClient::close);
        }
    }

    /**
     * The policy the mesh runs: the stack output {@code trafficPolicy} when a STACK is named (refused if
     * the stack file says something else: edited, not applied), else the stack file, with a warning.
     */
    static TrafficSpec deployedPolicy(StackSpec spec, Optional<LiveStack> live, PrintStream err) throws IOException {
        if (live.isEmpty()) {
            err.println("drill: WARNING: no STACK named, so the deployed traffic policy is not checked; trusting the stack file");
            return spec.traffic();
        }
        var deployed = live.get().output("trafficPolicy");
        var expected = spec.traffic().policyJson();
        if (!JSON.readTree(deployed).equals(JSON.readTree(expected))) {
            throw new Drill.RefusedException("the stack file's traffic policy differs from the deployed one (stack output trafficPolicy: "
                    + deployed + "); run `pulumi up` first, or drill what is deployed");
        }
        return spec.traffic();
    }

    /**
     * A Kubernetes client per region: {@code --kubeconfig REGION=FILE} (repeatable), a bare
     * {@code --kubeconfig FILE} for {@code region}, and the stack's {@code kubeconfig/<cluster>}
     * outputs for the rest when a STACK is named. Regions without one are not searched for leases.
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
