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
import java.util.Set;

/**
 * A drill leaves no owner behind: giving {@code .spec.replicas} back after a drill put a count back.
 *
 * <p>The drill writes counts with updates (PUT, fenced by the resourceVersion), and an update that changes a field makes
 * its manager the field's owner and takes the field from every other manager's set (kubernetes.io, "Server-Side Apply",
 * "Field management" and "Conflicts"). After a drill, this program's manager ({@link LiveStack#FIELD_MANAGER}) is
 * therefore the only owner of {@code .spec.replicas} of each Deployment it scaled, and the stack's next
 * {@code pulumi up} that changes a count (pulumi-kubernetes applies server-side, without force) is refused with a
 * conflict naming that manager: seen in the sandbox after `drill failover` (there under {@link #EARLIER_MANAGER}, the
 * name earlier builds' writes were recorded under), and held by {@code DrillFieldOwnershipIntegrationTest}.
 *
 * <p>{@link #releaseReplicas} removes {@code .spec.replicas} from those managers' own update entries only, with an
 * update carrying the resourceVersion it read ("the managedFields of an object can be changed by every write other than
 * apply", same page, "Clearing managedFields"): nobody owns the count then, and the next apply of any count takes it
 * without a conflict. The value is not touched.
 */
final class FieldOwnership {
    /** The manager fabric8's default user agent made of the drill's writes before its clients named themselves. */
    static final String EARLIER_MANAGER = "fabric8-kubernetes-client";
    static final Set<String> DRILL_MANAGERS = Set.of(LiveStack.FIELD_MANAGER, EARLIER_MANAGER);
    private static final String SPEC = "f:spec";
    private static final String REPLICAS = "f:replicas";

    private FieldOwnership() {}

    /** What became of a Deployment's count ownership: given back, never held by a drill's manager, or still held (why). */
    record Release(boolean held, Optional<String> problem) {
        boolean ok() {
            return problem.isEmpty();
        }

        String text() {
            return problem.map(p -> "still owned by a drill's manager (" + p + "); " + ADVICE).orElse(held ? "given back" : "not held by a drill");
        }
    }

    /** What to do when {@code .spec.replicas} could not be given back; {@code drill restore} looks with or without a lock. */
    static final String ADVICE = "a `pulumi up` that changes this count is refused with a conflict until `drill restore STACK` gives it back"
            + " (it looks for it with or without a drill lock)";

    /** Gives up the drill managers' ownership of the Deployment's {@code .spec.replicas}; never throws. */
    static Release releaseReplicas(KubernetesClient client, String region, String namespace, String name, Duration callTimeout) {
        boolean held = false;
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                var d = Drill.deployment(client, region, namespace, name, callTimeout);
                if (d == null) {
                    return new Release(held, Optional.of(namespace + "/" + name + " in " + region + " is gone"));
                }
                var without = withoutReplicas(d.getMetadata().getManagedFields(), DRILL_MANAGERS);
                if (without.isEmpty()) {
                    return new Release(held, Optional.empty());
                }
                held = true;
                d.getMetadata().setManagedFields(without.get());
                try {
                    Deadline.call("giving up .spec.replicas of " + namespace + "/" + name + " in " + region, callTimeout,
                            () -> client.resource(d).update());
                    return new Release(true, Optional.empty());
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                }
            }
            return new Release(true, Optional.of(namespace + "/" + name + " in " + region + " kept changing while its .spec.replicas was given up"));
        } catch (RuntimeException e) {
            // a restore goes on whatever this answers: the count is what matters first
            return new Release(true, Optional.of(LiveStack.plain(e)));
        }
    }

    /**
     * The entries with {@code .spec.replicas} taken out of the {@code managers}' update entries (an entry left with no
     * field goes); empty when there is nothing to take out. An empty list is never returned: the API server would read it
     * as "unchanged", and at least the stack's own entry remains in practice; should none remain, one empty entry is the
     * documented way to clear them.
     */
    static Optional<List<ManagedFieldsEntry>> withoutReplicas(List<ManagedFieldsEntry> entries, Set<String> managers) {
        if (entries == null || entries.isEmpty()) {
            return Optional.empty();
        }
        var out = new ArrayList<ManagedFieldsEntry>();
        boolean changed = false;
        for (var e : entries) {
            if (!managers.contains(e.getManager()) || "Apply".equals(e.getOperation()) || e.getSubresource() != null && !e.getSubresource().isEmpty()
                    || !namesReplicas(e)) {
                out.add(e);
                continue;
            }
            changed = true;
            var fields = new LinkedHashMap<>(e.getFieldsV1().getAdditionalProperties());
            var specLeft = new LinkedHashMap<Object, Object>((Map<?, ?>) fields.get(SPEC));
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

    /** Whether a managedFields entry names {@code .spec.replicas} ({@code f:spec} holding {@code f:replicas}). */
    private static boolean namesReplicas(ManagedFieldsEntry e) {
        return e.getFieldsV1() != null && e.getFieldsV1().getAdditionalProperties().get(SPEC) instanceof Map<?, ?> spec && spec.containsKey(REPLICAS);
    }

    /** Who owns {@code .spec.replicas} (for messages and tests): the managers whose entries name it. */
    static List<String> replicasOwners(Deployment d) {
        var out = new ArrayList<String>();
        var entries = d.getMetadata().getManagedFields();
        if (entries != null) {
            for (var e : entries) {
                if (namesReplicas(e)) {
                    out.add(e.getManager() + " (" + e.getOperation() + ")");
                }
            }
        }
        return out;
    }
}
