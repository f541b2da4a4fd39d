package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.asmdr.loopback.Certificate;
import io.asmdr.preview.AlibabaStubTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.asmdr.sandbox.cloud.CloudFixture.DEV_CLUSTER;
import static io.asmdr.sandbox.cloud.CloudFixture.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both products behind the real {@link CloudEmulator} over TLS: ROA calls reach ACK by their
 * {@code x-acs-version} header with a JSON body (as tea-roa, darabonba-openapi and denverdino send
 * them), RPC calls reach ASM by {@code Version}, and a call that names a cluster in a region that is
 * down gets 503 before the product sees it.
 */
class ContainerAndMeshOverTlsTest {
    @TempDir
    Path tmp;

    @Test
    void routedByHeaderOrVersionAndRefusedForARegionThatIsDown() throws Exception {
        var down = ConcurrentHashMap.<String>newKeySet();
        try (var cloud = new CloudFixture(tmp);
             var emulator = CloudEmulator.start(Certificate.make(tmp), 0, cloud.state, List.of(cloud.cs, cloud.asm), tmp.resolve("requests.jsonl"),
                     () -> Set.copyOf(down))) {
            var client = AlibabaStubTest.trusting(tmp.resolve("stub-cert.pem"));
            var base = "https://" + emulator.endpoint();

            var create = send(client, HttpRequest.newBuilder(URI.create(base + "/clusters"))
                    .header("x-acs-version", ContainerService.VERSION).header("x-acs-action", "CreateCluster")
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(DEV_CLUSTER)));
            assertEquals(200, create.statusCode(), create.body());
            var id = JSON.readTree(create.body()).path("cluster_id").asText();
            cloud.settle(id);
            cloud.advance(Duration.ofMinutes(1));

            // denverdino's DescribeKubernetesClusterDetail: no action header, no body
            var detail = send(client, HttpRequest.newBuilder(URI.create(base + "/clusters/" + id)).header("x-acs-version", ContainerService.VERSION)
                    .header("Accept", "application/json").GET());
            assertEquals(200, detail.statusCode(), detail.body());
            assertEquals("running", JSON.readTree(detail.body()).path("state").asText());

            // RPC: Action and Version in the query, the rest as a form (tea-rpc DoRequest)
            var versions = send(client, HttpRequest.newBuilder(URI.create(base + "/?Action=DescribeVersions&Version=" + ServiceMesh.VERSION
                    + "&Format=json")).GET());
            assertEquals(200, versions.statusCode(), versions.body());
            assertTrue(JSON.readTree(versions.body()).path("VersionInfo").isArray());

            down.add("cn-hangzhou");
            var outage = send(client, HttpRequest.newBuilder(URI.create(base + "/clusters/" + id)).header("x-acs-version", ContainerService.VERSION).GET());
            assertEquals(503, outage.statusCode(), "the cluster's region, though the call names no region");
            var kubeconfig = send(client, HttpRequest.newBuilder(URI.create(base + "/k8s/" + id + "/user_config?PrivateIpAddress=false"))
                    .header("x-acs-version", ContainerService.VERSION).GET());
            assertEquals(503, kubeconfig.statusCode());
            var elsewhere = send(client, HttpRequest.newBuilder(URI.create(base + "/clusters"))
                    .header("x-acs-version", ContainerService.VERSION).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(DEV_CLUSTER.replace("\"cn-hangzhou\"", "\"cn-shanghai\"")
                            .replace("vpc-hz", "vpc-sh").replace("[\"vsw-hz-h\",\"vsw-hz-i\"]", "[\"vsw-sh-e\"]"))));
            assertEquals(200, elsewhere.statusCode(), "a create is in its body's region: " + elsewhere.body());

            List<JsonNode> log = Files.readAllLines(tmp.resolve("requests.jsonl")).stream().map(CloudFixture::tree).toList();
            assertEquals(List.of("CS", "CS", "servicemesh", "CS", "CS", "CS"), log.stream().map(l -> l.path("product").asText()).toList());
            assertEquals(List.of("cn-hangzhou", "cn-hangzhou", "", "cn-hangzhou", "cn-hangzhou", "cn-shanghai"),
                    log.stream().map(l -> l.path("region").asText()).toList());
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
