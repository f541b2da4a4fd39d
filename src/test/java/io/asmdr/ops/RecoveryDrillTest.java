package io.asmdr.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.config.StackSpec;
import io.asmdr.config.TrafficSpec;
import io.asmdr.support.BlackHoleMesh;
import io.asmdr.support.BookinfoPages;
import io.asmdr.support.Cli;
import io.asmdr.support.FakeGateway.Answer;
import io.asmdr.support.SwitchingGateway;
import io.asmdr.support.TestStacks;
import io.asmdr.trafficmodel.TrafficModel;
import io.asmdr.trafficmodel.TrafficReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both drills measure the recovery time against fabric8's mock API server and a local gateway that
 * fails from the start and switches to serving pages at a moment fixed in advance: the measured RTO
 * must be that moment, counted from the drill's scale-down, within one one-second bucket.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RecoveryDrillTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    static final Answer DOWN = new Answer(503, "no healthy upstream", 0);
    static final Answer UP = Answer.page(BookinfoPages.v2());

    @BeforeEach
    void bookinfo() {
        deploy("default", "reviews-v1", Map.of("app", "reviews", "version", "v1"), 3);
        deploy("default", "reviews-v2", Map.of("app", "reviews", "version", "v2"), 1);
        deploy("default", "productpage-v1", Map.of("app", "productpage", "version", "v1"), 1);
        deploy("default", "ratings-v1", Map.of("app", "ratings", "version", "v1"), 1);
        deploy("default", "details-v1", Map.of("app", "details", "version", "v1"), 1);
    }

    void deploy(String namespace, String name, Map<String, String> labels, int replicas) {
        client.apps().deployments().inNamespace(namespace).resource(TestDeployments.of(namespace, name, labels, replicas, "c", "busybox")).create();
    }

    int replicas(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get().getSpec().getReplicas();
    }

    static RecoveryProbe.Settings recovery(SwitchingGateway gw, Duration maxRto) {
        return recovery(gw.url(), maxRto);
    }

    static RecoveryProbe.Settings recovery(URI url, Duration maxRto) {
        return new RecoveryProbe.Settings(url, 0.99, Duration.ofSeconds(40), 20, 4, Duration.ofSeconds(2), maxRto);
    }

    DrillReport drill(Drill.Kind kind, StackSpec spec, String region, SwitchingGateway gw, Path report) {
        return new Drill(new Drill.Settings(kind, spec, region, Map.of("cn-hangzhou", client, "cn-shanghai", client), Set.of(),
                scenario -> DrillTest.judged(spec, scenario, 0, 400), recovery(gw, null),
                Duration.ofSeconds(5), Duration.ZERO, report, Duration.ofMinutes(30), Duration.ofSeconds(10), Duration.ofSeconds(5),
                UUID.randomUUID().toString()), Clock.systemUTC()).run();
    }

    /** Seconds from the drill's scale-down to the gateway's switch, from the report. */
    static double switchSeconds(SwitchingGateway gw, Path report) throws Exception {
        var json = new ObjectMapper().readTree(report.toFile());
        var start = Instant.parse(json.path("scaleDownStartedAt").asText());
        return Duration.between(start, gw.switchAt()).toMillis() / 1000.0;
    }

    @Test
    @Tag("slow") // ten seconds and more of real time: left out of PIT's runs (pom.xml), in every `mvn test`
    void theFailoverDrillMeasuresTheSwitchWithinOneBucket() throws Exception {
        var report = tmp.resolve("failover.json");
        try (var gw = new SwitchingGateway(DOWN, UP, Instant.now().plusMillis(4500))) {
            var result = drill(Drill.Kind.FAILOVER, DrillTest.failoverDev(), "cn-hangzhou", gw, report);
            var json = new ObjectMapper().readTree(report.toFile());
            var recovery = json.path("recovery");
            int rto = recovery.path("rtoSeconds").asInt(-1);
            double expected = switchSeconds(gw, report);
            assertTrue(expected > 1, "the switch came after the scale-down: " + expected);
            System.out.printf("failover drill: RTO measured %d s, the gateway switched %.2f s after the scale-down, %d requests failed%n",
                    rto, expected, recovery.path("failedDuringTransition").asLong());
            assertTrue(Math.abs(rto - expected) <= 1.0, "measured " + rto + " s, switched at " + expected + " s: " + recovery);
            assertTrue(recovery.path("failedDuringTransition").asLong() > 0, recovery.toString());
            assertEquals(1.0, recovery.path("sharesAfter").path("v2").asDouble(), 1e-9);
            assertTrue(recovery.path("series").size() >= rto + RecoveryTimeline.WINDOW_SECONDS, recovery.toString());
            assertTrue(recovery.path("verdict").asText().startsWith("PASS"), recovery.toString());
            assertTrue(result.passed(), result.document().toString());
        }
        assertEquals(3, replicas("default", "reviews-v1"), "restored");
    }

    /** The NetworkPolicies in the cluster, {@code namespace/name}. */
    List<String> policies() {
        return client.network().v1().networkPolicies().inAnyNamespace().list().getItems().stream()
                .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()).sorted().toList();
    }

    /**
     * region-loss black-holes the region: its Bookinfo pods stay (every Deployment at its count while the drill
     * measures), a deny-all ingress NetworkPolicy is recorded in the lock before it is applied, the mesh stand-in sees
     * Shanghai's pages time out until it ejects the region, and the measured RTO lies within one 1-s bucket of the
     * prediction (the connect timeout; dev has no global entry). The restore removes the policy.
     */
    @Test
    @Tag("slow") // ten seconds and more of real time: left out of PIT's runs (pom.xml), in every `mvn test`
    void regionLossBlackHolesTheRegionAndMeasuresDetectionWithinOneBucketOfThePrediction() throws Exception {
        var report = tmp.resolve("region-loss.json");
        var spec = TestStacks.file("Pulumi.dev.yaml").load(); // distribute 90/10: Shanghai serves 14% of the pages
        var shares = TrafficModel.predict(spec, TrafficModel.Scenario.healthy()).pagesByRegion();
        assertTrue(shares.get("cn-shanghai") > 0.1, shares.toString());
        var prediction = RtoPrediction.of(spec, "cn-shanghai", true, Optional.empty());
        // Istio's default connectTimeout (istio.io Destination Rule reference), dev's consecutive5xxErrors
        try (var mesh = new BlackHoleMesh(shares, Map.of("cn-hangzhou", BookinfoPages.v1(), "cn-shanghai", BookinfoPages.v2()), "cn-shanghai",
                client, "default", Duration.ofSeconds(10), spec.traffic().outlierDetection().orElseThrow().consecutive5xxErrors())) {
            var during = new AtomicReference<String>();
            var drill = new Drill(new Drill.Settings(Drill.Kind.REGION_LOSS, spec, "cn-shanghai",
                    Map.of("cn-hangzhou", client, "cn-shanghai", client), Set.of(),
                    scenario -> {
                        during.set(policies() + " " + replicas("default", "reviews-v2") + replicas("default", "productpage-v1")
                                + " lock " + client.leases().inNamespace("default").withName(DrillLock.NAME).get().getMetadata().getAnnotations()
                                .get("drill.asm-dr.io/blackholes"));
                        return DrillTest.judged(spec, scenario, 400, 0);
                    }, recovery(mesh.url(), null),
                    Duration.ofSeconds(5), Duration.ZERO, report, Duration.ofMinutes(30), Duration.ofSeconds(10), Duration.ofSeconds(5),
                    UUID.randomUUID().toString()), Clock.systemUTC());
            drill.prediction(prediction);
            var result = drill.run();
            assertEquals("[default/" + Drill.BLACKHOLE + "] 11 lock default/" + Drill.BLACKHOLE, during.get(),
                    "the pods stay at their counts, silenced by the recorded NetworkPolicy");
            var json = new ObjectMapper().readTree(report.toFile());
            assertEquals("region-loss", json.path("drill").asText());
            assertEquals(0, json.path("targets").size(), "nothing is scaled: " + json.path("targets"));
            int rto = json.path("recovery").path("rtoSeconds").asInt(-1);
            System.out.printf("region-loss drill (black hole): RTO measured %d s, predicted %.1f-%.1f s; the mesh ejected Shanghai %.2f s"
                    + " after the loss began%n", rto, prediction.lowSeconds(), prediction.highSeconds(),
                    Duration.between(Instant.parse(json.path("scaleDownStartedAt").asText()), mesh.ejectedAt()).toMillis() / 1000.0);
            assertTrue(rto >= 0 && Math.abs(rto - prediction.lowSeconds()) <= 1.0, "measured " + rto + " s, predicted "
                    + prediction.lowSeconds() + "-" + prediction.highSeconds() + " s: " + json.path("recovery"));
            assertTrue(prediction.agrees(rto));
            assertTrue(json.path("recovery").path("failedDuringTransition").asLong() > 0, "Shanghai's pages failed until the ejection");
            assertTrue(json.path("prediction").path("terms").toString().contains("connect timeout"), json.path("prediction").toString());
            assertTrue(result.restoredOk(), result.document().toString());
        }
        assertEquals(List.of(), policies(), "the restore removed the black hole");
        assertEquals(1, replicas("default", "reviews-v2"));
        assertEquals(1, replicas("default", "productpage-v1"));
        assertEquals(null, client.leases().inNamespace("default").withName(DrillLock.NAME).get(), "the lock is released");
    }

    /** In a gateway region the ingress gateway's pods are black-holed too (istio-system), never scaled; the restore removes both. */
    @Test
    @Tag("slow") // ten seconds and more of real time: left out of PIT's runs (pom.xml), in every `mvn test`
    void regionLossOfAGatewayRegionSilencesItsIngressGatewayTooAndRemovesBothPolicies() throws Exception {
        deploy("istio-system", "istio-ingressgateway", Map.of("istio", "ingressgateway", "app", "istio-ingressgateway"), 2);
        var dev = TestStacks.file("Pulumi.dev.yaml");
        var spec = TrafficReport.withMode(dev.without("mesh.ingressGateway")
                .with("mesh.ingressGateways", List.of(Map.of("cluster", "ack-hangzhou"), Map.of("cluster", "ack-shanghai")))
                .with("regions[0].bookinfo.reviewsReplicas", 3).load(), TrafficSpec.Mode.FAILOVER);
        var report = tmp.resolve("gateway-region.json");
        var during = new AtomicReference<List<String>>();
        try (var gw = new SwitchingGateway(DOWN, UP, Instant.now().plusMillis(3000))) {
            var result = new Drill(new Drill.Settings(Drill.Kind.REGION_LOSS, spec, "cn-hangzhou",
                    Map.of("cn-hangzhou", client, "cn-shanghai", client), Set.of(),
                    scenario -> {
                        during.set(policies());
                        return DrillTest.judged(spec, scenario, 0, 400);
                    }, recovery(gw, null),
                    Duration.ofSeconds(5), Duration.ZERO, report, Duration.ofMinutes(30), Duration.ofSeconds(10), Duration.ofSeconds(5),
                    UUID.randomUUID().toString()), Clock.systemUTC()).run();
            assertEquals(List.of("default/" + Drill.BLACKHOLE, "istio-system/" + Drill.BLACKHOLE), during.get());
            assertTrue(result.passed(), result.document().toString());
            var policy = client.network().v1().networkPolicies().inNamespace("istio-system").withName(Drill.BLACKHOLE).get();
            assertEquals(null, policy, "removed");
        }
        var gatewayPolicy = Drill.blackholePolicy("istio-system", false, "d-1");
        assertEquals(Drill.GATEWAY_LABELS, gatewayPolicy.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress"), gatewayPolicy.getSpec().getPolicyTypes());
        assertTrue(gatewayPolicy.getSpec().getIngress() == null || gatewayPolicy.getSpec().getIngress().isEmpty(), "no rule: nothing admitted");
        var bookinfoPolicy = Drill.blackholePolicy("default", true, "d-1");
        assertEquals(Drill.BOOKINFO_APPS, bookinfoPolicy.getSpec().getPodSelector().getMatchExpressions().get(0).getValues());
        assertEquals(2, replicas("istio-system", "istio-ingressgateway"), "never scaled");
        assertEquals(3, replicas("default", "reviews-v1"));
    }

    /** A region-loss drill of a region that is down already measures nothing: a Bookinfo Deployment at 0 is refused before anything is written. */
    @Test
    void regionLossOfARegionWithABookinfoDeploymentAtZeroIsRefusedAndTouchesNothing() {
        client.apps().deployments().inNamespace("default").withName("ratings-v1").edit(d -> {
            d.getSpec().setReplicas(0);
            return d;
        });
        var e = assertThrows(Drill.RefusedException.class, () -> {
            try (var gw = new SwitchingGateway(UP, UP, Instant.now())) {
                drill(Drill.Kind.REGION_LOSS, TestStacks.file("Pulumi.dev.yaml").load(), "cn-shanghai", gw, tmp.resolve("refused.json"));
            }
        });
        assertTrue(e.getMessage().startsWith("default/ratings-v1 in cn-shanghai is at 0 replicas"), e.getMessage());
        assertEquals(List.of(), policies(), "nothing black-holed");
        assertEquals(null, client.leases().inNamespace("default").withName(DrillLock.NAME).get(), "no lock left");
    }

    /** ... and so is a gateway region whose ingress gateway is at 0 (its pods would be silenced, never scaled). */
    @Test
    void regionLossOfAGatewayRegionWhoseGatewayIsAtZeroIsRefusedAndTouchesNothing() {
        deploy("istio-system", "istio-ingressgateway", Map.of("istio", "ingressgateway", "app", "istio-ingressgateway"), 0);
        var spec = TrafficReport.withMode(TestStacks.file("Pulumi.dev.yaml").without("mesh.ingressGateway")
                .with("mesh.ingressGateways", List.of(Map.of("cluster", "ack-hangzhou"), Map.of("cluster", "ack-shanghai")))
                .with("regions[0].bookinfo.reviewsReplicas", 3).load(), TrafficSpec.Mode.FAILOVER);
        var e = assertThrows(Drill.RefusedException.class, () -> {
            try (var gw = new SwitchingGateway(UP, UP, Instant.now())) {
                drill(Drill.Kind.REGION_LOSS, spec, "cn-hangzhou", gw, tmp.resolve("refused.json"));
            }
        });
        assertTrue(e.getMessage().startsWith("istio-system/istio-ingressgateway in cn-hangzhou is at 0 replicas"), e.getMessage());
        assertEquals(List.of(), policies(), "nothing black-holed");
        assertEquals(null, client.leases().inNamespace("default").withName(DrillLock.NAME).get(), "no lock left");
    }

    @Test
    void losingTheOnlyGatewayRegionIsRefusedAndTouchesNothing() {
        var e = assertThrows(Drill.RefusedException.class, () -> {
            try (var gw = new SwitchingGateway(UP, UP, Instant.now())) {
                drill(Drill.Kind.REGION_LOSS, DrillTest.failoverDev(), "cn-hangzhou", gw, tmp.resolve("refused.json"));
            }
        });
        assertTrue(e.getMessage().contains("every ingress gateway of this stack is in cn-hangzhou"), e.getMessage());
        assertEquals(3, replicas("default", "reviews-v1"));
    }

    /**
     * --max-rto is a stop condition: against a mesh that never recovers, `drill failover --max-rto 10s
     * --observe 2m` stops as soon as no run of good seconds can start within 10 s, skips the
     * verification, restores and fails: the region is back within the budget plus the restore, not at
     * --observe.
     */
    @Test
    void aMeshThatNeverRecoversIsRestoredOnceTheBudgetIsLostNotAtObserve() throws Exception {
        var stackFile = DrillTest.failoverStackFile(tmp);
        var kubeconfig = DrillTest.kubeconfig(tmp, client.getConfiguration().getMasterUrl());
        var report = tmp.resolve("never.json");
        try (var gw = new SwitchingGateway(DOWN, DOWN, Duration.ofHours(1))) {
            var r = Cli.run(DrillCommand::run, "failover", "--region", "cn-hangzhou", "--config-file", stackFile.toString(),
                    "--kubeconfig", kubeconfig.toString(), "--skip-region", "cn-shanghai", "--url", gw.url().toString(), "--requests", "400",
                    "--settle", "0s", "--max-rto", "10s", "--observe", "2m", "--report", report.toString());
            assertEquals(Verify.FAIL, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("drill stopped early: the service could not come back within --max-rto 10 s"), r.out());
            assertTrue(r.out().contains("restore: ok"), r.out());
        }
        var json = new ObjectMapper().readTree(report.toFile());
        var scaledDown = Instant.parse(json.path("scaleDownStartedAt").asText());
        var restored = Instant.parse(json.path("end").asText());
        double seconds = Duration.between(scaledDown, restored).toMillis() / 1000.0;
        System.out.printf("--max-rto 10s against a mesh that never recovers: region restored %.1f s after the scale-down (--observe 2m)%n", seconds);
        assertTrue(seconds < 10 + 1 + 5, "back within the budget, a second to see it lost, and the restore: " + seconds + " s");
        assertTrue(json.path("verification").isNull(), "no verification after the budget is lost");
        assertEquals("FAIL: could not come back within --max-rto 10 s; stopped and restored then", json.path("recovery").path("verdict").asText(),
                "the verdict says why it stopped: " + json);
        assertEquals(3, replicas("default", "reviews-v1"));
    }

    @Test
    void theCommandPrintsThePredictionBesideTheMeasurementAndFailsAboveMaxRto() throws Exception {
        var stackFile = DrillTest.failoverStackFile(tmp);
        var kubeconfig = DrillTest.kubeconfig(tmp, client.getConfiguration().getMasterUrl());
        var report = tmp.resolve("cli.json");
        // after the switch, Hangzhou's v1 pages: what the model expects with Shanghai gone, so only the RTO budget fails the drill
        try (var gw = new SwitchingGateway(DOWN, Answer.page(BookinfoPages.v1()), Duration.ofSeconds(5))) {
            var r = Cli.run(DrillCommand::run, "region-loss", "--region", "cn-shanghai", "--config-file", stackFile.toString(),
                    "--kubeconfig", "cn-hangzhou=" + kubeconfig, "--kubeconfig", "cn-shanghai=" + kubeconfig, "--url", gw.url().toString(),
                    "--requests", "200", "--settle", "0s", "--max-rto", "2s", "--observe", "40s", "--report", report.toString());
            assertEquals(Verify.FAIL, r.code(), r.out() + r.err());
            // failover mode: the healthy mesh sends Shanghai nothing, so losing it has nothing to detect
            assertTrue(r.out().contains("predicted RTO: 0.0-0.0 s") && r.out().contains("nothing to detect"), r.out());
            // the budget of 2 s is lost before the switch at 5 s: the drill says so, restores at once and verifies nothing
            assertTrue(r.out().contains("RTO: not back within --max-rto 2 s"), r.out());
            assertTrue(r.out().contains("failed requests during the transition: "), r.out());
            assertTrue(r.out().contains("restore: ok") && !r.out().contains("verdict: PASS"), r.out());
            assertFalse(r.err().contains("\tat "), r.err());
            // dev's clusters run Flannel, which does not enforce NetworkPolicy on ACK: the black hole may not hold
            assertTrue(r.err().contains("drill: WARNING: the cluster of cn-shanghai does not run Terway"), r.err());
            assertTrue(r.out().lines().anyMatch(l -> l.equals("report: " + report)), r.out());
            assertFalse(r.out().contains("drill interrupted") || r.out().contains("drill error"), r.out());
            assertTrue(new ObjectMapper().readTree(report.toFile()).path("recovery").path("rtoSeconds").isNull(), r.out());
        }
        var json = new ObjectMapper().readTree(report.toFile());
        assertEquals("nothing to detect", json.path("prediction").path("terms").get(0).path("name").asText(), json.toString());
        assertFalse(json.path("passed").asBoolean());
        assertEquals(1, replicas("default", "productpage-v1"));
    }

    /**
     * The Terway warning is for a region-loss drill of a cluster without Terway only: none for a failover drill (it scales,
     * it does not black-hole) nor for a region-loss drill of a Terway cluster (mixed-network-plugins: Shanghai runs Terway).
     * --max-rto 0s against a gateway that never answers: each drill is over once its first second is.
     */
    @Test
    void theCommandWarnsOfTheBlackHoleOnlyForARegionLossOfAClusterWithoutTerway() throws Exception {
        var kubeconfig = DrillTest.kubeconfig(tmp, client.getConfiguration().getMasterUrl());
        var mixed = tmp.resolve("Pulumi.mixed.yaml");
        Files.writeString(mixed, Files.readString(Path.of("examples/mixed-network-plugins.yaml"))
                .replace("bookinfo: { reviews: v1 }", "bookinfo: { reviews: v1, reviewsReplicas: 3 }"));
        var runs = Map.of(
                "failover", List.of("failover", "--region", "cn-hangzhou", "--config-file", DrillTest.failoverStackFile(tmp).toString()),
                "region-loss", List.of("region-loss", "--region", "cn-shanghai", "--config-file", mixed.toString(), "--force")); // mode none
        for (var run : runs.entrySet()) {
            var report = tmp.resolve(run.getKey() + ".json");
            try (var gw = new SwitchingGateway(DOWN, DOWN, Duration.ofHours(1))) {
                var args = new ArrayList<>(run.getValue());
                args.addAll(List.of("--kubeconfig", "cn-hangzhou=" + kubeconfig, "--kubeconfig", "cn-shanghai=" + kubeconfig,
                        "--url", gw.url().toString(), "--requests", "200", "--settle", "0s", "--max-rto", "0s", "--observe", "40s",
                        "--report", report.toString()));
                var r = Cli.run(DrillCommand::run, args.toArray(String[]::new));
                assertEquals(Verify.FAIL, r.code(), run.getKey() + ": " + r.out() + r.err());
                assertFalse(r.err().contains("Terway"), run.getKey() + ": " + r.err());
                assertTrue(r.out().contains("restore: ok") && r.out().contains("RTO: not back within --max-rto 0 s"), run.getKey() + ": " + r.out());
                assertTrue(r.out().lines().anyMatch(l -> l.equals("report: " + report)), r.out());
                assertFalse(r.out().contains("drill interrupted") || r.out().contains("drill error"), r.out());
            }
        }
        assertEquals(3, replicas("default", "reviews-v1"));
        assertEquals(List.of(), policies(), "no black hole left");
    }
}
