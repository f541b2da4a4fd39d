package io.asmdr.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which region a change is in, told by the provider it goes through: its input, its name, or where its kubeconfig comes from. */
class GuardRegionsTest {
    private static final String STACK = "urn:pulumi:prod::asm-dr::";

    private static String urn(String type, String name) {
        return STACK + type + "::" + name;
    }

    private static PlannedResource resource(String type, String name, String provider, Map<String, Object> inputs,
                                            Map<String, List<String>> propertyDependencies) {
        var options = new PlannedResource.Options(false, List.of(), Map.of(), List.of(), List.of(), Optional.empty(), false, List.of(),
                propertyDependencies, "");
        return new PlannedResource(urn(type, name), type, name, true, "", provider, List.of(), inputs, options);
    }

    private static PlannedResource provider(String type, String name, Map<String, Object> inputs) {
        return resource(type, name, "", inputs, Map.of());
    }

    private static Change update(PlannedResource before, PlannedResource after) {
        return new Change(after.urn(), after.type(), Change.Op.UPDATE, List.of(), List.of(), Optional.empty(), Optional.of(before), Optional.of(after));
    }

    private static Change create(PlannedResource after) {
        return new Change(after.urn(), after.type(), Change.Op.CREATE, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.of(after));
    }

    private static Change delete(PlannedResource before) {
        return new Change(before.urn(), before.type(), Change.Op.DELETE, List.of(), List.of(), Optional.empty(), Optional.of(before), Optional.empty());
    }

    private static String ref(PlannedResource provider) {
        return provider.urn() + "::id-" + provider.name();
    }

    @Test
    void anAlicloudProvidersRegionInputWinsOverItsNameAndItsNameServesWhenTheInputIsEmpty() {
        var moved = provider(Guard.ALICLOUD_PROVIDER, "alicloud-cn-hangzhou", Map.of("region", "cn-shanghai"));
        var blank = provider(Guard.ALICLOUD_PROVIDER, "alicloud-cn-beijing", Map.of("region", ""));
        var vswitchMoved = resource("alicloud:vpc/switch:Switch", "a", ref(moved), Map.of(), Map.of());
        var vswitchBlank = resource("alicloud:vpc/switch:Switch", "b", ref(blank), Map.of(), Map.of());
        var changes = List.of(create(moved), create(blank), create(vswitchMoved), create(vswitchBlank));
        var regions = Guard.Regions.of(changes);
        assertEquals(Optional.of("cn-shanghai"), regions.of(changes.get(2)));
        assertEquals(Optional.of("cn-beijing"), regions.of(changes.get(3)));
    }

    @Test
    void theNewStateOfAProviderCountsAndADeletedResourceHasItsOldOnesRegion() {
        var before = provider(Guard.ALICLOUD_PROVIDER, "alicloud-x", Map.of("region", "cn-hangzhou"));
        var after = provider(Guard.ALICLOUD_PROVIDER, "alicloud-x", Map.of("region", "cn-shanghai"));
        var vswitch = resource("alicloud:vpc/switch:Switch", "a", ref(after), Map.of(), Map.of());
        var changes = List.of(update(before, after), delete(vswitch));
        assertEquals(Optional.of("cn-shanghai"), Guard.Regions.of(changes).of(changes.get(1)));
    }

    @Test
    void aRegionsKubernetesProviderByNameAndTheMeshsByWhereItsKubeconfigComesFrom() {
        var alicloud = provider(Guard.ALICLOUD_PROVIDER, "alicloud-cn-hangzhou", Map.of("region", "cn-hangzhou"));
        var cluster = resource("alicloud:cs/managedKubernetes:ManagedKubernetes", "ack", ref(alicloud), Map.of(), Map.of());
        var regional = provider(Guard.KUBERNETES_PROVIDER, "cn-shanghai-k8s", Map.of());
        var mesh = resource(Guard.KUBERNETES_PROVIDER, "mesh-api", "", Map.of(), Map.of("kubeconfig", List.of(cluster.urn())));
        var orphan = resource(Guard.KUBERNETES_PROVIDER, "mesh-api-2", "", Map.of(), Map.of("kubeconfig", List.of(STACK + "x::gone")));
        var onRegional = resource("kubernetes:apps/v1:Deployment", "reviews", ref(regional), Map.of(), Map.of());
        var onMesh = resource("kubernetes:networking.istio.io/v1:DestinationRule", "reviews", ref(mesh), Map.of(), Map.of());
        var onOrphan = resource("kubernetes:networking.istio.io/v1:DestinationRule", "ratings", ref(orphan), Map.of(), Map.of());
        var changes = List.of(create(alicloud), create(cluster), create(regional), create(mesh), create(orphan),
                create(onRegional), create(onMesh), create(onOrphan));
        var regions = Guard.Regions.of(changes);
        assertEquals(Optional.of("cn-shanghai"), regions.of(changes.get(5)));
        assertEquals(Optional.of("cn-hangzhou"), regions.of(changes.get(6)), "through the cluster its kubeconfig is read from");
        assertEquals(Optional.empty(), regions.of(changes.get(7)), "nothing tells");
    }

    @Test
    void aProviderNotAmongTheStepsIsKnownByItsName() {
        var vswitch = resource("alicloud:vpc/switch:Switch", "a", urn(Guard.ALICLOUD_PROVIDER, "alicloud-cn-beijing") + "::id", Map.of(), Map.of());
        var deployment = resource("kubernetes:apps/v1:Deployment", "d", urn(Guard.KUBERNETES_PROVIDER, "cn-shanghai-k8s") + "::id", Map.of(), Map.of());
        var component = resource("asm-dr:index:Region", "c", "", Map.of(), Map.of());
        var changes = List.of(create(vswitch), create(deployment), create(component));
        var regions = Guard.Regions.of(changes);
        assertEquals(Optional.of("cn-beijing"), regions.of(changes.get(0)));
        assertEquals(Optional.of("cn-shanghai"), regions.of(changes.get(1)));
        assertEquals(Optional.empty(), regions.of(changes.get(2)));
    }

    @Test
    void aProviderGoingAwayStillTellsTheRegionOfWhatGoesWithIt() {
        var provider = provider(Guard.ALICLOUD_PROVIDER, "p", Map.of("region", "cn-shanghai"));
        var vswitch = resource("alicloud:vpc/switch:Switch", "a", ref(provider), Map.of(), Map.of());
        var changes = List.of(delete(provider), delete(vswitch));
        assertEquals(Optional.of("cn-shanghai"), Guard.Regions.of(changes).of(changes.get(1)), "its name tells nothing; its old state does");
    }

    @Test
    void keptDependentsAreWhatStaysAndNeedsAResourceByDependencyOrProperty() {
        var vswitch = resource("alicloud:vpc/switch:Switch", "v", "", Map.of(), Map.of());
        var byDependency = new PlannedResource(urn("alicloud:cs/nodePool:NodePool", "pool"), "alicloud:cs/nodePool:NodePool", "pool", true, "", "",
                List.of(vswitch.urn()), Map.of(), PlannedResource.Options.NONE);
        var byProperty = resource("alicloud:cs/managedKubernetes:ManagedKubernetes", "ack", "", Map.of(), Map.of("vswitchIds", List.of(vswitch.urn())));
        var created = new PlannedResource(urn("alicloud:cs/nodePool:NodePool", "new-pool"), "alicloud:cs/nodePool:NodePool", "new-pool", true, "", "",
                List.of(vswitch.urn()), Map.of(), PlannedResource.Options.NONE);
        var changes = List.of(delete(vswitch), update(byDependency, byDependency), update(byProperty, byProperty), create(created));
        var context = Guard.Context.of(changes, Guard.StackFacts.NONE);
        assertEquals(List.of(byProperty.urn(), byDependency.urn()), context.keptDependents(vswitch.urn()),
                "the pool and the cluster stay and need it; the new pool is no kept dependent");
        assertEquals(List.of(), context.keptDependents(byDependency.urn()));
    }
}
