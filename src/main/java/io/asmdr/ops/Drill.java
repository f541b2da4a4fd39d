package io.asmdr.ops;

import io.asmdr.config.RegionSpec;
import io.asmdr.config.StackSpec;
import io.asmdr.trafficmodel.TrafficModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A failover drill on a live stack: take region R's reviews away (scale its Deployments to zero),
 * verify that the failover targets serve R's share, and put the exact replica counts back.
 *
 * <p>The region always comes back: the original counts are written on the Deployments as a lease
 * ({@link DrillLease}) before anything is scaled, so {@code drill restore} can finish the job from
 * any machine after a SIGKILL; the restore runs in a {@code finally} and from a JVM shutdown hook on
 * Ctrl-C/SIGTERM, retries with backoff until its deadline, and is marked done only when a read-back
 * shows the original counts. A drill refuses to start while any lease is present in the mesh, when
 * the region's reviews are already at zero, or when their count differs from the stack config. The
 * JSON report is rewritten after every step, so it exists and says how far the drill got even when
 * the process is killed.
 */
public final class Drill {

    /** Measures a scenario; {@link Verify#measure} on a live stack, anything in tests. */
    @FunctionalInterface
    public interface Verifier {
        Verification verify(TrafficModel.Scenario scenario) throws Exception;
    }

    /**
     * @param clients     a Kubernetes client per region; the drilled region's is required, every other one
     *                    is searched for leases (a drill elsewhere in the mesh blocks this one)
     * @param leaseTtl    how long the lease says the drill may take; past it, a leftover lease reads as
     *                    a drill that died, to be finished with {@code drill restore}
     * @param restoreTime how long a restore keeps retrying before it reports failure
     */
    public record Settings(
            StackSpec spec,
            String region,
            Map<String, KubernetesClient> clients,
            Verifier verifier,
            Duration scaleDownTimeout,
            Duration settle,
            Path report,
            Duration leaseTtl,
            Duration restoreTime,
            String drillId) {
        public Settings {
            clients = Map.copyOf(clients);
        }
    }

    /** A Deployment the drill scaled, with the count it must return to. */
    public record Target(String namespace, String name, int originalReplicas) {}

    /** A drill that must not start: nothing was touched. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final List<Target> targets = new ArrayList<>();
    private final AtomicBoolean restored = new AtomicBoolean();
    private final Map<String, Object> restoreResult = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private volatile DrillReport report;

    public Drill(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.shutdownHook = new Thread(this::onShutdown, "drill-restore");
    }

    /** The reviews Deployments of a region, by the names the program gives them. */
    public static List<String> reviewsDeployments(RegionSpec region) {
        return List.of("reviews-" + region.bookinfo().reviews());
    }

    /** What the JVM runs on Ctrl-C/SIGTERM while the drill is under way. */
    public Thread shutdownHook() {
        return shutdownHook;
    }

    public List<Target> targets() {
        synchronized (targets) {
            return List.copyOf(targets);
        }
    }

    private KubernetesClient regionClient() {
        return settings.clients().get(settings.region());
    }

    /** Refuses, touching nothing, when another drill holds a lease anywhere or the region is not as the stack says. */
    void preflight(RegionSpec region, String namespace) {
        var now = Instant.now(clock);
        for (var e : settings.clients().entrySet()) {
            for (var lease : DrillLease.find(e.getValue(), e.getKey(), namespace)) {
                throw new RefusedException(lease.live(now)
                        ? "another drill is under way: " + lease.describe() + ". Wait for it, or run `drill restore` if it is dead"
                        : "a drill ended without restoring: " + lease.describe() + ". Run `drill restore` first");
            }
        }
        for (var name : reviewsDeployments(region)) {
            var d = regionClient().apps().deployments().inNamespace(namespace).withName(name).get();
            if (d == null) {
                throw new RefusedException("no Deployment " + namespace + "/" + name + " in the cluster of " + settings.region());
            }
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            if (replicas == 0) {
                throw new RefusedException(namespace + "/" + name + " in " + settings.region()
                        + " is already at 0 replicas: the region is down or another drill left it so; restore it before drilling");
            }
            int configured = region.bookinfo().reviewsReplicas();
            if (replicas != configured) {
                throw new RefusedException(namespace + "/" + name + " in " + settings.region() + " runs " + replicas
                        + " replicas but the stack config says " + configured + "; a drill restores to what it finds, so bring it"
                        + " back to the stack's count (`pulumi up`) first");
            }
            synchronized (targets) {
                targets.add(new Target(namespace, name, replicas));
            }
        }
    }

    /** Runs the drill; the report is written after every step, whatever happens. */
    public DrillReport run() {
        var region = settings.spec().region(settings.region())
                .orElseThrow(() -> new IllegalArgumentException(settings.region() + " is not a region of this stack"));
        var namespace = settings.spec().app().namespace();
        report = new DrillReport(settings.region(), settings.spec().traffic().mode().configName(), settings.drillId(), Instant.now(clock));
        report.write(settings.report());
        try {
            preflight(region, namespace);
        } catch (RefusedException e) {
            report.refused(e.getMessage());
            report.end(Instant.now(clock));
            report.write(settings.report());
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            var expires = Instant.now(clock).plus(settings.leaseTtl());
            for (var t : targets()) {
                DrillLease.acquire(regionClient(), t.namespace(), t.name(), settings.drillId(), t.originalReplicas(), expires);
            }
            report.targets(targets(), expires);
            report.write(settings.report());
            for (var t : targets()) {
                regionClient().apps().deployments().inNamespace(t.namespace()).withName(t.name()).edit(d -> {
                    d.getSpec().setReplicas(0);
                    return d;
                });
            }
            waitForScaleDown(region);
            report.scaledDown(Instant.now(clock));
            report.write(settings.report());
            Thread.sleep(settings.settle().toMillis());
            var verification = settings.verifier().verify(TrafficModel.Scenario.reviewsLostIn(settings.region()));
            report.verification(verification);
            report.write(settings.report());
        } catch (InterruptedException e) {
            report.interrupted();
        } catch (Exception e) {
            report.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            boolean wasInterrupted = Thread.interrupted(); // restore must not be cut short by our own interrupt
            restore(settings.restoreTime());
            finish();
            removeHook();
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return report;
    }

    private void finish() {
        var r = report;
        if (r != null) {
            r.restore(restoreResult());
            r.end(Instant.now(clock));
            r.write(settings.report());
        }
    }

    /** SIGTERM or Ctrl-C: put the region back, then say in the report that the drill was interrupted. */
    private void onShutdown() {
        var r = report;
        if (r != null) {
            r.interrupted();
        }
        restore(settings.restoreTime().compareTo(Duration.ofSeconds(20)) < 0 ? settings.restoreTime() : Duration.ofSeconds(20));
        finish();
    }

    /**
     * Puts every scaled Deployment back to its original count and removes the leases, retrying until
     * {@code within}; marked done only once a read-back confirms it, so a second call (the hook after
     * the {@code finally}) does nothing, and a failed one is retried by the next.
     */
    public void restore(Duration within) {
        synchronized (restored) {
            if (restored.get()) {
                return;
            }
            var details = new ArrayList<Map<String, Object>>();
            boolean ok = true;
            for (var t : targets()) {
                var lease = new DrillLease.Held(settings.region(), t.namespace(), t.name(), settings.drillId(), t.originalReplicas(), Instant.EPOCH);
                var outcome = DrillLease.retrying(() -> DrillLease.release(regionClient(), lease), within);
                var detail = new LinkedHashMap<String, Object>();
                detail.put("deployment", t.namespace() + "/" + t.name());
                detail.put("replicas", t.originalReplicas());
                detail.putAll(outcome);
                ok &= Boolean.TRUE.equals(outcome.get("ok"));
                details.add(detail);
            }
            synchronized (restoreResult) {
                restoreResult.put("ok", ok);
                restoreResult.put("deployments", details);
            }
            restored.set(ok);
        }
    }

    private Map<String, Object> restoreResult() {
        synchronized (restoreResult) {
            return new LinkedHashMap<>(restoreResult);
        }
    }

    private void waitForScaleDown(RegionSpec region) throws InterruptedException {
        var deadline = Instant.now(clock).plus(settings.scaleDownTimeout());
        var version = region.bookinfo().reviews();
        while (true) {
            boolean down = true;
            for (var t : targets()) {
                var d = regionClient().apps().deployments().inNamespace(t.namespace()).withName(t.name()).get();
                var status = d == null ? null : d.getStatus();
                var pods = regionClient().pods().inNamespace(t.namespace())
                        .withLabels(Map.of("app", "reviews", "version", version)).list().getItems();
                down &= (status == null || zero(status.getReplicas()) && zero(status.getReadyReplicas())) && pods.isEmpty();
            }
            if (down) {
                return;
            }
            if (Instant.now(clock).isAfter(deadline)) {
                throw new IllegalStateException("reviews in " + settings.region() + " did not scale down within " + settings.scaleDownTimeout());
            }
            Thread.sleep(1000);
        }
    }

    private static boolean zero(Integer n) {
        return n == null || n == 0;
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and runs the hook itself; restore() is idempotent
        }
    }

    /**
     * {@code drill restore}: puts back every Deployment that carries a lease, in the given regions,
     * and removes the leases; idempotent (nothing leased, nothing done). The report per Deployment
     * says whether it worked.
     */
    public static List<Map<String, Object>> restoreLeases(Map<String, KubernetesClient> clients, String namespace, Duration within) {
        var out = new ArrayList<Map<String, Object>>();
        clients.forEach((region, client) -> {
            for (var lease : DrillLease.find(client, region, namespace)) {
                var detail = new LinkedHashMap<String, Object>();
                detail.put("region", region);
                detail.put("deployment", lease.namespace() + "/" + lease.deployment());
                detail.put("drill", lease.id());
                detail.put("replicas", lease.originalReplicas());
                detail.putAll(DrillLease.retrying(() -> DrillLease.release(client, lease), within));
                out.add(detail);
            }
        });
        return out;
    }
}
