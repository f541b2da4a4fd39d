package io.asmdr.ops;

import io.asmdr.cli.CommandLine;
import io.asmdr.config.Cni;
import io.asmdr.config.GlobalEntrySpec;
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
import java.util.Locale;
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
            "--max-page-bytes", "--restore-timeout", "--lease", "--skip-region", "--margin", "--target", "--max-rto", "--observe", "--rate");
    public static final String USAGE_TEXT = """
            usage: drill failover|region-loss --region REGION [STACK] [--config-file FILE] [--kubeconfig [REGION=]FILE]... [--url URL]
                         [--skip-region REGION]... [--requests N] [--concurrency C] [--timeout 5s] [--max-duration 10m]
                         [--margin 5] [--alpha 0.05] [--wait 2m] [--settle 10s] [--lease 15s] [--restore-timeout 2m] [--force]
                         [--target 0.99] [--max-rto DURATION] [--observe 5m] [--rate 20] [--report FILE]
                   drill restore [--region REGION] [STACK] [--config-file FILE] [--kubeconfig [REGION=]FILE]...
                         [--timeout 5s] [--restore-timeout 2m]
              failover: takes the mesh-wide drill lock (a Lease in the gateway cluster that records REGION's reviews replica
              counts; renewed every fifth of --lease while the drill runs, and checked before every write), scales them to 0, verifies that the failover targets serve its share, restores the exact counts (also on
              Ctrl-C/SIGTERM), releases the lock and writes a JSON report. Refuses, touching nothing, while another drill holds
              the lock, unless every region's cluster can be searched for leftovers (--skip-region names the ones it may skip),
              unless the deployed traffic mode is failover (--force), and when the region's reviews are at 0 or differ from the
              stack config. region-loss: the same lock and restore, but a real loss: nothing is scaled; a deny-all ingress
              NetworkPolicy (asm-dr-drill-blackhole, recorded in the lock first) silences every Bookinfo pod of REGION and its
              ingress gateway pods, which stay Ready while their connections time out; traffic goes through the global entry
              or a surviving gateway; the restore deletes the policies. Both measure the recovery time from the first
              write: --rate requests a second in one-second buckets; RTO is the time until the success rate is at or
              above --target for 10 s in a row (within --observe); once --max-rto can no longer be met the drill stops, restores
              and fails. The prediction from the stack's settings is printed beside it. restore: watches the lock for one
              lease; if nobody renews it, its drill is dead: puts back what that drill recorded (the stack's own Bookinfo and
              gateway Deployments of its region, to counts of 1 or more, and removes its asm-dr-drill-blackhole NetworkPolicies;
              anything else is named, not touched), then
              old-style annotations. A lock that is renewed belongs to a drill under way and is left alone.""";

    private DrillCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            var cli = new CommandLine(args, VALUED, Set.of("--force"));
            var positionals = cli.positionals();
            var verb = positionals.isEmpty() ? "" : positionals.get(0);
            if (!(verb.equals("failover") || verb.equals("region-loss") || verb.equals("restore")) || positionals.size() > 2) {
                throw new IllegalArgumentException("the drill is `failover`, `region-loss` or `restore`, optionally followed by the STACK");
            }
            var stack = positionals.stream().skip(1).findFirst();
            var spec = Verify.loadSpec(stack, cli.value("--config-file"));
            if (!verb.equals("restore")) {
                Verify.url(cli);
                Verify.judgement(cli); // a bad --alpha or --margin is a usage error before the Pulumi CLI is asked anything
                recovery(cli, URI.create("http://127.0.0.1/productpage"));
            }
            // a named STACK is read through the Pulumi CLI: kubeconfigs, the gateway, and always the deployed policy
            var live = stack.isPresent() ? Optional.of(select(stack.get())) : Optional.<LiveStack>empty();
            if (positionals.get(0).equals("restore")) {
                return restore(cli, spec, live, out, err);
            }
            return drill(verb.equals("failover") ? Drill.Kind.FAILOVER : Drill.Kind.REGION_LOSS, cli, spec, stack, live, out, err);
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("drill: interrupted");
            return Verify.ENVIRONMENT;
        } catch (RuntimeException e) {
            err.println("drill: " + e.getMessage());
            return Verify.ENVIRONMENT;
        }
    }

    private static LiveStack select(String stack) {
        return LiveStack.open(stack, "--config-file, --kubeconfig and --url");
    }

    /** --target, --observe, --max-rto, --rate and the request settings of the recovery series. */
    static RecoveryProbe.Settings recovery(CommandLine cli, URI url) {
        var target = cli.value("--target");
        double rate;
        try {
            rate = target.map(Double::parseDouble).orElse(RecoveryProbe.Settings.DEFAULT_TARGET);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target takes a success rate such as 0.99, got " + target.get());
        }
        var observe = bounded(cli, "--observe", Duration.ofMinutes(5), Duration.ofSeconds(RecoveryTimeline.WINDOW_SECONDS), Duration.ofHours(1));
        var maxRto = cli.value("--max-rto").isPresent() ? bounded(cli, "--max-rto", Duration.ZERO, Duration.ZERO, observe) : null;
        return new RecoveryProbe.Settings(url, rate, observe, cli.integer("--rate", 20), cli.integer("--concurrency", 8),
                cli.duration("--timeout", Duration.ofSeconds(5)), maxRto);
    }

    private static int drill(Drill.Kind kind, CommandLine cli, StackSpec spec, Optional<String> stack, Optional<LiveStack> live,
                             PrintStream out, PrintStream err) throws IOException {
        var region = cli.value("--region").orElseThrow(() -> new IllegalArgumentException("--region is required"));
        spec.region(region).orElseThrow(() -> new IllegalArgumentException(region + " is not a region of this stack"));
        // every input is checked before anything is read or touched: a bad --report found after the scale-down is too late
        var unsearched = skippedRegions(cli, spec, region);
        var wait = bounded(cli, "--wait", Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofHours(1));
        var settle = bounded(cli, "--settle", Duration.ofSeconds(10), Duration.ZERO, Duration.ofHours(1));
        var lease = bounded(cli, "--lease", DrillLock.DEFAULT_LEASE, DrillLock.MIN_LEASE, DrillLock.MAX_LEASE);
        var restoreTime = bounded(cli, "--restore-timeout", Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofHours(1));
        var report = Path.of(cli.value("--report").orElse("target/drill/" + kind.command() + "-" + region + "-" + System.currentTimeMillis() + ".json"));
        Verify.writableFile("--report", report);
        var judgement = Verify.judgement(cli);
        var scenario = kind.scenario(region);
        if (TrafficModel.entryRegions(spec, scenario).isEmpty()) {
            throw new Drill.RefusedException("every ingress gateway of this stack is in " + region + ", so losing it loses every entry point"
                    + " and there is no recovery to measure; add a gateway in another region (mesh.ingressGateways) first");
        }
        var given = Verify.url(cli);
        var probeSettings = Verify.settings(cli, given.orElse(URI.create("http://127.0.0.1/productpage")), 1);
        var deployed = DeployedPolicy.of(spec, live, "drill", err);
        if (deployed.mode() != TrafficSpec.Mode.FAILOVER && !cli.flag("--force")) {
            throw new Drill.RefusedException("the deployed traffic mode is " + deployed.mode().configName() + ", so losing " + region
                    + " is not a failover test. Switch with `pulumi config set --path asm-dr:traffic.mode failover` and `pulumi up`,"
                    + " or pass --force to drill against the current mode's prediction");
        }
        var url = given.orElseGet(() -> live.map(l -> entryOf(spec, scenario, stack.orElseThrow(), l, probeSettings.timeout(), err))
                .orElseThrow(() -> new IllegalArgumentException("give --url, or a STACK whose outputs locate the gateway")));
        var load = Verify.settings(cli, url, Verify.requestsFor(spec, scenario, judgement, cli, err));
        var clients = clients(cli, spec, live, region);
        try {
            var recovery = recovery(cli, url);
            var prediction = RtoPrediction.of(spec, region, kind == Drill.Kind.REGION_LOSS, globalEntry(spec));
            out.print(prediction.table());
            if (kind == Drill.Kind.REGION_LOSS && spec.region(region).map(r -> r.cluster().cni() != Cni.TERWAY).orElse(false)) {
                // ACK "Use network policies": only Terway (shared ENI mode) enforces NetworkPolicy
                err.println("drill: WARNING: the cluster of " + region + " does not run Terway, and on ACK only Terway (shared ENI mode)"
                        + " enforces NetworkPolicy: the black hole may not hold, and the drill then measures no loss (docs/ops.md)");
            }
            var drill = new Drill(new Drill.Settings(kind, spec, region, clients, unsearched,
                    s -> Verify.measure(spec, s, load, judgement, err), recovery,
                    wait, settle, report, lease, restoreTime, load.timeout(),
                    UUID.randomUUID().toString()), Clock.systemUTC());
            drill.prediction(prediction);
            var result = drill.run();
            printRecovery(result, recovery, prediction, out);
            if (result.verificationResult() != null) {
                out.print(result.verificationResult().table());
            }
            if (result.stoppedEarly() != null) {
                out.println("drill stopped early: " + result.stoppedEarly());
            }
            if (result.wasInterrupted()) {
                out.println("drill interrupted");
            }
            if (result.errorMessage() != null) {
                out.println("drill error: " + result.errorMessage());
            }
            var restore = result.document().get("restore");
            out.println("restore: " + (result.restoredOk() ? "ok, " : "FAILED (the lock stays unless another took it over; once the API"
                    + " server answers, run `drill restore`: it puts the region back when the lock has gone a lease unrenewed), ") + restore);
            out.println("report: " + report);
            if (!result.restoredOk() || result.errorMessage() != null || result.wasInterrupted()) {
                return Verify.ENVIRONMENT;
            }
            var verdict = result.recoveryVerdict();
            if (verdict != null && !verdict.startsWith("PASS")) {
                return Verify.FAIL;
            }
            return Verify.exitCode(result.verificationResult());
        } finally {
            clients.values().forEach(KubernetesClient::close);
        }
    }

    /** The recovery series, the RTO against the prediction, the failed requests of the transition and the shares after. */
    static void printRecovery(DrillReport result, RecoveryProbe.Settings recovery, RtoPrediction prediction, PrintStream out) {
        var timeline = result.recoveryTimeline();
        if (timeline == null) {
            return;
        }
        out.println("recovery from the scale-down (success = a page served in full; one line per second):");
        out.print(timeline.table(recovery.target()));
        var rto = timeline.rto(recovery.target());
        out.printf(Locale.ROOT, "RTO: %s (measured; at or above %.1f%% for %d s in a row) | predicted %.1f-%.1f s%s%n",
                rto.map(r -> r + " s").orElse(result.stoppedEarly() != null
                        ? "not back within --max-rto " + Deadline.format(recovery.maxRto()) + " (the drill stopped once it could no longer be)"
                        : "not recovered within --observe " + Deadline.format(recovery.observe())),
                100 * recovery.target(), RecoveryTimeline.WINDOW_SECONDS, prediction.lowSeconds(), prediction.highSeconds(),
                rto.map(r -> prediction.agrees(r) ? "" : " (outside the prediction: look at the terms above)").orElse(""));
        out.println("failed requests during the transition: " + timeline.failedDuringTransition(recovery.target()));
        out.println("served shares after recovery: " + timeline.sharesAfter(recovery.target()));
        out.println("recovery verdict: " + result.recoveryVerdict());
    }

    /** The global entry's health check and TTL, when the stack has one. */
    static Optional<RtoPrediction.GlobalEntry> globalEntry(StackSpec spec) {
        // the settings in force for the entry's kind (GA: its interval, the fixed 3 s timeout, no TTL; GTM: 60 s, its timeout and TTL)
        return spec.globalEntry().map(g -> new RtoPrediction.GlobalEntry(Duration.ofSeconds(g.effectiveIntervalSeconds()),
                Duration.ofMillis(g.effectiveTimeoutMillis()), g.failures(), Duration.ofSeconds(g.dnsTtlSeconds().orElse(0))));
    }

    /**
     * Where a drill's traffic enters: the address of the first gateway the scenario leaves standing
     * (its cluster's istio-ingressgateway Service), through the STACK's kubeconfig outputs.
     */
    static URI entryOf(StackSpec spec, TrafficModel.Scenario scenario, String stack, LiveStack live, Duration timeout, PrintStream err) {
        if (spec.globalEntry().isPresent()) {
            return URI.create("http://" + spec.globalEntry().get().domain() + "/productpage");
        }
        var entry = TrafficModel.entryRegions(spec, scenario).get(0);
        var cluster = spec.region(entry).orElseThrow().cluster().name();
        try (var client = LiveStack.client(live.kubeconfig(cluster))) {
            var url = Deadline.call("reading the gateway Service in " + entry, timeout, () -> LiveStack.gatewayUrl(client));
            if (!scenario.regionsLost().isEmpty()) {
                err.println("drill: no global entry: driving the surviving gateway in " + entry + " (" + url + ") directly");
            }
            return url;
        } catch (RuntimeException e) {
            throw new Verify.EnvironmentException("cannot locate the gateway of stack " + stack + " in " + entry + " (" + LiveStack.plain(e)
                    + "); pass --url http://HOST/productpage instead");
        }
    }

    private static int restore(CommandLine cli, StackSpec spec, Optional<LiveStack> live, PrintStream out, PrintStream err)
            throws InterruptedException {
        var region = cli.value("--region");
        region.ifPresent(r -> spec.region(r).orElseThrow(() -> new IllegalArgumentException(r + " is not a region of this stack")));
        var restoreTime = bounded(cli, "--restore-timeout", Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofHours(1));
        var callTimeout = bounded(cli, "--timeout", Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMinutes(5));
        if (cli.flag("--force")) {
            err.println("drill: --force is no longer needed by `drill restore`: it watches the lock for one lease and acts only when nobody"
                    + " renews it; a lock that is renewed is left alone whatever the options");
        }
        var clients = clients(cli, spec, live, region.orElse(null));
        try {
            if (!clients.containsKey(spec.gatewayRegion())) {
                throw new IllegalArgumentException("the drill lock lives in the gateway cluster, in " + spec.gatewayRegion()
                        + "; give --kubeconfig " + spec.gatewayRegion() + "=FILE or a STACK");
            }
            var missing = spec.regions().stream().map(r -> r.region()).filter(r -> region.isEmpty() || region.get().equals(r))
                    .filter(r -> !clients.containsKey(r)).toList();
            if (!missing.isEmpty()) {
                err.println("drill: WARNING: no kubeconfig for " + String.join(", ", missing) + ": not searched for old-style leases");
            }
            var results = DrillRestore.run(spec, clients, region, callTimeout, restoreTime, out);
            if (results.isEmpty()) {
                out.println("restore: no drill lock, no old-style lease and no count a drill still owns found"
                        + region.map(r -> " for " + r).orElse(" in " + clients.keySet()) + "; nothing to do");
                return Verify.PASS;
            }
            for (var r : results) {
                if (r.get("found") != null) {
                    out.println("restore: " + r.get("found"));
                }
                out.println("restore: " + r);
            }
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
