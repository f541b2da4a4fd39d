package io.asmdr.sandbox.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Several fabric8 mock API servers in CRUD mode, on loopback, each knowing the IstioGateway kind. */
final class MockClusters implements AutoCloseable {
    private final List<KubernetesMockServer> servers = new ArrayList<>();
    private final Map<String, KubernetesClient> clients = new LinkedHashMap<>();

    KubernetesClient add(String id) {
        var gateway = IstioKinds.ISTIO_GATEWAY;
        var context = new CustomResourceDefinitionContext.Builder().withGroup(gateway.group()).withVersion(gateway.versions().get(0))
                .withKind(gateway.kind()).withPlural(gateway.plural()).withScope("Namespaced").build();
        var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(List.of(context)), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        servers.add(server);
        var client = server.createClient();
        clients.put(id, client);
        return client;
    }

    KubernetesClient get(String id) {
        return clients.get(id);
    }

    @Override
    public void close() {
        clients.values().forEach(KubernetesClient::close);
        servers.forEach(KubernetesMockServer::destroy);
    }
}
