package io.asmdr.ops;

import io.asmdr.spec.RegionSpec;
import io.asmdr.spec.StackSpec;
import io.asmdr.traffic.TrafficModel;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
 * verify that the failover targets serve R's share, and put the exact replica counts back — in a
 * {@code finally}, and from a JVM shutdown hook on Ctrl-C/SIGTERM. It touches nothing but the
 * Deployments it names, and writes a JSON report of what it did and saw.
 */
public final class Drill {

    /** Measures a scenario; {@link Verify#measure} on a live stack, anything in tests. */
    @FunctionalInterface
    public interface Verifier {
        Verification verify(TrafficModel.Scenario scenario) throws Exception;
    }

    public record Settings(
            StackSpec spec,
            String region,
            KubernetesClient regionClient,
            Verifier verifier,
            Duration scaleDownTimeout,
            Duration settle,
            Path report) {}

    /** A Deployment the drill scaled, with the count it must return to. */
    public record Target(String namespace, String name, int originalReplicas) {}

    private final Settings settings;
    private final Clock clock;
    private final List<Target> targets = new ArrayList<>();
    private final AtomicBoolean restored = new AtomicBoolean();
    private final Map<String, Object> restoreResult = new LinkedHashMap<>();
    private final Thread shutdownHook;

    public Drill(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.shutdownHook = new Thread(this::restore, "drill-restore");
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

    /** Runs the drill; the report is written whatever happens. */
    public DrillReport run() {
        var region = settings.spec().region(settings.region())
                .orElseThrow(() -> new IllegalArgumentException(settings.region() + " is not a region of this stack"));
        var namespace = settings.spec().app().namespace();
        var report = new DrillReport(settings.region(), settings.spec().traffic().mode().configName(), Instant.now(clock));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            for (var name : reviewsDeployments(region)) {
                var d = deployments(namespace).withName(name).get();
                if (d == null) {
                    throw new IllegalStateException("no Deployment " + namespace + "/" + name + " in the cluster of " + settings.region());
                }
                var replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                synchronized (targets) {
                    targets.add(new Target(namespace, name, replicas));
                }
            }
            report.targets(targets());
            for (var t : targets()) {
                deployments(t.namespace()).withName(t.name()).edit(d -> withReplicas(d, 0));
            }
            waitForScaleDown(region);
            report.scaledDown(Instant.now(clock));
            Thread.sleep(settings.settle().toMillis());
            var verification = settings.verifier().verify(TrafficModel.Scenario.reviewsLostIn(settings.region()));
            report.verification(verification);
        } catch (InterruptedException e) {
            report.interrupted();
        } catch (Exception e) {
            report.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            boolean wasInterrupted = Thread.interrupted(); // restore must not be cut short by our own interrupt
            restore();
            report.restore(restoreResult());
            report.end(Instant.now(clock));
            removeHook();
            report.write(settings.report());
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return report;
    }

    /** Puts every scaled Deployment back to its original count; safe to call twice, from any thread. */
    public void restore() {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        var details = new ArrayList<Map<String, Object>>();
        boolean ok = true;
        for (var t : targets()) {
            var detail = new LinkedHashMap<String, Object>();
            detail.put("deployment", t.namespace() + "/" + t.name());
            detail.put("replicas", t.originalReplicas());
            try {
                var after = deployments(t.namespace()).withName(t.name()).edit(d -> withReplicas(d, t.originalReplicas()));
                var now = after.getSpec().getReplicas();
                detail.put("restoredReplicas", now);
                detail.put("ok", now != null && now == t.originalReplicas());
                ok &= now != null && now == t.originalReplicas();
            } catch (RuntimeException e) {
                detail.put("ok", false);
                detail.put("error", String.valueOf(e.getMessage()));
                ok = false;
            }
            details.add(detail);
        }
        synchronized (restoreResult) {
            restoreResult.put("ok", ok);
            restoreResult.put("deployments", details);
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
                var d = deployments(t.namespace()).withName(t.name()).get();
                var status = d == null ? null : d.getStatus();
                var pods = settings.regionClient().pods().inNamespace(t.namespace())
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

    private static Deployment withReplicas(Deployment d, int replicas) {
        d.getSpec().setReplicas(replicas);
        return d;
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<Deployment, io.fabric8.kubernetes.api.model.apps.DeploymentList,
            io.fabric8.kubernetes.client.dsl.RollableScalableResource<Deployment>> deployments(String namespace) {
        return settings.regionClient().apps().deployments().inNamespace(namespace);
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and runs the hook itself; restore() is idempotent
        }
    }
}
