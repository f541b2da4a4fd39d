package io.asmdr.preview;

import io.asmdr.loopback.Certificate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.engine.CloudFacts;
import io.asmdr.engine.SimulatedCloud;
import io.asmdr.support.TestStacks;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loopback stub answers the requests the real alicloud provider makes during a preview, in the
 * shapes reference/real-preview/*&#47;stub-requests.jsonl recorded (RPC form POST, RPC GET, ROA GET),
 * over TLS that only its own certificate makes trusted, and refuses everything else.
 */
public class AlibabaStubTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    public static HttpClient trusting(Path pem) throws Exception {
        var keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            keys.setCertificateEntry("stub", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        var tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void answersTheThreeReadApisFromTheCloudFactsAndNothingElse() throws Exception {
        var spec = TestStacks.file("stacks/Pulumi.prod.yaml").load();
        var facts = CloudFacts.PUBLISHED.answering(spec);
        var log = tmp.resolve("requests.jsonl");
        try (var stub = AlibabaStub.start(Certificate.make(tmp), facts, log)) {
            var client = trusting(tmp.resolve("stub-cert.pem"));
            var base = "https://" + stub.endpoint() + "/";
            assertTrue(stub.endpoint().startsWith("127.0.0.1:"));

            // RPC as the provider sends it for Cbn: a form POST
            var zones = client.send(HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=ListTransitRouterAvailableResource&Version=2017-09-12&RegionId=cn-hangzhou"
                            + "&Signature=secret&AccessKeyId=AK")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, zones.statusCode(), zones.body());
            JsonNode z = JSON.readTree(zones.body());
            assertEquals("[\"cn-hangzhou-b\",\"cn-hangzhou-h\",\"cn-hangzhou-i\",\"cn-hangzhou-j\",\"cn-hangzhou-k\"]", z.path("AvailableZones").toString());
            // a region without a published row is answered with the stack's own zones, as synth does (assumed)
            var beijing = client.send(HttpRequest.newBuilder(URI.create(base + "?Action=ListTransitRouterAvailableResource&RegionId=cn-beijing")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("[\"cn-beijing-g\",\"cn-beijing-h\"]", JSON.readTree(beijing.body()).path("AvailableZones").toString());

            // RPC GET for servicemesh
            var versions = client.send(HttpRequest.newBuilder(URI.create(base + "?Action=DescribeVersions&Version=2020-01-11")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(SimulatedCloud.SIMULATED_ASM_VERSION,
                    JSON.readTree(versions.body()).path("VersionInfo").get(0).path("Versions").get(0).asText());

            // ROA for CS
            var ack = client.send(HttpRequest.newBuilder(URI.create(base + "api/v1/metadata/versions?KubernetesVersion=1.30.7-aliyun.1&ClusterType=ManagedKubernetes"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ack.statusCode());
            assertEquals("1.30.7-aliyun.1", JSON.readTree(ack.body()).get(0).path("version").asText());
            assertEquals(1, JSON.readTree(ack.body()).size());

            var other = client.send(HttpRequest.newBuilder(URI.create(base + "?Action=CreateVpc&RegionId=cn-hangzhou")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, other.statusCode());
            assertEquals("StubHasNoAnswer", JSON.readTree(other.body()).path("Code").asText());
        }
        var logged = Files.readAllLines(log);
        assertEquals(5, logged.size(), logged.toString());
        assertTrue(logged.get(0).contains("\"RegionId\":\"cn-hangzhou\"") && logged.get(0).contains("\"action\":\"ListTransitRouterAvailableResource\""));
        assertFalse(Files.readString(log).contains("secret") || Files.readString(log).contains("AccessKeyId"), "no signature or key id is logged");
    }

    @Test
    void strictFactsLeaveAnUnpublishedRegionUnanswered() throws Exception {
        try (var stub = AlibabaStub.start(Certificate.make(tmp), CloudFacts.PUBLISHED, tmp.resolve("log.jsonl"))) {
            var client = trusting(tmp.resolve("stub-cert.pem"));
            var r = client.send(HttpRequest.newBuilder(URI.create("https://" + stub.endpoint() + "/?Action=ListTransitRouterAvailableResource&RegionId=cn-beijing"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("no transit-router zones for region cn-beijing"), r.body());
        }
    }
}
