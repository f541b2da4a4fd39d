package io.asmdr.sandbox.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asmdr.ops.Outcome;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.asmdr.ops.PageClassifier;
import io.asmdr.support.TestStacks;
import io.asmdr.traffic.IstioRouting;
import io.asmdr.trafficmodel.TrafficModel;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's product page: each answer is one that verify's classifier reads as the version that served it, and
 * over many requests the stand-in, written from Istio's and Envoy's documentation, agrees with the project's own
 * traffic model (written separately) on the tutorial stack: two models that could disagree, checked by seeded
 * simulation.
 */
class ProductPageTest {
    private static final String HZ = "cn-hangzhou";
    private static final String SH = "cn-shanghai";

    /** dev's rules as the program writes them, and one ready endpoint per service per region (v1 in Hangzhou, v2 in Shanghai). */
    private static MeshSnapshot dev(Map<String, List<String>> reviews, Set<String> down) {
        var spec = TestStacks.file("Pulumi.dev.yaml").load();
        var policy = IstioRouting.trafficPolicy(spec.appliedTraffic());
        var policies = new HashMap<String, Map<String, Object>>();
        MeshSnapshot.SERVICES.forEach(s -> policies.put(s, policy));
        var endpoints = new LinkedHashMap<String, Map<String, List<MeshSnapshot.Endpoint>>>();
        endpoints.put("productpage", answering(Map.of(HZ, List.of("v1"), SH, List.of("v1"))));
        endpoints.put("reviews", answering(reviews));
        endpoints.put("ratings", answering(Map.of(HZ, List.of("v1"), SH, List.of("v1"))));
        return new MeshSnapshot("default", policies, endpoints, down, Optional.empty());
    }

    private static Map<String, List<MeshSnapshot.Endpoint>> answering(Map<String, List<String>> versions) {
        var out = new LinkedHashMap<String, List<MeshSnapshot.Endpoint>>();
        versions.forEach((region, list) -> out.put(region, list.stream().map(v -> new MeshSnapshot.Endpoint(v, false)).toList()));
        return out;
    }

    /** The same mesh with every endpoint of a region silent (black-holed, still listed). */
    private static MeshSnapshot silenced(MeshSnapshot mesh, String region) {
        var out = new LinkedHashMap<String, Map<String, List<MeshSnapshot.Endpoint>>>();
        mesh.endpoints().forEach((service, byRegion) -> {
            var copy = new LinkedHashMap<String, List<MeshSnapshot.Endpoint>>();
            byRegion.forEach((r, list) -> copy.put(r, r.equals(region) ? list.stream().map(e -> new MeshSnapshot.Endpoint(e.version(), true)).toList() : list));
            out.put(service, copy);
        });
        return new MeshSnapshot(mesh.namespace(), mesh.policies(), out, mesh.down(), mesh.unsupported());
    }

    private static Map<Outcome, Integer> pages(MeshSnapshot mesh, int n) {
        var random = new Random(20261207L);
        var out = new EnumMap<Outcome, Integer>(Outcome.class);
        for (int i = 0; i < n; i++) {
            var r = ProductPage.serve(HZ, mesh, random);
            out.merge(PageClassifier.classify(r.status(), r.body()), 1, Integer::sum);
        }
        return out;
    }

    @Test
    void everyAnswerIsReadAsTheVersionThatServedIt() {
        var random = new Random(1);
        assertEquals(Outcome.REVIEWS_V1, classify(ProductPage.serve(HZ, dev(Map.of(HZ, List.of("v1")), Set.of()), random)));
        assertEquals(Outcome.REVIEWS_V2, classify(ProductPage.serve(HZ, dev(Map.of(HZ, List.of("v2")), Set.of()), random)));
        assertEquals(Outcome.REVIEWS_V3, classify(ProductPage.serve(HZ, dev(Map.of(HZ, List.of("v3")), Set.of()), random)));
        assertEquals(Outcome.REVIEWS_UNAVAILABLE, classify(ProductPage.serve(HZ, dev(Map.of(), Set.of()), random)));
    }

    @Test
    void reviewsWithoutRatingsShowTheRatingsError() {
        var mesh = dev(Map.of(HZ, List.of("v2")), Set.of());
        var noRatings = new LinkedHashMap<>(mesh.endpoints());
        noRatings.put("ratings", Map.of());
        var page = ProductPage.serve(HZ, new MeshSnapshot("default", mesh.policies(), noRatings, Set.of(), Optional.empty()), new Random(1));
        assertEquals(Outcome.RATINGS_UNAVAILABLE, classify(page));
    }

    @Test
    void noProductpageAnywhereIsEnvoysNoHealthyUpstream() {
        var mesh = dev(Map.of(HZ, List.of("v1")), Set.of());
        var none = new LinkedHashMap<>(mesh.endpoints());
        none.put("productpage", Map.of());
        var page = ProductPage.serve(HZ, new MeshSnapshot("default", mesh.policies(), none, Set.of(), Optional.empty()), new Random(1));
        assertEquals(503, page.status());
        assertEquals(ProductPage.NO_HEALTHY_UPSTREAM, page.body());
    }

    @Test
    void healthyDevAgreesWithTheTrafficModel() {
        var spec = TestStacks.file("Pulumi.dev.yaml").load();
        var predicted = TrafficModel.predict(spec, TrafficModel.Scenario.healthy()).pagesByVersion();
        int n = 40_000;
        var pages = pages(dev(Map.of(HZ, List.of("v1"), SH, List.of("v2")), Set.of()), n);
        assertEquals(predicted.getOrDefault("v2", 0.0), pages.getOrDefault(Outcome.REVIEWS_V2, 0) / (double) n, 0.01, () -> pages + " vs " + predicted);
        assertEquals(predicted.getOrDefault("v1", 0.0), pages.getOrDefault(Outcome.REVIEWS_V1, 0) / (double) n, 0.01, () -> pages + " vs " + predicted);
    }

    @Test
    void devWithHangzhousReviewsGoneAgreesWithTheTrafficModel() {
        var spec = TestStacks.file("Pulumi.dev.yaml").load();
        var predicted = TrafficModel.predict(spec, TrafficModel.Scenario.reviewsLostIn(HZ)).pagesByVersion();
        int n = 20_000;
        var pages = pages(dev(Map.of(SH, List.of("v2")), Set.of()), n);
        assertEquals(predicted.getOrDefault("v2", 0.0), pages.getOrDefault(Outcome.REVIEWS_V2, 0) / (double) n, 0.01, () -> pages + " vs " + predicted);
    }

    @Test
    void silentEndpointsAreEjectedWithOutlierDetectionAndFailCallsWithout() {
        // without outlier detection Hangzhou's silent endpoints stay in rotation and their calls fail
        var mesh = silenced(dev(Map.of(HZ, List.of("v1"), SH, List.of("v2")), Set.of()), HZ);
        var withoutOd = new HashMap<String, Map<String, Object>>();
        mesh.policies().forEach((s, p) -> {
            var policy = new LinkedHashMap<>(p);
            policy.remove("outlierDetection");
            withoutOd.put(s, policy);
        });
        var pages = pages(new MeshSnapshot(mesh.namespace(), withoutOd, mesh.endpoints(), Set.of(), Optional.empty()), 2_000);
        assertTrue(pages.getOrDefault(Outcome.HTTP_ERROR, 0) > 1_500, pages::toString); // 90 % go to Hangzhou's silent productpage
        // with outlier detection, the silent region is ejected and Shanghai serves every page
        var withOd = new HashMap<String, Map<String, Object>>();
        withoutOd.forEach((s, p) -> {
            var policy = new LinkedHashMap<>(p);
            policy.put("outlierDetection", Map.of("consecutive5xxErrors", 1, "interval", "1s", "baseEjectionTime", "1m"));
            withOd.put(s, policy);
        });
        var ejected = new MeshSnapshot(mesh.namespace(), withOd, mesh.endpoints(), Set.of(), Optional.empty());
        assertEquals(Map.of(Outcome.REVIEWS_V2, 2_000), pages(ejected, 2_000));
    }

    @Test
    void aNetworkPolicyThatCutsOffAllIngressIsolatesTheSelectedPods() {
        var drill = new NetworkPolicyBuilder().withNewMetadata().withName("asm-dr-drill-blackhole").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec().build();
        var isolation = MeshSnapshot.Isolation.of(List.of(drill));
        assertTrue(isolation.isolates(Map.of("app", "reviews", "version", "v1")));
        var selective = new NetworkPolicyBuilder().withNewMetadata().withName("only-reviews").endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("app", "reviews").endPodSelector().withPolicyTypes("Ingress").endSpec().build();
        isolation = MeshSnapshot.Isolation.of(List.of(selective));
        assertTrue(isolation.isolates(Map.of("app", "reviews", "version", "v1")));
        assertFalse(isolation.isolates(Map.of("app", "ratings", "version", "v1")));
        var egressOnly = new NetworkPolicyBuilder().withNewMetadata().withName("egress").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Egress").endSpec().build();
        assertFalse(MeshSnapshot.Isolation.of(List.of(egressOnly)).isolates(Map.of("app", "reviews")));
        var withRules = new NetworkPolicyBuilder().withNewMetadata().withName("allow-some").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().addNewIngress().endIngress().endSpec().build();
        var refused = MeshSnapshot.Isolation.of(List.of(withRules));
        assertTrue(refused.unsupported().orElseThrow().contains("allow-some"), refused.toString());
    }

    private static Outcome classify(ProductPage.Response r) {
        return PageClassifier.classify(r.status(), r.body());
    }
}
