package io.asmdr.trafficmodel;

import io.asmdr.config.StackSpec;
import io.asmdr.config.TrafficSpec;
import io.asmdr.support.TestStacks;
import io.asmdr.trafficmodel.TrafficModel.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficModelTest {
    static final double EPS = 1e-9;
    static final TrafficSpec.OutlierDetection OUTLIER = new TrafficSpec.OutlierDetection(1, "1s", "1m", Optional.empty());

    static StackSpec dev() {
        return TestStacks.file("Pulumi.dev.yaml").load();
    }

    static Map<String, Integer> endpoints(Object... regionAndCount) {
        var m = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < regionAndCount.length; i += 2) {
            m.put((String) regionAndCount[i], (Integer) regionAndCount[i + 1]);
        }
        return m;
    }

    static TrafficSpec distribute(String from, Map<String, Integer> to) {
        return new TrafficSpec(TrafficSpec.Mode.DISTRIBUTE, List.of(new TrafficSpec.Distribute(from, to)), List.of(), Optional.of(OUTLIER), Optional.empty());
    }

    static TrafficSpec failover(boolean outlier, TrafficSpec.Failover... rules) {
        return new TrafficSpec(TrafficSpec.Mode.FAILOVER, List.of(), List.of(rules), outlier ? Optional.of(OUTLIER) : Optional.empty(), Optional.empty());
    }

    @Test
    void tutorialDistributionServesFourteenPercentFromShanghaiNotTen() {
        var p = TrafficModel.predict(dev(), Scenario.healthy());
        assertEquals(0.86, p.pagesByVersion().get("v1"), EPS);
        assertEquals(0.14, p.pagesByVersion().get("v2"), EPS);
        assertEquals(0.9 * 0.1 + 0.1 * 0.5, p.pagesByRegion().get("cn-shanghai"), EPS);
        assertEquals(0.10, TrafficModel.naive(dev(), Scenario.healthy()).get("cn-shanghai"), EPS, "the naive reading");
        assertEquals("cn-hangzhou", p.gatewayRegion());
        assertEquals(0.0, p.unavailable(), EPS);
    }

    @Test
    void tutorialFailoverSendsEveryPageToShanghaiWhenHangzhouReviewsIsGone() {
        var spec = TrafficReport.withMode(dev(), TrafficSpec.Mode.FAILOVER);
        var lost = TrafficModel.predict(spec, Scenario.reviewsLostIn("cn-hangzhou"));
        assertEquals(1.0, lost.pagesByVersion().get("v2"), EPS);
        assertEquals(0.0, lost.unavailable(), EPS);
        var healthy = TrafficModel.predict(spec, Scenario.healthy());
        assertEquals(1.0, healthy.pagesByVersion().get("v1"), EPS, "failover keeps traffic local while healthy");
    }

    @Test
    void distributeUnmatchedCallerBalancesByReplicas() {
        var hop = TrafficModel.hop("cn-shanghai", endpoints("cn-hangzhou", 1, "cn-shanghai", 3), distribute("cn-hangzhou", Map.of("cn-hangzhou", 90, "cn-shanghai", 10)));
        assertEquals(0.25, hop.to("cn-hangzhou"), EPS);
        assertEquals(0.75, hop.to("cn-shanghai"), EPS);
    }

    @Test
    void distributeGivesUnlistedRegionsNothingEvenWhenListedOnesAreGone() {
        var policy = distribute("cn-hangzhou", Map.of("cn-hangzhou", 100));
        var hop = TrafficModel.hop("cn-hangzhou", endpoints("cn-hangzhou", 0, "cn-shanghai", 1), policy);
        assertEquals(0.0, hop.delivered(), EPS, "cn-shanghai is not a target of this rule");
    }

    @Test
    void distributeShiftsALostRegionsWeightToTheOtherListedRegions() {
        var to = new LinkedHashMap<String, Integer>();
        to.put("a", 50);
        to.put("b", 30);
        to.put("c", 20);
        var hop = TrafficModel.hop("a", endpoints("a", 0, "b", 1, "c", 1), distribute("a", to));
        assertEquals(0.6, hop.to("b"), EPS);
        assertEquals(0.4, hop.to("c"), EPS);
    }

    @Test
    void failoverFollowsTheRuleBeforeOtherRegions() {
        var policy = failover(true, new TrafficSpec.Failover("a", "c"));
        var hop = TrafficModel.hop("a", endpoints("a", 0, "b", 5, "c", 1), policy);
        assertEquals(1.0, hop.to("c"), EPS);
        var targetGone = TrafficModel.hop("a", endpoints("a", 0, "b", 5, "c", 0), policy);
        assertEquals(1.0, targetGone.to("b"), EPS);
    }

    @Test
    void failoverWithoutOutlierDetectionIsPlainBalancing() {
        var hop = TrafficModel.hop("a", endpoints("a", 1, "b", 1), failover(false, new TrafficSpec.Failover("a", "b")));
        assertEquals(0.5, hop.to("a"), EPS);
    }

    @Test
    void noPolicyWithOutlierDetectionStillPrefersTheOwnRegion() {
        var none = new TrafficSpec(TrafficSpec.Mode.NONE, List.of(), List.of(), Optional.of(OUTLIER), Optional.empty());
        assertEquals(1.0, TrafficModel.hop("a", endpoints("a", 1, "b", 1), none).to("a"), EPS);
        var plain = new TrafficSpec(TrafficSpec.Mode.NONE, List.of(), List.of(), Optional.empty(), Optional.empty());
        assertEquals(0.5, TrafficModel.hop("a", endpoints("a", 1, "b", 1), plain).to("a"), EPS);
    }

    @Test
    void prodFailoverChainsToTheConfiguredTarget() {
        var prod = TestStacks.file("stacks/Pulumi.prod.yaml").load();
        var lostHz = TrafficModel.predict(prod, Scenario.reviewsLostIn("cn-hangzhou"));
        assertEquals(1.0, lostHz.pagesByRegion().get("cn-shanghai"), EPS);
        assertEquals(1.0, lostHz.pagesByVersion().get("v2"), EPS);
        assertEquals(3, TrafficModel.scenarios(prod).size() - 1, "healthy plus one per region");
    }

    @Test
    void sharesAlwaysAddUpToOne() {
        var random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + random.nextInt(4);
            var stacks = TestStacks.flannel(n);
            var regions = TestStacks.REGIONS.subList(0, n);
            var mode = TrafficSpec.Mode.values()[random.nextInt(3)];
            stacks.with("traffic.mode", mode.configName());
            stacks.with("traffic.outlierDetection", Map.of("consecutive5xxErrors", 1));
            var from = regions.get(random.nextInt(n));
            var to = new LinkedHashMap<String, Integer>();
            int left = 100;
            for (int i = 0; i < n; i++) {
                int w = i == n - 1 ? left : 1 + random.nextInt(Math.max(1, left - (n - 1 - i)));
                w = Math.min(w, left - (n - 1 - i));
                if (w > 0) {
                    to.put(regions.get(i), w);
                    left -= w;
                }
            }
            if (left > 0) {
                to.merge(regions.get(0), left, Integer::sum);
            }
            stacks.with("traffic.distribute", List.of(Map.of("from", from, "to", to)));
            stacks.with("traffic.failover", List.of(Map.of("from", regions.get(0), "to", regions.get(1))));
            for (int i = 0; i < n; i++) {
                stacks.with("regions[" + i + "].bookinfo.reviewsReplicas", 1 + random.nextInt(3));
            }
            var spec = stacks.load();
            for (var p : TrafficModel.scenarios(spec)) {
                double total = p.pagesByRegion().values().stream().mapToDouble(Double::doubleValue).sum() + p.unavailable();
                assertEquals(1.0, total, 1e-9, p.scenario().title());
                p.pagesByRegion().forEach((r, s) -> assertTrue(s >= -EPS && s <= 1 + EPS));
                p.scenario().reviewsLost().forEach(r -> assertEquals(0.0, p.pagesByRegion().get(r), EPS, "a lost region serves nothing"));
            }
        }
    }

    /** With Shanghai marked unavailable the mesh is given 100/0 (StackSpec.appliedTraffic): traffic.md and traffic.json say so. */
    @Test
    void everyPredictionFollowsThePolicyApplied() {
        var outage = TestStacks.file("Pulumi.dev.yaml").with("unavailableRegions", List.of("cn-shanghai")).load();
        var p = TrafficModel.predict(outage, Scenario.healthy());
        assertEquals(1.0, p.pagesByRegion().get("cn-hangzhou"), EPS, "the DestinationRules send 100/0");
        assertEquals(1.0, TrafficReport.shares(outage).get(Scenario.healthy().title()).get("cn-hangzhou"), EPS, "traffic.json");
        var md = TrafficReport.render("dev", outage);
        assertTrue(md.contains("| cn-hangzhou | v1 | 100.0% |"), md);
        assertTrue(md.contains("asm-dr:unavailableRegions lists cn-shanghai"), md);
        assertTrue(!md.contains("86.0%") && !md.contains("14.0%"), md);
        // the stack without the setting still predicts 86/14
        assertEquals(0.86, TrafficModel.predict(dev(), Scenario.healthy()).pagesByVersion().get("v1"), EPS);
    }

    @Test
    void reportExplainsTheFourteenPercent() {
        var md = TrafficReport.render("dev", dev());
        assertTrue(md.contains("| cn-hangzhou | v1 | 86.0% |"), md);
        assertTrue(md.contains("| cn-shanghai | v2 | 14.0% |"), md);
        assertTrue(md.contains("0.9×0.1 + 0.1×0.5 = 14.0%"), md);
        assertTrue(md.contains("asm-dr:traffic.mode failover"), "the switchable mode is shown too");
        var failoverSection = md.substring(md.indexOf("asm-dr:traffic.mode failover"));
        var lostHz = failoverSection.substring(failoverSection.indexOf("### Reviews lost in cn-hangzhou"));
        assertTrue(lostHz.contains("| cn-shanghai | v2 | 100.0% | 20.0 |"), lostHz);
    }
}
