package io.asmdr.ops;

import io.asmdr.config.StackSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code drill restore}: finishes what a dead drill left, and nothing else.
 *
 * <ul>
 *   <li>It watches the drill lock for one lease on this machine's clock ({@link DrillLock#watch}). A
 *       lock that is renewed meanwhile belongs to a drill under way: it is left alone, whatever the
 *       options (that drill restores on its own way out). A lock that goes unchanged for its lease
 *       belongs to a drill that is dead: the restore takes it over (resourceVersion precondition),
 *       renews it while it works, and checks it before every write.</li>
 *   <li>It puts back only what a drill can have recorded: the stack's own Bookinfo Deployments of the
 *       lock's region ({@link Drill#reviewsDeployments}, {@link Drill#otherBookinfoDeployments}) and
 *       that region's ingress gateway Deployments (labels {@link Drill#GATEWAY_LABELS} in
 *       {@value Drill#GATEWAY_NAMESPACE}, when the stack has a gateway there), to counts of at least 1.
 *       It removes the black-hole NetworkPolicies a region-loss drill records ({@value Drill#BLACKHOLE} in the app
 *       namespace and, in a gateway region, in {@value Drill#GATEWAY_NAMESPACE}: {@link #blackholes}).
 *       Anything else the lock names (kube-system/coredns=0, an unreadable entry) is named and not
 *       touched; a lock without a region, or for a region no longer in the stack, is named the same way.
 *       Such a lock is removed once what can be put back is back, so no drill is refused for ever by a
 *       record nothing can act on (exit 3 says something was not restored).</li>
 *   <li>Then every old-style lease ({@link OldStyleLease}) in the regions searched. Idempotent: nothing
 *       left, nothing done.</li>
 * </ul>
 */
public final class DrillRestore {
    private DrillRestore() {}

    /**
     * @param region      when given, only this region's old-style leases are searched, and a lock of another region is named
     *                    (with the command that restores it) instead of restored
     * @param within      how long each restore keeps retrying (--restore-timeout)
     * @param progress    where to say what it watches while it waits
     */
    public static List<Map<String, Object>> run(StackSpec spec, Map<String, KubernetesClient> clients, Optional<String> region,
                                                Duration callTimeout, Duration within, PrintStream progress) throws InterruptedException {
        var out = new ArrayList<Map<String, Object>>();
        var namespace = spec.app().namespace();
        var lockClient = clients.get(spec.gatewayRegion());
        if (lockClient != null) {
            var lock = new DrillLock(lockClient, namespace, spec.gatewayRegion(), callTimeout);
            var found = lock.read();
            if (found.isPresent()) {
                out.add(fromLock(spec, clients, region, lock, found.get(), callTimeout, within, progress));
            }
        }
        var regions = region.map(r -> (Set<String>) Set.of(r)).orElse(clients.keySet());
        for (var r : new TreeSet<>(regions)) {
            var client = clients.get(r);
            if (client == null) {
                continue;
            }
            for (var old : OldStyleLease.find(client, r, namespace, callTimeout)) {
                var detail = new LinkedHashMap<String, Object>();
                detail.put("region", r);
                detail.put("deployment", old.namespace() + "/" + old.deployment());
                detail.put("drill", old.id());
                detail.put("kind", "old-style lease (annotations)");
                detail.put("replicas", old.originalReplicas());
                detail.putAll(Retry.until(() -> OldStyleLease.clear(client, old, callTimeout), within));
                out.add(detail);
            }
        }
        if (out.stream().allMatch(r -> Boolean.TRUE.equals(r.get("ok")))) {
            // no drill is left to finish its own restore: any count a drill still owns is given back (FieldOwnership)
            out.addAll(countOwners(spec, clients, regions, callTimeout));
        }
        return out;
    }

    /** The counts of every Deployment a drill of each region can record that a drill's manager still owns, each given back. */
    static List<Map<String, Object>> countOwners(StackSpec spec, Map<String, KubernetesClient> clients, Set<String> regions, Duration callTimeout) {
        var out = new ArrayList<Map<String, Object>>();
        for (var r : new TreeSet<>(regions)) {
            var client = clients.get(r);
            if (client == null || spec.region(r).isEmpty()) {
                continue;
            }
            Set<String> recordable;
            try {
                recordable = recordable(spec, r, client, callTimeout);
            } catch (RuntimeException e) {
                out.add(new LinkedHashMap<>(Map.of("kind", "count ownership", "region", r, "ok", false,
                        "error", "cannot list what a drill of " + r + " records: " + LiveStack.plain(e))));
                continue;
            }
            for (var d : recordable) {
                var slash = d.indexOf('/');
                var release = FieldOwnership.releaseReplicas(client, r, d.substring(0, slash), d.substring(slash + 1), callTimeout);
                if (release.held()) {
                    var detail = new LinkedHashMap<String, Object>();
                    detail.put("kind", "count ownership");
                    detail.put("region", r);
                    detail.put("deployment", d);
                    detail.put("ok", release.ok());
                    detail.put("replicasField", release.text());
                    out.add(detail);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> fromLock(StackSpec spec, Map<String, KubernetesClient> clients, Optional<String> only, DrillLock lock,
                                                DrillLock.Holder h, Duration callTimeout, Duration within, PrintStream progress)
            throws InterruptedException {
        var detail = new LinkedHashMap<String, Object>();
        detail.put("kind", "drill lock (" + lock.where() + ")");
        detail.put("drill", h.id());
        detail.put("region", h.region().orElse("(none)"));
        var recorded = new ArrayList<String>(h.targets().stream().map(DrillRestore::text).toList());
        h.blackholes().forEach(b -> recorded.add("NetworkPolicy " + b));
        detail.put("recorded", recorded);
        if (only.isPresent() && h.region().isPresent() && !h.region().get().equals(only.get())) {
            detail.put("ok", false);
            detail.put("error", "the drill lock is for " + h.region().get() + ", not " + only.get() + "; `drill restore --region "
                    + h.region().get() + "` (or `drill restore` without --region) restores it");
            return detail;
        }
        var longest = DrillLock.MAX_LEASE;
        progress.println("restore: found " + h.describe() + "; watching it for " + Deadline.format(h.lease().compareTo(longest) > 0 ? longest : h.lease())
                + " by this machine's clock: a drill under way renews it every " + Deadline.format(DrillLock.renewEvery(h.lease())));
        var watch = lock.watch(h, longest);
        switch (watch.seen()) {
            case GONE -> {
                detail.put("ok", true);
                detail.put("found", "the lock went away while it was watched: its drill finished and released it; nothing to do");
                return detail;
            }
            case RENEWED -> {
                detail.put("ok", false);
                detail.put("error", "the lock was renewed while it was watched (" + watch.last().map(DrillLock.Holder::describe).orElse("")
                        + "): a drill is under way and puts its region back itself. Stop it where it runs (Ctrl-C or SIGTERM: it restores"
                        + " on its way out) or wait for it; nothing was touched");
                return detail;
            }
            case UNCHANGED -> detail.put("found", "the lock of drill " + h.id() + " went unchanged for " + Deadline.format(watch.watched().withNanos(0))
                    + " by this machine's clock (lease " + Deadline.format(h.lease()) + "): its drill is dead (killed, or its machine gone)");
        }
        var id = "restore-" + UUID.randomUUID();
        DrillLock.Held held;
        try {
            held = lock.takeOver(watch.last().orElse(h), id, DrillLock.DEFAULT_LEASE);
        } catch (Drill.RefusedException e) {
            detail.put("ok", false);
            detail.put("error", e.getMessage());
            return detail;
        }
        held.startRenewing(why -> { });
        try {
            return restore(spec, clients, h, held, detail, callTimeout, within);
        } finally {
            held.stopRenewing();
        }
    }

    private static Map<String, Object> restore(StackSpec spec, Map<String, KubernetesClient> clients, DrillLock.Holder h, DrillLock.Held held,
                                               Map<String, Object> detail, Duration callTimeout, Duration within) {
        var notTouched = new ArrayList<String>();
        h.unreadable().forEach(u -> notTouched.add("'" + u + "' (unreadable)"));
        var regionSpec = h.region().flatMap(spec::region);
        var client = regionSpec.map(r -> clients.get(r.region())).orElse(null);
        if (regionSpec.isPresent() && client == null) {
            detail.put("ok", false);
            detail.put("error", "no kubeconfig for " + h.region().get() + ", the drilled region; give --kubeconfig " + h.region().get()
                    + "=FILE (or a STACK). The lock stays: it is the record of what to put back");
            return detail;
        }
        var valid = new ArrayList<Drill.Target>();
        var lifts = new ArrayList<String>();
        if (regionSpec.isEmpty()) {
            var why = h.region().map(r -> r + " is not a region of this stack").orElse("the lock names no region");
            h.targets().forEach(t -> notTouched.add(text(t) + " (" + why + ": not reachable from here)"));
            h.blackholes().forEach(b -> notTouched.add("NetworkPolicy " + b + " (" + why + ": not reachable from here)"));
        } else {
            var silenceable = blackholes(spec, regionSpec.get().region());
            for (var b : h.blackholes()) {
                if (silenceable.contains(b)) {
                    lifts.add(b);
                } else {
                    notTouched.add("NetworkPolicy " + b + " (no drill of " + regionSpec.get().region() + " records it: a drill records only "
                            + String.join(", ", silenceable) + ")");
                }
            }
            var region = regionSpec.get().region();
            var recordable = recordable(spec, regionSpec.get().region(), client, callTimeout);
            for (var t : h.targets()) {
                if (!recordable.contains(t.namespace() + "/" + t.name())) {
                    notTouched.add(text(t) + " (no drill of " + region + " records it: a drill records only " + String.join(", ", recordable) + ")");
                } else if (t.originalReplicas() < 1) {
                    notTouched.add(text(t) + " (a drill records only Deployments that run, at 1 replica or more)");
                } else {
                    valid.add(t);
                }
            }
        }
        long deadline = System.nanoTime() + within.toNanos();
        var restored = new ArrayList<String>();
        boolean allBack = true;
        for (var b : lifts) {
            var outcome = Retry.until(() -> {
                try {
                    held.check(Retry.left(deadline, callTimeout));
                } catch (DrillLock.LostException e) {
                    throw new Retry.Abandon(e.getMessage());
                }
                return Drill.lift(client, regionSpec.get().region(), b, Retry.left(deadline, callTimeout));
            }, deadline);
            if (Boolean.TRUE.equals(outcome.get("ok"))) {
                restored.add("NetworkPolicy " + b + " removed");
            } else {
                allBack = false;
                notTouched.add("NetworkPolicy " + b + " (NOT removed: " + outcome.get("error") + ")");
            }
        }
        for (var t : valid) {
            var outcome = Retry.until(() -> {
                try {
                    held.check(Retry.left(deadline, callTimeout));
                } catch (DrillLock.LostException e) {
                    throw new Retry.Abandon(e.getMessage());
                }
                return Drill.putBack(client, regionSpec.get().region(), t, Retry.left(deadline, callTimeout), held.id());
            }, deadline);
            if (Boolean.TRUE.equals(outcome.get("ok"))) {
                var release = FieldOwnership.releaseReplicas(client, regionSpec.get().region(), t.namespace(), t.name(), Retry.left(deadline, callTimeout));
                restored.add(text(t) + (release.held() ? " (.spec.replicas: " + release.text() + ")" : ""));
                if (!release.ok()) {
                    allBack = false;
                    notTouched.add(text(t) + " (count back, .spec.replicas NOT given back: " + release.problem().orElseThrow() + ")");
                }
            } else {
                allBack = false;
                notTouched.add(text(t) + " (NOT put back: " + outcome.get("error") + ")");
            }
        }
        detail.put("restored", restored);
        detail.put("notRestored", notTouched);
        if (!allBack) {
            detail.put("ok", false);
            detail.put("lock", "kept (it is the record of what to put back)");
            detail.put("error", "a count (or its ownership) could not be put back; run `drill restore` again once the API server answers");
            return detail;
        }
        var released = Retry.until(() -> {
            try {
                return held.release(Retry.left(deadline, callTimeout));
            } catch (DrillLock.LostException e) {
                throw new Retry.Abandon(e.getMessage());
            }
        }, deadline);
        boolean removed = Boolean.TRUE.equals(released.get("ok"));
        detail.put("lock", removed ? "removed" : "NOT removed: " + released.get("error"));
        detail.put("ok", removed && notTouched.isEmpty());
        if (!notTouched.isEmpty()) {
            detail.put("error", "the lock named what no drill of this stack records, or what cannot be reached from here: "
                    + String.join("; ", notTouched) + ". Not touched; check it by hand" + (removed ? " (the lock is removed, so drills can run)" : ""));
        } else if (!removed) {
            detail.put("error", "the counts are back, the lock is not removed: " + released.get("error") + "; run `drill restore` again");
        }
        return detail;
    }

    /**
     * {@code namespace/name} of every Deployment a drill of {@code region} can record: the stack's
     * Bookinfo Deployments there and, when the stack has an ingress gateway there, the gateway
     * Deployments the cluster runs.
     */
    static Set<String> recordable(StackSpec spec, String region, KubernetesClient client, Duration callTimeout) {
        var namespace = spec.app().namespace();
        var out = new TreeSet<String>();
        var regionSpec = spec.region(region).orElseThrow();
        Drill.reviewsDeployments(regionSpec).forEach(d -> out.add(namespace + "/" + d));
        Drill.otherBookinfoDeployments().forEach(d -> out.add(namespace + "/" + d));
        if (spec.gatewayRegions().contains(region)) {
            Deadline.call("listing the ingress gateway Deployments in " + region, callTimeout,
                    () -> client.apps().deployments().inNamespace(Drill.GATEWAY_NAMESPACE).withLabels(Drill.GATEWAY_LABELS).list().getItems())
                    .forEach(d -> out.add(Drill.GATEWAY_NAMESPACE + "/" + d.getMetadata().getName()));
        }
        return out;
    }

    /**
     * {@code namespace/name} of every NetworkPolicy a region-loss drill of {@code region} can record: {@value Drill#BLACKHOLE} in
     * the app namespace and, when the stack has an ingress gateway there, in {@value Drill#GATEWAY_NAMESPACE}.
     */
    static Set<String> blackholes(StackSpec spec, String region) {
        var out = new TreeSet<String>();
        out.add(spec.app().namespace() + "/" + Drill.BLACKHOLE);
        if (spec.gatewayRegions().contains(region)) {
            out.add(Drill.GATEWAY_NAMESPACE + "/" + Drill.BLACKHOLE);
        }
        return out;
    }

    private static String text(Drill.Target t) {
        return t.namespace() + "/" + t.name() + "=" + t.originalReplicas();
    }
}
