package io.asmdr.sandbox.dataplane;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the proxies of one mesh know at an instant, read from the real API servers: the Bookinfo DestinationRules'
 * {@code trafficPolicy} by host (from the mesh's API server, where the program writes them), and, per member
 * region, the ready endpoints of {@code productpage}, {@code reviews} and {@code ratings} with their version label
 * (from the members' EndpointSlices, which kube-controller-manager keeps from the pods kwok makes ready).
 *
 * <p>An endpoint is <em>silent</em> when it stays listed but answers nothing: its region is down (its last-read
 * endpoints are kept, as Envoy keeps the last endpoints it was sent), or a NetworkPolicy isolates its pod from all
 * ingress (what {@code drill region-loss} applies: Kubernetes' "default deny all ingress traffic" policy, an
 * Ingress policy with no rules selecting the pod). A NetworkPolicy this stand-in cannot judge (ingress rules,
 * {@code matchExpressions}) is refused by name in {@link #unsupported}.
 *
 * @param namespace   Bookinfo's namespace (that of the DestinationRule for {@code reviews})
 * @param policies    trafficPolicy by short host name
 * @param endpoints   by service, by region
 * @param down        member regions that answer nothing
 * @param unsupported what the stand-in met and does not play, if anything
 */
record MeshSnapshot(String namespace, Map<String, Map<String, Object>> policies, Map<String, Map<String, List<Endpoint>>> endpoints,
                    Set<String> down, Optional<String> unsupported) {
    static final List<String> SERVICES = List.of("productpage", "reviews", "ratings");
    static final ResourceDefinitionContext DESTINATION_RULES = new ResourceDefinitionContext.Builder()
            .withGroup("networking.istio.io").withVersion("v1").withKind("DestinationRule").withPlural("destinationrules")
            .withNamespaced(true).build();

    /** One ready endpoint: its pod's {@code version} label, and whether it answers. */
    record Endpoint(String version, boolean silent) {}

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
        var endpoints = new LinkedHashMap<String, Map<String, List<Endpoint>>>();
        SERVICES.forEach(s -> endpoints.put(s, new LinkedHashMap<>()));
        var down = new TreeSet<String>();
        var unsupported = new ArrayList<String>();
        for (var member : members) {
            if (downRegions.contains(member.region()) || member.client() == null) {
                down.add(member.region());
                if (previous != null) {
                    SERVICES.forEach(s -> {
                        var last = previous.endpoints().getOrDefault(s, Map.of()).get(member.region());
                        if (last != null) {
                            endpoints.get(s).merge(member.region(), last.stream().map(e -> new Endpoint(e.version(), true)).toList(),
                                    MeshSnapshot::concat);
                        }
                    });
                }
                continue;
            }
            var isolation = Isolation.of(member.client().network().v1().networkPolicies().inNamespace(namespace).list().getItems());
            isolation.unsupported().ifPresent(u -> unsupported.add(member.region() + ": " + u));
            var pods = new HashMap<String, Pod>();
            for (Pod pod : member.client().pods().inNamespace(namespace).list().getItems()) {
                pods.put(pod.getMetadata().getName(), pod);
            }
            for (EndpointSlice slice : member.client().discovery().v1().endpointSlices().inNamespace(namespace).list().getItems()) {
                var labels = slice.getMetadata().getLabels();
                var service = labels == null ? null : labels.get("kubernetes.io/service-name");
                if (service == null || !endpoints.containsKey(service) || slice.getEndpoints() == null) {
                    continue;
                }
                var ready = new ArrayList<Endpoint>();
                for (var endpoint : slice.getEndpoints()) {
                    var conditions = endpoint.getConditions();
                    if (conditions != null && Boolean.TRUE.equals(conditions.getReady())) {
                        var target = endpoint.getTargetRef();
                        var pod = target == null ? null : pods.get(target.getName());
                        var podLabels = pod == null || pod.getMetadata().getLabels() == null ? Map.<String, String>of() : pod.getMetadata().getLabels();
                        ready.add(new Endpoint(podLabels.getOrDefault("version", ""), isolation.isolates(podLabels)));
                    }
                }
                endpoints.get(service).merge(member.region(), ready, MeshSnapshot::concat);
            }
        }
        return new MeshSnapshot(namespace, policies, endpoints, down,
                unsupported.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", unsupported)));
    }

    /**
     * Which pods NetworkPolicies cut off from all ingress: an Ingress policy with no ingress rule isolates the pods
     * its {@code podSelector} ({@code matchLabels}, or empty: every pod) selects (Kubernetes, "Network Policies":
     * "Default deny all ingress traffic"). A policy with rules or {@code matchExpressions} is not judged.
     */
    record Isolation(List<Map<String, String>> selectors, Optional<String> unsupported) {
        static Isolation of(List<NetworkPolicy> policies) {
            var selectors = new ArrayList<Map<String, String>>();
            var unsupported = new ArrayList<String>();
            for (var policy : policies) {
                var spec = policy.getSpec();
                var name = policy.getMetadata().getName();
                var types = spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty() ? List.of("Ingress") : spec.getPolicyTypes();
                if (!types.contains("Ingress")) {
                    continue; // egress only: calls into the pod are not what it limits
                }
                if (spec.getIngress() != null && !spec.getIngress().isEmpty()) {
                    unsupported.add("NetworkPolicy " + name + " has ingress rules, which the sandbox's data plane does not play");
                    continue;
                }
                var selector = spec.getPodSelector();
                if (selector != null && selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
                    unsupported.add("NetworkPolicy " + name + " selects pods with matchExpressions, which the sandbox's data plane does not play");
                    continue;
                }
                selectors.add(selector == null || selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
            }
            return new Isolation(selectors, unsupported.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", unsupported)));
        }

        boolean isolates(Map<String, String> podLabels) {
            return selectors.stream().anyMatch(s -> s.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey()))));
        }
    }

    /** The DestinationRule's host without the {@code .NAMESPACE.svc.cluster.local} tail. */
    private static String shortHost(GenericKubernetesResource rule) {
        var spec = rule.getAdditionalProperties().get("spec");
        var host = spec instanceof Map<?, ?> m ? String.valueOf(m.get("host")) : "";
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    private static List<Endpoint> concat(List<Endpoint> a, List<Endpoint> b) {
        var out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The rule's outlier detection ejects silent endpoints (their calls fail); without it they stay in rotation. */
    boolean ejectsSilent(String service) {
        return policies.getOrDefault(service, Map.of()).containsKey("outlierDetection");
    }

    /** The endpoints of a service as Envoy weighs them, by region. */
    Map<String, LocalityLb.Endpoints> endpointsOf(String service) {
        boolean ejects = ejectsSilent(service);
        var out = new LinkedHashMap<String, LocalityLb.Endpoints>();
        endpoints.getOrDefault(service, Map.of()).forEach((region, list) -> out.put(region,
                new LocalityLb.Endpoints(list.size(), ejects ? (int) list.stream().filter(Endpoint::silent).count() : 0)));
        return out;
    }

    /** The endpoints of a service in a region that a call may reach: without the ejected ones. */
    List<Endpoint> callable(String service, String region) {
        var list = endpoints.getOrDefault(service, Map.of()).getOrDefault(region, List.of());
        return ejectsSilent(service) ? list.stream().filter(e -> !e.silent()).toList() : list;
    }
}
