package io.asmdr.bench;

import io.asmdr.ops.LoadRunner;
import io.asmdr.ops.Verification;
import io.asmdr.ops.Verify;
import io.asmdr.support.BookinfoPages;
import io.asmdr.support.FakeGateway;
import io.asmdr.support.SandboxRehearsal;
import io.asmdr.support.TestStacks;
import io.asmdr.trafficmodel.TrafficModel;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static io.asmdr.support.FakeGateway.times;

/**
 * Where the time goes, measured rather than asserted (no test fails on a slow machine):
 * the in-process synthesis for 2 to 5 regions, the traffic model, {@code verify}'s request rate
 * against a local gateway, and {@code synth dev} as a whole command through the jar and through
 * Maven, and the sandbox's dev rehearsal ({@code up}, a no-op {@code up}, {@code destroy}) where its binaries
 * are built (alone: {@code -Dexec.args=sandbox}). Run with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -DmainClass=io.asmdr.bench.Benchmark}.
 */
public final class Benchmark {
    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sandbox")) {
            sandboxRehearsal(); // the sandbox's dev rehearsal alone (minutes): -Dexec.args=sandbox
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf(Locale.ROOT, "asm-dr benchmark: %d cores, JDK %s, %d timed rounds after 2 warm-up rounds%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rounds);

        System.out.println("synth (validate + program under the in-process engine), by regions:");
        for (int n = 2; n <= 5; n++) {
            var stacks = TestStacks.flannel(n);
            var resources = new int[1];
            var ms = time(rounds, () -> {
                var run = stacks.run("bench");
                if (!run.succeeded()) {
                    throw new IllegalStateException(run.result().exceptions().toString());
                }
                resources[0] = run.plan().resources().size();
            });
            System.out.printf(Locale.ROOT, "  N=%d  %4d resources  median %7.1f ms  min %7.1f ms%n", n, resources[0], median(ms), Collections.min(ms));
        }

        var spec = TestStacks.flannel(5).load();
        int predictions = 10_000;
        var modelMs = time(rounds, () -> {
            for (int i = 0; i < predictions / 6; i++) {
                TrafficModel.scenarios(spec);
            }
        });
        System.out.printf(Locale.ROOT, "%ntraffic model, 5 regions: %,.0f predictions/s (median of %d rounds)%n",
                predictions / (median(modelMs) / 1000.0), rounds);

        var dev = TestStacks.file("Pulumi.dev.yaml").load();
        try (var gw = new FakeGateway(List.of(times(43, FakeGateway.Answer.page(BookinfoPages.v1())), times(7, FakeGateway.Answer.page(BookinfoPages.v2()))))) {
            int requests = 2000;
            var verifyMs = time(rounds, () -> Verify.measure(dev, TrafficModel.Scenario.healthy(),
                    new LoadRunner.Settings(gw.url(), requests, 8, Duration.ofSeconds(5)), Verification.Settings.defaults(), null));
            System.out.printf(Locale.ROOT, "verify against a local gateway, concurrency 8: %,.0f requests/s (median of %d rounds of %d)%n",
                    requests / (median(verifyMs) / 1000.0), rounds, requests);
        }

        // The whole command as a user runs it, process start to exit: the README's route through the
        // jar (bin/asm-dr; built once beforehand) against Maven's (`mvn compile exec:java`, which also
        // checks that nothing needs compiling). Skipped where Maven is not on the PATH.
        if (new File("bin/asm-dr").canExecute()) {
            var out = Files.createTempDirectory("asm-dr-bench");
            var jar = time(rounds, () -> command("bin/asm-dr", "synth", "dev", "--out", out.resolve("jar").toString()));
            var maven = time(Math.min(rounds, 3), () -> command("mvn", "-q", "-o", "compile", "exec:java",
                    "-Dexec.args=synth dev --out " + out.resolve("mvn")));
            System.out.printf(Locale.ROOT, "%nsynth dev as a command: bin/asm-dr median %.0f ms, mvn compile exec:java median %.0f ms: %.2fx%n",
                    median(jar), median(maven), median(jar) / median(maven));
        }
        sandboxRehearsal();
    }

    /**
     * The dev rehearsal against the sandbox, phase by phase, once (each phase takes minutes): {@code up} from
     * nothing (the sandbox's start included, as a user's first command pays it), a second {@code up} that must
     * change nothing, then {@code destroy}. Skipped, in one line, where the sandbox's binaries are not built.
     */
    static void sandboxRehearsal() throws Exception {
        var missing = SandboxRehearsal.missing();
        if (!missing.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nsandbox dev rehearsal: skipped (%d binaries missing: tools/pulumi-cli.sh, tools/sandbox-binaries.sh)%n",
                    missing.size());
            return;
        }
        var dir = Files.createTempDirectory("asm-dr-bench-sandbox");
        var sandbox = new SandboxRehearsal(dir.resolve("sandbox"), dir.resolve("rehearsal.log"));
        System.out.printf(Locale.ROOT, "%nsandbox dev rehearsal (log: %s):%n", sandbox.log());
        try {
            phase(sandbox, "up (from nothing, with the sandbox's start)", "up", "dev");
            phase(sandbox, "up again (must change nothing)", "up", "dev", "--", "--expect-no-changes");
            phase(sandbox, "destroy", "destroy", "dev");
        } finally {
            sandbox.sandbox("stop");
        }
    }

    private static void phase(SandboxRehearsal sandbox, String what, String... args) throws Exception {
        long t = System.nanoTime();
        int exit = sandbox.sandbox(args);
        double seconds = (System.nanoTime() - t) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("sandbox " + String.join(" ", args) + " exited " + exit + ":\n" + sandbox.tail());
        }
        System.out.printf(Locale.ROOT, "  %-45s %6.1f s%n", what, seconds);
    }

    /** Runs a command to completion; its output is discarded, its failure is not. */
    static void command(String... argv) throws Exception {
        var p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", argv) + " took more than 5 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitValue());
        }
    }

    interface Work {
        void run() throws Exception;
    }

    static List<Double> time(int rounds, Work work) throws Exception {
        for (int i = 0; i < 2; i++) {
            work.run();
        }
        var out = new ArrayList<Double>();
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            work.run();
            out.add((System.nanoTime() - t) / 1e6);
        }
        return out;
    }

    static double median(List<Double> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }
}
