package io.asmdr.configreader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a stack file as strictly as a DR stack deserves, and as the CLI reads it. */
class StackFileTest {
    @TempDir
    Path tmp;

    Path write(String name, String text) throws Exception {
        var file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsLine() throws Exception {
        var file = write("Pulumi.dup.yaml", """
                config:
                  asm-dr:protect: true
                  asm-dr:cen: { name: a }
                  asm-dr:protect: false
                """);
        var e = assertThrows(StackFile.UnreadableException.class, () -> StackFile.read(file));
        assertTrue(e.getMessage().contains(":4:"), e.getMessage());
        assertTrue(e.getMessage().contains("`asm-dr:protect` is given twice"), e.getMessage());
    }

    @Test
    void aNestedDuplicateIsRefusedToo() throws Exception {
        var file = write("Pulumi.dup.yaml", """
                config:
                  asm-dr:cen:
                    name: a
                    crossRegionBandwidthMbps: 10
                    name: b
                """);
        var e = assertThrows(StackFile.UnreadableException.class, () -> StackFile.read(file));
        assertTrue(e.getMessage().contains(":5:") && e.getMessage().contains("`name`"), e.getMessage());
    }

    @Test
    void anchorsAndAliasesWorkAsInTheCli() throws Exception {
        var file = write("Pulumi.anchors.yaml", """
                config:
                  asm-dr:cen: &cen { name: shared, crossRegionBandwidthMbps: 20 }
                  asm-dr:app: { namespace: default }
                  other:copy: *cen
                  other:merged: { <<: *cen, name: mine }
                """);
        var stack = StackFile.read(file);
        assertEquals("{\"name\":\"shared\",\"crossRegionBandwidthMbps\":20}", stack.config().get("asm-dr:cen"));
        assertEquals(stack.config().get("asm-dr:cen"), stack.config().get("other:copy"));
        assertTrue(stack.config().get("other:merged").contains("\"name\":\"mine\""), stack.config().get("other:merged"));
    }

    @Test
    void aliasExpansionIsBounded() throws Exception {
        var bomb = new StringBuilder("config:\n  x:a: &a [1, 2]\n");
        var previous = "a";
        for (int i = 0; i < 12; i++) {
            var name = "l" + i;
            bomb.append("  x:").append(name).append(": &").append(name).append(" [");
            for (int j = 0; j < 8; j++) {
                bomb.append(j == 0 ? "" : ", ").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = name;
        }
        var file = write("Pulumi.bomb.yaml", bomb.toString());
        var e = assertThrows(StackFile.UnreadableException.class, () -> StackFile.read(file));
        assertTrue(e.getMessage().contains("aliases"), e.getMessage());
    }

    @Test
    void malformedYamlSaysLineAndColumn() throws Exception {
        var file = write("Pulumi.bad.yaml", "config:\n  asm-dr:cen: { name: a\n  asm-dr:protect: true\n");
        var e = assertThrows(StackFile.UnreadableException.class, () -> StackFile.read(file));
        assertTrue(e.getMessage().matches("(?s).*Pulumi\\.bad\\.yaml:\\d+:\\d+: .*"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void nonUtf8IsASentence() throws Exception {
        var file = tmp.resolve("Pulumi.latin1.yaml");
        Files.write(file, "config:\n  asm-dr:cen: { name: caf\u00e9 }\n".getBytes(StandardCharsets.ISO_8859_1));
        var e = assertThrows(StackFile.UnreadableException.class, () -> StackFile.read(file));
        assertTrue(e.getMessage().contains(":2: is not UTF-8 text (byte 0xE9"), e.getMessage());
        assertTrue(e.getMessage().contains("save the file as UTF-8"), e.getMessage());
        assertFalse(e.getMessage().contains("Input length"), e.getMessage());
    }

    @Test
    void secureValuesAreSecretPlaceholdersAlsoWhenNested() throws Exception {
        var file = write("Pulumi.sec.yaml", """
                config:
                  asm-dr:nodePassword: { secure: AAABAJ0= }
                  asm-dr:mesh: { name: m, version: { secure: AAABAJ1= } }
                  protect: true
                """);
        var stack = StackFile.read(file);
        assertEquals(Set.of("asm-dr:nodePassword", "asm-dr:mesh"), stack.secretKeys());
        assertEquals(StackFile.SECRET_PLACEHOLDER, stack.config().get("asm-dr:mesh"));
        assertEquals("true", stack.config().get("asm-dr:protect"), "a key without a namespace is the project's");
    }

    @Test
    void yes11BooleansStayStringsAsInYaml12() throws Exception {
        var file = write("Pulumi.y.yaml", "config:\n  asm-dr:protect: yes\n  asm-dr:when: 2001-12-14\n");
        var stack = StackFile.read(file);
        assertEquals("yes", stack.config().get("asm-dr:protect"));
        assertEquals("2001-12-14", stack.config().get("asm-dr:when"));
    }

    /** A project in the layout of this one: Pulumi.yaml, Pulumi.dev.yaml beside it, and stacks/Pulumi.{environment}.yaml. */
    private void project(String environment) throws Exception {
        write("Pulumi.yaml", "name: asm-dr\nruntime: java\n");
        write("Pulumi.dev.yaml", "config: {}\n");
        Files.createDirectories(tmp.resolve("stacks"));
        Files.writeString(tmp.resolve("stacks/Pulumi." + environment + ".yaml"), "config: {}\n");
    }

    @Test
    void devIsBesideTheProjectFileAndAnEnvironmentInStacksIsReadWithConfigFile() throws Exception {
        project("qa");
        var dev = StackFile.location(tmp, "dev");
        assertEquals(tmp.resolve("Pulumi.dev.yaml"), dev.file());
        assertEquals(List.of(), dev.pulumiArguments(), "plain `pulumi` commands read it");
        var qa = StackFile.location(tmp, "qa");
        assertEquals(tmp.resolve("stacks/Pulumi.qa.yaml"), qa.file());
        assertEquals(List.of("--config-file", "stacks/Pulumi.qa.yaml"), qa.pulumiArguments());
        assertEquals(qa.file(), StackFile.locate(tmp, "qa"));
        // what `pulumi stack init qa` writes beside Pulumi.yaml (it takes no --config-file): harmless, accepted
        write("Pulumi.qa.yaml", "encryptionsalt: v1:x\n");
        assertEquals(qa, StackFile.location(tmp, "qa"));
        // the same file with config in it is edited by `pulumi config set` without the flag, and read by nothing
        write("Pulumi.qa.yaml", "encryptionsalt: v1:x\nconfig:\n  asm-dr:protect: \"true\"\n");
        var e = assertThrows(StackFile.UnreadableException.class, () -> StackFile.location(tmp, "qa"));
        assertTrue(e.getMessage().contains("two stack files") && e.getMessage().contains("asm-dr:protect")
                && e.getMessage().contains("--config-file stacks/Pulumi.qa.yaml"), e.getMessage());
    }

    @Test
    void aMissingStackNamesTheFilesItCouldHaveAndTheStacksThereAre() throws Exception {
        project("prod");
        var e = assertThrows(StackFile.MissingException.class, () -> StackFile.existing(tmp, "qa"));
        assertTrue(e.getMessage().contains("The stacks of this project: dev, prod") && e.getMessage().contains("stacks/Pulumi.qa.yaml"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void aStackConfigDirOfTheUsersIsWhereThePlainCliReads() throws Exception {
        write("Pulumi.yaml", "name: asm-dr\nruntime: java\nstackConfigDir: stacks\n");
        Files.createDirectories(tmp.resolve("stacks"));
        Files.writeString(tmp.resolve("stacks/Pulumi.qa.yaml"), "config: {}\n");
        assertEquals(new StackFile.Location(tmp.resolve("stacks/Pulumi.qa.yaml"), Optional.empty()), StackFile.location(tmp, "qa"),
                "the CLI reads stacks/ by itself: no --config-file");
    }

    @Test
    void withoutStackConfigDirTheStackFileIsBesideTheProjectFile() throws Exception {
        write("Pulumi.yaml", "name: asm-dr\nruntime: java\n");
        assertEquals(tmp.resolve("Pulumi.qa.yaml"), StackFile.locate(tmp, "qa"));
        write("Pulumi.yaml", "name: asm-dr\nstackConfigDir: /etc\n");
        assertThrows(StackFile.UnreadableException.class, () -> StackFile.locate(tmp, "qa"));
    }

    @Test
    void anUnreadableFileSaysWhatToDoWithoutAnExceptionName() throws Exception {
        var e = assertThrows(StackFile.UnreadableException.class, () -> StackFile.read(tmp.resolve("Pulumi.none.yaml")));
        assertTrue(e.getMessage().contains("does not exist") && !e.getMessage().contains("NoSuchFile"), e.getMessage());
    }

    @Test
    void anExplicitTagTheCliCannotHoldIsRefusedWithItsLine() throws Exception {
        var file = write("Pulumi.tag.yaml", "config:\n  asm-dr:cen: {name: !!binary YXNt, crossRegionBandwidthMbps: 10}\n");
        var e = assertThrows(StackFile.UnreadableException.class, () -> StackFile.read(file));
        assertTrue(e.getMessage().contains("Pulumi.tag.yaml:2:") && e.getMessage().contains("!!binary"), e.getMessage());
        // merge keys and the core tags stay readable
        var merged = write("Pulumi.merge.yaml", "base: &b {crossRegionBandwidthMbps: 10}\nconfig:\n  asm-dr:cen: {<<: *b, name: !!str x}\n");
        assertTrue(StackFile.read(merged).config().get("asm-dr:cen").contains("\"crossRegionBandwidthMbps\":10"));
    }

    @Test
    void aScalarAliasBombIsRefusedWithoutExpandingIt() throws Exception {
        var text = new StringBuilder("big: &b " + "x".repeat(200_000) + "\nconfig:\n  asm-dr:app: {namespace: [");
        text.append(String.join(",", Collections.nCopies(3000, "*b"))).append("]}\n");
        var file = write("Pulumi.bomb.yaml", text.toString());
        var e = assertThrows(StackFile.UnreadableException.class, () -> StackFile.read(file));
        assertTrue(e.getMessage().contains("expands to more than 1024 KiB"), e.getMessage());
    }
}
