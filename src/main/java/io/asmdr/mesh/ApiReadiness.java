package io.asmdr.mesh;

import java.time.Duration;
import java.util.Optional;

/**
 * Waits until a Kubernetes API server serves a kind, before Istio objects are sent through it.
 *
 * <p>Why: under CR aggregation a member cluster's API server starts serving the Istio kinds only
 * some time after ASM turns the feature on ("1–2 minutes", ASM's page on using the data plane's
 * Kubernetes API to access Istio resources). The Kubernetes provider's own retry of a create whose
 * kind is not served (pulumi-kubernetes v4.0.0 {@code provider/pkg/await/await.go}: five retries,
 * backoff 1, 2, 4, 8, 16 s on {@code IsNoMatchError}) gives up about 31 s after the first try.
 */
public interface ApiReadiness {

    /**
     * Returns once the API server behind {@code kubeconfig} serves {@code kind} at {@code apiVersion};
     * throws {@link NotServed} when it still does not by the deadline.
     */
    void awaitServed(String kubeconfig, String apiVersion, String kind);

    /** The kind is still not served when the deadline passed. */
    final class NotServed extends RuntimeException {
        public NotServed(String message) {
            super(message);
        }
    }

    /**
     * Asks the API server's discovery ({@code /apis/GROUP/VERSION}) every {@code interval} until
     * {@code deadline}. Each request is bounded by the client's connect and request timeouts, so the
     * whole wait ends within about {@code deadline} plus one request.
     */
    static ApiReadiness discovery(Duration deadline, Duration interval) {
        return (kubeconfig, apiVersion, kind) -> ClusterPolling.until(kubeconfig, deadline, interval,
                client -> client.supports(apiVersion, kind) ? Optional.of(true) : Optional.empty(),
                (apiServer, lastError) -> new NotServed("the ingress-gateway cluster's API server (" + apiServer + ") still does not serve "
                        + apiVersion + " " + kind + " after " + deadline.toSeconds() + " s (" + lastError + "). "
                        + "CR aggregation takes 1–2 minutes after the mesh is created; run `pulumi up` again, "
                        + "or set asm-dr:mesh.istioApi: asmKubeconfig when running inside the VPC."));
    }
}
