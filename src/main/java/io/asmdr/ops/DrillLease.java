package io.asmdr.ops;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The durable record of a drill, kept on the Deployments it scales: annotations with the drill's id,
 * the replica count to return to, and an expiry. They are written before anything is scaled, so the
 * original count survives a SIGKILL, a laptop going to sleep or a lost terminal, and any machine can
 * put the region back ({@code drill restore}). While one is present anywhere in the mesh, no other
 * drill starts: two regions drilled at once take reviews down everywhere.
 */
public final class DrillLease {
    public static final String PREFIX = "drill.asm-dr.io/";
    public static final String ID = PREFIX + "id";
    public static final String ORIGINAL_REPLICAS = PREFIX + "original-replicas";
    public static final String EXPIRES = PREFIX + "expires";

    private DrillLease() {}

    /** A lease found on a Deployment. */
    public record Held(String region, String namespace, String deployment, String id, int originalReplicas, Instant expires) {
        public boolean live(Instant now) {
            return expires.isAfter(now);
        }

        public String describe() {
            return "drill " + id + " on " + namespace + "/" + deployment + " in " + region + " (back to " + originalReplicas
                    + ", lease until " + expires + ")";
        }
    }

    /** Every lease on the reviews Deployments of one cluster's app namespace. */
    public static List<Held> find(KubernetesClient client, String region, String namespace) {
        var out = new ArrayList<Held>();
        for (var d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
            var name = d.getMetadata().getName();
            var annotations = d.getMetadata().getAnnotations();
            if (!name.startsWith("reviews-") || annotations == null || !annotations.containsKey(ID)) {
                continue;
            }
            out.add(new Held(region, namespace, name, annotations.get(ID), parse(annotations.get(ORIGINAL_REPLICAS), -1),
                    parseInstant(annotations.get(EXPIRES))));
        }
        return out;
    }

    /** Writes the lease before the Deployment is touched; verified by reading it back. */
    public static void acquire(KubernetesClient client, String namespace, String name, String id, int originalReplicas, Instant expires) {
        var after = client.apps().deployments().inNamespace(namespace).withName(name).edit(d -> {
            var annotations = d.getMetadata().getAnnotations() == null ? new HashMap<String, String>() : new HashMap<>(d.getMetadata().getAnnotations());
            var other = annotations.get(ID);
            if (other != null && !other.equals(id)) {
                throw new Drill.RefusedException("drill " + other + " took " + namespace + "/" + name + " first; nothing was scaled");
            }
            annotations.put(ID, id);
            annotations.put(ORIGINAL_REPLICAS, String.valueOf(originalReplicas));
            annotations.put(EXPIRES, expires.toString());
            d.getMetadata().setAnnotations(annotations);
            return d;
        });
        var written = Optional.ofNullable(after.getMetadata().getAnnotations()).map(a -> a.get(ID)).orElse(null);
        if (!id.equals(written)) {
            throw new IllegalStateException("could not record the drill on " + namespace + "/" + name + "; nothing was scaled");
        }
    }

    /**
     * Puts a leased Deployment back to its original count and removes the lease, in one edit; true
     * when a read-back shows both. Never removes a lease without restoring the count.
     */
    public static boolean release(KubernetesClient client, Held lease) {
        if (lease.originalReplicas() < 0) {
            throw new IllegalStateException(lease.namespace() + "/" + lease.deployment() + " has an unreadable " + ORIGINAL_REPLICAS
                    + " annotation; set its replicas by hand and remove the " + PREFIX + " annotations");
        }
        var deployments = client.apps().deployments().inNamespace(lease.namespace());
        deployments.withName(lease.deployment()).edit(d -> {
            d.getSpec().setReplicas(lease.originalReplicas());
            var annotations = d.getMetadata().getAnnotations() == null ? new HashMap<String, String>() : new HashMap<>(d.getMetadata().getAnnotations());
            annotations.keySet().removeIf(k -> k.startsWith(PREFIX));
            d.getMetadata().setAnnotations(annotations);
            return d;
        });
        Deployment now = deployments.withName(lease.deployment()).get();
        return now != null && now.getSpec().getReplicas() != null && now.getSpec().getReplicas() == lease.originalReplicas()
                && (now.getMetadata().getAnnotations() == null || !now.getMetadata().getAnnotations().containsKey(ID));
    }

    /**
     * Runs {@code attempt} until it returns true or {@code deadline} passes, backing off from 250 ms
     * to 5 s between tries; a failed try's message is kept for the report.
     */
    public static Map<String, Object> retrying(BooleanSupplier attempt, Duration deadline) {
        var until = System.nanoTime() + deadline.toNanos();
        long backoff = 250;
        int tries = 0;
        String lastError = null;
        boolean interrupted = false;
        try {
            while (true) {
                tries++;
                try {
                    if (attempt.getAsBoolean()) {
                        return Map.of("ok", true, "tries", tries);
                    }
                    lastError = "the read-back did not show the original count";
                } catch (RuntimeException e) {
                    lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
                if (System.nanoTime() + backoff * 1_000_000 > until) {
                    return Map.of("ok", false, "tries", tries, "error", lastError);
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    interrupted = true; // a restore is not abandoned for an interrupt: keep trying until the deadline
                }
                backoff = Math.min(5000, backoff * 2);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int parse(String text, int fallback) {
        try {
            return Integer.parseInt(text);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return Instant.EPOCH; // unreadable: treated as expired, never as a live drill
        }
    }
}
