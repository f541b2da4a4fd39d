package io.asmdr.sandbox.kube;

import io.fabric8.kubernetes.client.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The static tokens file and the kubeconfigs built on it. */
class CredentialsTest {
    @TempDir
    Path tmp;

    @Test
    void tokensAreMadeOnceAndKept() throws Exception {
        var file = tmp.resolve("tokens.csv");
        var first = Credentials.ensureTokens(file);
        assertEquals(Credentials.User.values().length, new HashSet<>(first.values()).size(), "one token per user, all different");
        assertEquals(first, Credentials.ensureTokens(file));
        var lines = Files.readAllLines(file);
        // token,user,uid,"groups" as kube-apiserver's --token-auth-file reads it
        assertTrue(lines.contains(first.get(Credentials.User.ADMIN) + ",kubernetes-admin,kubernetes-admin,\"system:masters\""), lines.toString());
        assertTrue(lines.contains(first.get(Credentials.User.SCHEDULER) + ",system:kube-scheduler,system:kube-scheduler"), lines.toString());
    }

    @Test
    void aKubeconfigCarriesServerCaAndToken() {
        var ca = Pki.newCa("test CA", Duration.ofDays(1));
        var yaml = Credentials.kubeconfig("c-hz", 16443, ca.certificatePem(), "admin", "tok123");
        var config = Config.fromKubeconfig(yaml);
        assertEquals("https://127.0.0.1:16443/", config.getMasterUrl());
        assertEquals("tok123", config.getAutoOAuthToken() != null ? config.getAutoOAuthToken() : config.getOauthToken());
        assertEquals(ca.certificatePem(), new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.US_ASCII));
        assertEquals(List.of("c-hz"), config.getContexts().stream().map(c -> c.getName()).toList());
    }
}
