package io.asmdr.sandbox.kube;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * The sandbox's certificates, made with the JDK alone: a CA, and certificates it signs (the API servers' serving
 * certificates, the aggregator's proxy client). Kubernetes components read PEM files: certificates as
 * {@code CERTIFICATE}, private keys as PKCS#8 {@code PRIVATE KEY} (client-go's keyutil and Go's crypto/tls read both).
 *
 * <p>The JDK can sign but has no public API that builds a certificate, so {@link #sign} encodes the X.509 v3
 * structure itself (RFC 5280 section 4.1; DER per ITU-T X.690): RSA 2048 keys, SHA-256 with RSA, the extensions Go's
 * verifier looks at (basic constraints, key usage, extended key usage, subject alternative names).
 */
final class Pki {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    /** sha256WithRSAEncryption (RFC 4055). */
    private static final String SHA256_RSA = "1.2.840.113549.1.1.11";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXT_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    /** What a certificate is for. */
    enum Usage { CA, SERVER, CLIENT }

    /** A key pair and the certificate of its public key. */
    record Issued(KeyPair keys, X509Certificate certificate) {
        String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        String privateKeyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }

        /** Writes {@code NAME.crt} and {@code NAME.key} (owner-only) into {@code dir}. */
        void write(Path dir, String name) {
            writeFile(dir.resolve(name + ".crt"), certificatePem());
            writePrivate(dir.resolve(name + ".key"), privateKeyPem());
        }
    }

    private Pki() {}

    static KeyPair rsaKeys() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no RSA key generator", e);
        }
    }

    /** A self-signed CA certificate. */
    static Issued newCa(String commonName, Duration validity) {
        var keys = rsaKeys();
        return new Issued(keys, sign(commonName, List.of(), keys, Usage.CA, List.of(), List.of(), name(commonName, List.of()), keys.getPrivate(), validity));
    }

    /** A certificate for a new key, signed by {@code ca}. */
    static Issued issue(Issued ca, String commonName, List<String> organizations, Usage usage, List<String> dnsNames,
                        List<String> ipAddresses, Duration validity) {
        var keys = rsaKeys();
        // the issuer field is the CA's subject, byte for byte: Go's verifier matches the two as raw bytes
        var issuer = ca.certificate().getSubjectX500Principal().getEncoded();
        return new Issued(keys, sign(commonName, organizations, keys, usage, dnsNames, ipAddresses, issuer, ca.keys().getPrivate(), validity));
    }

    static X509Certificate sign(String commonName, List<String> organizations, KeyPair subjectKeys, Usage usage, List<String> dnsNames,
                                List<String> ipAddresses, byte[] issuerName, PrivateKey issuerKey, Duration validity) {
        var now = Instant.now().minus(Duration.ofMinutes(5)); // clock skew between processes is nil here, but be kind
        var algorithm = sequence(oid(SHA256_RSA), new byte[] {0x05, 0x00});
        var extensions = new ByteArrayOutputStream();
        if (usage == Usage.CA) {
            extensions.writeBytes(extension(BASIC_CONSTRAINTS, true, sequence(new byte[] {0x01, 0x01, (byte) 0xff})));
            // keyCertSign (bit 5) and cRLSign (bit 6)
            extensions.writeBytes(extension(KEY_USAGE, true, bitString(0x06, 1)));
        } else {
            extensions.writeBytes(extension(BASIC_CONSTRAINTS, true, sequence()));
            // digitalSignature (bit 0) and keyEncipherment (bit 2)
            extensions.writeBytes(extension(KEY_USAGE, true, bitString(0xa0, 5)));
            extensions.writeBytes(extension(EXT_KEY_USAGE, false, sequence(oid(usage == Usage.SERVER ? SERVER_AUTH : CLIENT_AUTH))));
        }
        if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
            var names = new ByteArrayOutputStream();
            dnsNames.forEach(n -> names.writeBytes(tlv(0x82, n.getBytes(StandardCharsets.US_ASCII))));
            ipAddresses.forEach(ip -> names.writeBytes(tlv(0x87, address(ip))));
            extensions.writeBytes(extension(SUBJECT_ALT_NAME, false, tlv(0x30, names.toByteArray())));
        }
        byte[] tbs = sequence(
                tlv(0xa0, integer(BigInteger.TWO)),                       // version v3
                integer(new BigInteger(127, RANDOM).add(BigInteger.ONE)), // positive serial number
                algorithm,
                issuerName,
                sequence(time(now), time(now.plus(validity))),
                name(commonName, organizations),
                subjectKeys.getPublic().getEncoded(),                     // SubjectPublicKeyInfo, already DER
                tlv(0xa3, tlv(0x30, extensions.toByteArray())));
        try {
            var signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(issuerKey);
            signer.update(tbs);
            byte[] der = sequence(tbs, algorithm, bitString(signer.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign the certificate for " + commonName, e);
        }
    }

    /** Reads what {@link Issued#write} wrote. */
    static Issued read(Path dir, String name) {
        try {
            var certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(dir.resolve(name + ".crt")));
            var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(dir.resolve(name + ".key")))));
            return new Issued(new KeyPair(certificate.getPublicKey(), key), certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable key or certificate " + dir.resolve(name) + ".{crt,key}: " + e.getMessage(), e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] unpem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A secret file, readable by its owner only (where the file system has POSIX permissions). */
    static void writePrivate(Path file, String content) {
        writeFile(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the directory's permissions are all there is
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- DER (ITU-T X.690) ---

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? sequence(oid(oid), new byte[] {0x01, 0x01, (byte) 0xff}, tlv(0x04, value))
                : sequence(oid(oid), tlv(0x04, value));
    }

    private static byte[] name(String commonName, List<String> organizations) {
        var rdns = new ByteArrayOutputStream();
        organizations.forEach(o -> rdns.writeBytes(tlv(0x31, sequence(oid(ORGANIZATION), tlv(0x0c, o.getBytes(StandardCharsets.UTF_8))))));
        rdns.writeBytes(tlv(0x31, sequence(oid(COMMON_NAME), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
        return tlv(0x30, rdns.toByteArray());
    }

    /** UTCTime through 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
    private static byte[] time(Instant t) {
        return t.atZone(ZoneOffset.UTC).getYear() < 2050 ? tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII))
                : tlv(0x18, GENERALIZED_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] address(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }

    private static byte[] bitString(byte[] bytes) {
        var out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return tlv(0x03, out);
    }

    /** A named-bit BIT STRING of one byte: {@code bits} left-aligned, {@code unused} trailing bits. */
    private static byte[] bitString(int bits, int unused) {
        return tlv(0x03, new byte[] {(byte) unused, (byte) bits});
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    static byte[] oid(String dotted) {
        var parts = dotted.split("\\.");
        var out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long v = Long.parseLong(parts[i]);
            var base128 = new ByteArrayOutputStream();
            int shift = 63 - Long.numberOfLeadingZeros(v | 1);
            for (int s = shift - shift % 7; s > 0; s -= 7) {
                base128.write((int) ((v >>> s) & 0x7f) | 0x80);
            }
            base128.write((int) (v & 0x7f));
            out.writeBytes(base128.toByteArray());
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var p : parts) {
            out.writeBytes(p);
        }
        return tlv(0x30, out.toByteArray());
    }

    static byte[] tlv(int tag, byte[] value) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((n >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
