package io.asmdr.ops;

import io.asmdr.config.StackSpec;
import io.asmdr.support.HoldingProxy;
import io.asmdr.support.TestStacks;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code drill restore}'s logic ({@link DrillRestore#run}) called directly against fabric8's mock API server in CRUD mode
 * (answers it should not give are expectations on top), with the dev stack: cn-hangzhou has the ingress gateway, cn-shanghai
 * has none; both regions' clusters are the one mock cluster. What is asserted is what the command reports (the detail
 * maps, the progress line) and what the cluster holds afterwards. A dead drill's lock here has a lease of 1 s, so each
 * restore of one watches it for about a second.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class DrillRestoreMockTest {
    static final Duration CALL = Duration.ofSeconds(5);
    static final String BH = Drill.BLACKHOLE;
    static final String GW = Drill.GATEWAY_NAMESPACE;
    static final String HZ = "cn-hangzhou";
    static final String SH = "cn-shanghai";
    static final String KEPT = "kept (it is the record of what to put back)";
    static final String NOT_PUT_BACK = "a count (or its ownership) could not be put back; run `drill restore` again once the API server answers";

    KubernetesMockServer server;
    KubernetesClient client;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream progress = new PrintStream(printed, true, StandardCharsets.UTF_8);

    static StackSpec spec() {
        return TestStacks.file("Pulumi.dev.yaml").load();
    }

    List<Map<String, Object>> run(Map<String, KubernetesClient> clients, Optional<String> region, Duration within) throws InterruptedException {
        return DrillRestore.run(spec(), clients, region, CALL, within, progress);
    }

    String progress() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** The drill lock as a dead drill left it: {@code region} and {@code blackholes} may be null (no annotation). */
    void lock(String id, String region, String targets, String blackholes, int seconds) {
        var b = new LeaseBuilder().withNewMetadata().withName(DrillLock.NAME).withNamespace("default").addToAnnotations(DrillLock.TARGETS, targets)
                .endMetadata().withNewSpec().withHolderIdentity(id).withLeaseDurationSeconds(seconds).endSpec();
        var lease = b.build();
        if (region != null) {
            lease.getMetadata().getAnnotations().put(DrillLock.REGION, region);
        }
        if (blackholes != null) {
            lease.getMetadata().getAnnotations().put(DrillLock.BLACKHOLES, blackholes);
        }
        client.leases().inNamespace("default").resource(lease).create();
    }

    Lease lease() {
        return client.leases().inNamespace("default").withName(DrillLock.NAME).get();
    }

    Deployment deploy(String namespace, String name, int replicas) {
        var labels = namespace.equals(GW) && name.startsWith("istio-ingressgateway") ? Drill.GATEWAY_LABELS : Map.of("app", name);
        var d = TestDeployments.of(namespace, name, labels, replicas, "c", "busybox");
        return client.apps().deployments().inNamespace(namespace).resource(d).create();
    }

    /** A Deployment whose {@code .spec.replicas} a drill's update made this program's manager own. */
    void deployOwned(String name, int replicas) {
        var d = TestDeployments.of("default", name, Map.of("app", name), replicas, "c", "busybox");
        d.getMetadata().setManagedFields(List.of(FieldOwnershipTest.entry(LiveStack.FIELD_MANAGER, "Update", null,
                Map.of("f:spec", Map.of("f:replicas", Map.of())))));
        client.apps().deployments().inNamespace("default").resource(d).create();
    }

    Deployment deployment(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    int replicas(String namespace, String name) {
        return deployment(namespace, name).getSpec().getReplicas();
    }

    List<String> owners(String name) {
        return FieldOwnership.replicasOwners(deployment("default", name));
    }

    void blackhole(String namespace) {
        client.network().v1().networkPolicies().inNamespace(namespace).resource(Drill.blackholePolicy(namespace, !namespace.equals(GW), "dead")).create();
    }

    boolean blackholed(String namespace) {
        return client.network().v1().networkPolicies().inNamespace(namespace).withName(BH).get() != null;
    }

    static Map<String, Object> owned(String region, String deployment) {
        return Map.of("kind", "count ownership", "region", region, "deployment", deployment, "ok", true, "replicasField", "given back");
    }

    static String watching(String describe, String watched, String renewEvery) {
        return "restore: found " + describe + "; watching it for " + watched + " by this machine's clock: a drill under way renews it every "
                + renewEvery + System.lineSeparator();
    }

    /**
     * One thing named as not restored, with why (the last try's error: the read-back, or a call cut short by the deadline of the
     * retries, whichever came last on a loaded machine).
     */
    static void assertNamed(Map<String, Object> detail, String prefix) {
        @SuppressWarnings("unchecked")
        var notRestored = (List<String>) detail.get("notRestored");
        assertEquals(1, notRestored.size(), notRestored.toString());
        assertTrue(notRestored.get(0).startsWith(prefix) && notRestored.get(0).length() > prefix.length() + 1, notRestored.toString());
    }

    static void assertDeadDrillFound(Map<String, Object> detail, String id) {
        var found = (String) detail.get("found");
        assertTrue(found != null && found.matches("the lock of drill " + id + " went unchanged for \\d+ s by this machine's clock \\(lease 1 s\\):"
                + " its drill is dead \\(killed, or its machine gone\\)"), String.valueOf(found));
    }

    /** What a drill of a region can record: the stack's Bookinfo Deployments there, and the ingress gateway's only where the stack has one. */
    @Test
    void aGatewayRegionRecordsItsGatewayDeploymentsAndItsGatewayBlackHoleAndAnotherRegionDoesNot() {
        deploy(GW, "istio-ingressgateway", 1);
        deploy(GW, "istiod", 1); // not the gateway's label
        var spec = spec();
        assertEquals(Set.of("default/details-v1", "default/productpage-v1", "default/ratings-v1", "default/reviews-v1", GW + "/istio-ingressgateway"),
                DrillRestore.recordable(spec, HZ, client, CALL));
        assertEquals(Set.of("default/details-v1", "default/productpage-v1", "default/ratings-v1", "default/reviews-v2"),
                DrillRestore.recordable(spec, SH, client, CALL), "the cluster runs a gateway, but the stack has none in " + SH);
        assertEquals(Set.of("default/" + BH, GW + "/" + BH), DrillRestore.blackholes(spec, HZ));
        assertEquals(Set.of("default/" + BH), DrillRestore.blackholes(spec, SH));
    }

    /** The count-ownership sweep: only regions of the stack that have a client; what a drill still owns there is given back. */
    @Test
    void theCountOwnershipSweepGivesBackWhatADrillOwnsInEveryStackRegionWithAClientAndOnlyThere() {
        deployOwned("ratings-v1", 1);
        deploy("default", "reviews-v1", 3);
        var out = DrillRestore.countOwners(spec(), Map.of(HZ, client, "cn-wuhan", client), Set.of(HZ, SH, "cn-wuhan"), CALL);
        assertEquals(List.of(owned(HZ, "default/ratings-v1")), out, "cn-shanghai has no client, cn-wuhan is no region of the stack");
        assertEquals(List.of(), owners("ratings-v1"));
        assertEquals(1, replicas("default", "ratings-v1"), "the count stays");
    }

    /** Old-style leases first; the sweep of count ownership runs only once everything before it is ok. */
    @Test
    void anOldStyleLeaseThatCannotBeClearedHoldsTheCountOwnershipSweepBack() throws Exception {
        oldStyle("killed", "0");
        deployOwned("ratings-v1", 1);
        var out = run(Map.of(HZ, client), Optional.empty(), Duration.ofSeconds(10));
        assertEquals(1, out.size(), out.toString());
        assertEquals(false, out.get(0).get("ok"), out.toString());
        assertEquals("old-style lease (annotations)", out.get(0).get("kind"));
        assertEquals(List.of(LiveStack.FIELD_MANAGER + " (Update)"), owners("ratings-v1"), "not given back while an old-style lease is left");
    }

    @Test
    void anOldStyleLeaseClearedInTheRegionAskedForLetsTheSweepRun() throws Exception {
        oldStyle("killed", "3");
        deployOwned("ratings-v1", 1);
        var out = run(Map.of(HZ, client), Optional.of(HZ), Duration.ofSeconds(10));
        assertEquals(List.of(Map.of("region", HZ, "deployment", "default/reviews-v1", "drill", "killed", "kind", "old-style lease (annotations)",
                "replicas", 3, "ok", true, "tries", 1), owned(HZ, "default/ratings-v1")), out);
        assertEquals(3, replicas("default", "reviews-v1"));
        assertEquals(List.of(), owners("ratings-v1"));
        assertEquals("", progress(), "no lock: nothing watched");
    }

    /** An old-style lease whose clear never reads back (the API server keeps answering the Deployment as it was) is not ok. */
    @Test
    void anOldStyleLeaseWhoseClearDoesNotReadBackIsNotOk() throws Exception {
        var stale = oldStyle("killed", "3");
        deployOwned("ratings-v1", 1);
        server.expect().get().withPath("/apis/apps/v1/namespaces/default/deployments/reviews-v1").andReturn(200, stale).always();
        var out = run(Map.of(HZ, client), Optional.empty(), Duration.ofSeconds(1));
        assertEquals(1, out.size(), out.toString());
        assertEquals(false, out.get(0).get("ok"), out.toString());
        assertNotNull(out.get(0).get("error"));
        assertEquals(List.of(LiveStack.FIELD_MANAGER + " (Update)"), owners("ratings-v1"));
    }

    /** reviews-v1 at 0 with the annotations of an old-style lease of drill {@code id}; the Deployment as stored. */
    Deployment oldStyle(String id, String original) {
        var d = TestDeployments.of("default", "reviews-v1", Map.of("app", "reviews"), 0, "c", "busybox");
        d.getMetadata().setAnnotations(Map.of(OldStyleLease.ID, id, OldStyleLease.ORIGINAL_REPLICAS, original,
                OldStyleLease.EXPIRES, Instant.now().plusSeconds(600).toString()));
        return client.apps().deployments().inNamespace("default").resource(d).create();
    }

    /** The lock of another region than the one asked for: named with everything it records, not watched, not touched. */
    @Test
    void aLockOfAnotherRegionIsNamedWithEverythingItRecordsAndNotWatched() throws Exception {
        lock("dead", HZ, "default/reviews-v1=3", "default/" + BH, 1);
        var out = run(Map.of(HZ, client, SH, client), Optional.of(SH), Duration.ofSeconds(10));
        assertEquals(List.of(Map.of("kind", "drill lock (Lease default/asm-dr-drill in the cluster of cn-hangzhou)", "drill", "dead", "region", HZ,
                "recorded", List.of("default/reviews-v1=3", "NetworkPolicy default/" + BH), "ok", false,
                "error", "the drill lock is for cn-hangzhou, not cn-shanghai; `drill restore --region cn-hangzhou` (or `drill restore` without"
                        + " --region) restores it")), out);
        assertEquals("", progress());
        assertEquals("dead", lease().getSpec().getHolderIdentity());
    }

    /** A lease longer than the longest watch (5 min) is watched for the longest; a lock that goes away meanwhile is nothing to do. */
    @Test
    void aLongLeaseIsWatchedForTheLongestWatchAndALockThatGoesAwayIsNothingToDo() throws Exception {
        lock("finishing", HZ, "default/reviews-v1=3", null, 600);
        var deleting = new PrintStream(printed, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                client.leases().inNamespace("default").withName(DrillLock.NAME).delete(); // its drill releases it now
            }
        };
        var watchdog = new Thread(() -> { // should the line never come, the watch is not left to run for 5 minutes
            try {
                Thread.sleep(15_000);
                client.leases().inNamespace("default").withName(DrillLock.NAME).delete();
            } catch (InterruptedException e) {
                // the restore returned
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        List<Map<String, Object>> out;
        try {
            out = DrillRestore.run(spec(), Map.of(HZ, client), Optional.empty(), CALL, Duration.ofSeconds(10), deleting);
        } finally {
            watchdog.interrupt();
        }
        assertEquals(watching("drill finishing of cn-hangzhou holds the drill lock (Lease asm-dr-drill, lease 600 s), to put back [default/reviews-v1=3]",
                "300 s", "120 s"), progress());
        assertEquals(List.of(Map.of("kind", "drill lock (Lease default/asm-dr-drill in the cluster of cn-hangzhou)", "drill", "finishing", "region", HZ,
                "recorded", List.of("default/reviews-v1=3"), "ok", true,
                "found", "the lock went away while it was watched: its drill finished and released it; nothing to do")), out);
    }

    /**
     * A dead drill of the gateway region: its black holes (both namespaces) removed, its Bookinfo and gateway counts put back (1
     * is the least a drill records and is put back; 0 is named), the count a drill owned given back; an unreadable entry and a
     * Deployment no drill records named and not touched; the lock removed, and the report says so.
     */
    @Test
    void aDeadDrillOfTheGatewayRegionIsPutBackAndWhatNoDrillRecordsIsNamed() throws Exception {
        deployOwned("reviews-v1", 0);
        deploy("default", "ratings-v1", 0);
        deploy("default", "details-v1", 0);
        deploy(GW, "istio-ingressgateway", 0);
        deploy("kube-system", "coredns", 0);
        blackhole("default");
        blackhole(GW);
        lock("dead", HZ, "default/reviews-v1=3,default/ratings-v1=1,default/details-v1=0,istio-system/istio-ingressgateway=2,kube-system/coredns=1,garbage",
                "default/" + BH + "," + GW + "/" + BH, 1);
        var out = run(Map.of(HZ, client, SH, client), Optional.empty(), Duration.ofSeconds(10));

        assertEquals(watching("drill dead of cn-hangzhou holds the drill lock (Lease asm-dr-drill, lease 1 s), to put back [default/reviews-v1=3,"
                + " default/ratings-v1=1, default/details-v1=0, istio-system/istio-ingressgateway=2, kube-system/coredns=1] and to remove the"
                + " NetworkPolicies [default/" + BH + ", istio-system/" + BH + "] and unreadable entries [garbage]", "1 s", "200 ms"), progress());
        assertEquals(1, out.size(), "not ok: no sweep after it: " + out);
        var detail = out.get(0);
        assertEquals(Set.of("kind", "drill", "region", "recorded", "found", "restored", "notRestored", "lock", "ok", "error"), detail.keySet());
        assertEquals("drill lock (Lease default/asm-dr-drill in the cluster of cn-hangzhou)", detail.get("kind"));
        assertEquals("dead", detail.get("drill"));
        assertEquals(HZ, detail.get("region"));
        assertEquals(List.of("default/reviews-v1=3", "default/ratings-v1=1", "default/details-v1=0", "istio-system/istio-ingressgateway=2",
                "kube-system/coredns=1", "NetworkPolicy default/" + BH, "NetworkPolicy istio-system/" + BH), detail.get("recorded"));
        assertDeadDrillFound(detail, "dead");
        assertEquals(List.of("NetworkPolicy default/" + BH + " removed", "NetworkPolicy istio-system/" + BH + " removed",
                "default/reviews-v1=3 (.spec.replicas: given back)", "default/ratings-v1=1", "istio-system/istio-ingressgateway=2"), detail.get("restored"));
        var notRestored = List.of("'garbage' (unreadable)",
                "default/details-v1=0 (a drill records only Deployments that run, at 1 replica or more)",
                "kube-system/coredns=1 (no drill of cn-hangzhou records it: a drill records only default/details-v1, default/productpage-v1,"
                        + " default/ratings-v1, default/reviews-v1, istio-system/istio-ingressgateway)");
        assertEquals(notRestored, detail.get("notRestored"));
        assertEquals("removed", detail.get("lock"));
        assertEquals(false, detail.get("ok"));
        assertEquals("the lock named what no drill of this stack records, or what cannot be reached from here: " + String.join("; ", notRestored)
                + ". Not touched; check it by hand (the lock is removed, so drills can run)", detail.get("error"));

        assertEquals(3, replicas("default", "reviews-v1"));
        assertEquals(List.of(), owners("reviews-v1"));
        assertEquals(1, replicas("default", "ratings-v1"));
        assertEquals(0, replicas("default", "details-v1"), "0 is not put back");
        assertEquals(2, replicas(GW, "istio-ingressgateway"));
        assertEquals(0, replicas("kube-system", "coredns"), "not touched");
        assertFalse(blackholed("default"));
        assertFalse(blackholed(GW));
        assertNull(lease());
    }

    /** A dead drill of a region without a gateway: the gateway's Deployment and black hole are named, not touched. */
    @Test
    void aDeadDrillOfARegionWithoutAGatewayLeavesTheGatewayAlone() throws Exception {
        deploy("default", "reviews-v2", 0);
        deploy(GW, "istio-ingressgateway", 0);
        blackhole("default");
        blackhole(GW);
        lock("dead", SH, "default/reviews-v2=2,istio-system/istio-ingressgateway=2", "default/" + BH + "," + GW + "/" + BH, 1);
        var out = run(Map.of(HZ, client, SH, client), Optional.empty(), Duration.ofSeconds(10));
        var detail = out.get(0);
        assertEquals(List.of("NetworkPolicy default/" + BH + " removed", "default/reviews-v2=2"), detail.get("restored"));
        assertEquals(List.of("NetworkPolicy istio-system/" + BH + " (no drill of cn-shanghai records it: a drill records only default/" + BH + ")",
                "istio-system/istio-ingressgateway=2 (no drill of cn-shanghai records it: a drill records only default/details-v1,"
                        + " default/productpage-v1, default/ratings-v1, default/reviews-v2)"), detail.get("notRestored"));
        assertEquals("removed", detail.get("lock"));
        assertEquals(false, detail.get("ok"));
        assertEquals(2, replicas("default", "reviews-v2"));
        assertEquals(0, replicas(GW, "istio-ingressgateway"));
        assertFalse(blackholed("default"));
        assertTrue(blackholed(GW));
        assertNull(lease());
    }

    /** A lock that names no region: its counts and its black holes are named as out of reach, the lock removed. */
    @Test
    void aLockWithoutARegionNamesItsCountsAndItsBlackHoles() throws Exception {
        deploy("default", "reviews-v1", 0);
        blackhole("default");
        lock("dead", null, "default/reviews-v1=3", "default/" + BH, 1);
        var detail = run(Map.of(HZ, client), Optional.empty(), Duration.ofSeconds(10)).get(0);
        assertEquals("(none)", detail.get("region"));
        assertEquals(List.of(), detail.get("restored"));
        assertEquals(List.of("default/reviews-v1=3 (the lock names no region: not reachable from here)",
                "NetworkPolicy default/" + BH + " (the lock names no region: not reachable from here)"), detail.get("notRestored"));
        assertEquals("removed", detail.get("lock"));
        assertEquals(0, replicas("default", "reviews-v1"));
        assertTrue(blackholed("default"));
        assertNull(lease());
    }

    /** The drilled region without a kubeconfig: said, and the lock (taken over) stays as the record. */
    @Test
    void aDrilledRegionWithoutAClientIsSaidAndTheLockStays() throws Exception {
        deploy("default", "reviews-v2", 0);
        lock("dead", SH, "default/reviews-v2=2", null, 1);
        var out = run(Map.of(HZ, client), Optional.empty(), Duration.ofSeconds(10));
        assertEquals(1, out.size(), out.toString());
        var detail = out.get(0);
        assertEquals(Set.of("kind", "drill", "region", "recorded", "found", "ok", "error"), detail.keySet());
        assertDeadDrillFound(detail, "dead");
        assertEquals(false, detail.get("ok"));
        assertEquals("no kubeconfig for cn-shanghai, the drilled region; give --kubeconfig cn-shanghai=FILE (or a STACK). The lock stays: it is the"
                + " record of what to put back", detail.get("error"));
        assertNotNull(lease());
        assertTrue(lease().getSpec().getHolderIdentity().startsWith("restore-"), "taken over: " + lease().getSpec().getHolderIdentity());
        assertEquals(0, replicas("default", "reviews-v2"));
    }

    /** Everything back and the lock removed: ok, no error; then the sweep gives back a count a drill still owns elsewhere. */
    @Test
    void aDeadDrillPutBackWholeIsOkAndTheSweepFollows() throws Exception {
        deploy("default", "reviews-v1", 0);
        deployOwned("ratings-v1", 1);
        lock("dead", HZ, "default/reviews-v1=3", null, 1);
        var out = run(Map.of(HZ, client), Optional.empty(), Duration.ofSeconds(10));
        assertEquals(2, out.size(), out.toString());
        var detail = out.get(0);
        assertEquals(Set.of("kind", "drill", "region", "recorded", "found", "restored", "notRestored", "lock", "ok"), detail.keySet(), "no error");
        assertEquals(List.of("default/reviews-v1=3"), detail.get("restored"));
        assertEquals(List.of(), detail.get("notRestored"));
        assertEquals("removed", detail.get("lock"));
        assertEquals(true, detail.get("ok"));
        assertEquals(owned(HZ, "default/ratings-v1"), out.get(1));
        assertEquals(3, replicas("default", "reviews-v1"));
        assertTrue(deployment("default", "reviews-v1").getMetadata().getAnnotations().get(Drill.RESTORED_BY).startsWith("restore-"),
                "written by the restore's holder");
        assertNull(lease());
    }

    /**
     * The restore holds the lock while it works (renewed by a renewal thread that is gone when it returns) and checks it
     * before every write: a lock taken by someone else while the first black hole is being removed stops every write after
     * it (the other black hole, the count), and the lock is kept.
     */
    @Test
    void aLockTakenBySomeoneElseMidRestoreStopsTheWritesAfterIt() throws Exception {
        deploy("default", "reviews-v1", 0);
        blackhole("default");
        blackhole(GW);
        lock("dead", HZ, "default/reviews-v1=3", "default/" + BH + "," + GW + "/" + BH, 1);
        try (var proxy = new HoldingProxy(URI.create(client.getConfiguration().getMasterUrl()));
             var slow = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration()).withMasterUrl(proxy.url())
                     .withRequestRetryBackoffLimit(0).build()).build()) {
            proxy.holdWhen(line -> line.startsWith("DELETE /apis/networking.k8s.io/v1/namespaces/default/networkpolicies/" + BH));
            var before = DrillLockHeldTest.renewers();
            var result = new CompletableFuture<List<Map<String, Object>>>();
            var restore = new Thread(() -> {
                try {
                    result.complete(run(Map.of(HZ, slow), Optional.empty(), Duration.ofSeconds(10)));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }, "restore");
            restore.start();
            DrillLockHeldTest.await(() -> proxy.held() >= 1, "the first black hole's removal is under way");
            var renewing = DrillLockHeldTest.renewers().stream().filter(t -> !before.contains(t)).collect(Collectors.toSet());
            assertEquals(1, renewing.size(), "the restore renews the lock it took over while it works");
            var restorer = lease().getSpec().getHolderIdentity();
            assertTrue(restorer.startsWith("restore-"), restorer);
            takeAs("intruder");
            proxy.release();
            var out = result.get(30, TimeUnit.SECONDS);

            var detail = out.get(0);
            var lost = "the drill lock is held by intruder now, not by this drill (" + restorer + ")";
            assertEquals(List.of("NetworkPolicy default/" + BH + " removed"), detail.get("restored"));
            assertEquals(List.of("NetworkPolicy istio-system/" + BH + " (NOT removed: " + lost + ")", "default/reviews-v1=3 (NOT put back: " + lost + ")"),
                    detail.get("notRestored"));
            assertEquals(KEPT, detail.get("lock"));
            assertEquals(false, detail.get("ok"));
            assertEquals(NOT_PUT_BACK, detail.get("error"));
            assertTrue(blackholed(GW), "not removed under someone else's lock");
            assertEquals(0, replicas("default", "reviews-v1"), "not put back under someone else's lock");
            assertEquals("intruder", lease().getSpec().getHolderIdentity());
            assertEquals(Set.of(), renewing.stream().filter(Thread::isAlive).collect(Collectors.toSet()), "no renewal goes on after the restore");
        }
    }

    /** The Lease written by hand for {@code holder}, read and written again should a renewal come in between (409). */
    void takeAs(String holder) {
        for (int attempt = 0; ; attempt++) {
            var taken = lease();
            taken.getSpec().setHolderIdentity(holder);
            try {
                client.leases().inNamespace("default").resource(taken).update();
                return;
            } catch (KubernetesClientException e) {
                assertTrue(e.getCode() == 409 && attempt < 5, e.getMessage());
            }
        }
    }

    /** A lock renewed (or taken) between the end of the watch and its take-over (409): refused, nothing touched, the lock left as it is. */
    @Test
    void aLockChangedJustBeforeItsTakeOverIsLeftAlone() throws Exception {
        deploy("default", "reviews-v1", 0);
        lock("dead", HZ, "default/reviews-v1=3", null, 1);
        server.expect().put().withPath("/apis/coordination.k8s.io/v1/namespaces/default/leases/" + DrillLock.NAME)
                .andReturn(409, KubeStatus.failure(409)).once();
        var out = run(Map.of(HZ, client), Optional.empty(), Duration.ofSeconds(10));
        assertEquals(1, out.size(), out.toString());
        var detail = out.get(0);
        assertEquals(Set.of("kind", "drill", "region", "recorded", "found", "ok", "error"), detail.keySet());
        assertEquals(false, detail.get("ok"));
        assertEquals("the drill lock was renewed or taken by someone else while it was being taken over; nothing was touched", detail.get("error"));
        assertEquals("dead", lease().getSpec().getHolderIdentity());
        assertEquals(0, replicas("default", "reviews-v1"));
    }

    /** A black hole whose removal never reads back (the API server answers the delete and keeps it): named, the lock kept. */
    @Test
    void aBlackHoleThatStaysIsNamedAndTheLockKept() throws Exception {
        blackhole("default");
        lock("dead", SH, "", "default/" + BH, 1);
        var policy = client.network().v1().networkPolicies().inNamespace("default").withName(BH).get();
        server.expect().delete().withPath("/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/" + BH).andReturn(200, policy).always();
        var detail = run(Map.of(HZ, client, SH, client), Optional.empty(), Duration.ofSeconds(3)).get(0);
        assertEquals(List.of(), detail.get("restored"));
        assertNamed(detail, "NetworkPolicy default/" + BH + " (NOT removed: ");
        assertEquals(KEPT, detail.get("lock"));
        assertEquals(false, detail.get("ok"));
        assertEquals(NOT_PUT_BACK, detail.get("error"));
        assertTrue(blackholed("default"));
        assertNotNull(lease());
    }

    /** A count whose write never reads back (the API server answers the update and keeps 0): named, the lock kept. */
    @Test
    void aCountThatDoesNotReadBackIsNamedAndTheLockKept() throws Exception {
        var atZero = deploy("default", "reviews-v1", 0);
        lock("dead", HZ, "default/reviews-v1=3", null, 1);
        server.expect().put().withPath("/apis/apps/v1/namespaces/default/deployments/reviews-v1").andReturn(200, atZero).always();
        var detail = run(Map.of(HZ, client), Optional.empty(), Duration.ofSeconds(3)).get(0);
        assertEquals(List.of(), detail.get("restored"));
        assertNamed(detail, "default/reviews-v1=3 (NOT put back: ");
        assertEquals(KEPT, detail.get("lock"));
        assertEquals(false, detail.get("ok"));
        assertEquals(NOT_PUT_BACK, detail.get("error"));
        assertEquals(0, replicas("default", "reviews-v1"));
        assertNotNull(lease());
    }

    /** Everything back but a lock whose delete never removes it: not ok, and the error says the counts are back and to run it again. */
    @Test
    void countsBackAndALockThatIsNotRemovedSaySo() throws Exception {
        deploy("default", "reviews-v1", 0);
        lock("dead", HZ, "default/reviews-v1=3", null, 1);
        server.expect().delete().withPath("/apis/coordination.k8s.io/v1/namespaces/default/leases/" + DrillLock.NAME).andReturn(200, lease()).always();
        var out = run(Map.of(HZ, client), Optional.empty(), Duration.ofSeconds(3));
        assertEquals(1, out.size(), "not ok: no sweep after it: " + out);
        var detail = out.get(0);
        assertEquals(List.of("default/reviews-v1=3"), detail.get("restored"));
        assertEquals(List.of(), detail.get("notRestored"));
        var lock = (String) detail.get("lock");
        assertTrue(lock.startsWith("NOT removed: ") && lock.length() > "NOT removed: ".length(), lock);
        assertEquals(false, detail.get("ok"));
        assertEquals("the counts are back, the lock is not removed: " + lock.substring("NOT removed: ".length()) + "; run `drill restore` again",
                detail.get("error"));
        assertEquals(3, replicas("default", "reviews-v1"));
        assertNotNull(lease());
    }
}
