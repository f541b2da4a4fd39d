package io.asmdr.ops;

import io.asmdr.config.RegionSpec;
import io.asmdr.config.StackSpec;
import io.asmdr.trafficmodel.TrafficModel;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A failover drill on a live stack: take region R's reviews away (scale its Deployments to zero),
 * verify that the failover targets serve R's share, and put the exact replica counts back.
 *
 * <p>Only one drill runs in a mesh at a time: before anything is scaled the drill creates the
 * mesh-wide {@link DrillLock} in the gateway cluster, which records the original counts; a drill that
 * cannot create it refuses and touches nothing. A drill puts back only the Deployments it scaled,
 * releases only a lock with its own id, and writes every change with the resourceVersion it read, so
 * a conflict is a refusal, never a blind overwrite. It refuses to start unless every region's cluster
 * was searched for leftovers (or the user named the regions it may skip).
 *
 * <p>The restore runs once, in the drill's own thread: Ctrl-C/SIGTERM runs a shutdown hook that only
 * asks the drill to stop (a flag and an interrupt) and waits for it, so the hook can never restore in
 * the middle of the drill's own read-modify-write of a Deployment. The restore retries with backoff
 * until its deadline and is marked done only when a read-back shows the original counts; if it cannot
 * work the lock stays, for {@code drill restore}. The JSON report is rewritten after every step.
 */
public final class Drill {

    /** Measures a scenario; {@link Verify#measure} on a live stack, anything in tests. */
    @FunctionalInterface
    public interface Verifier {
        Verification verify(TrafficModel.Scenario scenario) throws Exception;
    }

    /**
     * @param clients     a Kubernetes client per region: the drilled region's and the gateway region's (the
     *                    lock's) are required, and every other region's unless it is in {@code unsearched}
     * @param unsearched  regions the user allowed to go unsearched for leftovers (no kubeconfig for them)
     * @param leaseTtl    how long the lock says the drill may take; past it, a leftover lock reads as a
     *                    drill that died, to be finished with {@code drill restore}
     * @param restoreTime how long a restore keeps retrying before it reports failure
     * @param callTimeout the deadline of each Kubernetes API call, body included
     */
    public record Settings(
            Kind kind,
            StackSpec spec,
            String region,
            Map<String, KubernetesClient> clients,
            Set<String> unsearched,
            Verifier verifier,
            RecoveryProbe.Settings recovery,
            Duration scaleDownTimeout,
            Duration settle,
            Path report,
            Duration leaseTtl,
            Duration restoreTime,
            Duration callTimeout,
            String drillId) {
        public Settings {
            clients = Map.copyOf(clients);
            unsearched = Set.copyOf(unsearched);
        }

        /** A failover drill that measures no recovery series. */
        public Settings(StackSpec spec, String region, Map<String, KubernetesClient> clients, Set<String> unsearched, Verifier verifier,
                        Duration scaleDownTimeout, Duration settle, Path report, Duration leaseTtl, Duration restoreTime,
                        Duration callTimeout, String drillId) {
            this(Kind.FAILOVER, spec, region, clients, unsearched, verifier, null, scaleDownTimeout, settle, report, leaseTtl,
                    restoreTime, callTimeout, drillId);
        }
    }

    /** What a drill takes away: a region's reviews ({@code failover}), or all of its Bookinfo and its ingress gateway ({@code region-loss}). */
    public enum Kind {
        FAILOVER("failover"), REGION_LOSS("region-loss");

        private final String command;

        Kind(String command) {
            this.command = command;
        }

        public String command() {
            return command;
        }

        public TrafficModel.Scenario scenario(String region) {
            return this == FAILOVER ? TrafficModel.Scenario.reviewsLostIn(region) : TrafficModel.Scenario.regionLost(region);
        }
    }

    /** A Deployment the drill scales, with the count it must return to. */
    public record Target(String namespace, String name, int originalReplicas) {}

    /** A drill that must not start: nothing was touched. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    /** How long the shutdown hook waits for the drill's own restore beyond its deadline. */
    private static final Duration HOOK_GRACE = Duration.ofSeconds(30);

    private final Settings settings;
    private final Clock clock;
    private final List<Target> targets = new ArrayList<>();
    /** Deployments the drill may have written: only these are put back. */
    private final List<Target> touched = new ArrayList<>();
    private final Map<String, Object> restoreResult = new LinkedHashMap<>();
    private final Thread shutdownHook;
    /** Counted down once the drill's thread has restored and will not touch a Deployment again. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final DrillLock lock;
    private volatile DrillLock.Holder held;
    private volatile boolean restored;
    private volatile boolean stopRequested;
    private volatile Thread drillThread;
    private volatile DrillReport report;

    public Drill(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.shutdownHook = new Thread(this::onShutdown, "drill-stop");
        var lockRegion = settings.spec().gatewayRegion();
        var lockClient = settings.clients().get(lockRegion);
        this.lock = lockClient == null ? null
                : new DrillLock(lockClient, settings.spec().app().namespace(), lockRegion, settings.callTimeout());
    }

    /** The reviews Deployments of a region, by the names the program gives them. */
    public static List<String> reviewsDeployments(RegionSpec region) {
        return List.of("reviews-" + region.bookinfo().reviews());
    }

    /** The other Bookinfo Deployments of a region, by the names the program gives them (app-version, as the Bookinfo component). */
    public static List<String> otherBookinfoDeployments() {
        return List.of("details-v1", "ratings-v1", "productpage-v1");
    }

    /** Where ASM's controller puts a managed ingress gateway's Deployment, and the label its pods carry (reference/istio/locality-lb.md, section 9). */
    public static final String GATEWAY_NAMESPACE = "istio-system";
    public static final Map<String, String> GATEWAY_LABELS = Map.of("istio", "ingressgateway");
    private volatile RecoveryProbe probe;

    private volatile RtoPrediction prediction;

    /** The predicted recovery time, written into the report beside the measurement. */
    public void prediction(RtoPrediction prediction) {
        this.prediction = prediction;
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

    /**
     * Refuses, touching nothing, unless every region was searched (or may be skipped), no lock and no
     * old-style lease is left anywhere, and the region's reviews run the stack's count.
     */
    void preflight(RegionSpec region, String namespace) {
        var spec = settings.spec();
        if (regionClient() == null) {
            throw new RefusedException("no kubeconfig for " + settings.region() + ", the region to drill; give --kubeconfig "
                    + settings.region() + "=FILE or a STACK");
        }
        if (lock == null) {
            throw new RefusedException("the drill lock lives in the gateway cluster, in " + spec.gatewayRegion() + ", and there is no kubeconfig"
                    + " for it; give --kubeconfig " + spec.gatewayRegion() + "=FILE or a STACK");
        }
        var unsearched = new TreeSet<String>();
        for (var r : spec.regions()) {
            if (!settings.clients().containsKey(r.region()) && !settings.unsearched().contains(r.region())) {
                unsearched.add(r.region());
            }
        }
        if (!unsearched.isEmpty()) {
            throw new RefusedException("no kubeconfig for " + String.join(", ", unsearched) + ", so a drill left over there cannot be found;"
                    + " give --kubeconfig REGION=FILE for each, or --skip-region REGION to drill without searching it");
        }
        var now = Instant.now(clock);
        lock.read().ifPresent(h -> {
            throw new RefusedException(h.live(now)
                    ? "another drill is under way: " + h.describe() + ". Wait for it, or run `drill restore --force` if it is dead"
                    : "a drill ended without restoring: " + h.describe() + " (expired). Run `drill restore` first");
        });
        for (var e : new TreeMap<>(settings.clients()).entrySet()) {
            for (var old : OldStyleLease.find(e.getValue(), e.getKey(), namespace, settings.callTimeout())) {
                throw new RefusedException("a drill left " + old.describe() + ". Run `drill restore` first");
            }
        }
        if (settings.kind() == Kind.REGION_LOSS && TrafficModel.entryRegions(spec, settings.kind().scenario(settings.region())).isEmpty()) {
            throw new RefusedException("every ingress gateway of this stack is in " + settings.region() + ", so losing it loses every entry"
                    + " point and there is no recovery to measure; add a gateway in another region (mesh.ingressGateways) first");
        }
        for (var name : reviewsDeployments(region)) {
            var d = get(namespace, name);
            if (d == null) {
                throw new RefusedException("no Deployment " + namespace + "/" + name + " in the cluster of " + settings.region());
            }
            int replicas = replicasOf(d);
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
        if (settings.kind() == Kind.REGION_LOSS) {
            for (var name : otherBookinfoDeployments()) {
                var d = get(namespace, name);
                if (d == null) {
                    throw new RefusedException("no Deployment " + namespace + "/" + name + " in the cluster of " + settings.region());
                }
                addRunning(namespace, name, replicasOf(d));
            }
            if (spec.gatewayRegions().contains(settings.region())) {
                var gateways = Deadline.call("listing the ingress gateway Deployments in " + settings.region(), settings.callTimeout(),
                        () -> regionClient().apps().deployments().inNamespace(GATEWAY_NAMESPACE).withLabels(GATEWAY_LABELS).list().getItems());
                if (gateways.isEmpty()) {
                    throw new RefusedException("no ingress gateway Deployment (labels " + GATEWAY_LABELS + ") in " + GATEWAY_NAMESPACE
                            + " of " + settings.region() + ", which the stack says hosts one; is the IstioGateway deployed?");
                }
                for (var d : gateways) {
                    addRunning(GATEWAY_NAMESPACE, d.getMetadata().getName(), replicasOf(d));
                }
            }
        }
    }

    private void addRunning(String namespace, String name, int replicas) {
        if (replicas == 0) {
            throw new RefusedException(namespace + "/" + name + " in " + settings.region() + " is already at 0 replicas: the region is down"
                    + " or another drill left it so; restore it before drilling");
        }
        synchronized (targets) {
            targets.add(new Target(namespace, name, replicas));
        }
    }

    /** Runs the drill; the report is written after every step, whatever happens. A refusal is thrown after it is reported. */
    public DrillReport run() {
        var region = settings.spec().region(settings.region())
                .orElseThrow(() -> new IllegalArgumentException(settings.region() + " is not a region of this stack"));
        var namespace = settings.spec().app().namespace();
        report = new DrillReport(settings.kind().command(), settings.region(), settings.spec().traffic().mode().configName(), settings.drillId(),
                Instant.now(clock));
        if (prediction != null) {
            report.prediction(prediction);
        }
        if (!report.write(settings.report())) {
            throw new RefusedException("the report " + settings.report() + " cannot be written (" + report.errorMessage()
                    + "); nothing was touched");
        }
        try {
            preflight(region, namespace);
        } catch (RefusedException e) {
            refuse(e);
            throw e;
        }
        drillThread = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        RefusedException refused = null;
        try {
            var now = Instant.now(clock);
            var expires = now.plus(settings.leaseTtl());
            held = lock.acquire(settings.drillId(), settings.region(), targets(), now, expires);
            report.targets(targets(), expires, lock.where());
            report.write(settings.report());
            if (settings.recovery() != null) {
                // second 0 of the recovery series: just before the first scale-down write
                probe = new RecoveryProbe(settings.recovery(), clock);
                report.scaleDownStarted(probe.start());
            } else {
                report.scaleDownStarted(Instant.now(clock));
            }
            for (var t : targets()) {
                stopIfAsked();
                scaleDown(t);
            }
            waitForScaleDown();
            report.scaledDown(Instant.now(clock));
            report.write(settings.report());
            if (probe != null) {
                var timeline = probe.awaitRecovery();
                report.recovery(timeline, settings.recovery());
                report.write(settings.report());
            }
            Thread.sleep(settings.settle().toMillis());
            stopIfAsked();
            var verification = settings.verifier().verify(settings.kind().scenario(settings.region()));
            report.verification(verification);
            report.write(settings.report());
        } catch (RefusedException e) {
            refused = e;
            report.refused(e.getMessage());
        } catch (InterruptedException | Deadline.InterruptedCallException e) {
            report.interrupted();
        } catch (Exception e) {
            if (stopRequested) {
                report.interrupted(); // an interrupt surfaces as whatever the interrupted call throws
            } else {
                report.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        } finally {
            boolean wasInterrupted = Thread.interrupted(); // the restore must not be cut short by the stop request
            stopProbe();
            restore(settings.restoreTime());
            finish();
            stopped.countDown();
            removeHook();
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (refused != null) {
            throw refused;
        }
        return report;
    }

    /** The probe stops sending before anything is restored: a series never mixes the restore into the recovery. */
    private void stopProbe() {
        var p = probe;
        if (p == null) {
            return;
        }
        try {
            p.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (report.document().get("recovery") == null) {
            report.recovery(p.timeline(), settings.recovery());
        }
    }

    private void refuse(RefusedException e) {
        report.refused(e.getMessage());
        report.end(Instant.now(clock));
        report.write(settings.report());
    }

    private void stopIfAsked() throws InterruptedException {
        if (stopRequested || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("stop requested");
        }
    }

    /** Reads, checks it still runs the count the lock recorded, and writes 0 with the resourceVersion read. */
    private void scaleDown(Target t) {
        var d = get(t.namespace(), t.name());
        if (d == null || replicasOf(d) != t.originalReplicas()) {
            throw new IllegalStateException(t.namespace() + "/" + t.name() + " in " + settings.region() + " changed since the drill read it ("
                    + (d == null ? "gone" : replicasOf(d) + " replicas") + "); nothing more is scaled");
        }
        synchronized (touched) {
            touched.add(t); // before the write: a write whose answer is lost may still have happened
        }
        d.getSpec().setReplicas(0);
        Deadline.call("scaling " + t.namespace() + "/" + t.name() + " in " + settings.region() + " to 0", settings.callTimeout(),
                () -> regionClient().resource(d).update());
    }

    private void finish() {
        var r = report;
        if (r != null) {
            r.restore(restoreResult());
            r.end(Instant.now(clock));
            r.write(settings.report());
        }
    }

    /**
     * SIGTERM or Ctrl-C: ask the drill to stop and wait until its own thread has restored. The hook
     * never writes a Deployment itself: that would race the drill's read-modify-write.
     */
    private void onShutdown() {
        stopRequested = true;
        var r = report;
        if (r != null) {
            r.interrupted();
        }
        var thread = drillThread;
        if (thread != null) {
            thread.interrupt();
        }
        try {
            if (!stopped.await(settings.restoreTime().plus(HOOK_GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("drill: the drill did not finish its restore in time; run `drill restore`");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Puts every Deployment this drill may have written back to its original count, then releases the
     * lock if this drill holds it; retries until {@code within}. Runs once: a second call does nothing.
     * If a count cannot be put back, the lock stays: it is the record {@code drill restore} works from.
     */
    void restore(Duration within) {
        if (restored) {
            return;
        }
        List<Target> written;
        synchronized (touched) {
            written = List.copyOf(touched);
        }
        var details = new ArrayList<Map<String, Object>>();
        boolean ok = true;
        for (var t : written) {
            var outcome = Retry.until(() -> putBack(regionClient(), settings.region(), t, settings.callTimeout()), within);
            var detail = new LinkedHashMap<String, Object>();
            detail.put("deployment", t.namespace() + "/" + t.name());
            detail.put("replicas", t.originalReplicas());
            detail.putAll(outcome);
            ok &= Boolean.TRUE.equals(outcome.get("ok"));
            details.add(detail);
        }
        String lockState;
        if (held == null) {
            lockState = "not taken";
        } else if (!ok) {
            lockState = "kept for `drill restore`";
        } else {
            var released = Retry.until(() -> lock.release(settings.drillId()), within);
            ok &= Boolean.TRUE.equals(released.get("ok"));
            lockState = Boolean.TRUE.equals(released.get("ok")) ? "released" : "NOT released: " + released.get("error");
        }
        synchronized (restoreResult) {
            restoreResult.put("ok", ok);
            restoreResult.put("deployments", details);
            restoreResult.put("lock", lockState);
        }
        restored = ok;
    }

    /** One try: the count back with the resourceVersion just read (a conflict is retried from a fresh read); true on read-back. */
    static boolean putBack(KubernetesClient client, String region, Target t, Duration callTimeout) {
        var d = deployment(client, region, t.namespace(), t.name(), callTimeout);
        if (d == null) {
            throw new IllegalStateException(t.namespace() + "/" + t.name() + " in " + region + " is gone");
        }
        if (replicasOf(d) != t.originalReplicas()) {
            d.getSpec().setReplicas(t.originalReplicas());
            Deadline.call("restoring " + t.namespace() + "/" + t.name() + " in " + region, callTimeout, () -> client.resource(d).update());
        }
        var now = deployment(client, region, t.namespace(), t.name(), callTimeout);
        return now != null && replicasOf(now) == t.originalReplicas();
    }

    private Map<String, Object> restoreResult() {
        synchronized (restoreResult) {
            return new LinkedHashMap<>(restoreResult);
        }
    }

    private Deployment get(String namespace, String name) {
        return deployment(regionClient(), settings.region(), namespace, name, settings.callTimeout());
    }

    static Deployment deployment(KubernetesClient client, String region, String namespace, String name, Duration callTimeout) {
        return Deadline.call("reading " + namespace + "/" + name + " in " + region, callTimeout,
                () -> client.apps().deployments().inNamespace(namespace).withName(name).get());
    }

    private static int replicasOf(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    /** Until every target's status shows no replica and no pod matches its selector, or the scale-down timeout. */
    private void waitForScaleDown() throws InterruptedException {
        var deadline = Instant.now(clock).plus(settings.scaleDownTimeout());
        while (true) {
            boolean down = true;
            for (var t : targets()) {
                var d = get(t.namespace(), t.name());
                var status = d == null ? null : d.getStatus();
                var selector = d == null || d.getSpec().getSelector() == null || d.getSpec().getSelector().getMatchLabels() == null
                        ? Map.<String, String>of() : d.getSpec().getSelector().getMatchLabels();
                var pods = selector.isEmpty() ? List.of() : Deadline.call("listing the pods of " + t.namespace() + "/" + t.name() + " in "
                                + settings.region(), settings.callTimeout(),
                        () -> regionClient().pods().inNamespace(t.namespace()).withLabels(selector).list().getItems());
                down &= (status == null || zero(status.getReplicas()) && zero(status.getReadyReplicas())) && pods.isEmpty();
            }
            if (down) {
                return;
            }
            if (Instant.now(clock).isAfter(deadline)) {
                throw new IllegalStateException("what the drill scaled in " + settings.region() + " did not scale down within "
                        + Deadline.format(settings.scaleDownTimeout()));
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
            // the JVM is exiting and the hook is running: it waits for the latch this thread has counted down
        }
    }

    /**
     * {@code drill restore}: finishes what a dead drill left. The lock (if its region is among
     * {@code regions}): its Deployments back to the recorded counts, then the lock removed, exactly the
     * one that was read. A live lock is a drill under way, left alone unless {@code force}. Then every
     * old-style lease in those regions. Idempotent: nothing left, nothing done.
     */
    public static List<Map<String, Object>> restoreLeftovers(StackSpec spec, Map<String, KubernetesClient> clients, Set<String> regions,
                                                             boolean force, Duration callTimeout, Duration within, Clock clock) {
        var out = new ArrayList<Map<String, Object>>();
        var namespace = spec.app().namespace();
        var lockClient = clients.get(spec.gatewayRegion());
        if (lockClient != null) {
            var lock = new DrillLock(lockClient, namespace, spec.gatewayRegion(), callTimeout);
            lock.read().filter(h -> regions.contains(h.region())).ifPresent(h -> out.add(restoreFromLock(clients, lock, h, force,
                    callTimeout, within, clock)));
        }
        for (var region : new TreeSet<>(regions)) {
            var client = clients.get(region);
            if (client == null) {
                continue;
            }
            for (var old : OldStyleLease.find(client, region, namespace, callTimeout)) {
                var detail = new LinkedHashMap<String, Object>();
                detail.put("region", region);
                detail.put("deployment", old.namespace() + "/" + old.deployment());
                detail.put("drill", old.id());
                detail.put("kind", "old-style lease (annotations)");
                detail.put("replicas", old.originalReplicas());
                detail.putAll(Retry.until(() -> OldStyleLease.clear(client, old, callTimeout), within));
                out.add(detail);
            }
        }
        return out;
    }

    private static Map<String, Object> restoreFromLock(Map<String, KubernetesClient> clients, DrillLock lock, DrillLock.Holder h,
                                                       boolean force, Duration callTimeout, Duration within, Clock clock) {
        var detail = new LinkedHashMap<String, Object>();
        detail.put("region", h.region());
        detail.put("drill", h.id());
        detail.put("kind", "drill lock (" + lock.where() + ")");
        detail.put("deployments", h.targets().stream().map(t -> t.namespace() + "/" + t.name() + "=" + t.originalReplicas()).toList());
        var client = clients.get(h.region());
        if (h.live(Instant.now(clock)) && !force) {
            detail.put("ok", false);
            detail.put("error", "the lock is live until " + h.expires() + ": a drill may be under way. If it is dead (killed, its machine gone),"
                    + " run `drill restore --force`");
            return detail;
        }
        if (client == null) {
            detail.put("ok", false);
            detail.put("error", "no kubeconfig for " + h.region() + "; give --kubeconfig " + h.region() + "=FILE");
            return detail;
        }
        boolean ok = true;
        for (var t : h.targets()) {
            ok &= Boolean.TRUE.equals(Retry.until(() -> putBack(client, h.region(), t, callTimeout), within).get("ok"));
        }
        if (ok) {
            var removed = Retry.until(() -> lock.remove(h), within);
            ok = Boolean.TRUE.equals(removed.get("ok"));
            if (!ok) {
                detail.put("error", "counts restored, lock not removed: " + removed.get("error"));
            }
        } else {
            detail.put("error", "a count could not be put back; the lock stays");
        }
        detail.put("ok", ok);
        return detail;
    }
}
