package io.asmdr.mesh;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Asks a cluster's API server the same question every {@code interval} until it has an answer or
 * {@code deadline} passes. Each request is bounded by the client's connect and request timeouts
 * (no retries of its own), so the whole wait ends within about the deadline plus one request.
 */
final class ClusterPolling {
    /** What to say when the deadline passed: the API server's address and the last error or "no answer yet". */
    interface Late {
        RuntimeException after(String apiServer, String lastError);
    }

    private ClusterPolling() {}

    static <T> T until(String kubeconfig, Duration deadline, Duration interval, Function<KubernetesClient, Optional<T>> attempt, Late late) {
        var config = Config.fromKubeconfig(kubeconfig);
        int requestMillis = (int) Math.min(10_000, Math.max(1_000, interval.toMillis()));
        config.setConnectionTimeout(requestMillis);
        config.setRequestTimeout(requestMillis);
        config.setRequestRetryBackoffLimit(0);
        long end = System.nanoTime() + deadline.toNanos();
        String lastError = "no answer yet";
        try (var client = new KubernetesClientBuilder().withConfig(config).build()) {
            while (true) {
                try {
                    var answer = attempt.apply(client);
                    if (answer.isPresent()) {
                        return answer.get();
                    }
                    lastError = "no answer yet";
                } catch (RuntimeException e) {
                    lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
                if (System.nanoTime() - end >= 0) {
                    throw late.after(config.getMasterUrl(), lastError);
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.min(interval.toNanos(), Math.max(0, end - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw late.after(config.getMasterUrl(), "interrupted");
                }
            }
        }
    }
}
