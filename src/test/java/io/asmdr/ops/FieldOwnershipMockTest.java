package io.asmdr.ops;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release's reads and writes against fabric8's mock API server, which stores managedFields as written (it has no
 * server-side apply: what the API server makes of the write is DrillFieldOwnershipIntegrationTest's, on a real one).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class FieldOwnershipMockTest {
    private static final Duration CALL = Duration.ofSeconds(5);
    KubernetesClient client;

    private static ManagedFieldsEntry entry(String manager, String operation, Map<String, Object> fields) {
        return FieldOwnershipTest.entry(manager, operation, null, fields);
    }

    private void deployment(String name, List<ManagedFieldsEntry> managedFields) {
        var labels = Map.of("app", name);
        client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withManagedFields(managedFields).endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("example").endContainer().endSpec().endTemplate().endSpec()
                .build()).create();
    }

    @Test
    void aCountTheDrillOwnsIsGivenBackAndTheCountStays() {
        deployment("reviews-v1", List.of(
                entry("pulumi-kubernetes-7b3e", "Apply", Map.of("f:spec", Map.of("f:template", Map.of()))),
                entry(LiveStack.FIELD_MANAGER, "Update", Map.of("f:spec", Map.of("f:replicas", Map.of())))));
        var before = Drill.deployment(client, "cn-hangzhou", "default", "reviews-v1", CALL);
        assertEquals(List.of(LiveStack.FIELD_MANAGER + " (Update)"), FieldOwnership.replicasOwners(before));

        var release = FieldOwnership.releaseReplicas(client, "cn-hangzhou", "default", "reviews-v1", CALL);
        assertEquals(new FieldOwnership.Release(true, Optional.empty()), release);
        assertEquals("given back", release.text());
        assertTrue(release.ok());
        var after = Drill.deployment(client, "cn-hangzhou", "default", "reviews-v1", CALL);
        assertEquals(List.of(), FieldOwnership.replicasOwners(after));
        assertEquals(3, after.getSpec().getReplicas());
        assertEquals(List.of("pulumi-kubernetes-7b3e"), after.getMetadata().getManagedFields().stream().map(ManagedFieldsEntry::getManager).toList());
    }

    @Test
    void nothingHeldIsSaidSoAndNothingIsWritten() {
        deployment("ratings-v1", List.of(entry("pulumi-kubernetes-7b3e", "Apply", Map.of("f:spec", Map.of("f:replicas", Map.of())))));
        var version = Drill.deployment(client, "cn-hangzhou", "default", "ratings-v1", CALL).getMetadata().getResourceVersion();
        var release = FieldOwnership.releaseReplicas(client, "cn-hangzhou", "default", "ratings-v1", CALL);
        assertEquals(new FieldOwnership.Release(false, Optional.empty()), release);
        assertEquals("not held by a drill", release.text());
        assertEquals(version, Drill.deployment(client, "cn-hangzhou", "default", "ratings-v1", CALL).getMetadata().getResourceVersion());
        assertEquals(List.of("pulumi-kubernetes-7b3e (Apply)"),
                FieldOwnership.replicasOwners(Drill.deployment(client, "cn-hangzhou", "default", "ratings-v1", CALL)));
    }

    @Test
    void aDeploymentThatIsGoneOrAnAnswerThatIsNoneIsAProblemNeverAnException() {
        var gone = FieldOwnership.releaseReplicas(client, "cn-hangzhou", "default", "nope", CALL);
        assertFalse(gone.ok());
        assertTrue(gone.problem().orElseThrow().contains("default/nope in cn-hangzhou is gone"), gone.toString());
        assertTrue(gone.text().startsWith("still owned by a drill's manager (") && gone.text().contains("`drill restore STACK`"), gone.text());

        client.close(); // every call fails now
        var failed = FieldOwnership.releaseReplicas(client, "cn-hangzhou", "default", "reviews-v1", CALL);
        assertFalse(failed.ok(), failed.toString());
        assertTrue(failed.held(), "not known: counted as held, so the restore says it");
    }
}
