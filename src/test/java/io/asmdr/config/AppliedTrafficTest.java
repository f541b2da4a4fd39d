package io.asmdr.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.asmdr.support.TestStacks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy the mesh is given, reported in trafficPolicy and held against by verify and drill, is one and the same. */
class AppliedTrafficTest {
    @Test
    void withNoRegionDownItIsTheStacksOwnPolicy() {
        var spec = TestStacks.file("stacks/Pulumi.prod.yaml").load();
        assertEquals(spec.traffic().policyJson(), spec.appliedTraffic().policyJson());
    }

    @Test
    void aRegionMarkedUnavailableIsLeftOutOfThePolicyTheOutputCarries() {
        var spec = TestStacks.file("stacks/Pulumi.prod.yaml").with("unavailableRegions", List.of("cn-shanghai")).load();
        assertNotEquals(spec.traffic().policyJson(), spec.appliedTraffic().policyJson());
        // nothing fails over to the region that is down any more (rules from it stay: they govern only its own proxies)
        assertFalse(spec.appliedTraffic().policyJson().contains("\"to\":\"cn-shanghai\""), spec.appliedTraffic().policyJson());
    }
}
