package io.asmdr.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.asmdr.mesh.IngressGatewayManifest;
import io.asmdr.plan.PlannedResource;
import io.asmdr.support.TestStacks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Istio object the program plans, held against Istio's CRD schemas. Kubernetes prunes
 * unknown fields silently, so a misspelt field would vanish on apply; the schemas are made strict
 * here ({@code additionalProperties: false} wherever a schema lists its properties and does not ask
 * to preserve unknown fields) so that such a field fails the test instead.
 */
class IstioCrdSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();

    @BeforeAll
    static void loadSchemas() throws IOException {
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        for (var kind : List.of("destinationrule", "virtualservice", "gateway")) {
            for (var version : List.of("v1alpha3", "v1beta1", "v1")) {
                var raw = JSON.readTree(Path.of("reference/istio/crd-schemas/" + kind + "." + version + ".json").toFile());
                SCHEMAS.put(kind + "/" + version, factory.getSchema(strict(raw)));
            }
        }
    }

    static JsonNode strict(JsonNode node) {
        if (node.isObject()) {
            var obj = (ObjectNode) node;
            obj.fields().forEachRemaining(e -> strict(e.getValue()));
            if (obj.has("properties") && !obj.has("additionalProperties") && !obj.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                obj.put("additionalProperties", false);
            }
        } else if (node.isArray()) {
            node.forEach(IstioCrdSchemaTest::strict);
        }
        return node;
    }

    static List<String> violations(String apiVersion, String kind, Object spec) {
        var version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        var schema = SCHEMAS.get(kind.toLowerCase() + "/" + version);
        if (schema == null) {
            return List.of("no schema for " + apiVersion + " " + kind);
        }
        return schema.validate(JSON.valueToTree(spec)).stream().map(Object::toString).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Pulumi.dev.yaml", "stacks/Pulumi.staging.yaml", "stacks/Pulumi.prod.yaml"})
    void everyPlannedIstioObjectMatchesItsCrd(String stackFile) {
        var run = TestStacks.file(stackFile).run("schema");
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var istio = run.plan().resources().stream().filter(r -> r.type().startsWith("kubernetes:networking.istio.io/")).toList();
        var controlPlanes = TestStacks.file(stackFile).load().controlPlaneRegions().size();
        assertEquals(6 * controlPlanes, istio.size(), "Gateway, VirtualService and four DestinationRules on each control plane");
        var all = new ArrayList<String>();
        for (PlannedResource r : istio) {
            all.addAll(violations((String) r.input("apiVersion"), (String) r.input("kind"), r.input("spec")).stream()
                    .map(v -> r.name() + ": " + v).toList());
        }
        assertEquals(List.of(), all);
    }

    @Test
    void everyModeRendersValidDestinationRules() {
        for (var mode : List.of("distribute", "failover", "none")) {
            var spec = TestStacks.tutorial().with("traffic.mode", mode).load();
            for (var m : IstioRouting.destinationRules("default", spec.traffic())) {
                assertEquals(List.of(), violations(m.apiVersion(), m.kind(), m.spec()), mode + " " + m.name());
            }
        }
    }

    @Test
    void aMisspeltFieldFails() {
        var spec = TestStacks.tutorial().load();
        var dr = IstioRouting.destinationRules("default", spec.traffic()).get(1);
        var broken = JSON.valueToTree(dr.spec());
        ((ObjectNode) broken.path("trafficPolicy").path("outlierDetection")).set("consecutive5xxError",
                ((ObjectNode) broken.path("trafficPolicy").path("outlierDetection")).remove("consecutive5xxErrors"));
        assertFalse(violations(dr.apiVersion(), dr.kind(), broken).isEmpty(), "consecutive5xxError must be rejected");

        var vs = JSON.valueToTree(IstioRouting.virtualService("default").spec());
        ((ObjectNode) vs).set("gateway", ((ObjectNode) vs).remove("gateways"));
        assertFalse(violations(IstioRouting.API_VERSION, "VirtualService", vs).isEmpty(), "gateway (singular) must be rejected");
    }

    @Test
    void aWrongTypeFails() {
        var gw = (ObjectNode) JSON.valueToTree(IstioRouting.gateway("default").spec());
        ((ObjectNode) gw.path("servers").get(0).path("port")).put("number", "eighty");
        assertFalse(violations(IstioRouting.API_VERSION, "Gateway", gw).isEmpty());
    }

    /** No CRD schema is shipped for ASM's IstioGateway; its fields are held against the documented Go type's field list. */
    @Test
    void ingressGatewayUsesOnlyDocumentedFields() {
        var documented = Set.of("gatewayType", "clusterIds", "overrides", "replicaCount", "autoscaleEnabled", "minReplicas", "maxReplicas",
                "serviceType", "loadBalancerClass", "loadBalancerIP", "externalTrafficPolicy", "serviceAnnotations", "podAnnotations",
                "serviceLabels", "podLabels", "sds", "resources", "env", "ports", "meshExpansionPorts", "nodeSelector", "applicationPorts",
                "requestedNetworkView", "affinity", "tolerations", "secretVolumes", "configVolumes", "rollingMaxSurge",
                "rollingMaxUnavailable", "cpu", "memory", "kernel", "compression", "runAsRoot", "lifecycle", "readinessProbe",
                "hostNetwork", "dnsPolicy", "autoCreateGatewayYaml", "disableContainerPortExposed");
        var spec = TestStacks.tutorial().load();
        var gateway = IngressGatewayManifest.render(spec.mesh().ingressGateway(), "c-123");
        assertTrue(documented.containsAll(gateway.spec().keySet()), gateway.spec().keySet().toString());
        assertEquals(List.of("c-123"), gateway.spec().get("clusterIds"));
        assertEquals("istio-system", gateway.namespace());
    }
}
