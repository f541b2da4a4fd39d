package io.asmdr.ops;

import io.asmdr.config.RegionSpec;
import io.asmdr.config.StackSpec;
import io.asmdr.trafficmodel.TrafficModel;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
 * cannot create it refuses and touches nothing. The drill renews the lock while it runs; a renewal that
 * fails (the lock changed hands, or the API did not answer for two thirds of the lease) stops the drill,
 * which restores. Before every write it checks that the lock still names it with the resourceVersion of
 * its own last renewal ({@link DrillLock.Held#check}, after reading the Deployment it writes), and every
 * write carries the Deployment's resourceVersion as read: a lock taken over after the check is followed
 * by a restore whose write changes that resourceVersion, so the drill's write (even one abandoned by its
 * deadline and still on its way) is a 409 conflict and cannot land after the restore. A drill puts back
 * only the Deployments it scaled and releases only a lock it holds. It refuses to start unless every
 * region's cluster was searched for leftovers (or the user named the regions it may skip).
 *
 * <p>The restore runs once, in the drill's own thread: Ctrl-C/SIGTERM runs a shutdown hook that only
 * asks the drill to stop (a flag and an interrupt) and waits for it, so the hook can never restore in
 * the middle of the drill's own read-modify-write of a Deployment. The restore retries with backoff
 * until its deadline and is marked done only when a read-back shows the original counts; if it cannot
 * work the lock stays, for {@code drill restore}. After a stop request the whole path (probe, restore,
 * report) ends within {@link #SHUTDOWN_RESTORE} and the hook within {@link #SHUTDOWN_WAIT}: inside the
 * 25 s a pod or a service manager grants between SIGTERM and SIGKILL (Kubernetes'
 * terminationGracePeriodSeconds defaults to 30, systemd's TimeoutStopSec to 90; CI runners allow less).
 * The JSON report is rewritten after every step.
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
     * @param lease       the lock's lease: renewed every fifth of it; another machine judges the drill dead
     *                    once the lock went unchanged for this long by its own clock
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
            Duration lease,
            Duration restoreTime,
            Duration callTimeout,
            String drillId) {
        public Settings {
            clients = Map.copyOf(clients);
            unsearched = Set.copyOf(unsearched);
        }

        /** A failover drill that measures no recovery series. */
        public Settings(StackSpec spec, String region, Map<String, KubernetesClient> clients, Set<String> unsearched, Verifier verifier,
                        Duration scaleDownTimeout, Duration settle, Path report, Duration lease, Duration restoreTime,
                        Duration callTimeout, String drillId) {
            this(Kind.FAILOVER, spec, region, clients, unsearched, verifier, null, scaleDownTimeout, settle, report, lease,
                    restoreTime, callTimeout, drillId);
        }
    }

    /**
     * What a drill takes away: a region's reviews ({@code failover}: scaled to 0, so their endpoints leave cleanly), or
     * the whole region ({@code region-loss}: its Bookinfo pods and its ingress gateway pods black-holed by a deny-all
     * ingress NetworkPolicy, so they stay Ready and in every endpoint list and their connections time out, as in a real
     * loss: detection and outlier ejection are what it measures).
     */
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

    /** After a stop request (SIGTERM, Ctrl-C, a lost lock) the probe, the restore and the report end within this. */
    static final Duration SHUTDOWN_RESTORE = Duration.ofSeconds(20);
    /** The longest the shutdown hook waits for the drill's own restore: the JVM exits inside a 25 s grace. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(23);
    /** The annotation every restore writes with the counts: its change moves the resourceVersion, which fences older writes. */
    public static final String RESTORED_BY = "asm-dr.io/restored-by";

    private final Settings settings;
    private final Clock clock;
    private final List<Target> targets = new ArrayList<>();
    /** Deployments the drill may have written: only these are put back. */
    private final List<Target> touched = new ArrayList<>();
    private final Map<String, Object> restoreResult = new LinkedHashMap<>();
    /** The NetworkPolicies ({@code namespace/name}) a region-loss drill applies, recorded in the lock before the first. */
    private final List<String> blackholes = new ArrayList<>();
    /** The NetworkPolicies the drill may have written: only these are removed. */
    private final List<String> blackholed = new ArrayList<>();
    /** A create whose answer never came (its deadline passed): it may still land, so the restore sweeps again after it. */
    private volatile boolean blackholeUnanswered;
    private final Thread shutdownHook;
    /** Counted down once the drill's thread has restored and will not touch a Deployment again. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final DrillLock lock;
    private volatile DrillLock.Held held;
    private volatile boolean restored;
    private volatile boolean stopRequested;
    /** System.nanoTime of the first stop request, or 0. */
    private volatile long stopRequestedAt;
    /** System.nanoTime of SIGTERM or Ctrl-C (the shutdown hook), or 0: from then on the JVM has a grace period to exit in. */
    private volatile long signalledAt;
    /** Why the drill lost its lock, or null. */
    private volatile String lockLost;
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
    /** The name of the NetworkPolicy a region-loss drill applies, in the app namespace and (in a gateway region) in istio-system. */
    public static final String BLACKHOLE = "asm-dr-drill-blackhole";
    /** The label a black-hole NetworkPolicy carries: the drill that applied it. */
    public static final String BLACKHOLE_LABEL = "drill.asm-dr.io/drill";
    /** The Bookinfo apps a region-loss black-holes (the {@code app} label the Bookinfo component gives their pods). */
    public static final List<String> BOOKINFO_APPS = List.of("productpage", "details", "ratings", "reviews");
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
        lock.read().ifPresent(h -> {
            throw new RefusedException("another drill holds the lock: " + h.describe() + ". If it is under way, wait for it; if it is dead"
                    + " (killed, its machine gone), run `drill restore`: it watches the lock for one lease (" + Deadline.format(h.lease())
                    + ") and puts the region back only if nobody renews it");
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
                        + " is already at 0 replicas, and no drill lock records it (no drill left it so): the region is down or was scaled"
                        + " by hand; bring it back (`pulumi up` sets the stack's count) before drilling");
            }
            int configured = region.bookinfo().reviewsReplicas();
            if (replicas != configured) {
                throw new RefusedException(namespace + "/" + name + " in " + settings.region() + " runs " + replicas
                        + " replicas but the stack config says " + configured + "; a drill restores to what it finds, so bring it"
                        + " back to the stack's count (`pulumi up`) first");
            }
            if (settings.kind() == Kind.FAILOVER) {
                synchronized (targets) {
                    targets.add(new Target(namespace, name, replicas));
                }
            }
        }
        if (settings.kind() == Kind.REGION_LOSS) {
            for (var name : otherBookinfoDeployments()) {
                var d = get(namespace, name);
                if (d == null) {
                    throw new RefusedException("no Deployment " + namespace + "/" + name + " in the cluster of " + settings.region());
                }
                requireRunning(namespace, name, replicasOf(d));
            }
            var silenced = new ArrayList<String>(List.of(namespace));
            if (spec.gatewayRegions().contains(settings.region())) {
                var gateways = Deadline.call("listing the ingress gateway Deployments in " + settings.region(), settings.callTimeout(),
                        () -> regionClient().apps().deployments().inNamespace(GATEWAY_NAMESPACE).withLabels(GATEWAY_LABELS).list().getItems());
                if (gateways.isEmpty()) {
                    throw new RefusedException("no ingress gateway Deployment (labels " + GATEWAY_LABELS + ") in " + GATEWAY_NAMESPACE
                            + " of " + settings.region() + ", which the stack says hosts one; is the IstioGateway deployed?");
                }
                for (var d : gateways) {
                    requireRunning(GATEWAY_NAMESPACE, d.getMetadata().getName(), replicasOf(d));
                }
                silenced.add(GATEWAY_NAMESPACE);
            }
            for (var ns : silenced) {
                var left = Deadline.call("reading NetworkPolicy " + ns + "/" + BLACKHOLE + " in " + settings.region(), settings.callTimeout(),
                        () -> regionClient().network().v1().networkPolicies().inNamespace(ns).withName(BLACKHOLE).get());
                if (left != null) {
                    throw new RefusedException("NetworkPolicy " + ns + "/" + BLACKHOLE + " already exists in " + settings.region()
                            + " and no drill lock records it: the region's pods are cut off already. Delete it by hand (kubectl -n " + ns
                            + " delete networkpolicy " + BLACKHOLE + ") once you know who left it");
                }
                synchronized (targets) {
                    blackholes.add(ns + "/" + BLACKHOLE);
                }
            }
        }
    }

    private void requireRunning(String namespace, String name, int replicas) {
        if (replicas == 0) {
            throw new RefusedException(namespace + "/" + name + " in " + settings.region() + " is at 0 replicas: the region is down"
                    + " or was scaled by hand, and no drill lock records it; bring it back (`pulumi up`) before drilling");
        }
    }

    /** The NetworkPolicies a region-loss drill applies, {@code namespace/name}. */
    public List<String> blackholes() {
        synchronized (targets) {
            return List.copyOf(blackholes);
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
            held = lock.acquire(settings.drillId(), settings.region(), targets(), blackholes(), settings.lease());
            held.startRenewing(this::lockLost);
            report.targets(targets(), settings.lease(), lock.where());
            report.blackholes(blackholes());
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
            for (var b : blackholes()) {
                stopIfAsked();
                blackHole(b);
            }
            waitForScaleDown();
            waitForBlackHoles();
            report.scaledDown(Instant.now(clock));
            report.write(settings.report());
            if (probe != null) {
                var timeline = probe.awaitRecovery();
                report.recovery(timeline, settings.recovery());
                report.write(settings.report());
                if (probe.budgetLost()) {
                    return stopEarly(); // --max-rto can no longer be met: restore now, not at --observe
                }
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
            stopped();
        } catch (Exception e) {
            if (stopRequested) {
                stopped(); // an interrupt surfaces as whatever the interrupted call throws
            } else {
                report.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        } finally {
            finishRun();
        }
        if (refused != null) {
            throw refused;
        }
        return report;
    }

    /** The run ends here when the recovery budget is lost: the finally restores at once. */
    private DrillReport stopEarly() {
        report.stoppedEarly("the service could not come back within --max-rto " + Deadline.format(settings.recovery().maxRto())
                + ": verification skipped, region restored at once");
        return report;
    }

    /** A stop: a signal (interrupted) or a lost lock (an error that says so). */
    private void stopped() {
        if (lockLost != null) {
            report.error("the drill lost its lock and stopped: " + lockLost);
        } else {
            report.interrupted();
        }
    }

    private void finishRun() {
        boolean wasInterrupted = Thread.interrupted(); // the restore must not be cut short by the stop request
        long deadline = restoreDeadline();
        stopProbe(deadline);
        restore(deadline);
        finish();
        stopped.countDown();
        removeHook();
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** --restore-timeout from now; after SIGTERM or Ctrl-C, no later than {@link #SHUTDOWN_RESTORE} after it. */
    private long restoreDeadline() {
        long normal = System.nanoTime() + settings.restoreTime().toNanos();
        return signalledAt == 0 ? normal : Math.min(normal, signalledAt + SHUTDOWN_RESTORE.toNanos());
    }

    /** The lock was lost (renewals failed, or it changed hands): the drill stops as on a signal, and restores what it may. */
    private void lockLost(String why) {
        lockLost = why;
        requestStop();
    }

    private void requestStop() {
        if (stopRequestedAt == 0) {
            stopRequestedAt = System.nanoTime();
        }
        stopRequested = true;
        var thread = drillThread;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** The probe stops sending before anything is restored: a series never mixes the restore into the recovery. */
    private void stopProbe(long deadline) {
        var p = probe;
        if (p == null) {
            return;
        }
        try {
            // after SIGTERM it waits a tenth of what is left for the requests under way, not their whole timeout
            p.stop(signalledAt == 0 ? settings.recovery().timeout().plusSeconds(2) : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()) / 10));
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

    /**
     * Reads, checks it still runs the count the lock recorded, checks that this drill still holds the
     * lock (after the read: a restore that took the lock over later changes the resourceVersion this
     * write carries), and writes 0 with the resourceVersion read.
     */
    private void scaleDown(Target t) {
        var d = get(t.namespace(), t.name());
        if (d == null || replicasOf(d) != t.originalReplicas()) {
            throw new IllegalStateException(t.namespace() + "/" + t.name() + " in " + settings.region() + " changed since the drill read it ("
                    + (d == null ? "gone" : replicasOf(d) + " replicas") + "); nothing more is scaled");
        }
        held.check();
        synchronized (touched) {
            touched.add(t); // before the write: a write whose answer is lost may still have happened
        }
        d.getSpec().setReplicas(0);
        Deadline.call("scaling " + t.namespace() + "/" + t.name() + " in " + settings.region() + " to 0", settings.callTimeout(),
                () -> regionClient().resource(d).update());
    }

    /**
     * Applies one deny-all ingress NetworkPolicy: every Bookinfo pod of the region (app namespace) or its ingress gateway
     * pods ({@value #GATEWAY_NAMESPACE}) stop accepting connections, and stay Running, Ready and in every endpoint list
     * (the kubelet's probes come from the node, which a NetworkPolicy never blocks: kubernetes.io, Network Policies,
     * "traffic to and from the node where a Pod is running is always allowed"). Checks the lock first, records it as
     * touched before the write (an answer that is lost may still mean it landed), and creates it (never overwrites).
     */
    private void blackHole(String namespaceAndName) {
        var namespace = namespaceAndName.substring(0, namespaceAndName.indexOf('/'));
        held.check();
        synchronized (blackholed) {
            blackholed.add(namespaceAndName);
        }
        var policy = blackholePolicy(namespace, !namespace.equals(GATEWAY_NAMESPACE), settings.drillId());
        try {
            Deadline.call("black-holing " + namespaceAndName + " in " + settings.region(), settings.callTimeout(),
                    () -> regionClient().network().v1().networkPolicies().inNamespace(namespace).resource(policy).create());
        } catch (KubernetesClientException answered) {
            throw answered; // the API server said no: nothing landed, nothing on its way
        } catch (RuntimeException unanswered) {
            blackholeUnanswered = true;
            throw unanswered;
        }
    }

    /**
     * The deny-all ingress NetworkPolicy of a region-loss drill: {@code policyTypes: [Ingress]} with no ingress rule
     * admits nothing (kubernetes.io, Network Policies, "Default deny all ingress traffic"). For the app namespace it
     * selects the Bookinfo pods ({@link #BOOKINFO_APPS} by their {@code app} label), for {@value #GATEWAY_NAMESPACE} the
     * ingress gateway's ({@link #GATEWAY_LABELS}). On ACK, Terway enforces NetworkPolicy (Alibaba Cloud, Container
     * Service for Kubernetes, "Use network policies in ACK clusters"; docs/ops.md says what to check first).
     */
    static NetworkPolicy blackholePolicy(String namespace, boolean bookinfo, String drillId) {
        var selector = bookinfo
                ? new LabelSelectorBuilder().addNewMatchExpression().withKey("app").withOperator("In").withValues(BOOKINFO_APPS).endMatchExpression().build()
                : new LabelSelectorBuilder().withMatchLabels(GATEWAY_LABELS).build();
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(BLACKHOLE).withNamespace(namespace)
                .addToLabels(BLACKHOLE_LABEL, labelValue(drillId)).endMetadata()
                .withNewSpec().withPodSelector(selector).withPolicyTypes("Ingress").endSpec()
                .build();
    }

    /** A label value is at most 63 characters of [A-Za-z0-9._-] (kubernetes.io, Labels and Selectors, syntax). */
    private static String labelValue(String text) {
        var cleaned = text.replaceAll("[^A-Za-z0-9._-]", "-");
        cleaned = cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
        return cleaned.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    /** Until every black-hole NetworkPolicy reads back, or the scale-down timeout. */
    private void waitForBlackHoles() throws InterruptedException {
        var deadline = Instant.now(clock).plus(settings.scaleDownTimeout());
        for (var b : blackholes()) {
            var namespace = b.substring(0, b.indexOf('/'));
            while (Deadline.call("reading NetworkPolicy " + b + " in " + settings.region(), settings.callTimeout(),
                    () -> regionClient().network().v1().networkPolicies().inNamespace(namespace).withName(BLACKHOLE).get()) == null) {
                if (Instant.now(clock).isAfter(deadline)) {
                    throw new IllegalStateException("NetworkPolicy " + b + " in " + settings.region() + " did not read back within "
                            + Deadline.format(settings.scaleDownTimeout()));
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * One try to take a black hole away: delete it (a 404 is fine) and read back that it is gone. Only the drill's own
     * name in a namespace a drill uses is ever deleted.
     */
    static boolean lift(KubernetesClient client, String region, String namespaceAndName, Duration callTimeout) {
        var namespace = namespaceAndName.substring(0, namespaceAndName.indexOf('/'));
        var name = namespaceAndName.substring(namespaceAndName.indexOf('/') + 1);
        if (!name.equals(BLACKHOLE)) {
            throw new IllegalArgumentException(namespaceAndName + " is not a drill's NetworkPolicy");
        }
        Deadline.call("removing NetworkPolicy " + namespaceAndName + " in " + region, callTimeout,
                () -> client.network().v1().networkPolicies().inNamespace(namespace).withName(name).delete());
        return Deadline.call("reading NetworkPolicy " + namespaceAndName + " in " + region, callTimeout,
                () -> client.network().v1().networkPolicies().inNamespace(namespace).withName(name).get()) == null;
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
        signalledAt = System.nanoTime();
        var r = report;
        if (r != null) {
            r.interrupted();
        }
        requestStop();
        try {
            if (!stopped.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("drill: the drill did not finish its restore within " + Deadline.format(SHUTDOWN_WAIT)
                        + " of the stop request; run `drill restore` (it puts the region back once this drill's lock goes unrenewed)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Puts every Deployment this drill may have written back to its original count, then releases the
     * lock; retries until {@code deadline} (System.nanoTime), each call bounded by what is left. Every try
     * first checks that the lock still names this drill: a drill whose lock was taken over writes
     * nothing (the taker restores). Runs once: a second call does nothing. If a count cannot be put
     * back, the lock stays: it is the record {@code drill restore} works from.
     */
    void restore(long deadline) {
        if (restored) {
            return;
        }
        List<Target> written;
        synchronized (touched) {
            written = List.copyOf(touched);
        }
        var details = new ArrayList<Map<String, Object>>();
        var policyDetails = new ArrayList<Map<String, Object>>();
        boolean ok = true;
        List<String> silenced;
        synchronized (blackholed) {
            silenced = List.copyOf(blackholed);
        }
        for (int pass = 0; pass < (blackholeUnanswered ? 2 : 1); pass++) {
            if (pass == 1) {
                // a create abandoned at its deadline may land after the first delete: wait out the longest it can take, sweep again
                sleepQuietly(Math.min(settings.callTimeout().toMillis(), Math.max(0, (deadline - System.nanoTime()) / 2_000_000)));
                policyDetails.clear();
            }
            for (var b : silenced) {
                var outcome = Retry.until(() -> {
                    holding(deadline);
                    return lift(regionClient(), settings.region(), b, Retry.left(deadline, settings.callTimeout()));
                }, deadline);
                var detail = new LinkedHashMap<String, Object>();
                detail.put("networkPolicy", b);
                detail.putAll(outcome);
                policyDetails.add(detail);
            }
        }
        for (var d : policyDetails) {
            ok &= Boolean.TRUE.equals(d.get("ok"));
        }
        for (var t : written) {
            var outcome = Retry.until(() -> {
                holding(deadline);
                return putBack(regionClient(), settings.region(), t, Retry.left(deadline, settings.callTimeout()), settings.drillId());
            }, deadline);
            var detail = new LinkedHashMap<String, Object>();
            detail.put("deployment", t.namespace() + "/" + t.name());
            detail.put("replicas", t.originalReplicas());
            detail.putAll(outcome);
            ok &= Boolean.TRUE.equals(outcome.get("ok"));
            if (Boolean.TRUE.equals(outcome.get("ok"))) {
                // the count is back: the drill's writes made it the count's only owner; give that up (FieldOwnership). Kept
                // ownership fails the restore, so the lock stays and `drill restore` finishes it
                var release = FieldOwnership.releaseReplicas(regionClient(), settings.region(), t.namespace(), t.name(),
                        Retry.left(deadline, settings.callTimeout()));
                detail.put("replicasField", release.text());
                ok &= release.ok();
            }
            details.add(detail);
        }
        String lockState;
        if (held == null) {
            lockState = "not taken";
        } else if (!ok) {
            held.stopRenewing();
            lockState = "kept for `drill restore`";
        } else {
            var released = Retry.until(() -> {
                try {
                    return held.release(Retry.left(deadline, settings.callTimeout()));
                } catch (DrillLock.LostException e) {
                    throw new Retry.Abandon(e.getMessage());
                }
            }, deadline);
            ok &= Boolean.TRUE.equals(released.get("ok"));
            lockState = Boolean.TRUE.equals(released.get("ok")) ? "released" : "NOT released: " + released.get("error");
        }
        synchronized (restoreResult) {
            restoreResult.put("ok", ok);
            restoreResult.put("deployments", details);
            if (!policyDetails.isEmpty()) {
                restoreResult.put("networkPolicies", policyDetails);
            }
            restoreResult.put("lock", lockState);
        }
        restored = ok;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The check before a restore's write: the lock names this drill; if it changed hands the restore is the taker's. */
    private void holding(long deadline) {
        try {
            held.check(Retry.left(deadline, settings.callTimeout()));
        } catch (DrillLock.LostException e) {
            throw new Retry.Abandon(e.getMessage() + "; this drill writes nothing more (whoever took the lock restores)");
        }
    }

    /**
     * One try: the count back, always written (with the {@value #RESTORED_BY} annotation, so the
     * resourceVersion moves even when the count is already right) and with the resourceVersion just read
     * (a conflict is retried from a fresh read); true on read-back. The write that always changes the
     * Deployment is the fence: any write of 0 still on its way carries an older resourceVersion and is
     * refused by the API server.
     */
    static boolean putBack(KubernetesClient client, String region, Target t, Duration callTimeout, String by) {
        var d = deployment(client, region, t.namespace(), t.name(), callTimeout);
        if (d == null) {
            throw new IllegalStateException(t.namespace() + "/" + t.name() + " in " + region + " is gone");
        }
        d.getSpec().setReplicas(t.originalReplicas());
        var annotations = d.getMetadata().getAnnotations() == null ? new LinkedHashMap<String, String>()
                : new LinkedHashMap<>(d.getMetadata().getAnnotations());
        annotations.put(RESTORED_BY, by + " " + Instant.now());
        d.getMetadata().setAnnotations(annotations);
        Deadline.call("restoring " + t.namespace() + "/" + t.name() + " in " + region, callTimeout, () -> client.resource(d).update());
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
}
