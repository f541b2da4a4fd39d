package io.asmdr.mesh;

import io.asmdr.config.IngressGatewaySpec;
import io.asmdr.kube.Manifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tutorial's managed ingress gateway ({@code IstioGateway}, {@code istio.alibabacloud.com/v1beta1}),
 * bound to one member cluster. ASM's controller turns it into the gateway Deployment and the
 * {@code istio-ingressgateway} LoadBalancer Service in {@code istio-system} of that cluster; the pods
 * carry {@code istio: ingressgateway}, which the Bookinfo Gateway selects.
 */
public final class IngressGatewayManifest {
    public static final String API_VERSION = "istio.alibabacloud.com/v1beta1";
    public static final String NAME = "ingressgateway";
    public static final String NAMESPACE = "istio-system";
    public static final Map<String, String> ANNOTATIONS = Map.of("asm.alibabacloud.com/managed-by-asm", "true");

    private IngressGatewayManifest() {}

    public static Manifest render(IngressGatewaySpec gateway, String clusterId) {
        return render(List.of(gateway), List.of(clusterId));
    }

    /**
     * One IstioGateway deployed to every gateway cluster ({@code spec.clusterIds}: ASM's controller
     * creates the gateway's Deployment and its own LoadBalancer Service, hence its own SLB, in each; the
     * pods carry the same labels everywhere, so the Bookinfo Gateway's selector picks them all). The
     * primary's replicas and Service type are the defaults; a gateway that differs gets a per-cluster
     * entry in {@code spec.overrides} (aliyun/alibabacloud-servicemesh-api istiogateway_types.go). With one
     * gateway this is exactly the tutorial's object.
     */
    public static Manifest render(List<IngressGatewaySpec> gateways, List<String> clusterIds) {
        if (gateways.size() != clusterIds.size() || gateways.isEmpty()) {
            throw new IllegalArgumentException("one cluster id per gateway: " + gateways.size() + " gateways, " + clusterIds.size() + " ids");
        }
        var gateway = gateways.get(0);
        var spec = new LinkedHashMap<String, Object>();
        spec.put("gatewayType", "ingress");
        spec.put("clusterIds", List.copyOf(clusterIds));
        spec.put("dnsPolicy", "ClusterFirst");
        spec.put("externalTrafficPolicy", "Local");
        spec.put("hostNetwork", false);
        spec.put("ports", List.of(
                Map.of("name", "http", "port", 80, "protocol", "TCP", "targetPort", 80),
                Map.of("name", "https", "port", 443, "protocol", "TCP", "targetPort", 443)));
        spec.put("replicaCount", gateway.replicas());
        spec.put("resources", Map.of(
                "limits", Map.of("cpu", "2", "memory", "2G"),
                "requests", Map.of("cpu", "200m", "memory", "256Mi")));
        spec.put("rollingMaxSurge", "100%");
        spec.put("rollingMaxUnavailable", "25%");
        spec.put("runAsRoot", true);
        spec.put("serviceType", gateway.serviceType());
        var overrides = new LinkedHashMap<String, Object>();
        for (int i = 1; i < gateways.size(); i++) {
            var g = gateways.get(i);
            var o = new LinkedHashMap<String, Object>();
            if (g.replicas() != gateway.replicas()) {
                o.put("replicaCount", g.replicas());
            }
            if (!g.serviceType().equals(gateway.serviceType())) {
                o.put("serviceType", g.serviceType());
            }
            if (!o.isEmpty()) {
                overrides.put(clusterIds.get(i), o);
            }
        }
        if (!overrides.isEmpty()) {
            spec.put("overrides", overrides);
        }
        return new Manifest(API_VERSION, "IstioGateway", NAMESPACE, NAME, spec);
    }
}
