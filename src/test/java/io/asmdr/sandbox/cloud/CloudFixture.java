package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asmdr.engine.CloudFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The ACK and ASM products over one cloud state with a clock the test moves, a fake cluster host,
 * the VPCs and vSwitches the Vpc product would hold (its field names), and requests built as
 * terraform-provider-alicloud v1.285.0 sends them.
 */
final class CloudFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The Vpc product's test clock: it stands still until the test moves it. */
    final VpcAndEcsTest.MutableClock clock = new VpcAndEcsTest.MutableClock();
    final CloudState state;
    final Timing timing = new Timing(0.02, Duration.ofMillis(500));
    final FakeClusterHost host = new FakeClusterHost();
    ControlPlanes hosts = new ControlPlanes(host);
    ContainerService cs;
    ServiceMesh asm;

    CloudFixture(Path dir) {
        try {
            state = CloudState.open(dir.resolve("cloud.json"), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        products();
        vpc("cn-hangzhou", "vpc-hz", "20.0.0.0/8");
        vswitch("vsw-hz-h", "vpc-hz", "cn-hangzhou-h", "20.0.0.0/16");
        vswitch("vsw-hz-i", "vpc-hz", "cn-hangzhou-i", "20.1.0.0/16");
        vswitch("vsw-hz-pods", "vpc-hz", "cn-hangzhou-h", "20.2.0.0/16");
        vpc("cn-shanghai", "vpc-sh", "21.0.0.0/8");
        vswitch("vsw-sh-e", "vpc-sh", "cn-shanghai-e", "21.0.0.0/16");
        vpc("cn-hangzhou", "vpc-mesh", "192.168.0.0/16");
        vswitch("vsw-mesh", "vpc-mesh", "cn-hangzhou-h", "192.168.0.0/24");
    }

    /** The products as a (re)started sandbox builds them: a new process knows no API server yet. */
    void products() {
        cs = new ContainerService(hosts, timing, CloudFacts.PUBLISHED);
        asm = new ServiceMesh(hosts, timing, cs);
    }

    void restart() {
        hosts.close();
        hosts = new ControlPlanes(host);
        products();
    }

    void vpc(String region, String id, String cidr) {
        var v = CloudState.object().put("VpcId", id).put("CidrBlock", cidr).put("Status", "Available");
        state.create("Vpc", id, region, v, 0);
    }

    void vswitch(String id, String vpc, String zone, String cidr) {
        var v = CloudState.object().put("VSwitchId", id).put("VpcId", vpc).put("ZoneId", zone).put("CidrBlock", cidr).put("Status", "Available");
        state.create("VSwitch", id, zone.substring(0, zone.lastIndexOf('-')), v, 0);
    }

    void advance(Duration d) {
        clock.millis += d.toMillis();
    }

    /** Waits (at most 5 s) for what the fake host is doing for {@code id}. */
    void settle(String id) {
        try {
            hosts.pending(id).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ requests

    static ApiRequest roa(String method, String path, String body, Map<String, String> query) {
        try {
            var json = body == null ? JSON.createObjectNode() : JSON.readTree(body);
            return new ApiRequest("ROA", method, path, "", ContainerService.VERSION, "", query, json,
                    Map.of("x-acs-version", ContainerService.VERSION));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiRequest rpc(String action, String... pairs) {
        var params = new LinkedHashMap<String, String>();
        params.put("Action", action);
        params.put("Version", ServiceMesh.VERSION);
        params.put("Format", "json");
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return new ApiRequest("RPC", "POST", "/", "", ServiceMesh.VERSION, action, params, JSON.createObjectNode(), Map.of());
    }

    JsonNode cs(String method, String path, String body, Map<String, String> query) {
        return JSON.valueToTree(cs.handle(roa(method, path, body, query), state).orElseThrow(() ->
                new AssertionError("CS refused " + method + " " + path)));
    }

    JsonNode cs(String method, String path) {
        return cs(method, path, null, Map.of());
    }

    ApiException csError(String method, String path, String body, Map<String, String> query) {
        return assertThrows(ApiException.class, () -> cs.handle(roa(method, path, body, query), state));
    }

    JsonNode asm(String action, String... pairs) {
        return JSON.valueToTree(asm.handle(rpc(action, pairs), state).orElseThrow(() -> new AssertionError("ASM refused " + action)));
    }

    ApiException asmError(String action, String... pairs) {
        return assertThrows(ApiException.class, () -> asm.handle(rpc(action, pairs), state));
    }

    ObjectNode record(String kind, String id) {
        return state.get(kind, id).orElseThrow();
    }

    // ------------------------------------------------------------------ what the program sends

    /**
     * dev's cn-hangzhou cluster as resourceAlicloudCSManagedKubernetesCreate builds CreateClusterRequest
     * (resource_alicloud_cs_managed_kubernetes.go: tags from the map, addons with config/version/disabled,
     * vpcid from DescribeVSwitch, deletion_protection by GetOkExists, snat_entry from new_nat_gateway,
     * endpoint_public_access from slb_internet_enabled, node_cidr_mask as a string).
     */
    static final String DEV_CLUSTER = """
            {"name":"ack-hangzhou","region_id":"cn-hangzhou","cluster_type":"ManagedKubernetes","profile":"Default",
             "tags":[{"key":"asm-dr-stack","value":"dev"},{"key":"managed-by","value":"asm-dr"}],
             "addons":[{"name":"flannel","config":"","version":"","disabled":false}],
             "vpcid":"vpc-hz","vswitch_ids":["vsw-hz-h","vsw-hz-i"],"deletion_protection":false,"snat_entry":true,
             "endpoint_public_access":true,"service_cidr":"172.16.0.0/16","proxy_mode":"ipvs","container_cidr":"10.0.0.0/16",
             "node_cidr_mask":"24","cluster_spec":"ack.pro.small","cluster_domain":"cluster.local"}""";

    /** prod's: Terway with Pod vSwitches, a pinned version (the oldest ACK offers here, so that it can be upgraded), deletion protection. */
    static final String PROD_CLUSTER = """
            {"name":"prod-ack-hangzhou","region_id":"cn-hangzhou","cluster_type":"ManagedKubernetes","profile":"Default",
             "tags":[{"key":"asm-dr-stack","value":"prod"}],
             "addons":[{"name":"terway-eniip","config":"","version":"","disabled":false}],
             "vpcid":"vpc-hz","vswitch_ids":["vsw-hz-h","vsw-hz-i"],"kubernetes_version":"%s","deletion_protection":true,
             "snat_entry":true,"endpoint_public_access":true,"service_cidr":"172.16.0.0/16","proxy_mode":"ipvs",
             "pod_vswitch_ids":["vsw-hz-pods"],"node_cidr_mask":"24","cluster_spec":"ack.pro.small","cluster_domain":"cluster.local"}""".formatted(versions().get(0));

    /** The Kubernetes versions ACK offers in the published facts, oldest first. */
    static List<String> versions() {
        return CloudFacts.PUBLISHED.kubernetesVersions().keySet().stream().sorted(ContainerService.VERSION_ORDER).toList();
    }

    /** A cluster created and running (its time passed, its API server up); its id. */
    String runningCluster(String body) {
        var id = cs("POST", "/clusters", body, Map.of()).path("cluster_id").asText();
        settle(id);
        advance(Duration.ofMinutes(1));
        var state = cs("GET", "/clusters/" + id).path("state").asText();
        if (!state.equals("running")) {
            throw new AssertionError("cluster " + id + " is " + state);
        }
        return id;
    }

    @Override
    public void close() {
        hosts.close();
    }
}
