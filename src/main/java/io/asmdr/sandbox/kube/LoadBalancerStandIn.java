package io.asmdr.sandbox.kube;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plays the part of ACK's cloud controller manager that matters to {@code pulumi up}: a Service of type LoadBalancer
 * gets a load-balancer address in {@code status.loadBalancer.ingress}, which pulumi-kubernetes waits for
 * (provider/pkg/await/service.go) and the program reads as the ingress gateway's address
 * ({@code io.asmdr.mesh.GatewayAddress}). ACK would create an SLB/CLB instance with a public or VPC address; the
 * sandbox hands out a loopback address, 127.1.X.Y, unique across the fleet, and nothing listens on it. A Service that
 * stops being a LoadBalancer loses the address, as the CCM removes the SLB.
 */
final class LoadBalancerStandIn {
    private LoadBalancerStandIn() {}

    /** The fleet's pool of addresses: 127.1.0.1 - 127.1.255.254, the lowest free one first. */
    static final class Addresses {
        private final Set<String> used = new HashSet<>();

        synchronized void inUse(String address) {
            used.add(address);
        }

        synchronized String next() {
            for (int i = 1; i < 256 * 256 - 1; i++) {
                var address = "127.1." + (i >> 8) + "." + (i & 0xff);
                if ((i & 0xff) != 0 && (i & 0xff) != 255 && used.add(address)) {
                    return address;
                }
            }
            throw new IllegalStateException("the sandbox's 65,000 load-balancer addresses are all in use");
        }
    }

    /**
     * One pass over a cluster's Services: every LoadBalancer Service without an address gets one, every other
     * Service that has one loses it. Returns the Services it changed, as NAMESPACE/NAME.
     */
    static List<String> reconcile(KubernetesClient client, Addresses addresses) {
        var services = client.services().inAnyNamespace().list().getItems();
        services.forEach(s -> ingress(s).forEach(i -> {
            if (i.getIp() != null) {
                addresses.inUse(i.getIp());
            }
        }));
        var changed = new ArrayList<String>();
        for (var service : services) {
            boolean loadBalancer = "LoadBalancer".equals(service.getSpec().getType());
            var ingress = ingress(service);
            if (loadBalancer && ingress.isEmpty()) {
                var address = addresses.next();
                setIngress(client, service, List.of(new LoadBalancerIngressBuilder().withIp(address).withIpMode("VIP").build()));
                changed.add(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName());
            } else if (!loadBalancer && !ingress.isEmpty()) {
                setIngress(client, service, List.of());
                changed.add(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName());
            }
        }
        return changed;
    }

    private static List<LoadBalancerIngress> ingress(Service service) {
        var status = service.getStatus();
        return status == null || status.getLoadBalancer() == null || status.getLoadBalancer().getIngress() == null
                ? List.of() : status.getLoadBalancer().getIngress();
    }

    private static void setIngress(KubernetesClient client, Service service, List<LoadBalancerIngress> ingress) {
        client.services().inNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName())
                .editStatus(s -> {
                    if (s.getStatus() == null) {
                        s.setStatus(new ServiceStatus());
                    }
                    s.getStatus().setLoadBalancer(new LoadBalancerStatus(ingress));
                    return s;
                });
    }
}
