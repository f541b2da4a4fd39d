package io.asmdr.ops;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A drill leaves no owner behind: giving {@code .spec.replicas} back after a drill put a count back.
 *
 * <p>The drill writes counts with updates (PUT, fenced by the resourceVersion), and an update that changes a field makes
 * its manager the field's owner and takes the field from every other manager's set (kubernetes.io, "Server-Side Apply",
 * "Field management" and "Conflicts"). After a drill, this program's manager ({@link LiveStack#FIELD_MANAGER}) is
 * therefore the only owner of {@code .spec.replicas} of each Deployment it scaled, and the stack's next
 * {@code pulumi up} that changes a count (pulumi-kubernetes applies server-side, without force) is refused with a
 * conflict naming that manager: measured in the sandbox after `drill failover`, and held by the fleet test.
 *
 * <p>{@link #releaseReplicas} removes {@code .spec.replicas} from this program's own managedFields entries only, with
 * an update carrying the resourceVersion it read ("the managedFields of an object can be changed by every write other
 * than apply", same page, "Clearing managedFields"): nobody owns the count then, and the next apply of any count takes
 * it without a conflict. The value is not touched.
 */
final class FieldOwnership {
    private static final String SPEC = "f:spec";
    private static final String REPLICAS = "f:replicas";

    private FieldOwnership() {}

    /**
     * Gives up this program's ownership of the Deployment's {@code .spec.replicas}; empty when given up or never held,
     * else what stopped it (a lost race three times, or the API server's answer).
     */
    static Optional<String> releaseReplicas(KubernetesClient client, String region, String namespace, String name, Duration callTimeout) {
        for (int attempt = 0; attempt < 3; attempt++) {
            var d = Drill.deployment(client, region, namespace, name, callTimeout);
            if (d == null) {
                return Optional.of(namespace + "/" + name + " in " + region + " is gone");
            }
            var without = withoutReplicas(d.getMetadata().getManagedFields(), LiveStack.FIELD_MANAGER);
            if (without.isEmpty()) {
                return Optional.empty();
            }
            d.getMetadata().setManagedFields(without.get());
            try {
                Deadline.call("giving up .spec.replicas of " + namespace + "/" + name + " in " + region, callTimeout,
                        () -> client.resource(d).update());
                return Optional.empty();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    return Optional.of(LiveStack.plain(e));
                }
            }
        }
        return Optional.of(namespace + "/" + name + " in " + region + " kept changing while its .spec.replicas was given up");
    }

    /**
     * The entries with {@code .spec.replicas} taken out of {@code manager}'s non-apply entries (an entry left with no
     * field goes); empty when there is nothing to take out. An empty list is never returned: the API server would read it
     * as "unchanged", and at least the stack's own entry remains in practice; should none remain, one empty entry is the
     * documented way to clear them.
     */
    static Optional<List<ManagedFieldsEntry>> withoutReplicas(List<ManagedFieldsEntry> entries, String manager) {
        if (entries == null || entries.isEmpty()) {
            return Optional.empty();
        }
        var out = new ArrayList<ManagedFieldsEntry>();
        boolean changed = false;
        for (var e : entries) {
            if (!manager.equals(e.getManager()) || "Apply".equals(e.getOperation()) || e.getSubresource() != null && !e.getSubresource().isEmpty()
                    || e.getFieldsV1() == null || !(e.getFieldsV1().getAdditionalProperties().get(SPEC) instanceof Map<?, ?> spec)
                    || !spec.containsKey(REPLICAS)) {
                out.add(e);
                continue;
            }
            changed = true;
            var fields = new LinkedHashMap<>(e.getFieldsV1().getAdditionalProperties());
            var specLeft = new LinkedHashMap<Object, Object>(spec);
            specLeft.remove(REPLICAS);
            if (specLeft.isEmpty()) {
                fields.remove(SPEC);
            } else {
                fields.put(SPEC, specLeft);
            }
            if (!fields.isEmpty()) {
                var v1 = new FieldsV1();
                fields.forEach(v1::setAdditionalProperty);
                out.add(new ManagedFieldsEntry(e.getApiVersion(), e.getFieldsType(), v1, e.getManager(), e.getOperation(), e.getSubresource(), e.getTime()));
            }
        }
        if (!changed) {
            return Optional.empty();
        }
        return Optional.of(out.isEmpty() ? List.of(new ManagedFieldsEntry()) : out);
    }

    /** Who owns {@code .spec.replicas} (for messages and tests): the managers whose entries name it. */
    static List<String> replicasOwners(Deployment d) {
        var out = new ArrayList<String>();
        var entries = d.getMetadata().getManagedFields();
        if (entries != null) {
            for (var e : entries) {
                if (e.getFieldsV1() != null && e.getFieldsV1().getAdditionalProperties().get(SPEC) instanceof Map<?, ?> spec && spec.containsKey(REPLICAS)) {
                    out.add(e.getManager() + " (" + e.getOperation() + ")");
                }
            }
        }
        return out;
    }
}
