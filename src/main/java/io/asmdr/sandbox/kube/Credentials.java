package io.asmdr.sandbox.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may talk to a sandbox API server: static bearer tokens ({@code --token-auth-file}, one CSV line per user:
 * {@code token,user,uid,"group,..."}), made once per cluster and kept, and the kubeconfigs that carry them with the
 * fleet's CA, for the sandbox's own components; the kubeconfig handed out to the program carries a client certificate
 * instead ({@link #clientCertificateKubeconfig}), as ACK's does. Both are made once and kept, so {@code sandbox
 * stop}/restart keeps every kubeconfig valid.
 */
final class Credentials {
    /** The users: the admin the emulator hands out, and each component under the name its bootstrap RBAC role expects. */
    enum User {
        ADMIN("admin", "kubernetes-admin", List.of("system:masters")),
        CONTROLLER_MANAGER("controller-manager", "system:kube-controller-manager", List.of()),
        SCHEDULER("scheduler", "system:kube-scheduler", List.of()),
        // kwok writes node and pod status and node leases, as a kubelet would, for every fake node: the simplest
        // honest grant is the masters group (the Node authorizer that would scope a kubelet is not enabled)
        KWOK("kwok", "system:kwok", List.of("system:masters"));

        final String file;
        final String name;
        final List<String> groups;

        User(String file, String name, List<String> groups) {
            this.file = file;
            this.name = name;
            this.groups = groups;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private Credentials() {}

    /** The tokens file's users, made when absent, kept otherwise. */
    static Map<User, String> ensureTokens(Path tokensFile) {
        if (Files.isRegularFile(tokensFile)) {
            return readTokens(tokensFile);
        }
        var tokens = new LinkedHashMap<User, String>();
        var csv = new StringBuilder();
        for (var user : User.values()) {
            var bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            var token = HexFormat.of().formatHex(bytes);
            tokens.put(user, token);
            csv.append(token).append(',').append(user.name).append(',').append(user.name);
            if (!user.groups.isEmpty()) {
                csv.append(",\"").append(String.join(",", user.groups)).append('"');
            }
            csv.append('\n');
        }
        Pki.writePrivate(tokensFile, csv.toString());
        return tokens;
    }

    static Map<User, String> readTokens(Path tokensFile) {
        var tokens = new LinkedHashMap<User, String>();
        try {
            for (var line : Files.readAllLines(tokensFile)) {
                var fields = line.split(",", 3);
                for (var user : User.values()) {
                    if (fields.length >= 2 && fields[1].equals(user.name)) {
                        tokens.put(user, fields[0]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tokens.size() != User.values().length) {
            throw new IllegalStateException(tokensFile + " lacks a user's token (it has " + tokens.keySet() + "); delete the cluster and create it again");
        }
        return tokens;
    }

    /** A kubeconfig with a client certificate (inline, base64 PEM) instead of a token: what ACK hands out. */
    static String clientCertificateKubeconfig(String clusterId, int port, String caPem, String certificatePem, String keyPem) {
        var base64 = Base64.getEncoder();
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: https://127.0.0.1:%2$d
                    certificate-authority-data: %3$s
                users:
                - name: %1$s-admin
                  user:
                    client-certificate-data: %4$s
                    client-key-data: %5$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s-admin
                current-context: %1$s
                """.formatted(clusterId, port, base64.encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)),
                base64.encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII)), base64.encodeToString(keyPem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A kubeconfig for one user of a cluster: the server, the fleet's CA, the token. */
    static String kubeconfig(String clusterId, int port, String caPem, String user, String token) {
        var ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: https://127.0.0.1:%2$d
                    certificate-authority-data: %3$s
                users:
                - name: %1$s-%4$s
                  user:
                    token: %5$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s-%4$s
                current-context: %1$s
                """.formatted(clusterId, port, ca, user, token);
    }
}
