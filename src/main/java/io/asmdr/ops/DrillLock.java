package io.asmdr.ops;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one lock for every drill of the mesh: a {@code coordination.k8s.io/v1} Lease named
 * {@value #NAME} in the app namespace of the gateway cluster. Taking it is a create, which the API
 * server grants to exactly one of any number of drills that try at once (the others get 409
 * AlreadyExists), so two drills never run together, whatever regions they drill and however close
 * together they start. It is also the durable record of the drill: the holder, the region, the
 * Deployments and the replica counts to return to, and an expiry, so {@code drill restore} can put a
 * region back from any machine after the drill's own process is gone.
 *
 * <p>It is only removed by its holder (the id is checked) or by {@code drill restore}, and every
 * removal carries the resourceVersion that was read (a precondition), so a lock that changed since
 * is never removed blind.
 */
public final class DrillLock {
    public static final String NAME = "asm-dr-drill";
    static final String REGION = "drill.asm-dr.io/region";
    static final String TARGETS = "drill.asm-dr.io/targets";
    static final String EXPIRES = "drill.asm-dr.io/expires";

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

    /** The lock as read: who holds it, for which region, what to put back, until when; and its resourceVersion. */
    public record Holder(String id, String region, List<Drill.Target> targets, Instant expires, String resourceVersion) {
        public boolean live(Instant now) {
            return expires.isAfter(now);
        }

        public String describe() {
            return "drill " + id + " of " + region + " holds the drill lock (Lease " + NAME + ") until " + expires + ", to put back "
                    + targets.stream().map(t -> t.namespace() + "/" + t.name() + " to " + t.originalReplicas()).toList();
        }
    }

    public String where() {
        return "Lease " + namespace + "/" + NAME + " in the cluster of " + cluster;
    }

    public Optional<Holder> read() {
        var lease = Deadline.call("reading the drill lock (" + where() + ")", timeout,
                () -> client.leases().inNamespace(namespace).withName(NAME).get());
        return Optional.ofNullable(lease).map(DrillLock::holder);
    }

    /**
     * Creates the lock for drill {@code id}, or refuses (nothing else touched) when it exists: the
     * create-if-absent is the decision, so two drills that both read "no lock" cannot both get it.
     */
    public Holder acquire(String id, String region, List<Drill.Target> targets, Instant now, Instant expires) {
        var lease = new LeaseBuilder()
                .withNewMetadata().withName(NAME).withNamespace(namespace)
                .addToAnnotations(REGION, region)
                .addToAnnotations(TARGETS, encode(targets))
                .addToAnnotations(EXPIRES, expires.toString())
                .endMetadata()
                .withNewSpec().withHolderIdentity(id)
                .withLeaseDurationSeconds((int) Math.min(Integer.MAX_VALUE, Duration.between(now, expires).toSeconds()))
                .withAcquireTime(now.atZone(ZoneOffset.UTC))
                .endSpec().build();
        try {
            Lease created = Deadline.call("creating the drill lock (" + where() + ")", timeout,
                    () -> client.leases().inNamespace(namespace).resource(lease).create());
            return holder(created);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                var other = read();
                throw new Drill.RefusedException(other.map(h -> "another drill took the lock first: " + h.describe())
                        .orElse("another drill took the lock first (" + where() + ") and has released it since") + "; nothing was touched");
            }
            throw e;
        }
    }

    /**
     * Removes the lock if drill {@code id} holds it; true when it is gone (or was never there). A lock
     * held by another id is left alone and reported: a drill releases only its own.
     */
    public boolean release(String id) {
        var current = read();
        if (current.isEmpty()) {
            return true;
        }
        if (!current.get().id().equals(id)) {
            throw new IllegalStateException("the drill lock is held by drill " + current.get().id() + ", not by this drill (" + id
                    + "); left as it is");
        }
        return remove(current.get());
    }

    /**
     * Removes exactly the lock that was read as {@code held}: the delete carries its resourceVersion as
     * a precondition, so a lock that changed since (another drill's, re-created) stays.
     */
    public boolean remove(Holder held) {
        Deadline.call("removing the drill lock (" + where() + ")", timeout,
                () -> client.leases().inNamespace(namespace).withName(NAME).lockResourceVersion(held.resourceVersion()).delete());
        return read().map(h -> !h.resourceVersion().equals(held.resourceVersion())).orElse(true);
    }

    static String encode(List<Drill.Target> targets) {
        var parts = new ArrayList<String>();
        for (var t : targets) {
            parts.add(t.namespace() + "/" + t.name() + "=" + t.originalReplicas());
        }
        return String.join(",", parts);
    }

    /** The targets as written by {@link #encode}; an unreadable one is an error that names the annotation. */
    static List<Drill.Target> decode(String text) {
        var out = new ArrayList<Drill.Target>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (var part : text.split(",")) {
            int slash = part.indexOf('/');
            int eq = part.lastIndexOf('=');
            try {
                out.add(new Drill.Target(part.substring(0, slash), part.substring(slash + 1, eq), Integer.parseInt(part.substring(eq + 1))));
            } catch (RuntimeException e) {
                throw new IllegalStateException("the drill lock's " + TARGETS + " annotation is unreadable at '" + part
                        + "'; set the replicas by hand and delete the Lease " + NAME);
            }
        }
        return out;
    }

    private static Holder holder(Lease lease) {
        Map<String, String> annotations = lease.getMetadata().getAnnotations() == null ? Map.of() : new LinkedHashMap<>(lease.getMetadata().getAnnotations());
        Instant expires;
        try {
            expires = Instant.parse(annotations.get(EXPIRES));
        } catch (RuntimeException e) {
            expires = Instant.EPOCH; // unreadable: an expired lock, never a live drill
        }
        var id = lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null ? "(no holder)" : lease.getSpec().getHolderIdentity();
        return new Holder(id, annotations.getOrDefault(REGION, "(unknown region)"), decode(annotations.get(TARGETS)), expires,
                lease.getMetadata().getResourceVersion());
    }
}
