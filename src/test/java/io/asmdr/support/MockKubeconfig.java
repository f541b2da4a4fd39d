package io.asmdr.support;

/** A kubeconfig for fabric8's mock API server (plain HTTP, a dummy token). */
public final class MockKubeconfig {
    private MockKubeconfig() {}

    public static String of(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context: {cluster: mock, user: mock, namespace: default}
                current-context: mock
                users:
                - name: mock
                  user: {token: test}
                """.formatted(server);
    }
}
