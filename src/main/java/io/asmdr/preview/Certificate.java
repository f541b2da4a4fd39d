package io.asmdr.preview;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away self-signed TLS certificate for 127.0.0.1, made with the JDK's own {@code keytool}:
 * the key in a PKCS12 keystore for the stub, the certificate as PEM for the provider, which trusts
 * it through {@code SSL_CERT_FILE} (Go's crypto/x509 reads that file on Linux; the recipe in
 * docs/real-engine.md). The program's providers keep HTTPS, so the stub must speak TLS.
 */
public record Certificate(Path keystore, Path pem) {
    static final String PASSWORD = "asm-dr-offline-stub";

    /** Makes both files in {@code dir}, valid for two days. */
    public static Certificate make(Path dir) throws IOException, InterruptedException {
        var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var keystore = dir.resolve("stub.p12");
        var pem = dir.resolve("stub-cert.pem");
        run(List.of(keytool, "-genkeypair", "-alias", "stub", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "stub", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", pem.toString()));
        return new Certificate(keystore, pem);
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
