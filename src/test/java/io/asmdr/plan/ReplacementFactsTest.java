package io.asmdr.plan;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facts as read from the shipped reference files (read anew: shipped() caches them for the JVM). */
class ReplacementFactsTest {
    private final ReplacementFacts facts = ReplacementFacts.read();

    @Test
    void everyForceNewFileIsRead() {
        assertEquals(List.of("availabilityZone", "cidrBlock", "isDefault", "vpcId", "zoneId"), facts.forceNew("alicloud:vpc/switch:Switch"),
                "alicloud-forcenew.json");
        assertEquals(List.of("bandwidthBillingType", "paymentType"), facts.forceNew("alicloud:ga/accelerator:Accelerator"), "alicloud-forcenew-ga.json");
        assertEquals(List.of("instanceId"), facts.forceNew("alicloud:dns/accessStrategy:AccessStrategy"), "alicloud-forcenew-gtm.json");
        assertEquals(List.of(), facts.forceNew("alicloud:cen/instance:Instance"), "a type without forceNew inputs");
        assertEquals(List.of(), facts.forceNew("alicloud:nope/nope:Nope"));
        assertTrue(facts.source().contains("terraform-provider-alicloud"), facts.source());
    }

    @Test
    void replacementsAreFoundThroughNestedPathsBothWays() {
        assertEquals(Optional.of("inputs.cidrBlock"), facts.forcesReplacement("alicloud:vpc/switch:Switch", "inputs.cidrBlock"));
        assertEquals(Optional.of("inputs.meshConfig.enableLocalityLb"),
                facts.forcesReplacement("alicloud:servicemesh/serviceMesh:ServiceMesh", "inputs.meshConfig"), "a changed parent covers its ForceNew child");
        assertEquals(Optional.empty(), facts.forcesReplacement("alicloud:vpc/switch:Switch", "inputs.vswitchName"));
        assertEquals(Optional.of("inputs.region"), facts.forcesReplacement("pulumi:providers:alicloud", "inputs.region"));
        assertEquals(Optional.of("inputs.spec.selector"), facts.forcesReplacement("kubernetes:apps/v1:Deployment", "inputs.spec.selector.matchLabels"));
        assertEquals(Optional.of("inputs.metadata.name"), facts.forcesReplacement("kubernetes:core/v1:ConfigMap", "inputs.metadata.name"));
        assertEquals(Optional.empty(), facts.forcesReplacement("kubernetes:core/v1:ConfigMap", "inputs.data"));
        assertFalse(ReplacementFacts.covers("inputs.cidr", "inputs.cidrBlock"), "a prefix of a name is not a parent");
    }

    @Test
    void keptWhenUnsetAndCheckDefaultsComeFromTheirFiles() {
        assertTrue(facts.keptWhenUnset("alicloud:servicemesh/serviceMesh:ServiceMesh", "inputs.loadBalancer.pilotPublicEip"));
        assertFalse(facts.keptWhenUnset("alicloud:servicemesh/serviceMesh:ServiceMesh", "inputs.edition"));
        assertFalse(facts.keptWhenUnset("alicloud:vpc/switch:Switch", "inputs.loadBalancer.pilotPublicEip"));
        assertTrue(facts.isCheckDefault("alicloud:cs/managedKubernetes:ManagedKubernetes", "inputs.clusterDomain", "cluster.local"));
        assertFalse(facts.isCheckDefault("alicloud:cs/managedKubernetes:ManagedKubernetes", "inputs.clusterDomain", "example.local"));
        assertFalse(facts.isCheckDefault("alicloud:cs/managedKubernetes:ManagedKubernetes", "clusterDomain", "cluster.local"), "only inputs");
        assertFalse(facts.isCheckDefault("alicloud:cs/managedKubernetes:ManagedKubernetes", "inputs.clusterDomain", null));
    }
}
