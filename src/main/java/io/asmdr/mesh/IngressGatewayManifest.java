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
        var spec = new LinkedHashMap<String, Object>();
        spec.put("gatewayType", "ingress");
        spec.put("clusterIds", List.of(clusterId));
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
        return new Manifest(API_VERSION, "IstioGateway", NAMESPACE, NAME, spec);
    }
}
