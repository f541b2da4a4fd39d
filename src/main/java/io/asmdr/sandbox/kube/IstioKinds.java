package io.asmdr.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asmdr.mesh.IngressGatewayManifest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Istio kinds the program writes, as the sandbox serves them.
 *
 * <p>On the mesh's API server they are CustomResourceDefinitions: DestinationRule, VirtualService and Gateway of
 * {@code networking.istio.io} at v1alpha3, v1beta1 and v1 (served; v1 stored, as Istio 1.27+ does), with the real
 * {@code spec} schemas of {@code reference/istio/crd-schemas} (so the API server validates and prunes as Istio's CRDs
 * do, CEL rules included), and ASM's {@code IstioGateway} ({@code istio.alibabacloud.com/v1beta1}), whose schema the
 * project does not have: its {@code spec} keeps every field ({@code x-kubernetes-preserve-unknown-fields}).
 *
 * <p>On a member cluster with CR aggregation they are what ASM makes them: API groups served by the mesh's API
 * server through the member's aggregation layer. One {@code APIService} per group version points at a Service
 * {@value #AGGREGATION_NAMESPACE}/{@value #AGGREGATION_SERVICE} of type ExternalName {@code localhost}: the
 * aggregator resolves an ExternalName Service to {@code https://NAME:PORT} (k8s.io/apiserver
 * {@code pkg/util/proxy/proxy.go}, {@code ResolveCluster}) and checks no endpoints for it
 * (kube-aggregator {@code remote_available_controller.go}), and verifies the mesh's certificate as
 * {@code SERVICE.NAMESPACE.svc}, a name that certificate carries. An object written through the member cluster is
 * stored by the mesh, as with ASM.
 */
final class IstioKinds {
    static final String AGGREGATION_NAMESPACE = "istio-system";
    static final String AGGREGATION_SERVICE = "asm-dr-mesh-api";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String SANDBOX = "asm-dr-sandbox";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** APIService, named without discovery (fabric8 has no typed model of it). */
    static final ResourceDefinitionContext API_SERVICES = new ResourceDefinitionContext.Builder()
            .withGroup("apiregistration.k8s.io").withVersion("v1").withKind("APIService").withPlural("apiservices").withNamespaced(false).build();

    /** One kind: its names, served versions (the last one stored) and the packaged schema of its spec, if any. */
    record Kind(String group, String kind, String plural, List<String> shortNames, List<String> versions, boolean schema) {
        String crdName() {
            return plural + "." + group;
        }

        /** The kind at its stored version, named without discovery. */
        ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(versions.get(versions.size() - 1))
                    .withKind(kind).withPlural(plural).withNamespaced(true).build();
        }
    }

    static final List<Kind> KINDS = List.of(
            new Kind("networking.istio.io", "DestinationRule", "destinationrules", List.of("dr"), List.of("v1alpha3", "v1beta1", "v1"), true),
            new Kind("networking.istio.io", "VirtualService", "virtualservices", List.of("vs"), List.of("v1alpha3", "v1beta1", "v1"), true),
            new Kind("networking.istio.io", "Gateway", "gateways", List.of("gw"), List.of("v1alpha3", "v1beta1", "v1"), true),
            new Kind(IngressGatewayManifest.API_VERSION.substring(0, IngressGatewayManifest.API_VERSION.indexOf('/')), "IstioGateway",
                    "istiogateways", List.of(), List.of(IngressGatewayManifest.API_VERSION.substring(IngressGatewayManifest.API_VERSION.indexOf('/') + 1)),
                    false));

    static final Kind ISTIO_GATEWAY = KINDS.get(3);

    private IstioKinds() {}

    static List<GenericKubernetesResource> crds() {
        return KINDS.stream().map(IstioKinds::crd).toList();
    }

    /**
     * The CRD as plain JSON, not fabric8's typed model: its {@code JSONSchemaProps} holds bounds as doubles and would
     * send {@code 4.294967295E9} for Istio's {@code 4294967295}; the API server reads both alike, but the schema
     * the sandbox serves stays byte-for-byte Istio's.
     */
    static GenericKubernetesResource crd(Kind kind) {
        var crd = JSON.createObjectNode().put("apiVersion", "apiextensions.k8s.io/v1").put("kind", "CustomResourceDefinition");
        crd.putObject("metadata").put("name", kind.crdName()).putObject("labels").put(MANAGED_BY, SANDBOX);
        var spec = crd.putObject("spec").put("group", kind.group()).put("scope", "Namespaced");
        var names = spec.putObject("names").put("kind", kind.kind()).put("listKind", kind.kind() + "List").put("plural", kind.plural())
                .put("singular", kind.kind().toLowerCase());
        kind.shortNames().forEach(names.putArray("shortNames")::add);
        if (kind.group().equals("networking.istio.io")) {
            names.putArray("categories").add("istio-io").add("networking-istio-io");
        }
        var versions = spec.putArray("versions");
        for (var version : kind.versions()) {
            var v = versions.addObject().put("name", version).put("served", true)
                    .put("storage", version.equals(kind.versions().get(kind.versions().size() - 1)));
            v.putObject("subresources").putObject("status");
            var root = v.putObject("schema").putObject("openAPIV3Schema").put("type", "object");
            var properties = root.putObject("properties");
            properties.set("spec", kind.schema() ? specSchema(kind, version)
                    : JSON.createObjectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true));
            properties.putObject("status").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        }
        return JSON.convertValue(crd, GenericKubernetesResource.class);
    }

    /** CustomResourceDefinition, named without discovery. */
    static final ResourceDefinitionContext CRDS = new ResourceDefinitionContext.Builder()
            .withGroup("apiextensions.k8s.io").withVersion("v1").withKind("CustomResourceDefinition").withPlural("customresourcedefinitions")
            .withNamespaced(false).build();

    /** {@code reference/istio/crd-schemas/KIND.VERSION.json}, packaged under io/asmdr/reference (pom.xml). */
    static ObjectNode specSchema(Kind kind, String version) {
        var resource = "/io/asmdr/reference/istio/crd-schemas/" + kind.kind().toLowerCase() + "." + version + ".json";
        try (var in = IstioKinds.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the build did not package " + resource + " (pom.xml, resources)");
            }
            JsonNode node = JSON.readTree(in);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every group version the kinds are served at, e.g. {@code networking.istio.io/v1}. */
    static List<String> groupVersions() {
        var out = new ArrayList<String>();
        for (var kind : KINDS) {
            for (var version : kind.versions()) {
                var gv = kind.group() + "/" + version;
                if (!out.contains(gv)) {
                    out.add(gv);
                }
            }
        }
        return out;
    }

    /** The Service the member cluster's aggregator resolves to the mesh's API server. */
    static Service aggregationService(String meshId, int meshPort) {
        return new ServiceBuilder()
                .withNewMetadata().withNamespace(AGGREGATION_NAMESPACE).withName(AGGREGATION_SERVICE)
                .withLabels(Map.of(MANAGED_BY, SANDBOX)).withAnnotations(Map.of("asm-dr.io/mesh", meshId)).endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName("localhost")
                .addNewPort().withName("https").withPort(meshPort).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    /** One APIService per group version, served by the mesh's API server (trusted through the fleet's CA). */
    static List<GenericKubernetesResource> apiServices(String meshId, int meshPort, String caPem) {
        var out = new ArrayList<GenericKubernetesResource>();
        var groupVersions = groupVersions();
        for (int i = 0; i < groupVersions.size(); i++) {
            var gv = groupVersions.get(i);
            var group = gv.substring(0, gv.indexOf('/'));
            var version = gv.substring(gv.indexOf('/') + 1);
            var spec = new LinkedHashMap<String, Object>();
            spec.put("group", group);
            spec.put("version", version);
            spec.put("service", Map.of("namespace", AGGREGATION_NAMESPACE, "name", AGGREGATION_SERVICE, "port", meshPort));
            spec.put("caBundle", Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)));
            spec.put("groupPriorityMinimum", 1000);
            // v1 before v1beta1 before v1alpha3 when a client asks for the preferred version
            spec.put("versionPriority", switch (version) {
                case "v1" -> 30;
                case "v1beta1" -> 20;
                default -> 10;
            });
            out.add(new GenericKubernetesResourceBuilder()
                    .withApiVersion("apiregistration.k8s.io/v1").withKind("APIService")
                    .withNewMetadata().withName(version + "." + group).withLabels(Map.of(MANAGED_BY, SANDBOX))
                    .withAnnotations(Map.of("asm-dr.io/mesh", meshId)).endMetadata()
                    .withAdditionalProperties(Map.of("spec", spec))
                    .build());
        }
        return out;
    }
}
