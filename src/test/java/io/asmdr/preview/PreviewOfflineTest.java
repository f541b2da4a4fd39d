package io.asmdr.preview;

import io.asmdr.loopback.Certificate;
import io.asmdr.configreader.StackFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** preview-offline's checks before it runs anything, the project copy it runs in, and the environment it hands the CLI. */
class PreviewOfflineTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private static Result run(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = PreviewOffline.run(args, new PrintStream(out, true), new PrintStream(err, true), env);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void usageErrorsAreExitTwoWithoutATrace() {
        for (var args : new String[][] {{}, {"dev", "prod"}, {".."}, {"a/b"}, {"dev", "--bogus"}, {"dev", "--timeout", "soon"}}) {
            var r = run(Map.of("PATH", ""), args);
            assertEquals(PreviewOffline.USAGE_ERROR, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("preview-offline: ") && !r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void withoutAPulumiCliItSaysSoInOneLineAndExitsThree() {
        var r = run(Map.of("PATH", tmp.toString()), "dev");
        assertEquals(PreviewOffline.ENVIRONMENT, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("no pulumi CLI on PATH") && r.err().contains("tools/pulumi-cli.sh"), r.err());
    }

    @Test
    void anUnknownStackIsInvalid() {
        var r = run(Map.of("PATH", ""), "nosuchstack");
        assertEquals(PreviewOffline.INVALID, r.code(), r.err());
        assertTrue(r.err().contains("Pulumi.nosuchstack.yaml does not exist") && r.err().contains("dev, prod, staging"), r.err());
    }

    @Test
    void theProjectCopyHasNoSaltAndNoSecretsAndTheSameConfig() throws Exception {
        var file = tmp.resolve("Pulumi.dev.yaml");
        Files.writeString(file, Files.readString(Path.of("Pulumi.dev.yaml"))
                .replace("config:\n", "config:\n  asm-dr:nodePassword:\n    secure: v1:abc:def\n"));
        var stackFile = StackFile.read(file);
        var project = PreviewOffline.project(tmp.resolve("work"), "dev", StackFile.location(Path.of(""), "dev"), stackFile, Path.of("pom.xml"));
        var copy = project.resolve("Pulumi.dev.yaml");
        assertEquals(copy, StackFile.location(project, "dev").file(), "where the CLI reads it without a flag, as in the project");
        var text = Files.readString(copy);
        assertFalse(text.contains("encryptionsalt") || text.contains("secure") || text.contains("nodePassword"), text);
        var reread = StackFile.read(copy);
        var expected = new HashMap<>(stackFile.config());
        expected.remove("asm-dr:nodePassword");
        assertEquals(expected, reread.config(), "the program sees the same values");
        assertTrue(Files.isSymbolicLink(project.resolve("target/asm-dr.jar")));
    }

    @Test
    void anEnvironmentsCopyIsInStacksAndReadWithTheSameConfigFile() throws Exception {
        var location = StackFile.location(Path.of(""), "prod");
        assertEquals(List.of("--config-file", "stacks/Pulumi.prod.yaml"), location.pulumiArguments());
        var project = PreviewOffline.project(tmp.resolve("work"), "prod", location, StackFile.read(location.file()), Path.of("pom.xml"));
        assertEquals(location.pulumiArguments(), StackFile.location(project, "prod").pulumiArguments());
        assertFalse(Files.exists(project.resolve("Pulumi.prod.yaml")), "nothing beside Pulumi.yaml until `pulumi stack init` writes its salt there");
    }

    @Test
    void theEnvironmentCarriesNoRealCredentialAndPointsTheProviderAtTheStub() {
        var caller = Map.of("PATH", "/usr/bin", "ALICLOUD_ACCESS_KEY", "LTAIreal", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "real",
                "ALICLOUD_SECURITY_TOKEN", "sts", "PULUMI_ACCESS_TOKEN", "pul-real", "PULUMI_HOME", "/home/u/.pulumi");
        var env = PreviewOffline.environment(caller, tmp, new Certificate(tmp.resolve("k.p12"), tmp.resolve("c.pem")), "127.0.0.1:4443");
        assertEquals("offline-fake-key", env.get("ALICLOUD_ACCESS_KEY"));
        assertFalse(env.containsKey("ALIBABA_CLOUD_ACCESS_KEY_SECRET") || env.containsKey("ALICLOUD_SECURITY_TOKEN"), env.toString());
        assertFalse(env.containsKey("PULUMI_ACCESS_TOKEN"), "never the user's Pulumi Cloud backend");
        assertTrue(env.get("PULUMI_BACKEND_URL").startsWith("file:"), env.get("PULUMI_BACKEND_URL"));
        assertEquals("/home/u/.pulumi", env.get("PULUMI_HOME"), "the plugin cache is reused");
        for (var product : new String[] {"CBN", "SERVICEMESH", "CS"}) {
            assertEquals("127.0.0.1:4443", env.get("ALIBABA_CLOUD_ENDPOINT_" + product));
        }
        assertEquals(tmp.resolve("c.pem").toString(), env.get("SSL_CERT_FILE"));
        assertEquals("Domestic", env.get("ALIBABA_CLOUD_ACCOUNT_TYPE"));
    }

    @Test
    void aPreviewThatNeverStartedIsReportedByItsLastError() throws Exception {
        var errors = tmp.resolve("preview.err");
        Files.writeString(errors, "warning: retrying\nerror: failed to load language plugin java\n\nWill retry\n");
        assertEquals("error: failed to load language plugin java", PreviewOffline.lastError(errors));
        Files.writeString(errors, "");
        assertEquals("(it printed nothing)", PreviewOffline.lastError(errors));
    }
}
