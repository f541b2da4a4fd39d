package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.engine.CloudFacts;
import io.asmdr.loopback.Certificate;
import io.asmdr.preview.AlibabaStubTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cbn behind the real loopback emulator, over TLS trusted only through its own certificate, called as tea-rpc calls
 * it for terraform-provider-alicloud (the common parameters in the query, the action's own in a form body): the
 * answers carry a RequestId and the provider's fields, errors come in Alibaba's shape with the HTTP status the
 * provider reads, a region that is down answers 503, and every call is logged without its signature.
 */
class CbnEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static HttpResponse<String> rpc(HttpClient client, String endpoint, String action, Map<String, String> form) throws Exception {
        var query = "Action=" + action + "&Format=json&Version=2017-09-12&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0"
                + "&AccessKeyId=AKID-secret&Signature=sig-secret&SignatureNonce=n&Timestamp=2026-12-06T21%3A00%3A00Z";
        var body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(URI.create("https://" + endpoint + "/?" + query)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("x-acs-action", action).header("x-acs-version", "2017-09-12")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheProvidersCallsOverTlsAndRefusesWhatItDoesNotEmulate() throws Exception {
        var state = CloudState.open(tmp.resolve("state.json"), Clock.systemUTC());
        var log = tmp.resolve("requests.jsonl");
        var certificate = Certificate.make(tmp);
        var cbn = new Cbn(CloudFacts.PUBLISHED, new Timing(0, Duration.ofMillis(50)));
        try (var emulator = CloudEmulator.start(certificate, 0, state, List.of(cbn), log, () -> Set.of("cn-shanghai"))) {
            var client = AlibabaStubTest.trusting(certificate.pem());
            var endpoint = emulator.endpoint();

            var created = rpc(client, endpoint, "CreateCen", Map.of("ClientToken", "t", "Name", "asm-dr-dev", "Tag.1.Key", "app", "Tag.1.Value", "asm-dr"));
            assertEquals(200, created.statusCode(), created.body());
            JsonNode answer = JSON.readTree(created.body());
            var cen = answer.path("CenId").asText();
            assertTrue(cen.startsWith("cen-"), created.body());
            assertFalse(answer.path("RequestId").asText().isEmpty(), "every answer has a RequestId");

            Thread.sleep(60); // past the 50 ms the test's timing takes to make a CEN ready
            var described = JSON.readTree(rpc(client, endpoint, "DescribeCens", Map.of("Filter.1.Key", "CenId", "Filter.1.Value.1", cen)).body());
            var found = described.path("Cens").path("Cen");
            assertEquals(1, found.size(), described.toString());
            assertEquals("Active", found.get(0).path("Status").asText());
            assertEquals("asm-dr", found.get(0).path("Tags").path("Tag").get(0).path("Value").asText());

            var zones = JSON.readTree(rpc(client, endpoint, "ListTransitRouterAvailableResource", Map.of("RegionId", "cn-hangzhou")).body());
            assertEquals("[\"cn-hangzhou-b\",\"cn-hangzhou-h\",\"cn-hangzhou-i\",\"cn-hangzhou-j\",\"cn-hangzhou-k\"]", zones.path("AvailableZones").toString());

            var down = rpc(client, endpoint, "CreateTransitRouter", Map.of("RegionId", "cn-shanghai", "CenId", cen));
            assertEquals(503, down.statusCode(), "a region that is down: the provider retries, then fails");
            assertEquals("ServiceUnavailable", JSON.readTree(down.body()).path("Code").asText());

            var missing = rpc(client, endpoint, "ListTransitRouterRouteEntries", Map.of("TransitRouterRouteTableId", "vtb-000000000000000000000"));
            assertEquals(400, missing.statusCode());
            assertEquals("InvalidTransitRouterRouteTableId.NotFound", JSON.readTree(missing.body()).path("Code").asText(),
                    "the code the provider's route-entry Read takes for a table that is gone");

            var unknown = rpc(client, endpoint, "CreateTransitRouterMulticastDomain", Map.of("TransitRouterId", "tr-1"));
            assertEquals(400, unknown.statusCode());
            var refusal = JSON.readTree(unknown.body());
            assertEquals("Sandbox.NotImplemented", refusal.path("Code").asText());
            assertTrue(refusal.path("Message").asText().contains("Cbn 2017-09-12 CreateTransitRouterMulticastDomain"), refusal.toString());
        }
        var logged = Files.readAllLines(log);
        assertEquals(6, logged.size(), logged.toString());
        var first = JSON.readTree(logged.get(0));
        assertEquals("Cbn", first.path("product").asText());
        assertEquals("CreateCen", first.path("action").asText());
        assertEquals("cn-shanghai", JSON.readTree(logged.get(3)).path("region").asText());
        var text = Files.readString(log);
        assertFalse(text.contains("secret"), "no signature or key id is logged");
    }
}
