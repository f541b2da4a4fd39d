package io.asmdr.ops;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The lease drills wrote before the mesh-wide {@link DrillLock}: annotations on the drilled region's
 * own reviews Deployment. They excluded nothing (a drill of another region never saw them), so no
 * drill writes them any more; a leftover one still holds the only record of a region's original
 * count, so a drill refuses while one exists and {@code drill restore} puts the count back and
 * removes it.
 */
public final class OldStyleLease {
    public static final String PREFIX = "drill.asm-dr.io/";
    public static final String ID = PREFIX + "id";
    public static final String ORIGINAL_REPLICAS = PREFIX + "original-replicas";
    public static final String EXPIRES = PREFIX + "expires";

    private OldStyleLease() {}

    /** An old-style lease found on a Deployment. */
    public record Held(String region, String namespace, String deployment, String id, int originalReplicas, Instant expires) {
        public String describe() {
            return "an old-style drill lease (annotations " + PREFIX + "*) of drill " + id + " on " + namespace + "/" + deployment
                    + " in " + region + " (back to " + originalReplicas + ")";
        }
    }

    /** Every old-style lease on the reviews Deployments of one cluster's app namespace. */
    public static List<Held> find(KubernetesClient client, String region, String namespace, Duration timeout) {
        var items = Deadline.call("listing the Deployments of " + namespace + " in " + region, timeout,
                () -> client.apps().deployments().inNamespace(namespace).list().getItems());
        var out = new ArrayList<Held>();
        for (var d : items) {
            var name = d.getMetadata().getName();
            var annotations = d.getMetadata().getAnnotations();
            if (!name.startsWith("reviews-") || annotations == null || !annotations.containsKey(ID)) {
                continue;
            }
            out.add(new Held(region, namespace, name, annotations.get(ID), parse(annotations.get(ORIGINAL_REPLICAS)),
                    parseInstant(annotations.get(EXPIRES))));
        }
        return out;
    }

    /**
     * Puts the Deployment back to the recorded count and removes the annotations, in one write that
     * carries the resourceVersion it read: a concurrent change is a conflict, retried from a fresh
     * read, never overwritten blind. True when a read-back shows both. A count no drill can have
     * recorded (unreadable, or below 1: a drill scaled only Deployments that ran) and a Deployment that
     * is gone are given up at once ({@link Retry.Abandon}): no retry mends them.
     */
    public static boolean clear(KubernetesClient client, Held lease, Duration timeout) {
        var what = lease.namespace() + "/" + lease.deployment() + " in " + lease.region();
        if (lease.originalReplicas() < 1) {
            throw new Retry.Abandon(what + " has " + (lease.originalReplicas() < 0 ? "an unreadable " + ORIGINAL_REPLICAS + " annotation"
                    : ORIGINAL_REPLICAS + " " + lease.originalReplicas() + ", which no drill records (a drill scaled only Deployments that ran)")
                    + "; set its replicas by hand and remove the " + PREFIX + " annotations");
        }
        var deployments = client.apps().deployments().inNamespace(lease.namespace());
        var d = Deadline.call("reading " + what, timeout, () -> deployments.withName(lease.deployment()).get());
        if (d == null) {
            throw new Retry.Abandon(what + " is gone");
        }
        d.getSpec().setReplicas(lease.originalReplicas());
        var annotations = d.getMetadata().getAnnotations() == null ? new HashMap<String, String>() : new HashMap<>(d.getMetadata().getAnnotations());
        annotations.keySet().removeIf(k -> k.startsWith(PREFIX));
        d.getMetadata().setAnnotations(annotations);
        Deadline.call("restoring " + what, timeout, () -> client.resource(d).update());
        var now = Deadline.call("reading back " + what, timeout, () -> deployments.withName(lease.deployment()).get());
        return now != null && now.getSpec().getReplicas() != null && now.getSpec().getReplicas() == lease.originalReplicas()
                && (now.getMetadata().getAnnotations() == null || !now.getMetadata().getAnnotations().containsKey(ID));
    }

    private static int parse(String text) {
        try {
            return Integer.parseInt(text);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
