package io.asmdr.preview;

import io.asmdr.plan.PlanFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * preview-offline for real: the CLI on PATH, its Java language host and the alicloud 3.105.0 and
 * kubernetes 4.25.0 plugins already installed (no download here), the jar built. Then the preview
 * must succeed with the stub alone and show the URNs of the real reference preview. Skipped, in one
 * line, where any of that is missing (this project's build machines have only the CLI).
 */
class PreviewOfflineEndToEndTest {
    @TempDir
    Path tmp;

    private static String pluginList(Path pulumi) throws Exception {
        var process = new ProcessBuilder(pulumi.toString(), "plugin", "ls").redirectErrorStream(true).start();
        var out = new String(process.getInputStream().readAllBytes());
        return process.waitFor(60, TimeUnit.SECONDS) ? out : "";
    }

    @Test
    void devPreviewsOfflineWithTheRealEngineAndAgreesWithTheReference() throws Exception {
        var pulumi = PreviewOffline.onPath("pulumi", System.getenv());
        var host = PreviewOffline.onPath("pulumi-language-java", System.getenv());
        var jar = Path.of("target/asm-dr.jar");
        var plugins = pulumi.isPresent() ? pluginList(pulumi.get()) : "";
        var ready = pulumi.isPresent() && host.isPresent() && Files.isRegularFile(jar)
                && plugins.contains("alicloud") && plugins.contains("3.105.0") && plugins.contains("kubernetes") && plugins.contains("4.25.0");
        if (!ready) {
            System.out.println("PreviewOfflineEndToEndTest skipped: needs the pulumi CLI, pulumi-language-java and the alicloud 3.105.0 and"
                    + " kubernetes 4.25.0 plugins installed, and target/asm-dr.jar");
        }
        Assumptions.assumeTrue(ready, "skipped: no pulumi CLI with its Java host and plugins");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = PreviewOffline.run(new String[] {"dev", "--out", tmp.toString()}, new PrintStream(out, true), new PrintStream(err, true),
                System.getenv());
        assertEquals(0, code, out + "\n" + err + "\n" + Files.readString(tmp.resolve("preview.err")));
        var preview = PlanFile.read(tmp.resolve("preview.json"));
        var reference = PlanFile.read(Path.of("reference/real-preview/dev/preview.json"));
        var urns = new TreeSet<String>();
        preview.resources().forEach(r -> urns.add(r.urn()));
        var expected = new TreeSet<String>();
        reference.resources().forEach(r -> expected.add(r.urn()));
        assertEquals(expected, urns);
        assertTrue(Files.readAllLines(tmp.resolve("stub-requests.jsonl")).size() >= 3, "the three read APIs were asked");
    }
}
