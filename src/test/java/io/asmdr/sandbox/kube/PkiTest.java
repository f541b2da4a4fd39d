package io.asmdr.sandbox.kube;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-encoded certificates hold up where it matters: the JDK's own PKIX validation and hostname check. */
class PkiTest {
    @TempDir
    Path tmp;

    @Test
    void objectIdentifiersAreEncodedAsX690Says() {
        // sha256WithRSAEncryption, from RFC 4055's DER
        assertArrayEquals(HexFormat.of().parseHex("06092a864886f70d01010b"), Pki.oid("1.2.840.113549.1.1.11"));
        // id-kp-serverAuth
        assertArrayEquals(HexFormat.of().parseHex("06082b06010505070301"), Pki.oid("1.3.6.1.5.5.7.3.1"));
    }

    @Test
    void longLengthsUseTheLongForm() {
        var value = new byte[300];
        var tlv = Pki.tlv(0x04, value);
        assertEquals(0x82, tlv[1] & 0xff);
        assertEquals(300, ((tlv[2] & 0xff) << 8) | (tlv[3] & 0xff));
        assertEquals(304, tlv.length);
    }

    @Test
    void aServingCertificateIsSignedByTheCaAndNamesItsAddresses() throws Exception {
        var ca = Pki.newCa("test CA", Duration.ofDays(1));
        var leaf = Pki.issue(ca, "kube-apiserver", List.of(), Pki.Usage.SERVER, List.of("localhost", "a.b.svc"), List.of("127.0.0.1"), Duration.ofDays(1));
        leaf.certificate().verify(ca.certificate().getPublicKey());
        ca.certificate().verify(ca.certificate().getPublicKey());
        assertTrue(ca.certificate().getBasicConstraints() >= 0, "the CA is a CA");
        assertEquals(-1, leaf.certificate().getBasicConstraints(), "the leaf is not");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.certificate().getExtendedKeyUsage());
        var names = leaf.certificate().getSubjectAlternativeNames().stream().map(n -> n.get(0) + "=" + n.get(1)).toList();
        assertEquals(List.of("2=localhost", "2=a.b.svc", "7=127.0.0.1"), names);
        assertEquals(ca.certificate().getSubjectX500Principal(), leaf.certificate().getIssuerX500Principal());
        leaf.certificate().checkValidity();
    }

    @Test
    void aTlsClientTrustingOnlyTheCaReachesAServerOn127001() throws Exception {
        var ca = Pki.newCa("test CA", Duration.ofDays(1));
        var leaf = Pki.issue(ca, "server", List.of(), Pki.Usage.SERVER, List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1));
        var server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(leaf)));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
        try {
            var uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            var trusting = HttpClient.newBuilder().sslContext(clientContext(ca.certificate())).build();
            assertEquals("ok", trusting.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
            var other = Pki.newCa("another CA", Duration.ofDays(1));
            var stranger = HttpClient.newBuilder().sslContext(clientContext(other.certificate())).build();
            assertThrows(SSLHandshakeException.class, () -> stranger.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void writtenFilesReadBackAndTheKeyIsPrivate() throws Exception {
        var ca = Pki.newCa("test CA", Duration.ofDays(1));
        ca.write(tmp, "ca");
        var back = Pki.read(tmp, "ca");
        assertEquals(ca.certificate(), back.certificate());
        assertArrayEquals(ca.keys().getPrivate().getEncoded(), back.keys().getPrivate().getEncoded());
        assertTrue(Files.readString(tmp.resolve("ca.key")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(tmp.resolve("ca.key")));
    }

    private static SSLContext serverContext(Pki.Issued leaf) throws Exception {
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", leaf.keys().getPrivate(), new char[0], new Certificate[] {leaf.certificate()});
        var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        var context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientContext(X509Certificate trusted) throws Exception {
        var store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("ca", trusted);
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        var context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
