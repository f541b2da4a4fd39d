package io.asmdr.loopback;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away self-signed TLS certificate for 127.0.0.1, made with the JDK's own {@code keytool}:
 * the key in a PKCS12 keystore for the stub, the certificate as PEM for the provider, which trusts
 * it through {@code SSL_CERT_FILE} (Go's crypto/x509 reads that file on Linux; the recipe in
 * docs/real-engine.md). The program's providers keep HTTPS, so the stub must speak TLS.
 */
public record Certificate(Path keystore, Path pem) {
    public static final String PASSWORD = "asm-dr-offline-stub";

    /** Makes both files in {@code dir}, valid for two days. */
    public static Certificate make(Path dir) throws IOException, InterruptedException {
        return make(dir, 2);
    }

    /** Makes both files in {@code dir}, valid for {@code days}. */
    public static Certificate make(Path dir, int days) throws IOException, InterruptedException {
        var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var keystore = dir.resolve("stub.p12");
        var pem = dir.resolve("stub-cert.pem");
        run(List.of(keytool, "-genkeypair", "-alias", "stub", "-keyalg", "RSA", "-keysize", "2048", "-validity", String.valueOf(days),
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "stub", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", pem.toString()));
        return new Certificate(keystore, pem);
    }

    /**
     * An HTTPS server on 127.0.0.1 ({@code port} 0: a free one) that presents this certificate; not started.
     */
    public HttpsServer server(int port) throws IOException {
        try {
            var keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            var managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD.toCharArray());
            var tls = SSLContext.getInstance("TLS");
            tls.init(managers.getKeyManagers(), null, null);
            var server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return server;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot serve TLS with " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool failed: " + out.strip());
        }
    }
}
