package io.asmdr.sandbox.kube;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The processes' command lines: loopback only, each cluster apart from the others, the files where the fleet writes them. */
class CommandsTest {
    private static final Path STATE = Path.of("/state");
    private static final Layout LAYOUT = new Layout(STATE);
    private static final Binaries BIN = new Binaries(Path.of("/b/asm-dr-etcd"), Path.of("/b/kube-apiserver"), Path.of("/b/kube-controller-manager"),
            Path.of("/b/kube-scheduler"), Path.of("/b/kwok"), Path.of("/s/kwok-stages.yaml"));
    private static final FleetRecord FLEET = new FleetRecord(16379, 16380);
    private static final ClusterRecord HANGZHOU = new ClusterRecord("c-hz", "cn-hangzhou", List.of("cn-hangzhou-h", "cn-hangzhou-i"), Role.ACK, 16443, 0);
    private static final ClusterRecord SHANGHAI = new ClusterRecord("c-sh", "cn-shanghai", List.of("cn-shanghai-e"), Role.ACK, 16444, 1);
    private static final Pattern ADDRESS = Pattern.compile("(?:https?://)?((?:\\d{1,3}\\.){3}\\d{1,3})(?::\\d+)?");

    private static List<String> everyCommand() {
        return Stream.of(Commands.etcd(BIN, LAYOUT, FLEET), Commands.apiServer(BIN, LAYOUT, HANGZHOU, FLEET),
                Commands.controllerManager(BIN, LAYOUT, HANGZHOU), Commands.scheduler(BIN, LAYOUT, HANGZHOU), Commands.kwok(BIN, LAYOUT, HANGZHOU))
                .flatMap(List::stream).toList();
    }

    @Test
    void everythingListensOnLoopbackOnly() {
        for (var arg : everyCommand()) {
            var value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : arg;
            if (arg.startsWith("--bind-address") || arg.startsWith("--advertise-address") || arg.startsWith("--etcd-servers")) {
                var m = ADDRESS.matcher(value);
                assertTrue(m.matches() && m.group(1).startsWith("127."), arg);
            }
        }
        var kcm = Commands.controllerManager(BIN, LAYOUT, HANGZHOU);
        var scheduler = Commands.scheduler(BIN, LAYOUT, HANGZHOU);
        assertTrue(kcm.contains("--secure-port=0") && scheduler.contains("--secure-port=0"), "they serve nothing");
        var kwok = Commands.kwok(BIN, LAYOUT, HANGZHOU);
        assertTrue(kwok.stream().noneMatch(a -> a.startsWith("--server-address") || a.startsWith("--node-port")),
                "kwok would listen on 0.0.0.0 with either: " + kwok);
    }

    @Test
    void eachApiServerHasItsOwnPortPrefixAndFiles() {
        var hz = Commands.apiServer(BIN, LAYOUT, HANGZHOU, FLEET);
        var sh = Commands.apiServer(BIN, LAYOUT, SHANGHAI, FLEET);
        assertTrue(hz.contains("--secure-port=16443") && sh.contains("--secure-port=16444"));
        assertTrue(hz.contains("--etcd-prefix=/asm-dr/clusters/c-hz") && sh.contains("--etcd-prefix=/asm-dr/clusters/c-sh"));
        assertTrue(hz.contains("--etcd-servers=http://127.0.0.1:16379"));
        assertTrue(hz.contains("--token-auth-file=/state/clusters/c-hz/tokens.csv"));
        assertTrue(hz.contains("--tls-cert-file=/state/clusters/c-hz/pki/apiserver.crt"));
        assertTrue(hz.contains("--service-account-signing-key-file=/state/clusters/c-hz/pki/sa.key"));
        assertEquals("/b/kube-apiserver", hz.get(0));
        // the same key signs tokens in the API server and in the controller manager's token controller
        assertTrue(Commands.controllerManager(BIN, LAYOUT, HANGZHOU).contains("--service-account-private-key-file=/state/clusters/c-hz/pki/sa.key"));
    }

    @Test
    void theAggregationLayerIsConfiguredBothWays() {
        var api = Commands.apiServer(BIN, LAYOUT, HANGZHOU, FLEET);
        assertTrue(api.contains("--proxy-client-cert-file=/state/pki/front-proxy-client.crt"));
        assertTrue(api.contains("--requestheader-client-ca-file=/state/pki/ca.crt"));
        assertTrue(api.contains("--requestheader-allowed-names=" + Commands.FRONT_PROXY_CLIENT));
    }

    @Test
    void podAndNodeAddressesDifferPerCluster() {
        assertNotEquals(Commands.podCidr(HANGZHOU), Commands.podCidr(SHANGHAI));
        assertTrue(Commands.kwok(BIN, LAYOUT, HANGZHOU).contains("--cidr=10.64.0.0/16"));
        assertEquals("192.168.1.10", Commands.nodeAddress(SHANGHAI, 0));
        assertFalse(Commands.nodeAddress(HANGZHOU, 0).equals(Commands.nodeAddress(SHANGHAI, 0)));
    }

    @Test
    void kwokPlaysOnlyTheNodesTheFleetMarks() {
        var kwok = Commands.kwok(BIN, LAYOUT, HANGZHOU);
        assertTrue(kwok.contains("--manage-all-nodes=false"));
        assertTrue(kwok.contains("--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake"));
        assertTrue(kwok.contains("--config=/s/kwok-stages.yaml"));
        FakeNodes.render(HANGZHOU).forEach(n -> assertEquals("fake", n.getMetadata().getAnnotations().get(Commands.KWOK_NODE_ANNOTATION)));
    }
}
