package io.asmdr.sandbox.kube;

import io.asmdr.mesh.GatewayAddress;
import io.asmdr.mesh.IngressGatewayManifest;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Plays ASM's gateway controller for the sandbox: for every {@code IstioGateway} stored by a mesh's API server
 * (written there directly, or through a member cluster's aggregation layer, which stores it there too), it creates
 * in each cluster of {@code spec.clusterIds} the gateway's Deployment and Service as ASM does (named
 * {@code istio-NAME} in the IstioGateway's namespace, pods labelled {@code app: istio-NAME} and {@code istio: NAME}:
 * for the program's gateway {@code istio-system/istio-ingressgateway}, {@link GatewayAddress#SERVICE}), with the
 * per-cluster {@code spec.overrides} ({@link IngressGatewayManifest}); it removes them when the IstioGateway goes or
 * a cluster leaves the list. The Service's load-balancer address then comes from {@link LoadBalancerStandIn}.
 *
 * <p>What it plays of the spec: {@code replicaCount}, {@code serviceType}, {@code ports}, {@code resources},
 * {@code externalTrafficPolicy}, {@code rollingMaxSurge}/{@code rollingMaxUnavailable}, {@code hostNetwork},
 * {@code dnsPolicy}, {@code runAsRoot}, {@code overrides}; {@code gatewayType} must be {@code ingress}. Any other
 * field is reported by {@link Pass#ignored()}, never silently taken as played.
 */
final class GatewayControllerStandIn {
    static final String GATEWAY_LABEL = "asm-dr.io/istio-gateway";
    static final String MESH_LABEL = "asm-dr.io/mesh";
    static final String HASH_ANNOTATION = "asm-dr.io/applied-spec";
    static final String IMAGE = "asm-dr-sandbox/asm-gateway:stand-in";
    static final Set<String> PLAYED = Set.of("gatewayType", "clusterIds", "replicaCount", "serviceType", "ports", "resources",
            "externalTrafficPolicy", "rollingMaxSurge", "rollingMaxUnavailable", "hostNetwork", "dnsPolicy", "runAsRoot", "overrides");
    static final Set<String> OVERRIDABLE = Set.of("replicaCount", "serviceType");

    private final String meshId;
    private final KubernetesClient mesh;
    private final Function<String, Optional<KubernetesClient>> clusters;
    private final Supplier<Set<String>> knownClusters;

    /**
     * @param clusters      a member cluster's client by the cluster id the emulator assigned; empty when the fleet
     *                      has no such cluster or cannot reach it now (paused)
     * @param knownClusters every member cluster id, to find gateways that must go from clusters no longer listed
     */
    GatewayControllerStandIn(String meshId, KubernetesClient mesh, Function<String, Optional<KubernetesClient>> clusters,
                             Supplier<Set<String>> knownClusters) {
        this.meshId = meshId;
        this.mesh = mesh;
        this.clusters = clusters;
        this.knownClusters = knownClusters;
    }

    /** What one pass did: objects applied and deleted (CLUSTER:KIND/NAMESPACE/NAME), and what it could not do. */
    record Pass(List<String> applied, List<String> deleted, List<String> problems, List<String> ignored) {}

    Pass reconcile() {
        var applied = new ArrayList<String>();
        var deleted = new ArrayList<String>();
        var problems = new ArrayList<String>();
        var ignored = new ArrayList<String>();
        var gateways = mesh.genericKubernetesResources(IstioKinds.ISTIO_GATEWAY.context()).inAnyNamespace().list().getItems();
        // cluster id -> the objects it must have, by NAMESPACE/NAME of their IstioGateway
        var desired = new TreeMap<String, List<HasMetadata>>();
        for (var gateway : gateways) {
            var key = key(gateway);
            var spec = spec(gateway);
            spec.keySet().stream().filter(k -> !PLAYED.contains(k)).sorted().forEach(k -> ignored.add(key + ": spec." + k));
            overrides(spec).forEach((cluster, o) -> o.keySet().stream().filter(k -> !OVERRIDABLE.contains(k)).sorted()
                    .forEach(k -> ignored.add(key + ": spec.overrides." + cluster + "." + k)));
            if (spec.containsKey("gatewayType") && !"ingress".equals(spec.get("gatewayType"))) {
                problems.add(key + ": gatewayType " + spec.get("gatewayType") + " is not played (only ingress)");
                continue;
            }
            for (var cluster : clusterIds(spec)) {
                desired.computeIfAbsent(cluster, c -> new ArrayList<>()).addAll(render(meshId, gateway, cluster));
            }
        }
        var touched = new TreeSet<String>(knownClusters.get());
        touched.addAll(desired.keySet());
        for (var cluster : touched) {
            var client = clusters.apply(cluster);
            if (client.isEmpty()) {
                if (desired.containsKey(cluster)) {
                    problems.add(cluster + ": no such cluster in the sandbox, or paused: its gateway waits");
                }
                continue;
            }
            try {
                sync(cluster, client.get(), desired.getOrDefault(cluster, List.of()), applied, deleted);
            } catch (KubernetesClientException e) {
                problems.add(cluster + ": " + e.getMessage());
            }
        }
        return new Pass(applied, deleted, problems, ignored);
    }

    private void sync(String cluster, KubernetesClient client, List<HasMetadata> want, List<String> applied, List<String> deleted) {
        var wanted = new TreeSet<String>();
        for (var object : want) {
            var ns = object.getMetadata().getNamespace();
            wanted.add(object.getKind() + "/" + ns + "/" + object.getMetadata().getName());
            HasMetadata existing = client.resource(object).get();
            if (existing == null) {
                if (client.namespaces().withName(ns).get() == null) {
                    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
                }
                client.resource(object).create();
                applied.add(cluster + ":" + object.getKind() + "/" + ns + "/" + object.getMetadata().getName());
            } else if (!Objects.equals(annotation(existing, HASH_ANNOTATION), annotation(object, HASH_ANNOTATION))
                    || existing instanceof Deployment d && !Objects.equals(d.getSpec().getReplicas(), ((Deployment) object).getSpec().getReplicas())) {
                // a JSON merge patch (RFC 7386) of the whole rendering: the fields it names are set (lists replaced),
                // what others wrote elsewhere (the Service's cluster IP, annotations) stays
                client.resource(object).patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(object));
                applied.add(cluster + ":" + object.getKind() + "/" + ns + "/" + object.getMetadata().getName());
            }
        }
        var ours = new ArrayList<HasMetadata>();
        ours.addAll(client.apps().deployments().inAnyNamespace().withLabel(MESH_LABEL, meshId).list().getItems());
        ours.addAll(client.services().inAnyNamespace().withLabel(MESH_LABEL, meshId).list().getItems());
        for (var object : ours) {
            if (object.getMetadata().getLabels() == null || !object.getMetadata().getLabels().containsKey(GATEWAY_LABEL)) {
                continue;
            }
            var id = object.getKind() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
            if (!wanted.contains(id)) {
                client.resource(object).delete();
                deleted.add(cluster + ":" + id);
            }
        }
    }

    /** The Deployment and Service ASM makes for {@code gateway} in {@code cluster}. */
    static List<HasMetadata> render(String meshId, GenericKubernetesResource gateway, String cluster) {
        var spec = spec(gateway);
        var override = overrides(spec).getOrDefault(cluster, Map.of());
        var name = gateway.getMetadata().getName();
        var namespace = gateway.getMetadata().getNamespace();
        var workload = "istio-" + name;
        var podLabels = new TreeMap<String, String>(Map.of("app", workload, "istio", name));
        var labels = new TreeMap<String, String>(podLabels);
        labels.put(GATEWAY_LABEL, namespace + "." + name);
        labels.put(MESH_LABEL, meshId);
        labels.put(IstioKinds.MANAGED_BY, IstioKinds.SANDBOX);
        int replicas = ((Number) override.getOrDefault("replicaCount", spec.getOrDefault("replicaCount", 1))).intValue();
        var serviceType = (String) override.getOrDefault("serviceType", spec.getOrDefault("serviceType", "LoadBalancer"));
        var ports = ports(spec);
        // what this cluster's objects are made from: a change re-applies them
        var hash = Integer.toHexString(Objects.hash(new TreeMap<>(spec), cluster, replicas, serviceType));
        var annotations = Map.of(HASH_ANNOTATION, hash);

        var container = new ContainerBuilder()
                .withName("istio-proxy")
                .withImage(IMAGE)
                .withPorts(ports.stream().map(p -> new ContainerPortBuilder()
                        .withName(p.name()).withContainerPort(p.targetPort()).withProtocol(p.protocol()).build()).toList())
                .withResources(resources(spec));
        if (Boolean.TRUE.equals(spec.get("runAsRoot"))) {
            container.withNewSecurityContext().withRunAsUser(0L).endSecurityContext();
        }
        var deployment = new DeploymentBuilder()
                .withNewMetadata().withName(workload).withNamespace(namespace).withLabels(labels).withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().withMatchLabels(podLabels).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(String.valueOf(spec.getOrDefault("rollingMaxSurge", "25%"))))
                .withMaxUnavailable(new IntOrString(String.valueOf(spec.getOrDefault("rollingMaxUnavailable", "25%"))))
                .endRollingUpdate().endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(podLabels).endMetadata()
                .withNewSpec()
                .withHostNetwork(Boolean.TRUE.equals(spec.get("hostNetwork")))
                .withDnsPolicy((String) spec.getOrDefault("dnsPolicy", "ClusterFirst"))
                .withContainers(container.build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        var service = new ServiceBuilder()
                .withNewMetadata().withName(workload).withNamespace(namespace).withLabels(labels).withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withType(serviceType)
                .withSelector(podLabels)
                .withPorts(ports.stream().map(p -> new ServicePortBuilder().withName(p.name()).withPort(p.port())
                        .withTargetPort(new IntOrString(p.targetPort())).withProtocol(p.protocol()).build()).toList())
                .endSpec()
                .build();
        // only a Service with node ports has an external traffic policy (the API server refuses it elsewhere)
        if (spec.containsKey("externalTrafficPolicy") && ("LoadBalancer".equals(serviceType) || "NodePort".equals(serviceType))) {
            service.getSpec().setExternalTrafficPolicy((String) spec.get("externalTrafficPolicy"));
        }
        return List.of(deployment, service);
    }

    record Port(String name, int port, int targetPort, String protocol) {}

    private static List<Port> ports(Map<String, Object> spec) {
        var out = new ArrayList<Port>();
        if (spec.get("ports") instanceof List<?> list) {
            for (var item : list) {
                if (item instanceof Map<?, ?> p) {
                    int port = ((Number) p.get("port")).intValue();
                    int target = p.get("targetPort") instanceof Number t ? t.intValue() : port;
                    out.add(new Port(String.valueOf(p.get("name")), port, target, p.get("protocol") == null ? "TCP" : String.valueOf(p.get("protocol"))));
                }
            }
        }
        return out;
    }

    private static ResourceRequirements resources(Map<String, Object> spec) {
        var builder = new ResourceRequirementsBuilder();
        if (spec.get("resources") instanceof Map<?, ?> r) {
            if (r.get("limits") instanceof Map<?, ?> limits) {
                limits.forEach((k, v) -> builder.addToLimits(String.valueOf(k), new Quantity(String.valueOf(v))));
            }
            if (r.get("requests") instanceof Map<?, ?> requests) {
                requests.forEach((k, v) -> builder.addToRequests(String.valueOf(k), new Quantity(String.valueOf(v))));
            }
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource gateway) {
        var spec = gateway.getAdditionalProperties().get("spec");
        return spec instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<String> clusterIds(Map<String, Object> spec) {
        return spec.get("clusterIds") instanceof List<?> ids ? ids.stream().map(String::valueOf).distinct().toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> overrides(Map<String, Object> spec) {
        var out = new LinkedHashMap<String, Map<String, Object>>();
        if (spec.get("overrides") instanceof Map<?, ?> o) {
            o.forEach((k, v) -> {
                if (v instanceof Map<?, ?> m) {
                    out.put(String.valueOf(k), (Map<String, Object>) m);
                }
            });
        }
        return out;
    }

    private static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    private static String annotation(HasMetadata object, String name) {
        var annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(name);
    }
}
