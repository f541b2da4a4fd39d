package io.asmdr.sandbox.dataplane;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the proxies of one mesh know at an instant, read from the real API servers: the Bookinfo DestinationRules'
 * {@code trafficPolicy} by host (from the mesh's API server, where the program writes them), and, per member
 * region, the versions of the ready endpoints of {@code productpage}, {@code reviews} and {@code ratings} (from the
 * members' EndpointSlices, which kube-controller-manager keeps from the pods kwok makes ready). A region that is
 * down keeps the endpoints last read there, as Envoy keeps the last endpoints it was sent, and is marked down.
 *
 * @param namespace Bookinfo's namespace (that of the DestinationRule for {@code reviews})
 * @param policies  trafficPolicy by short host name
 * @param endpoints by service, by region: one version label per ready endpoint
 * @param down      member regions that answer nothing
 */
record MeshSnapshot(String namespace, Map<String, Map<String, Object>> policies, Map<String, Map<String, List<String>>> endpoints,
                    Set<String> down) {
    static final List<String> SERVICES = List.of("productpage", "reviews", "ratings");
    static final ResourceDefinitionContext DESTINATION_RULES = new ResourceDefinitionContext.Builder()
            .withGroup("networking.istio.io").withVersion("v1").withKind("DestinationRule").withPlural("destinationrules")
            .withNamespaced(true).build();

    /** A member cluster: its region and, unless its region is down, a client of its API server. */
    record Member(String region, KubernetesClient client) {}

    /**
     * Reads the mesh's rules and its members' endpoints; {@code previous} supplies the endpoints of a member
     * whose region is down (its API server answers nothing).
     */
    @SuppressWarnings("unchecked")
    static MeshSnapshot read(KubernetesClient mesh, List<Member> members, Set<String> downRegions, MeshSnapshot previous) {
        var rules = mesh.genericKubernetesResources(DESTINATION_RULES).inAnyNamespace().list().getItems();
        var namespace = rules.stream().filter(r -> "reviews".equals(shortHost(r))).map(r -> r.getMetadata().getNamespace())
                .findFirst().orElse("default");
        var policies = new HashMap<String, Map<String, Object>>();
        for (var rule : rules) {
            if (namespace.equals(rule.getMetadata().getNamespace())) {
                var spec = (Map<String, Object>) rule.getAdditionalProperties().getOrDefault("spec", Map.of());
                policies.put(shortHost(rule), (Map<String, Object>) spec.getOrDefault("trafficPolicy", Map.of()));
            }
        }
        var endpoints = new LinkedHashMap<String, Map<String, List<String>>>();
        SERVICES.forEach(s -> endpoints.put(s, new LinkedHashMap<>()));
        var down = new TreeSet<String>();
        for (var member : members) {
            if (downRegions.contains(member.region()) || member.client() == null) {
                down.add(member.region());
                if (previous != null) {
                    SERVICES.forEach(s -> {
                        var last = previous.endpoints().getOrDefault(s, Map.of()).get(member.region());
                        if (last != null) {
                            endpoints.get(s).merge(member.region(), last, MeshSnapshot::concat);
                        }
                    });
                }
                continue;
            }
            var versions = new HashMap<String, String>();
            for (Pod pod : member.client().pods().inNamespace(namespace).list().getItems()) {
                var labels = pod.getMetadata().getLabels();
                versions.put(pod.getMetadata().getName(), labels == null ? "" : labels.getOrDefault("version", ""));
            }
            for (EndpointSlice slice : member.client().discovery().v1().endpointSlices().inNamespace(namespace).list().getItems()) {
                var labels = slice.getMetadata().getLabels();
                var service = labels == null ? null : labels.get("kubernetes.io/service-name");
                if (service == null || !endpoints.containsKey(service) || slice.getEndpoints() == null) {
                    continue;
                }
                var ready = new ArrayList<String>();
                for (var endpoint : slice.getEndpoints()) {
                    var conditions = endpoint.getConditions();
                    if (conditions != null && Boolean.TRUE.equals(conditions.getReady())) {
                        var target = endpoint.getTargetRef();
                        ready.add(target == null ? "" : versions.getOrDefault(target.getName(), ""));
                    }
                }
                endpoints.get(service).merge(member.region(), ready, MeshSnapshot::concat);
            }
        }
        return new MeshSnapshot(namespace, policies, endpoints, down);
    }

    /** The DestinationRule's host without the {@code .NAMESPACE.svc.cluster.local} tail. */
    private static String shortHost(GenericKubernetesResource rule) {
        var spec = rule.getAdditionalProperties().get("spec");
        var host = spec instanceof Map<?, ?> m ? String.valueOf(m.get("host")) : "";
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * The endpoints of a service as Envoy weighs them: a down region's are ejected when the rule has outlier
     * detection (its calls fail, so the detector takes them out), and otherwise stay in rotation.
     */
    Map<String, LocalityLb.Endpoints> endpointsOf(String service) {
        boolean outlierDetection = policies.getOrDefault(service, Map.of()).containsKey("outlierDetection");
        var out = new LinkedHashMap<String, LocalityLb.Endpoints>();
        endpoints.getOrDefault(service, Map.of()).forEach((region, versions) ->
                out.put(region, new LocalityLb.Endpoints(versions.size(), outlierDetection && down.contains(region))));
        return out;
    }
}
