package io.asmdr.ops;

import io.asmdr.sandbox.kube.Binaries;
import io.asmdr.sandbox.kube.KubeFleet;
import io.asmdr.sandbox.kube.Role;
import io.asmdr.support.KubeBinaries;
import io.asmdr.support.TestStacks;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against a real kube-apiserver (v1.34, the sandbox's): after a drill's scale-down and put-back, the stack's next
 * server-side apply of another count is refused with a conflict naming this program's manager, which is what the
 * sandbox showed after `drill failover`; once {@link FieldOwnership#releaseReplicas} has run, the same apply goes through
 * and the stack's manager owns the count again. The apply is made the way pulumi-kubernetes makes it (server-side, no
 * force, its own field manager; the name here stands in for the provider's).
 */
@Tag("processes") // starts etcd and an API server: kept out of PIT's runs (pom.xml), in every `mvn test`
class DrillFieldOwnershipIntegrationTest {
    private static final String STACK_MANAGER = "pulumi-kubernetes-7b3e";
    private static final Duration CALL = Duration.ofSeconds(10);
    private static Binaries binaries;

    @TempDir
    Path state;

    @BeforeAll
    static void findBinaries() {
        binaries = KubeBinaries.orSkipNote("DrillFieldOwnershipIntegrationTest").orElse(null);
    }

    private static Deployment reviews(int replicas) {
        var labels = Map.of("app", "reviews", "version", "v1");
        return new DeploymentBuilder()
                .withNewMetadata().withName("reviews-v1").withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("reviews").withImage("docker.io/istio/examples-bookinfo-reviews-v1:1.16.2")
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static Deployment applyAsTheStack(KubernetesClient stack, int replicas) {
        return stack.apps().deployments().inNamespace("default").resource(reviews(replicas)).fieldManager(STACK_MANAGER).serverSideApply();
    }

    /** The drill's scale-down write (Drill.scaleDown): an update of the Deployment as read, with 0. */
    private static void scaleToZeroAsTheDrill(KubernetesClient drill) {
        var read = Drill.deployment(drill, "cn-hangzhou", "default", "reviews-v1", CALL);
        read.getSpec().setReplicas(0);
        drill.resource(read).update();
    }

    @Test
    void afterAPutBackTheStacksNextApplyOfAnotherCountGoesThroughOnlyOnceTheDrillGaveTheCountUp() {
        assumeTrue(binaries != null, "the sandbox binaries are not built (tools/sandbox-binaries.sh)");
        try (var fleet = KubeFleet.open(state, binaries)) {
            var kubeconfig = fleet.ensureCluster("c-hz", "cn-hangzhou", List.of("cn-hangzhou-h"), Role.ACK);
            var config = Config.fromKubeconfig(kubeconfig);
            config.setRequestRetryBackoffLimit(0);
            try (var stack = new KubernetesClientBuilder().withConfig(config).build(); var drill = LiveStack.client(kubeconfig)) {
                applyAsTheStack(stack, 3);
                assertEquals(List.of(STACK_MANAGER + " (Apply)"), FieldOwnership.replicasOwners(Drill.deployment(drill, "cn-hangzhou", "default", "reviews-v1", CALL)));

                // the drill's scale-down (Drill.scaleDown: an update of the Deployment read) and its put-back
                scaleToZeroAsTheDrill(drill);
                var target = new Drill.Target("default", "reviews-v1", 3);
                assertTrue(Drill.putBack(drill, "cn-hangzhou", target, CALL, "drill-test"));
                var after = Drill.deployment(drill, "cn-hangzhou", "default", "reviews-v1", CALL);
                assertEquals(3, after.getSpec().getReplicas());
                assertEquals(List.of(LiveStack.FIELD_MANAGER + " (Update)"), FieldOwnership.replicasOwners(after),
                        "the update took the count from the stack's manager: the API server names the user agent's prefix");

                // the Day-2 change the sandbox ran into: refused with a conflict naming the drill's manager
                var conflict = assertThrows(KubernetesClientException.class, () -> applyAsTheStack(stack, 4));
                assertEquals(409, conflict.getCode());
                assertTrue(conflict.getMessage().contains(LiveStack.FIELD_MANAGER) && conflict.getMessage().contains(".spec.replicas"),
                        conflict.getMessage());

                // what the restore does next: the drill's manager, the count's only owner, gives it up; nobody owns it then
                var release = FieldOwnership.releaseReplicas(drill, "cn-hangzhou", "default", "reviews-v1", CALL);
                assertEquals(new FieldOwnership.Release(true, Optional.empty()), release);
                assertEquals("given back", release.text());
                var released = Drill.deployment(drill, "cn-hangzhou", "default", "reviews-v1", CALL);
                assertEquals(3, released.getSpec().getReplicas(), "giving the field up leaves the count alone");
                assertEquals(List.of(), FieldOwnership.replicasOwners(released));
                assertTrue(released.getMetadata().getAnnotations().containsKey(Drill.RESTORED_BY), "the fence annotation stays");

                var applied = applyAsTheStack(stack, 4);
                assertEquals(4, applied.getSpec().getReplicas());
                assertEquals(List.of(STACK_MANAGER + " (Apply)"), FieldOwnership.replicasOwners(applied));
                // nothing left to give up: a second call changes nothing
                var rv = applied.getMetadata().getResourceVersion();
                assertEquals(new FieldOwnership.Release(false, Optional.empty()), FieldOwnership.releaseReplicas(drill, "cn-hangzhou", "default", "reviews-v1", CALL));
                assertEquals(rv, Drill.deployment(drill, "cn-hangzhou", "default", "reviews-v1", CALL).getMetadata().getResourceVersion());

                // a second drill, and the stack applying the same count before the release: shared, no conflict; the release
                // leaves the stack the count's owner
                scaleToZeroAsTheDrill(drill);
                assertTrue(Drill.putBack(drill, "cn-hangzhou", new Drill.Target("default", "reviews-v1", 4), CALL, "drill-test-2"));
                applyAsTheStack(stack, 4);
                // `drill restore` without a lock finds it (dev: cn-hangzhou's reviews are v1 in namespace default)
                var swept = DrillRestore.countOwners(TestStacks.file("Pulumi.dev.yaml").load(), Map.of("cn-hangzhou", drill), Set.of("cn-hangzhou"), CALL);
                assertEquals(1, swept.size(), swept.toString());
                assertEquals("default/reviews-v1", swept.get(0).get("deployment"));
                assertEquals("given back", swept.get(0).get("replicasField"));
                assertEquals(true, swept.get(0).get("ok"));
                assertEquals(List.of(STACK_MANAGER + " (Apply)"),
                        FieldOwnership.replicasOwners(Drill.deployment(drill, "cn-hangzhou", "default", "reviews-v1", CALL)));
                assertEquals(List.of(), DrillRestore.countOwners(TestStacks.file("Pulumi.dev.yaml").load(), Map.of("cn-hangzhou", drill),
                        Set.of("cn-hangzhou"), CALL), "nothing left: no entry");
            }
        }
    }
}
