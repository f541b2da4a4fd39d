package io.asmdr.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.mesh.IngressGatewayManifest;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Istio CRDs carry Istio's own spec schemas; the aggregation objects point at the mesh as the aggregator needs. */
class IstioKindsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(Object crd) {
        return JSON.valueToTree(crd);
    }

    @Test
    void everyKindTheProgramWritesIsServedAtEveryVersionItUses() {
        var crds = IstioKinds.crds().stream().map(IstioKindsTest::tree).toList();
        assertEquals(List.of("destinationrules.networking.istio.io", "virtualservices.networking.istio.io", "gateways.networking.istio.io",
                "istiogateways.istio.alibabacloud.com"), crds.stream().map(c -> c.path("metadata").path("name").asText()).toList());
        for (var crd : crds) {
            var versions = crd.path("spec").path("versions");
            int stored = 0;
            for (var v : versions) {
                assertTrue(v.path("served").asBoolean(), crd.path("metadata").path("name").asText());
                assertTrue(v.path("subresources").has("status"), "status subresource");
                stored += v.path("storage").asBoolean() ? 1 : 0;
            }
            assertEquals(1, stored, "one storage version: " + crd.path("metadata").path("name").asText());
        }
        // the program's apiVersions (traffic.IstioRouting, mesh.IngressGatewayManifest)
        assertTrue(IstioKinds.groupVersions().containsAll(List.of("networking.istio.io/v1alpha3", IngressGatewayManifest.API_VERSION)));
        var dr = crds.get(0).path("spec").path("versions");
        assertEquals("v1", dr.get(2).path("name").asText());
        assertTrue(dr.get(2).path("storage").asBoolean(), "v1 is stored, as in Istio 1.27 and later");
    }

    @Test
    void theSpecSchemaIsIstiosOwnByteForByteWithItsCelRules() throws Exception {
        for (var crd : IstioKinds.crds().subList(0, 3)) {
            var tree = tree(crd);
            var kind = tree.path("spec").path("names").path("singular").asText();
            for (var version : tree.path("spec").path("versions")) {
                var rendered = version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
                var source = JSON.readTree(Files.readString(Path.of("reference/istio/crd-schemas/" + kind + "." + version.path("name").asText() + ".json")));
                assertEquals(source, rendered, kind + " " + version.path("name").asText());
            }
        }
        // what goes over the wire keeps Istio's integer bounds as integers
        var wire = Serialization.asJson(IstioKinds.crds().get(0));
        assertTrue(wire.contains("\"maximum\":4294967295") && !wire.contains("E9"), "integer bounds stay integers");
        assertTrue(wire.contains("x-kubernetes-validations"), "CEL rules kept");
    }

    @Test
    void theIstioGatewayKeepsEveryFieldOfItsSpec() {
        var gateway = tree(IstioKinds.crds().get(3));
        var spec = gateway.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema").path("properties").path("spec");
        assertTrue(spec.path("x-kubernetes-preserve-unknown-fields").asBoolean());
        assertEquals("IstioGateway", gateway.path("spec").path("names").path("kind").asText());
        assertEquals("Namespaced", gateway.path("spec").path("scope").asText());
    }

    @Test
    void aggregationPointsEveryGroupVersionAtTheMeshThroughAnExternalNameService() {
        var service = IstioKinds.aggregationService("mesh-1", 16450);
        assertEquals("ExternalName", service.getSpec().getType());
        assertEquals("localhost", service.getSpec().getExternalName());
        var apiServices = IstioKinds.apiServices("mesh-1", 16450, "PEM");
        assertEquals(IstioKinds.groupVersions().size(), apiServices.size());
        for (var a : apiServices) {
            @SuppressWarnings("unchecked")
            var spec = (Map<String, Object>) a.getAdditionalProperties().get("spec");
            assertEquals(a.getMetadata().getName(), spec.get("version") + "." + spec.get("group"));
            assertEquals(Map.of("namespace", "istio-system", "name", IstioKinds.AGGREGATION_SERVICE, "port", 16450), spec.get("service"));
            assertEquals("PEM", new String(Base64.getDecoder().decode((String) spec.get("caBundle")), StandardCharsets.US_ASCII));
        }
    }
}
