package io.asmdr.sandbox.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.loopback.Certificate;
import io.asmdr.preview.AlibabaStubTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator over TLS: dispatch by API version, a region that is down, refusals by name, the request log. */
class CloudEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void servesRpcCallsRefusesWhatItDoesNotEmulateAndAnswers503ForARegionThatIsDown() throws Exception {
        var state = CloudState.open(tmp.resolve("state.json"), Clock.systemUTC());
        var down = new HashSet<String>();
        var log = tmp.resolve("requests.jsonl");
        try (var emulator = CloudEmulator.start(Certificate.make(tmp), 0, state, List.of(new Vpc(Timing.standard()), new Ecs()), log,
                () -> Set.copyOf(down))) {
            var client = AlibabaStubTest.trusting(tmp.resolve("stub-cert.pem"));
            var base = "https://" + emulator.endpoint() + "/";
            // an RPC form POST as tea-rpc sends it (connectivity/client.go rpcRequest)
            var create = client.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=CreateVpc&Version=2016-04-28&Format=JSON&RegionId=cn-beijing"
                            + "&CidrBlock=22.0.0.0%2F8&VpcName=prod-vpc-beijing&Signature=secret&AccessKeyId=key")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, create.statusCode(), create.body());
            var body = JSON.readTree(create.body());
            assertTrue(body.get("VpcId").asText().startsWith("vpc-"));
            assertTrue(body.has("RequestId"));

            var unknown = client.send(HttpRequest.newBuilder(URI.create(base + "?Action=CreateNatGateway&Version=2016-04-28&RegionId=cn-beijing")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, unknown.statusCode());
            var refusal = JSON.readTree(unknown.body());
            assertEquals("Sandbox.NotImplemented", refusal.get("Code").asText());
            assertTrue(refusal.get("Message").asText().contains("Vpc 2016-04-28 CreateNatGateway"), refusal.toString());

            var product = client.send(HttpRequest.newBuilder(URI.create(base + "?Action=CreateDBInstance&Version=2014-08-15&RegionId=cn-beijing")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, product.statusCode());
            assertTrue(product.body().contains("2014-08-15"), product.body());

            down.add("cn-beijing");
            var out = client.send(HttpRequest.newBuilder(URI.create(base + "?Action=DescribeVpcAttribute&Version=2016-04-28&RegionId=cn-beijing&VpcId="
                    + body.get("VpcId").asText())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, out.statusCode());
            assertEquals("ServiceUnavailable", JSON.readTree(out.body()).get("Code").asText()); // the provider's NeedRetry code
            var elsewhere = client.send(HttpRequest.newBuilder(URI.create(base + "?Action=CreateVpc&Version=2016-04-28&RegionId=cn-hangzhou&CidrBlock=20.0.0.0%2F8")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, elsewhere.statusCode(), "only the region that is down");
        }
        var lines = Files.readAllLines(log);
        assertEquals(5, lines.size());
        var first = JSON.readTree(lines.get(0));
        assertEquals("Vpc", first.get("product").asText());
        assertEquals("CreateVpc", first.get("action").asText());
        assertEquals("cn-beijing", first.get("region").asText());
        assertEquals(200, first.get("status").asInt());
        assertTrue(!lines.get(0).contains("secret") && !lines.get(0).contains("AccessKeyId"), "no signature or key id in the log: " + lines.get(0));
        assertEquals(503, JSON.readTree(lines.get(3)).get("status").asInt());
    }
}
