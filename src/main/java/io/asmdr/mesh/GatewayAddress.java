package io.asmdr.mesh;

import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import java.util.Optional;

/**
 * The ingress gateway's public address, read from the LoadBalancer Service that ASM creates for the
 * IstioGateway ({@code istio-system/istio-ingressgateway} on the gateway cluster: the tutorial reads
 * its External IP there) once the SLB has one. {@code pulumi up} exports it as
 * {@code ingressGatewayAddress}, so nobody needs kubectl and a jsonpath to find the entry point.
 */
public interface GatewayAddress {
    /** The Service's first load-balancer ingress (IP, else host name); throws {@link NotAssigned} past the deadline. */
    String await(String kubeconfig);

    /**
     * What a preview reads: the address the Service has now, asked once, or empty (no address yet, or the cluster does
     * not answer). Without it a preview of a deployed stack would show every input that carries the address (the
     * global entry's endpoints) as changing to an unknown value. An address source that cannot be asked says empty.
     */
    default Optional<String> now(String kubeconfig) {
        return Optional.empty();
    }

    /** No address by the deadline: the stack output says why instead of failing the update. */
    final class NotAssigned extends RuntimeException {
        public NotAssigned(String message) {
            super(message);
        }
    }

    String SERVICE = "istio-" + IngressGatewayManifest.NAME;

    /** The address of a Service, if its load balancer has one yet. */
    static Optional<String> of(Service service) {
        if (service == null || service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return Optional.empty();
        }
        return service.getStatus().getLoadBalancer().getIngress().stream()
                .map(i -> i.getIp() != null && !i.getIp().isBlank() ? i.getIp() : i.getHostname())
                .filter(a -> a != null && !a.isBlank())
                .findFirst();
    }

    /**
     * Asks the gateway cluster's API server every {@code interval} until {@code deadline}; each request
     * is bounded by the client's connect and request timeouts.
     */
    static GatewayAddress fromService(Duration deadline, Duration interval) {
        return new GatewayAddress() {
            @Override
            public String await(String kubeconfig) {
                return read(kubeconfig, deadline);
            }

            @Override
            public Optional<String> now(String kubeconfig) {
                try {
                    return Optional.of(read(kubeconfig, interval)); // one attempt, bounded by the client's timeouts
                } catch (RuntimeException unanswered) { // NotAssigned, or a cluster that does not answer
                    return Optional.empty();
                }
            }

            private String read(String kubeconfig, Duration within) {
                return ClusterPolling.until(kubeconfig, within, interval,
                        client -> of(client.services().inNamespace(IngressGatewayManifest.NAMESPACE).withName(SERVICE).get()),
                        (apiServer, lastError) -> new NotAssigned(IngressGatewayManifest.NAMESPACE + "/" + SERVICE + " has no load-balancer address after "
                                + within.toSeconds() + " s (" + lastError + "); run `pulumi up` again to read it"));
            }
        };
    }
}
