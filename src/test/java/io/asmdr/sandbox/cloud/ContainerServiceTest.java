package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.asmdr.sandbox.cloud.CloudFixture.DEV_CLUSTER;
import static io.asmdr.sandbox.cloud.CloudFixture.PROD_CLUSTER;
import static io.asmdr.sandbox.cloud.CloudFixture.roa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ACK product through {@link Product#handle}, with requests shaped as terraform-provider-alicloud
 * v1.285.0 sends them and answers checked against what it reads back (field names and JSON types as
 * cs-20151215 v7.6.0's models and denverdino/aliyungo's {@code KubernetesClusterDetail} decode them).
 */
class ContainerServiceTest extends ProductTest {

    @Test
    void aClusterIsInitialUntilItsTimeHasPassedAndItsApiServerIsUpThenRunning() {
        cloud.host.hold();
        var created = cloud.cs("POST", "/clusters", DEV_CLUSTER, Map.of());
        var id = created.path("cluster_id").asText();
        assertTrue(id.matches("c[0-9a-f]{32}"), id);
        var task = created.path("task_id").asText();
        assertTrue(task.matches("T-[0-9a-f]{24}"), task);

        // CsKubernetesInstanceStateRefreshFunc waits with Pending [initial]: nothing else may show meanwhile
        assertEquals("initial", cloud.cs("GET", "/clusters/" + id).path("state").asText());
        assertEquals("running", cloud.cs("GET", "/tasks/" + task).path("state").asText());
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("initial", cloud.cs("GET", "/clusters/" + id).path("state").asText(), "the API server is not up yet");
        cloud.host.release();
        cloud.settle(id);
        assertEquals("running", cloud.cs("GET", "/clusters/" + id).path("state").asText());
        assertEquals("success", cloud.cs("GET", "/tasks/" + task).path("state").asText());
        assertEquals(List.of(id), cloud.host.ensured);
    }

    @Test
    void anApiServerThatIsUpDoesNotMakeItRunningBeforeItsTime() {
        var id = cloud.cs("POST", "/clusters", DEV_CLUSTER, Map.of()).path("cluster_id").asText();
        cloud.settle(id);
        assertEquals("initial", cloud.cs("GET", "/clusters/" + id).path("state").asText(), "12 s (10 min at scale 0.02) have not passed");
        cloud.advance(Duration.ofSeconds(11));
        assertEquals("initial", cloud.cs("GET", "/clusters/" + id).path("state").asText());
        cloud.advance(Duration.ofSeconds(2));
        assertEquals("running", cloud.cs("GET", "/clusters/" + id).path("state").asText());
    }

    @Test
    void readAfterCreateReturnsWhatTheProviderSentInTheTypesItDecodes() {
        var id = cloud.runningCluster(DEV_CLUSTER);
        var d = cloud.cs("GET", "/clusters/" + id);
        // resourceAlicloudCSManagedKubernetesRead, field by field
        assertEquals("ack-hangzhou", d.path("name").asText());
        assertEquals("Default", d.path("profile").asText());
        assertEquals("vpc-hz", d.path("vpc_id").asText());
        assertEquals("[\"vsw-hz-h\",\"vsw-hz-i\"]", d.path("vswitch_ids").toString());
        assertEquals("vsw-hz-h,vsw-hz-i", d.path("vswitch_id").asText(), "denverdino decodes vswitch_id as one string");
        assertTrue(d.path("deletion_protection").isBoolean());
        assertFalse(d.path("deletion_protection").asBoolean());
        assertEquals("ack.pro.small", d.path("cluster_spec").asText());
        assertEquals("cluster.local", d.path("cluster_domain").asText());
        assertEquals("172.16.0.0/16", d.path("service_cidr").asText());
        assertEquals("ipvs", d.path("proxy_mode").asText());
        assertEquals("10.0.0.0/16", d.path("container_cidr").asText());
        assertEquals("24", d.path("node_cidr_mask").asText());
        assertTrue(d.path("node_cidr_mask").isTextual(), "cs-20151215 NodeCidrMask is *string");
        assertEquals("ipv4", d.path("ip_stack").asText());
        assertEquals(CloudFixture.versions().get(CloudFixture.versions().size() - 1), d.path("current_version").asText(),
                "no version asked: ACK's newest");
        assertTrue(d.path("size").isIntegralNumber());
        assertTrue(d.path("created").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00"), "RFC 3339 for Go's time.Time");
        // flattenTags drops ACK's own tag
        assertEquals("[{\"key\":\"ack.aliyun.com\",\"value\":\"" + id + "\"},{\"key\":\"asm-dr-stack\",\"value\":\"dev\"},"
                + "{\"key\":\"managed-by\",\"value\":\"asm-dr\"}]", d.path("tags").toString());
        // Optional, not Computed (and ForceNew for some): absent unless given, or every plan would change them
        for (var absent : List.of("timezone", "auto_mode", "operation_policy")) {
            assertTrue(d.path(absent).isMissingNode(), absent);
        }
        // flattenRRSAMetadata fails on an empty meta_data
        var meta = readJson(d.path("meta_data").asText());
        assertFalse(meta.path("RRSAConfig").path("enabled").asBoolean(true));
        // connections: master_url is JSON text the Read splits on ':' and '/'
        var master = readJson(d.path("master_url").asText());
        assertEquals("https://127.0.0.1:16443", master.path("api_server_endpoint").asText());
        assertEquals("https://127.0.0.1:16443", master.path("intranet_api_server_endpoint").asText());
        assertTrue(d.path("parameters").path("ServiceCIDR").isTextual(), "cs-20151215 Parameters is map[string]*string");
        assertTrue(d.path("maintenance_window").path("enable").isBoolean());
        assertTrue(d.path("state").isTextual());
        // and a second read is the same
        var again = cloud.cs("GET", "/clusters/" + id);
        assertEquals(d, again);
    }

    @Test
    void theClusterSecurityGroupAndNatGatewayAreRecordsInTheCloudState() {
        var id = cloud.runningCluster(DEV_CLUSTER);
        var d = cloud.cs("GET", "/clusters/" + id);
        var sgId = d.path("security_group_id").asText();
        assertTrue(sgId.matches("sg-[0-9a-f]{20}"), sgId);
        var sg = cloud.record("SecurityGroup", sgId);
        assertEquals("vpc-hz", sg.path("VpcId").asText());
        assertEquals("cn-hangzhou", CloudState.region(sg));
        assertFalse(sg.path("SecurityGroupName").asText().isEmpty());
        assertFalse(sg.path("Description").asText().isEmpty());
        var nats = cloud.state.find("NatGateway", n -> "vpc-hz".equals(n.path("VpcId").asText()));
        assertEquals(1, nats.size(), "snat_entry: ACK creates the VPC's NAT gateway, which Read finds with DescribeNatGateways");
        var resources = cloud.cs("GET", "/clusters/" + id + "/resources");
        assertTrue(resources.isArray());
        assertEquals("ALIYUN::SLB::LoadBalancer", resources.get(0).path("resource_type").asText(), "getApiServerSlbID");
        assertEquals(d.path("external_loadbalancer_id").asText(), resources.get(0).path("instance_id").asText());
    }

    @Test
    void theKubeconfigIsTheHostsPublicOnlyWithAPublicEndpointAndTemporaryOnesDiffer() {
        var id = cloud.runningCluster(DEV_CLUSTER);
        // DescribeClusterKubeConfigWithExpiration: PrivateIpAddress=false, TemporaryDurationMinutes only when > 0
        var longLived = cloud.cs("GET", "/k8s/" + id + "/user_config", null, Map.of("PrivateIpAddress", "false"));
        var config = longLived.path("config").asText();
        assertEquals(FakeClusterHost.kubeconfig(id, "https://127.0.0.1:16443", true), config);
        assertEquals(config, cloud.cs("GET", "/k8s/" + id + "/user_config", null, Map.of("PrivateIpAddress", "false")).path("config").asText(),
                "the long-lived credential is the same text every time (the Kubernetes provider's input)");
        assertTrue(longLived.path("expiration").asText().startsWith("2029-"), "three years");
        var temporary = cloud.cs("GET", "/k8s/" + id + "/user_config", null, Map.of("PrivateIpAddress", "false", "TemporaryDurationMinutes", "1440"));
        assertEquals("2026-12-07T00:01:00Z", temporary.path("expiration").asText());
        assertTrue(temporary.path("config").asText().endsWith(config));
        cloud.advance(Duration.ofMinutes(1));
        assertNotEquals(temporary.path("config").asText(), cloud.cs("GET", "/k8s/" + id + "/user_config", null,
                Map.of("PrivateIpAddress", "false", "TemporaryDurationMinutes", "1440")).path("config").asText());
        assertEquals("InvalidParameter.TemporaryDurationMinutes", cloud.csError("GET", "/k8s/" + id + "/user_config", null,
                Map.of("TemporaryDurationMinutes", "5")).code());

        var internalOnly = cloud.runningCluster(DEV_CLUSTER.replace("\"endpoint_public_access\":true,", ""));
        assertEquals("ErrorClusterEndpoint", cloud.csError("GET", "/k8s/" + internalOnly + "/user_config", null,
                Map.of("PrivateIpAddress", "false")).code());
        assertTrue(cloud.cs("GET", "/k8s/" + internalOnly + "/user_config", null, Map.of("PrivateIpAddress", "true")).path("config").asText()
                .contains("server: https://127.0.0.1:"));
        assertEquals("", readJson(cloud.cs("GET", "/clusters/" + internalOnly).path("master_url").asText()).path("api_server_endpoint").asText());
    }

    @Test
    void afterARestartTheKubeconfigWaitsForTheApiServerWithARetryableAnswer() {
        var id = cloud.runningCluster(DEV_CLUSTER);
        cloud.host.hold();
        cloud.restart();
        assertEquals("running", cloud.cs("GET", "/clusters/" + id).path("state").asText(), "the cloud's cluster did not stop");
        var e = cloud.csError("GET", "/k8s/" + id + "/user_config", null, Map.of("PrivateIpAddress", "false"));
        assertEquals(503, e.status());
        assertEquals("ServiceUnavailable", e.code(), "NeedRetry retries it");
        cloud.host.release();
        cloud.settle(id);
        assertEquals(FakeClusterHost.kubeconfig(id, "https://127.0.0.1:16443", true),
                cloud.cs("GET", "/k8s/" + id + "/user_config", null, Map.of("PrivateIpAddress", "false")).path("config").asText());
    }

    @Test
    void aSandboxStartingOverASavedStateStartsTheApiServersOfItsClustersAndMeshes() {
        var id = cloud.runningCluster(DEV_CLUSTER);
        var gone = cloud.runningCluster(DEV_CLUSTER);
        cloud.cs("DELETE", "/clusters/" + gone, null, Map.of());
        cloud.restart();
        cloud.host.ensured.clear();
        cloud.cs.startApiServers(cloud.state);
        cloud.asm.startApiServers(cloud.state);
        cloud.settle(id);
        assertEquals(List.of(id), cloud.host.ensured, "not the one being deleted");
        assertTrue(cloud.hosts.known(id).orElseThrow().up());
    }

    @Test
    void aHostThatFailsFailsTheClusterAndItsTaskWithTheReason() {
        cloud.host.hold();
        var created = cloud.cs("POST", "/clusters", DEV_CLUSTER, Map.of());
        var id = created.path("cluster_id").asText();
        cloud.host.failing.add(id);
        cloud.host.release();
        cloud.settle(id);
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("failed", cloud.cs("GET", "/clusters/" + id).path("state").asText(), "a fail state of the create wait");
        var task = cloud.cs("GET", "/tasks/" + created.path("task_id").asText());
        assertEquals("failed", task.path("state").asText());
        assertTrue(task.path("error").path("message").asText().contains("exited with status 1"), task.toString());
    }

    @Test
    void aKubeconfigWithoutTheCertificatesTheProviderIndexesFailsTheCluster() {
        cloud.host.withoutCertificates = true;
        var created = cloud.cs("POST", "/clusters", DEV_CLUSTER, Map.of());
        var id = created.path("cluster_id").asText();
        cloud.settle(id);
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("failed", cloud.cs("GET", "/clusters/" + id).path("state").asText());
        var message = cloud.cs("GET", "/tasks/" + created.path("task_id").asText()).path("error").path("message").asText();
        assertTrue(message.contains("certificate-authority-data") && message.contains("client-key-data"), message);
    }

    @Test
    void controlPlaneLogAndAuditAnswerWhatReadSetsWithoutAChange() {
        var id = cloud.runningCluster(DEV_CLUSTER);
        var log = cloud.cs("GET", "/clusters/" + id + "/controlplanelog");
        assertEquals("[]", log.path("components").toString(), "control_plane_log_components is Optional, not Computed");
        var audit = cloud.cs("GET", "/clusters/" + id + "/audit");
        assertFalse(audit.path("audit_enabled").asBoolean(true));
        assertEquals("", audit.path("sls_project_name").asText());
    }

    @Test
    void modifyClusterTurnsDeletionProtectionOffThenDeleteRemovesTheClusterAndWhatAckMadeForIt() {
        var id = cloud.runningCluster(PROD_CLUSTER);
        var sg = cloud.cs("GET", "/clusters/" + id).path("security_group_id").asText();
        var protectedDelete = cloud.csError("DELETE", "/clusters/" + id, null, Map.of());
        assertEquals(400, protectedDelete.status());
        assertTrue(protectedDelete.getMessage().contains("deletion protection"));

        // modifyCluster: ModifyCluster, its task, then Pending [updating] -> running
        var modified = cloud.cs("PUT", "/api/v2/clusters/" + id, "{\"deletion_protection\":false}", Map.of());
        assertEquals("updating", cloud.cs("GET", "/clusters/" + id).path("state").asText());
        assertEquals("running", cloud.cs("GET", "/tasks/" + modified.path("task_id").asText()).path("state").asText());
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("success", cloud.cs("GET", "/tasks/" + modified.path("task_id").asText()).path("state").asText());
        var d = cloud.cs("GET", "/clusters/" + id);
        assertEquals("running", d.path("state").asText());
        assertFalse(d.path("deletion_protection").asBoolean(true));

        var deleted = cloud.cs("DELETE", "/clusters/" + id, null, Map.of());
        assertEquals("deleting", cloud.cs("GET", "/clusters/" + id).path("state").asText(), "Pending [running, deleting] of the delete wait");
        cloud.settle(id);
        assertEquals(List.of(id), cloud.host.deleted);
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("success", cloud.cs("GET", "/tasks/" + deleted.path("task_id").asText()).path("state").asText());
        var gone = cloud.csError("GET", "/clusters/" + id, null, Map.of());
        assertEquals(404, gone.status());
        assertEquals("ErrorClusterNotFound", gone.code(), "IsExpectedErrors(ErrorClusterNotFound) and NotFoundError (404)");
        assertTrue(cloud.state.get("SecurityGroup", sg).isEmpty());
        assertTrue(cloud.state.all("NatGateway").isEmpty());
        assertEquals("ErrorClusterNotFound", cloud.csError("DELETE", "/clusters/" + id, null, Map.of()).code(), "a second delete: not found");
    }

    @Test
    void upgradeClusterMovesToTheNextVersionOnceTheUpgradeHasTakenItsTime() {
        var versions = CloudFixture.versions();
        var id = cloud.runningCluster(PROD_CLUSTER);
        assertEquals(versions.get(0), cloud.cs("GET", "/clusters/" + id).path("current_version").asText());
        var newest = versions.get(versions.size() - 1);
        var task = cloud.cs("POST", "/api/v2/clusters/" + id + "/upgrade", "{\"next_version\":\"" + newest + "\"}", Map.of()).path("task_id").asText();
        assertEquals("upgrading", cloud.cs("GET", "/clusters/" + id).path("state").asText());
        assertEquals(versions.get(0), cloud.cs("GET", "/clusters/" + id).path("current_version").asText());
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("success", cloud.cs("GET", "/tasks/" + task).path("state").asText());
        assertEquals(newest, cloud.cs("GET", "/clusters/" + id).path("current_version").asText());
        assertEquals("InvalidParameter.NextVersion", cloud.csError("POST", "/api/v2/clusters/" + id + "/upgrade",
                "{\"next_version\":\"" + versions.get(0) + "\"}", Map.of()).code(), "no downgrade");
    }

    @Test
    void modifyClusterTagsReplacesTheUsersTagsAndKeepsAcksOwn() {
        var id = cloud.runningCluster(DEV_CLUSTER);
        cloud.cs("POST", "/clusters/" + id + "/tags", "[{\"key\":\"team\",\"value\":\"mesh\"}]", Map.of());
        assertEquals("[{\"key\":\"ack.aliyun.com\",\"value\":\"" + id + "\"},{\"key\":\"team\",\"value\":\"mesh\"}]",
                cloud.cs("GET", "/clusters/" + id).path("tags").toString());
    }

    @Test
    void aNodePoolIsInitialThenActiveAndReadsBackWhatWasSent() {
        var id = cloud.runningCluster(DEV_CLUSTER);
        // resourceAliCloudAckNodepoolCreate: scaling_group/kubernetes_config/nodepool_info, desired_size as a number
        var body = """
                {"scaling_group":{"key_pair":"asm-dr-ops","system_disk_category":"cloud_essd","instance_types":["ecs.g7.xlarge"],
                  "desired_size":2,"vswitch_ids":["vsw-hz-h","vsw-hz-i"],"system_disk_size":120},
                 "kubernetes_config":{"cms_enabled":true},"nodepool_info":{"name":"ack-hangzhou-workers"}}""";
        var created = cloud.cs("POST", "/clusters/" + id + "/nodepools", body, Map.of());
        var pool = created.path("nodepool_id").asText();
        assertTrue(pool.matches("np[0-9a-f]{32}"), pool);
        var path = "/clusters/" + id + "/nodepools/" + pool;
        assertEquals("initial", cloud.cs("GET", path).path("status").path("state").asText());
        assertEquals("running", cloud.cs("GET", "/tasks/" + created.path("task_id").asText()).path("state").asText(), "$.state of the task");
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("success", cloud.cs("GET", "/tasks/" + created.path("task_id").asText()).path("state").asText());
        var p = cloud.cs("GET", path);
        assertEquals("active", p.path("status").path("state").asText());
        assertEquals(2, p.path("status").path("total_nodes").asInt());
        // resourceAliCloudAckNodepoolRead
        var sg = p.path("scaling_group");
        assertTrue(sg.path("desired_size").isIntegralNumber(), "read as json.Number");
        assertEquals(2, sg.path("desired_size").asInt());
        assertEquals("asm-dr-ops", sg.path("key_pair").asText());
        assertEquals("cloud_essd", sg.path("system_disk_category").asText());
        assertEquals(120, sg.path("system_disk_size").asInt());
        assertEquals("[\"ecs.g7.xlarge\"]", sg.path("instance_types").toString());
        assertEquals("[\"vsw-hz-h\",\"vsw-hz-i\"]", sg.path("vswitch_ids").toString());
        assertEquals(cloud.cs("GET", "/clusters/" + id).path("security_group_id").asText(), sg.path("security_group_id").asText());
        assertTrue(p.path("kubernetes_config").path("cms_enabled").asBoolean(), "install_cloud_monitor defaults to true");
        assertEquals("ack-hangzhou-workers", p.path("nodepool_info").path("name").asText());
        assertEquals(pool, p.path("nodepool_info").path("nodepool_id").asText());
        // Optional, not Computed: absent (or empty) unless sent
        for (var absent : List.of("internet_charge_type", "period", "period_unit", "login_password", "deploymentset_id", "tags")) {
            assertTrue(sg.path(absent).isMissingNode(), absent);
        }
        for (var absent : List.of("management", "auto_scaling", "node_config", "tee_config", "auto_mode")) {
            assertTrue(p.path(absent).isMissingNode(), absent);
        }
        assertEquals(2, cloud.cs("GET", "/clusters/" + id).path("size").asInt());
    }

    @Test
    void aNodePoolScalesAndIsDeleted() {
        var id = cloud.runningCluster(DEV_CLUSTER);
        var pool = cloud.cs("POST", "/clusters/" + id + "/nodepools", """
                {"scaling_group":{"key_pair":"k","instance_types":["ecs.g7.xlarge"],"desired_size":2,"vswitch_ids":["vsw-hz-h"]},
                 "nodepool_info":{"name":"w"}}""", Map.of()).path("nodepool_id").asText();
        var path = "/clusters/" + id + "/nodepools/" + pool;
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("active", cloud.cs("GET", path).path("status").path("state").asText());
        // resourceAliCloudAckNodepoolUpdate sends every section, empty where nothing changed
        var task = cloud.cs("PUT", path, "{\"scaling_group\":{\"desired_size\":3},\"kubernetes_config\":{},\"nodepool_info\":{}}", Map.of())
                .path("task_id").asText();
        assertEquals("scaling", cloud.cs("GET", path).path("status").path("state").asText());
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("success", cloud.cs("GET", "/tasks/" + task).path("state").asText());
        var p = cloud.cs("GET", path);
        assertEquals(3, p.path("scaling_group").path("desired_size").asInt());
        assertEquals("k", p.path("scaling_group").path("key_pair").asText(), "a change keeps what it does not name");

        var deleted = cloud.cs("DELETE", path, null, Map.of("force", "true")).path("task_id").asText();
        assertEquals("running", cloud.cs("GET", "/tasks/" + deleted).path("state").asText());
        cloud.advance(Duration.ofMinutes(1));
        assertEquals("success", cloud.cs("GET", "/tasks/" + deleted).path("state").asText());
        var gone = cloud.csError("GET", path, null, Map.of());
        assertEquals("ErrorNodePoolNotFound", gone.code(), "DescribeAckNodepool's not-found codes");
        assertEquals(404, gone.status());
    }

    @Test
    void createValidatesWhatTheRealApiValidates() {
        assertEquals("InvalidVSwitchId.NotInVpc", cloud.csError("POST", "/clusters",
                DEV_CLUSTER.replace("\"vsw-hz-i\"", "\"vsw-sh-e\""), Map.of()).code());
        assertEquals("InvalidVpcId.NotFound", cloud.csError("POST", "/clusters",
                DEV_CLUSTER.replace("\"cn-hangzhou\"", "\"cn-shanghai\""), Map.of()).code(), "the VPC is in another region");
        assertEquals("InvalidParameter.CidrConflict", cloud.csError("POST", "/clusters",
                DEV_CLUSTER.replace("10.0.0.0/16", "20.9.0.0/16"), Map.of()).code(), "Pod CIDR inside the VPC's");
        assertEquals("InvalidParameter.KubernetesVersion", cloud.csError("POST", "/clusters",
                DEV_CLUSTER.replace("\"profile\"", "\"kubernetes_version\":\"1.2.3-aliyun.1\",\"profile\""), Map.of()).code());
        assertEquals("InvalidParameter.PodVswitchIds", cloud.csError("POST", "/clusters",
                PROD_CLUSTER.replace("\"pod_vswitch_ids\":[\"vsw-hz-pods\"],", ""), Map.of()).code());
        assertTrue(cloud.state.all(ContainerService.CLUSTER).isEmpty(), "nothing was created");
        assertTrue(cloud.state.all("SecurityGroup").isEmpty());
    }

    @Test
    void whatIsNotEmulatedIsRefusedByName() {
        assertTrue(cloud.cs.handle(roa("GET", "/clusters/c1/nodes", null, Map.of()), cloud.state).isEmpty(), "DescribeClusterNodes: the emulator refuses it");
        var e = cloud.csError("POST", "/clusters", DEV_CLUSTER.replace("\"profile\"", "\"zone_ids\":[\"cn-hangzhou-h\"],\"profile\""), Map.of());
        assertEquals("Sandbox.NotImplemented", e.code());
        assertTrue(e.getMessage().contains("'zone_ids'"), e.getMessage());
        var id = cloud.runningCluster(DEV_CLUSTER);
        var rrsa = cloud.csError("PUT", "/api/v2/clusters/" + id, "{\"enable_rrsa\":true}", Map.of());
        assertTrue(rrsa.getMessage().contains("'enable_rrsa'"), rrsa.getMessage());
    }

    @Test
    void callsAreNamedAndPlacedInTheRegionOfWhatTheyName() {
        var id = cloud.runningCluster(DEV_CLUSTER);
        var task = cloud.cs("PUT", "/api/v2/clusters/" + id, "{\"cluster_name\":\"x\"}", Map.of()).path("task_id").asText();
        assertEquals("cn-hangzhou", cloud.cs.regionOf(roa("POST", "/clusters", DEV_CLUSTER, Map.of()), cloud.state).orElseThrow());
        assertEquals("cn-hangzhou", cloud.cs.regionOf(roa("GET", "/clusters/" + id, null, Map.of()), cloud.state).orElseThrow());
        assertEquals("cn-hangzhou", cloud.cs.regionOf(roa("GET", "/k8s/" + id + "/user_config", null, Map.of()), cloud.state).orElseThrow());
        assertEquals("cn-hangzhou", cloud.cs.regionOf(roa("GET", "/tasks/" + task, null, Map.of()), cloud.state).orElseThrow());
        assertEquals("cn-beijing", cloud.cs.regionOf(roa("GET", "/api/v1/metadata/versions", null, Map.of("Region", "cn-beijing")), cloud.state)
                .orElseThrow());
        assertTrue(cloud.cs.regionOf(roa("GET", "/clusters/cunknown", null, Map.of()), cloud.state).isEmpty());
        assertEquals("DescribeClusterDetail", cloud.cs.actionOf("GET", "/clusters/" + id).orElseThrow());
        assertEquals("DeleteClusterNodepool", cloud.cs.actionOf("DELETE", "/clusters/" + id + "/nodepools/np1").orElseThrow());
        assertEquals("DescribeKubernetesVersionMetadata", cloud.cs.actionOf("GET", "/api/v1/metadata/versions/").orElseThrow());
    }

    @Test
    void versionMetadataAnswersFromTheReferenceData() {
        var versions = CloudFixture.versions();
        var all = cloud.cs("GET", "/api/v1/metadata/versions", null, Map.of("ClusterType", "ManagedKubernetes", "Region", "cn-hangzhou"));
        assertEquals(versions.size(), all.size());
        assertEquals(versions.get(0), all.get(0).path("version").asText());
        assertEquals(versions.size() - 1, all.get(0).path("upgradable_versions").size());
        assertEquals("containerd", all.get(0).path("runtimes").get(0).path("name").asText(), "formatRuntime dereferences name and version");
        var pinned = cloud.cs("GET", "/api/v1/metadata/versions", null, Map.of("ClusterType", "ManagedKubernetes", "KubernetesVersion", versions.get(0)));
        assertEquals(1, pinned.size());
        var unknown = cloud.cs("GET", "/api/v1/metadata/versions", null, Map.of("ClusterType", "ManagedKubernetes", "KubernetesVersion", "1.2.3-aliyun.1"));
        assertEquals(0, unknown.size(), "KubernetesVersionCheck reports the pin");
    }

    private static JsonNode readJson(String text) {
        return CloudFixture.tree(text);
    }
}
