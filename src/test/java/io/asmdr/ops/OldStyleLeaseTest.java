package io.asmdr.ops;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The annotations drills wrote before the drill lock, against fabric8's mock API server: which
 * Deployments carry one, what is read of a malformed one, and a clear that puts the count back,
 * removes only the drill's annotations, and gives up at once on what no retry mends.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class OldStyleLeaseTest {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    KubernetesClient client;

    void deploy(String name, int replicas, Map<String, String> annotations) {
        var d = TestDeployments.of("default", name, Map.of("app", name), replicas, "c", "busybox");
        d.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
        client.apps().deployments().inNamespace("default").resource(d).create();
    }

    static Map<String, String> lease(String id, String replicas, String expires) {
        var out = new LinkedHashMap<String, String>();
        out.put(OldStyleLease.ID, id);
        out.put(OldStyleLease.ORIGINAL_REPLICAS, replicas);
        out.put(OldStyleLease.EXPIRES, expires);
        return out;
    }

    @Test
    void onlyReviewsDeploymentsWithADrillIdCarryOneAndAMalformedOneIsReadAsUnreadable() {
        deploy("reviews-v1", 0, lease("d-1", "3", "2026-12-07T01:00:00Z"));
        deploy("reviews-v2", 0, lease("d-2", "three", "soon"));
        deploy("reviews-v3", 1, Map.of("team", "a"));
        deploy("ratings-v1", 0, lease("d-3", "1", "2026-12-07T01:00:00Z"));
        var found = OldStyleLease.find(client, "cn-hangzhou", "default", TIMEOUT);
        assertEquals(List.of(
                new OldStyleLease.Held("cn-hangzhou", "default", "reviews-v1", "d-1", 3, Instant.parse("2026-12-07T01:00:00Z")),
                new OldStyleLease.Held("cn-hangzhou", "default", "reviews-v2", "d-2", -1, Instant.EPOCH)), found);
    }

    @Test
    void aClearPutsTheCountBackAndRemovesOnlyTheDrillsAnnotations() {
        var annotations = lease("d-1", "3", "2026-12-07T01:00:00Z");
        annotations.put("team", "a");
        deploy("reviews-v1", 0, annotations);
        var held = OldStyleLease.find(client, "cn-hangzhou", "default", TIMEOUT).get(0);
        assertTrue(OldStyleLease.clear(client, held, TIMEOUT));
        var d = client.apps().deployments().inNamespace("default").withName("reviews-v1").get();
        assertEquals(3, d.getSpec().getReplicas());
        assertEquals(Map.of("team", "a"), d.getMetadata().getAnnotations(), "the team's annotation stays");
        deploy("reviews-v2", 0, lease("d-2", "1", "2026-12-07T01:00:00Z"));
        var one = OldStyleLease.find(client, "cn-hangzhou", "default", TIMEOUT).get(0);
        assertEquals("reviews-v2", one.deployment());
        assertTrue(OldStyleLease.clear(client, one, TIMEOUT), "1, the least a drill records, is put back");
        assertEquals(1, client.apps().deployments().inNamespace("default").withName("reviews-v2").get().getSpec().getReplicas());
    }

    @Test
    void whatNoRetryMendsIsGivenUpAtOnce() {
        deploy("reviews-v1", 0, lease("d-1", "0", "2026-12-07T01:00:00Z"));
        deploy("reviews-v2", 0, lease("d-2", "x", "2026-12-07T01:00:00Z"));
        var found = OldStyleLease.find(client, "cn-hangzhou", "default", TIMEOUT);
        var zero = assertThrows(Retry.Abandon.class, () -> OldStyleLease.clear(client, found.get(0), TIMEOUT));
        assertEquals("default/reviews-v1 in cn-hangzhou has drill.asm-dr.io/original-replicas 0, which no drill records (a drill scaled"
                + " only Deployments that ran); set its replicas by hand and remove the drill.asm-dr.io/ annotations", zero.getMessage());
        var unreadable = assertThrows(Retry.Abandon.class, () -> OldStyleLease.clear(client, found.get(1), TIMEOUT));
        assertEquals("default/reviews-v2 in cn-hangzhou has an unreadable drill.asm-dr.io/original-replicas annotation; set its replicas"
                + " by hand and remove the drill.asm-dr.io/ annotations", unreadable.getMessage());
        assertEquals(0, client.apps().deployments().inNamespace("default").withName("reviews-v1").get().getSpec().getReplicas(),
                "nothing written");
        var gone = new OldStyleLease.Held("cn-hangzhou", "default", "reviews-v9", "d-9", 2, Instant.EPOCH);
        assertEquals("default/reviews-v9 in cn-hangzhou is gone",
                assertThrows(Retry.Abandon.class, () -> OldStyleLease.clear(client, gone, TIMEOUT)).getMessage());
        var result = Retry.until(() -> OldStyleLease.clear(client, gone, TIMEOUT), Duration.ofMinutes(2));
        assertEquals(Map.of("ok", false, "tries", 1, "error", "default/reviews-v9 in cn-hangzhou is gone"), result, "one try, not two minutes of them");
    }
}
