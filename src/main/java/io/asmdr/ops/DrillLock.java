package io.asmdr.ops;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one lock for every drill of the mesh: a {@code coordination.k8s.io/v1} Lease named
 * {@value #NAME} in the app namespace of the gateway cluster, held the way client-go's leader
 * election holds one (k8s.io/client-go/tools/leaderelection, leaderelection.go and
 * resourcelock/leaselock.go):
 *
 * <ul>
 *   <li><b>taken</b> by a create, which the API server grants to exactly one of any number of drills
 *       that try at once (the others get 409 AlreadyExists);</li>
 *   <li><b>renewed</b> while its holder works: an update of {@code spec.renewTime} every fifth of the
 *       lease ({@link #renewEvery}), carrying the resourceVersion of the holder's last write, so a lease
 *       someone else changed is a conflict and the holder knows it lost the lock. A holder that cannot
 *       renew within two thirds of the lease ({@link #renewDeadline}; client-go's RenewDeadline 10 s of
 *       LeaseDuration 15 s) stops: what it was doing ends and it restores;</li>
 *   <li><b>judged expired</b> only on the observer's own clock: an observer records when it last saw the
 *       Lease change (its resourceVersion) and counts the lease's duration from there, never from the
 *       writer's timestamps (client-go's {@code observedTime}, for the same reason: two machines' clocks
 *       disagree);</li>
 *   <li><b>checked</b> before every write of its holder: the holder identity and the resourceVersion of
 *       its own last renewal ({@link Held#check});</li>
 *   <li><b>taken over</b> from a holder that stopped renewing by an update with the resourceVersion that
 *       was watched (a renewal in between is a conflict), and <b>removed</b> only by its holder, with the
 *       resourceVersion as a precondition.</li>
 * </ul>
 *
 * <p>It is also the durable record of the drill: the region and the Deployments with the replica
 * counts to return to, so {@code drill restore} can put a region back from any machine after the
 * drill's own process is gone.
 */
public final class DrillLock {
    public static final String NAME = "asm-dr-drill";
    static final String REGION = "drill.asm-dr.io/region";
    static final String TARGETS = "drill.asm-dr.io/targets";
    /** The NetworkPolicies a region-loss drill applies ({@code namespace/name}, comma-separated), recorded before the first is written. */
    static final String BLACKHOLES = "drill.asm-dr.io/blackholes";
    /** The shortest and longest lease a drill may take (--lease). */
    public static final Duration MIN_LEASE = Duration.ofSeconds(3);
    public static final Duration MAX_LEASE = Duration.ofMinutes(5);
    /** client-go's default LeaseDuration. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);

    private final KubernetesClient client;
    private final String namespace;
    private final String cluster;
    private final Duration timeout;

    /**
     * @param cluster what to call the lock's cluster in messages (its region)
     * @param timeout the deadline of each API call, body included
     */
    public DrillLock(KubernetesClient client, String namespace, String cluster, Duration timeout) {
        this.client = client;
        this.namespace = namespace;
        this.cluster = cluster;
        this.timeout = timeout;
    }

    /**
     * The lock as read: who holds it, for which region (empty when the annotation is missing), what to
     * put back (and the entries that could not be read), the lease's duration, the holder's last
     * renewal by the holder's own clock (shown, never used to judge expiry), and its resourceVersion.
     */
    public record Holder(String id, Optional<String> region, List<Drill.Target> targets, List<String> unreadable, Duration lease,
                         Optional<Instant> renewed, String resourceVersion, List<String> blackholes) {
        public Holder {
            blackholes = List.copyOf(blackholes);
        }

        public String describe() {
            return "drill " + id + " of " + region.orElse("(no region)") + " holds the drill lock (Lease " + NAME + ", lease "
                    + Deadline.format(lease) + renewed.map(r -> ", last renewed " + r + " by its own clock").orElse("") + "), to put back "
                    + targets.stream().map(t -> t.namespace() + "/" + t.name() + "=" + t.originalReplicas()).toList()
                    + (blackholes.isEmpty() ? "" : " and to remove the NetworkPolicies " + blackholes)
                    + (unreadable.isEmpty() ? "" : " and unreadable entries " + unreadable);
        }
    }

    public String where() {
        return "Lease " + namespace + "/" + NAME + " in the cluster of " + cluster;
    }

    public Optional<Holder> read() {
        return read(timeout);
    }

    private Optional<Holder> read(Duration limit) {
        var lease = Deadline.call("reading the drill lock (" + where() + ")", limit,
                () -> client.leases().inNamespace(namespace).withName(NAME).get());
        return Optional.ofNullable(lease).map(DrillLock::holder);
    }

    /** How often a holder renews: a fifth of the lease (client-go: RetryPeriod 2 s of 15 s, about a seventh). */
    public static Duration renewEvery(Duration lease) {
        return lease.dividedBy(5);
    }

    /** How long a holder keeps trying to renew before it gives the lock up: two thirds of the lease. */
    public static Duration renewDeadline(Duration lease) {
        return lease.multipliedBy(2).dividedBy(3);
    }

    /**
     * Creates the lock for drill {@code id}, or refuses (nothing else touched) when it exists: the
     * create-if-absent is the decision, so two drills that both read "no lock" cannot both get it.
     */
    public Held acquire(String id, String region, List<Drill.Target> targets, Duration lease) {
        return acquire(id, region, targets, List.of(), lease);
    }

    /**
     * The same, recording the NetworkPolicies ({@code namespace/name}) a region-loss drill is about to apply in the
     * region: the record exists before the first of them does, so {@code drill restore} can remove what a dead drill left.
     */
    public Held acquire(String id, String region, List<Drill.Target> targets, List<String> blackholes, Duration lease) {
        var now = ZonedDateTime.now(ZoneOffset.UTC);
        var created = new LeaseBuilder()
                .withNewMetadata().withName(NAME).withNamespace(namespace)
                .addToAnnotations(REGION, region)
                .addToAnnotations(TARGETS, encode(targets))
                .addToAnnotations(BLACKHOLES, String.join(",", blackholes))
                .endMetadata()
                .withNewSpec().withHolderIdentity(id).withLeaseDurationSeconds(seconds(lease))
                .withAcquireTime(now).withRenewTime(now).withLeaseTransitions(0)
                .endSpec().build();
        try {
            Lease written = Deadline.call("creating the drill lock (" + where() + ")", timeout,
                    () -> client.leases().inNamespace(namespace).resource(created).create());
            return new Held(id, lease, written.getMetadata().getResourceVersion());
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                var other = read();
                throw new Drill.RefusedException(other.map(h -> "another drill took the lock first: " + h.describe())
                        .orElse("another drill took the lock first (" + where() + ") and has released it since") + "; nothing was touched");
            }
            throw e;
        }
    }

    /** What watching a lock showed. */
    public enum Seen { RENEWED, GONE, UNCHANGED }

    /** The outcome of {@link #watch}: what was seen, the lock as last read, and for how long it was watched. */
    public record Watch(Seen seen, Optional<Holder> last, Duration watched) {}

    /**
     * Watches {@code first} on this machine's clock (System.nanoTime, monotonic) until it changes (a
     * renewal, a new holder), goes away, or stays unchanged for its lease plus one poll: then its holder
     * has not renewed for a whole lease, by this observer's own clock, and is dead. A lease longer than
     * {@code longest} is watched for {@code longest} (a hand-made Lease of a day is not waited out).
     */
    public Watch watch(Holder first, Duration longest) throws InterruptedException {
        var lease = first.lease().compareTo(longest) > 0 ? longest : first.lease();
        var poll = renewEvery(lease).compareTo(Duration.ofSeconds(1)) < 0 ? renewEvery(lease) : Duration.ofSeconds(1);
        long start = System.nanoTime();
        long until = start + lease.plus(poll).toNanos();
        while (true) {
            Thread.sleep(Math.max(1, poll.toMillis()));
            var now = read();
            var watched = Duration.ofNanos(System.nanoTime() - start);
            if (now.isEmpty()) {
                return new Watch(Seen.GONE, now, watched);
            }
            if (!now.get().resourceVersion().equals(first.resourceVersion())) {
                return new Watch(Seen.RENEWED, now, watched);
            }
            if (System.nanoTime() >= until) {
                return new Watch(Seen.UNCHANGED, now, watched);
            }
        }
    }

    /**
     * Takes a lock whose holder stopped renewing for {@code id}: an update carrying the resourceVersion
     * that was watched, so a renewal (or another taker) in between is a conflict and a refusal.
     */
    public Held takeOver(Holder dead, String id, Duration lease) {
        var now = ZonedDateTime.now(ZoneOffset.UTC);
        try {
            Lease written = Deadline.call("taking over the drill lock (" + where() + ")", timeout, () -> {
                var current = client.leases().inNamespace(namespace).withName(NAME).get();
                if (current == null || !dead.resourceVersion().equals(current.getMetadata().getResourceVersion())) {
                    throw new Drill.RefusedException("the drill lock changed while it was being taken over; nothing was touched");
                }
                var transitions = current.getSpec().getLeaseTransitions() == null ? 0 : current.getSpec().getLeaseTransitions();
                current.getSpec().setHolderIdentity(id);
                current.getSpec().setLeaseDurationSeconds(seconds(lease));
                current.getSpec().setAcquireTime(now);
                current.getSpec().setRenewTime(now);
                current.getSpec().setLeaseTransitions(transitions + 1);
                return client.leases().inNamespace(namespace).resource(current).update();
            });
            return new Held(id, lease, written.getMetadata().getResourceVersion());
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                throw new Drill.RefusedException("the drill lock was renewed or taken by someone else while it was being taken over;"
                        + " nothing was touched");
            }
            throw e;
        }
    }

    /** A lock that changed hands, or that its holder can no longer show it holds. */
    public static final class LostException extends IllegalStateException {
        LostException(String message) {
            super(message);
        }
    }

    /**
     * The lock as its holder has it: the id, the lease, and the resourceVersion of its own last write,
     * which every renewal and every check compares with the Lease. Checks and renewals run one at a
     * time, so a check never sees the holder's own renewal half done.
     */
    public final class Held {
        private final String id;
        private final Duration lease;
        private volatile String resourceVersion;
        /** The renewTime of a renewal whose answer never came (abandoned at its deadline): it may have landed. */
        private volatile Instant unanswered;
        private volatile String lost;
        private volatile Thread renewer;

        Held(String id, Duration lease, String resourceVersion) {
            this.id = id;
            this.lease = lease;
            this.resourceVersion = resourceVersion;
        }

        public String id() {
            return id;
        }

        public Duration lease() {
            return lease;
        }

        /** Why the lock was lost, or null while it is held. */
        public String lost() {
            return lost;
        }

        /**
         * Throws {@link LostException} unless the Lease still names this holder and carries the
         * resourceVersion of its own last write; the read is bounded by {@code limit}.
         */
        public synchronized void check(Duration limit) {
            var now = read(limit);
            if (now.isEmpty()) {
                throw new LostException("the drill lock is gone (" + where() + "): this drill no longer holds it");
            }
            if (!now.get().id().equals(id)) {
                throw new LostException("the drill lock is held by " + now.get().id() + " now, not by this drill (" + id + ")");
            }
            adoptUnanswered(now.get().renewed(), now.get().resourceVersion());
            if (!now.get().resourceVersion().equals(resourceVersion)) {
                throw new LostException("the drill lock was changed by someone else (resourceVersion " + now.get().resourceVersion()
                        + ", this drill last wrote " + resourceVersion + ")");
            }
        }

        public void check() {
            check(timeout);
        }

        /** One renewal: {@code spec.renewTime} now, with the resourceVersion of the last write as the precondition. */
        synchronized void renew(Duration limit) {
            var renewTime = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS); // a MicroTime keeps microseconds
            var written = Deadline.call("renewing the drill lock (" + where() + ")", limit, () -> {
                var current = client.leases().inNamespace(namespace).withName(NAME).get();
                if (current != null && id.equals(current.getSpec().getHolderIdentity())) {
                    adoptUnanswered(Optional.ofNullable(current.getSpec().getRenewTime()).map(ZonedDateTime::toInstant),
                            current.getMetadata().getResourceVersion());
                }
                if (current == null || !id.equals(current.getSpec().getHolderIdentity())
                        || !resourceVersion.equals(current.getMetadata().getResourceVersion())) {
                    throw new LostException(current == null ? "the drill lock is gone" : "the drill lock is held by "
                            + current.getSpec().getHolderIdentity() + " (resourceVersion " + current.getMetadata().getResourceVersion()
                            + "), not as this drill (" + id + ") left it");
                }
                current.getSpec().setRenewTime(renewTime);
                unanswered = renewTime.toInstant(); // until the answer comes: it may land after this call is abandoned
                return client.leases().inNamespace(namespace).resource(current).update();
            });
            resourceVersion = written.getMetadata().getResourceVersion();
            unanswered = null;
        }

        /**
         * A renewal abandoned at its deadline may still have landed: a Lease that names this holder with
         * exactly the renewTime of that renewal is this holder's own write, and its resourceVersion is
         * taken as the one to expect.
         */
        private void adoptUnanswered(Optional<Instant> renewed, String seen) {
            if (unanswered != null && renewed.isPresent() && renewed.get().equals(unanswered)) {
                resourceVersion = seen;
                unanswered = null;
            }
        }

        /**
         * Renews every {@link #renewEvery} on a daemon thread until {@link #stopRenewing}. A renewal
         * that finds the lock changed, or no renewal that succeeds within {@link #renewDeadline} of the
         * last one, loses the lock: {@code onLost} runs once with the reason, and renewing stops.
         */
        public void startRenewing(Consumer<String> onLost) {
            var period = renewEvery(lease);
            var deadline = renewDeadline(lease);
            var thread = new Thread(() -> {
                long lastRenewal = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(Math.max(1, period.toMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        var left = deadline.minus(Duration.ofNanos(System.nanoTime() - lastRenewal));
                        renew(min(timeout, left.compareTo(period) > 0 ? left : period));
                        lastRenewal = System.nanoTime();
                    } catch (LostException e) {
                        lose(e.getMessage(), onLost);
                        return;
                    } catch (KubernetesClientException e) {
                        if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                            lose("the drill lock was changed by someone else while this drill renewed it", onLost);
                            return;
                        }
                    } catch (Deadline.InterruptedCallException e) {
                        return;
                    } catch (RuntimeException e) {
                        // a renewal that failed: tried again at the next period, until the deadline
                    }
                    if (Duration.ofNanos(System.nanoTime() - lastRenewal).compareTo(deadline) >= 0) {
                        lose("the drill lock could not be renewed for " + Deadline.format(deadline) + " (its lease is " + Deadline.format(lease)
                                + "): another machine may judge it expired", onLost);
                        return;
                    }
                }
            }, "drill-lock-renewal");
            thread.setDaemon(true);
            renewer = thread;
            thread.start();
        }

        private void lose(String why, Consumer<String> onLost) {
            lost = why;
            onLost.accept(why);
        }

        /** Stops the renewals and waits for one under way. */
        public void stopRenewing() {
            var thread = renewer;
            renewer = null;
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(timeout.toMillis() + 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /**
         * Stops renewing and removes the Lease after a {@link #check}: the delete carries the
         * resourceVersion of the holder's last write as its precondition. True when a read shows it gone
         * (or replaced by another).
         */
        public boolean release(Duration limit) {
            stopRenewing(); // first: the renewer may be waiting for this holder's monitor
            synchronized (this) {
                check(limit);
                var held = resourceVersion;
                Deadline.call("removing the drill lock (" + where() + ")", limit,
                        () -> client.leases().inNamespace(namespace).withName(NAME).lockResourceVersion(held).delete());
                return read(limit).map(h -> !h.resourceVersion().equals(held)).orElse(true);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static int seconds(Duration lease) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, lease.toSeconds()));
    }

    static String encode(List<Drill.Target> targets) {
        var parts = new ArrayList<String>();
        for (var t : targets) {
            parts.add(t.namespace() + "/" + t.name() + "=" + t.originalReplicas());
        }
        return String.join(",", parts);
    }

    /** The readable entries of {@link #encode}'s text; every other entry goes to {@code unreadable}, as written. */
    static List<Drill.Target> decode(String text, List<String> unreadable) {
        var out = new ArrayList<Drill.Target>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (var part : text.split(",")) {
            int slash = part.indexOf('/');
            int eq = part.lastIndexOf('=');
            try {
                if (slash <= 0 || eq <= slash + 1) {
                    throw new IllegalArgumentException(part);
                }
                out.add(new Drill.Target(part.substring(0, slash), part.substring(slash + 1, eq), Integer.parseInt(part.substring(eq + 1))));
            } catch (RuntimeException e) {
                unreadable.add(part);
            }
        }
        return out;
    }

    private static Holder holder(Lease lease) {
        Map<String, String> annotations = lease.getMetadata().getAnnotations() == null ? Map.of()
                : new LinkedHashMap<>(lease.getMetadata().getAnnotations());
        var spec = lease.getSpec();
        var id = spec == null || spec.getHolderIdentity() == null ? "(no holder)" : spec.getHolderIdentity();
        var seconds = spec == null || spec.getLeaseDurationSeconds() == null ? MAX_LEASE.toSeconds() : spec.getLeaseDurationSeconds();
        var renewed = spec == null ? Optional.<Instant>empty()
                : Optional.ofNullable(spec.getRenewTime() != null ? spec.getRenewTime() : spec.getAcquireTime()).map(ZonedDateTime::toInstant);
        var unreadable = new ArrayList<String>();
        var targets = decode(annotations.get(TARGETS), unreadable);
        var region = Optional.ofNullable(annotations.get(REGION)).filter(r -> !r.isBlank());
        var blackholes = new ArrayList<String>();
        var recorded = annotations.get(BLACKHOLES);
        if (recorded != null && !recorded.isBlank()) {
            for (var part : recorded.split(",")) {
                blackholes.add(part.strip());
            }
        }
        return new Holder(id, region, List.copyOf(targets), List.copyOf(unreadable), Duration.ofSeconds(Math.max(1, seconds)), renewed,
                lease.getMetadata().getResourceVersion(), blackholes);
    }
}
