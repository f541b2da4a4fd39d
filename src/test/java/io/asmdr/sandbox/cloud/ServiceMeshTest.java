package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.asmdr.engine.SimulatedCloud;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.asmdr.sandbox.cloud.CloudFixture.DEV_CLUSTER;
import static io.asmdr.sandbox.cloud.CloudFixture.rpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ASM product through {@link Product#handle}, with the form parameters
 * resource_alicloud_service_mesh_service_mesh.go sends (tea-rpc flattens lists as {@code Tags.1.Key},
 * booleans as "true"/"false") and answers checked at the paths its Read takes them from.
 */
class ServiceMeshTest extends ProductTest {

    /**
     * dev's mesh as resourceAliCloudServiceMeshServiceMeshCreate sends it: the mesh_config booleans it
     * finds (false unless set), LocalityLoadBalancing, VSwitches as JSON text, Tags from ConvertTags.
     */
    private String[] create() {
        return new String[] {"RegionId", "cn-hangzhou", "Name", "asm-dr-dev", "VpcId", "vpc-mesh", "ApiServerPublicEip", "false",
                "Tracing", "false", "CustomizedZipkin", "false", "Telemetry", "false", "LocalityLoadBalancing", "true",
                "IstioVersion", SimulatedCloud.SIMULATED_ASM_VERSION, "Edition", "Pro", "ClusterSpec", "enterprise",
                "Tags.1.Key", "asm-dr-stack", "Tags.1.Value", "dev", "Tags.2.Key", "managed-by", "Tags.2.Value", "asm-dr",
                "VSwitches", "[\"vsw-mesh\"]"};
    }

    private String runningMesh() {
        var id = cloud.asm("CreateServiceMesh", create()).path("ServiceMeshId").asText();
        cloud.settle(id);
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("running", state(id));
        return id;
    }

    private String state(String id) {
        return detail(id).path("ServiceMeshInfo").path("State").asText();
    }

    private JsonNode detail(String id) {
        return cloud.asm("DescribeServiceMeshDetail", "ServiceMeshId", id).path("ServiceMesh");
    }

    @Test
    void aMeshRunsOnceItsTimeHasPassedAndItsControlPlaneApiServerIsUp() {
        cloud.host.hold();
        var id = cloud.asm("CreateServiceMesh", create()).path("ServiceMeshId").asText();
        assertTrue(id.matches("c[0-9a-f]{32}"), id);
        assertEquals("initial", state(id));
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("initial", state(id), "the control plane's API server is not up yet");
        cloud.host.release();
        cloud.settle(id);
        assertEquals("running", state(id));
        assertEquals(List.of(id), cloud.host.ensured);
    }

    @Test
    void readAfterCreateFindsWhatWasSentWhereTheProviderLooks() {
        var id = runningMesh();
        var m = detail(id);
        assertEquals("enterprise", m.path("ClusterSpec").asText());
        var info = m.path("ServiceMeshInfo");
        assertEquals("Pro", info.path("Profile").asText(), "edition is ForceNew");
        assertEquals("asm-dr-dev", info.path("Name").asText());
        assertEquals(SimulatedCloud.SIMULATED_ASM_VERSION, info.path("Version").asText());
        assertFalse(info.path("CreationTime").asText().isEmpty());
        assertEquals("[]", m.path("Clusters").toString());
        var network = m.path("Spec").path("Network");
        assertEquals("vpc-mesh", network.path("VpcId").asText());
        assertEquals("[\"vsw-mesh\"]", network.path("VSwitches").toString());
        assertTrue(cloud.state.get("SecurityGroup", network.path("SecurityGroupId").asText()).isPresent());
        var lb = m.path("Spec").path("LoadBalancer");
        assertTrue(lb.path("ApiServerPublicEip").isBoolean());
        assertFalse(lb.path("ApiServerPublicEip").asBoolean(true), "ForceNew");
        assertFalse(lb.path("PilotPublicEip").asBoolean(true));
        var mc = m.path("Spec").path("MeshConfig");
        assertTrue(mc.path("EnableLocalityLB").asBoolean(), "ForceNew");
        assertEquals("ALLOW_ANY", mc.path("OutboundTrafficPolicy").asText());
        assertFalse(mc.path("Tracing").asBoolean(true));
        assertFalse(mc.path("ExtraConfiguration").path("CRAggregationConfiguration").path("Enabled").asBoolean(true));
        // Optional, not Computed blocks of mesh_config: absent unless set
        for (var absent : List.of("AccessLog", "Pilot", "OPA", "Proxy", "SidecarInjector", "ControlPlaneLogInfo")) {
            assertTrue(mc.path(absent).isMissingNode(), absent);
        }
        assertTrue(detail(id).equals(m), "a second read is the same");
        // the kiali element the Read always writes: types its schema takes
        var kiali = cloud.asm("DescribeKialiConfiguration", "ServiceMeshId", id);
        assertTrue(kiali.path("Enabled").isBoolean());
        assertTrue(kiali.path("IntegrateCLB").isBoolean());
        assertTrue(kiali.path("OpenIdConfig").isMissingNode());
        // tags through ListTagResources ($.TagResources, TagKey/TagValue)
        var tags = cloud.asm("ListTagResources", "RegionId", "cn-hangzhou", "ResourceId.1", id, "ResourceType", "servicemesh").path("TagResources");
        assertEquals(2, tags.size());
        assertEquals("asm-dr-stack", tags.get(0).path("TagKey").asText());
        assertEquals("dev", tags.get(0).path("TagValue").asText());
    }

    @Test
    void theUpdateAfterCreateAndEachClusterJoiningUnderCrAggregation() {
        var hz = cloud.runningCluster(DEV_CLUSTER);
        var sh = cloud.runningCluster(DEV_CLUSTER.replace("\"cn-hangzhou\"", "\"cn-shanghai\"").replace("vpc-hz", "vpc-sh")
                .replace("[\"vsw-hz-h\",\"vsw-hz-i\"]", "[\"vsw-sh-e\"]").replace("10.0.0.0/16", "10.1.0.0/16"));
        var id = runningMesh();
        // resourceAliCloudServiceMeshServiceMeshUpdate on a new resource, in its order
        cloud.asm("UpdateMeshFeature", "ServiceMeshId", id, "OutboundTrafficPolicy", "ALLOW_ANY");
        assertEquals("updating", state(id));
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("running", state(id));
        cloud.asm("UpdateMeshCRAggregation", "ServiceMeshId", id, "Enabled", "true");
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("running", state(id), "no member yet");
        cloud.asm("UpdateKialiConfiguration", "ServiceMeshId", id, "RAMOAuthConfig", "{}", "OpenIdConfig", "{}", "ServerConfig", "{}");
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("running", state(id));

        cloud.host.hold();
        cloud.asm("AddClusterIntoServiceMesh", "ServiceMeshId", id, "ClusterId", hz);
        cloud.advance(Duration.ofMinutes(2));
        assertEquals("updating", state(id), "the cluster does not serve the Istio kinds yet");
        cloud.host.release();
        cloud.settle(hz);
        assertEquals("running", state(id));
        cloud.asm("AddClusterIntoServiceMesh", "ServiceMeshId", id, "ClusterId", sh);
        cloud.settle(sh);
        assertEquals("updating", state(id), "a join takes its time");
        cloud.advance(Duration.ofMinutes(2));
        assertEquals("running", state(id));
        assertEquals(List.of(hz, sh), cloud.host.istio);
        assertEquals("[\"" + hz + "\",\"" + sh + "\"]", detail(id).path("Clusters").toString(), "cluster_ids is a list: the order it was given");
        assertTrue(detail(id).path("Spec").path("MeshConfig").path("ExtraConfiguration").path("CRAggregationConfiguration").path("Enabled").asBoolean());
        // SetResourceTags after create: TagResources with every tag
        cloud.asm("TagResources", "RegionId", "cn-hangzhou", "ResourceId.1", id, "ResourceType", "servicemesh",
                "Tag.1.Key", "asm-dr-stack", "Tag.1.Value", "dev");
        assertEquals(2, cloud.asm("ListTagResources", "RegionId", "cn-hangzhou", "ResourceId.1", id, "ResourceType", "servicemesh")
                .path("TagResources").size());

        // a cluster in a mesh cannot join another, and cannot join twice
        assertEquals("InvalidParameter.ClusterId", cloud.asmError("AddClusterIntoServiceMesh", "ServiceMeshId", id, "ClusterId", hz).code());
        // a later change of cluster_ids removes every old cluster
        cloud.asm("RemoveClusterFromServiceMesh", "ServiceMeshId", id, "ClusterId", hz);
        cloud.advance(Duration.ofMinutes(2));
        assertEquals("[\"" + sh + "\"]", detail(id).path("Clusters").toString());
    }

    @Test
    void theKubeconfigIsTheControlPlanesAndOnlyPrivateWithoutAPublicEip() {
        var id = runningMesh();
        // DescribeDescribeServiceMeshKubeconfig: ServiceMeshId in the query, PrivateIpAddress=true in the body
        var kubeconfig = cloud.asm("DescribeServiceMeshKubeconfig", "ServiceMeshId", id, "PrivateIpAddress", "true").path("Kubeconfig").asText();
        assertEquals(FakeClusterHost.kubeconfig(id, "https://127.0.0.1:16443", true), kubeconfig);
        assertEquals(kubeconfig, cloud.asm("DescribeServiceMeshKubeconfig", "ServiceMeshId", id, "PrivateIpAddress", "true")
                .path("Kubeconfig").asText(), "a computed attribute: the same every Read");
        assertEquals("InvalidParameter.PrivateIpAddress", cloud.asmError("DescribeServiceMeshKubeconfig", "ServiceMeshId", id,
                "PrivateIpAddress", "false").code());
    }

    @Test
    void aDayTwoChangeOfNameVersionAndFeatures() {
        var id = runningMesh();
        cloud.asm("ModifyServiceMeshName", "ServiceMeshId", id, "Name", "renamed");
        assertEquals("renamed", detail(id).path("ServiceMeshInfo").path("Name").asText());
        cloud.asm("UpgradeMeshEditionPartially", "ServiceMeshId", id, "ExpectedVersion", "v1.99.1.1-gabc-aliyun", "ASMGatewayContinue", "false");
        assertEquals("upgrading", state(id));
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("v1.99.1.1-gabc-aliyun", detail(id).path("ServiceMeshInfo").path("Version").asText());
        assertEquals("InvalidParameter.ExpectedVersion", cloud.asmError("UpgradeMeshEditionPartially", "ServiceMeshId", id,
                "ExpectedVersion", SimulatedCloud.SIMULATED_ASM_VERSION).code(), "no downgrade");
        cloud.asm("UpdateMeshFeature", "ServiceMeshId", id, "OutboundTrafficPolicy", "REGISTRY_ONLY", "ClusterSpec", "ultimate");
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("REGISTRY_ONLY", detail(id).path("Spec").path("MeshConfig").path("OutboundTrafficPolicy").asText());
        assertEquals("ultimate", detail(id).path("ClusterSpec").asText());
        cloud.asm("UntagResources", "RegionId", "cn-hangzhou", "ResourceId.1", id, "ResourceType", "servicemesh", "TagKey.1", "managed-by");
        assertEquals(1, cloud.asm("ListTagResources", "RegionId", "cn-hangzhou", "ResourceId.1", id, "ResourceType", "servicemesh")
                .path("TagResources").size());
    }

    @Test
    void deleteThenNotFoundAsTheProvidersWaitExpects() {
        var id = runningMesh();
        var sg = detail(id).path("Spec").path("Network").path("SecurityGroupId").asText();
        cloud.asm("DeleteServiceMesh", "ServiceMeshId", id);
        assertEquals("deleting", state(id));
        cloud.settle(id);
        assertEquals(List.of(id), cloud.host.deleted);
        cloud.advance(Duration.ofMinutes(3));
        var gone = cloud.asmError("DescribeServiceMeshDetail", "ServiceMeshId", id);
        assertEquals("ServiceMesh.NotFound", gone.code());
        assertEquals(404, gone.status());
        assertTrue(cloud.state.get("SecurityGroup", sg).isEmpty());
        assertEquals("ServiceMesh.NotFound", cloud.asmError("DeleteServiceMesh", "ServiceMeshId", id).code(), "Delete takes NotFound as done");
    }

    @Test
    void aControlPlaneThatCannotBeStartedFailsTheWaitAtOnceWithTheReason() {
        cloud.host.hold();
        var id = cloud.asm("CreateServiceMesh", create()).path("ServiceMeshId").asText();
        cloud.host.failing.add(id);
        cloud.host.release();
        cloud.settle(id);
        cloud.advance(Duration.ofMinutes(1));
        var e = cloud.asmError("DescribeServiceMeshDetail", "ServiceMeshId", id);
        assertEquals(400, e.status(), "not a code the provider takes as not found, so its wait stops");
        assertTrue(e.getMessage().contains("exited with status 1"), e.getMessage());
        cloud.asm("DeleteServiceMesh", "ServiceMeshId", id);
        assertEquals("deleting", state(id), "a failed mesh can still be deleted");
    }

    @Test
    void validationAndRefusals() {
        assertEquals("InvalidVSwitchId.NotInVpc", cloud.asmError("CreateServiceMesh", withParam("VSwitches", "[\"vsw-hz-h\"]")).code());
        assertEquals("InvalidParameter.Edition", cloud.asmError("CreateServiceMesh", withParam("Edition", "Gold")).code());
        assertEquals("InvalidParameter.IstioVersion", cloud.asmError("CreateServiceMesh", withParam("IstioVersion", "1.24")).code());
        var opa = cloud.asmError("CreateServiceMesh", withParam("OPALogLevel", "info"));
        assertEquals("Sandbox.NotImplemented", opa.code());
        assertTrue(opa.getMessage().contains("'OPALogLevel'"), opa.getMessage());
        assertTrue(cloud.state.all(ServiceMesh.KIND).isEmpty());
        assertTrue(cloud.asm.handle(rpc("DescribeUserPermissions"), cloud.state).isEmpty(), "an action it does not emulate: the emulator refuses it");

        var id = runningMesh();
        var creating = cloud.cs("POST", "/clusters", DEV_CLUSTER, Map.of()).path("cluster_id").asText();
        assertEquals("InvalidActiveState.ACK", cloud.asmError("AddClusterIntoServiceMesh", "ServiceMeshId", id, "ClusterId", creating).code());
        assertEquals("InvalidParameter.ClusterId", cloud.asmError("AddClusterIntoServiceMesh", "ServiceMeshId", id, "ClusterId", "cnothing").code());
    }

    @Test
    void versionsAndRegions() {
        var versions = cloud.asm("DescribeVersions").path("VersionInfo");
        assertEquals("Pro", versions.get(0).path("Edition").asText());
        assertEquals("[\"" + SimulatedCloud.SIMULATED_ASM_VERSION + "\"]", versions.get(0).path("Versions").toString());
        var id = runningMesh();
        assertEquals("cn-hangzhou", cloud.asm.regionOf(rpc("DescribeServiceMeshDetail", "ServiceMeshId", id), cloud.state).orElseThrow(),
                "no RegionId: the mesh's region");
        assertEquals("cn-shanghai", cloud.asm.regionOf(rpc("CreateServiceMesh", "RegionId", "cn-shanghai"), cloud.state).orElseThrow());
        assertTrue(cloud.asm.regionOf(rpc("DescribeVersions"), cloud.state).isEmpty());
    }

    private String[] withParam(String name, String value) {
        var pairs = new ArrayList<>(List.of(create()));
        var at = pairs.indexOf(name);
        if (at >= 0 && at % 2 == 0) {
            pairs.set(at + 1, value);
        } else {
            pairs.add(name);
            pairs.add(value);
        }
        return pairs.toArray(String[]::new);
    }
}
