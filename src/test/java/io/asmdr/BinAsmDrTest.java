package io.asmdr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/asm-dr} as a newcomer meets it, in a copy of the script inside a skeleton project, with a
 * stand-in {@code java} and {@code mvn} on PATH that record how they were called: it finds its project
 * from any directory (through a symbolic link too), refuses a Java it cannot run before building
 * anything, shows a progress line instead of Maven's log, and runs Java under a UTF-8 locale when the
 * caller's is ASCII. The real jar from another directory and a non-ASCII path under LANG=C are run by
 * {@code .ci/run}.
 */
class BinAsmDrTest {
    @TempDir
    Path tmp;

    private Path project;
    private Path tools;

    private record Result(int code, String err) {}

    private void skeleton(String javaVersion) throws IOException {
        project = tmp.resolve("prōject");
        Files.createDirectories(project.resolve("bin"));
        Files.createDirectories(project.resolve("src/main"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Files.copy(Path.of("bin/asm-dr"), project.resolve("bin/asm-dr"));
        tools = tmp.resolve("tools");
        Files.createDirectories(tools);
        // java: answers -version like a JDK, otherwise records its arguments, working folder and locale
        executable(tools.resolve("java"), """
                #!/bin/sh
                if [ "$1" = -version ]; then echo 'openjdk version "%s" 2025-04-15' >&2; exit 0; fi
                { pwd; echo "LC_ALL=$LC_ALL"; for a in "$@"; do echo "$a"; done; } > "%s"
                """.formatted(javaVersion, tmp.resolve("java.calls")));
        // mvn: 40 lines of log, then the jar
        executable(tools.resolve("mvn"), """
                #!/bin/sh
                i=0; while [ $i -lt 40 ]; do echo "[WARNING] maven line $i"; i=$((i+1)); done
                mkdir -p target && echo jar > target/asm-dr.jar && echo "$PWD" > "%s"
                """.formatted(tmp.resolve("mvn.calls")));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result run(Path script, Path workingDir, Map<String, String> env, String... args) throws Exception {
        var command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(false);
        builder.environment().put("PATH", tools + ":/usr/bin:/bin");
        builder.environment().remove("LC_ALL");
        builder.environment().putAll(env);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        var process = builder.start();
        var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/asm-dr did not end");
        return new Result(process.exitValue(), err);
    }

    @Test
    void aJavaOlderThan17IsRefusedAtOnceWithTheRangeAndNothingIsBuilt() throws Exception {
        for (var version : List.of("11.0.2", "1.8.0_372")) {
            tmp = Files.createTempDirectory(tmp, "java" + version.charAt(0));
            skeleton(version);
            var r = run(project.resolve("bin/asm-dr"), tmp, Map.of(), "synth", "dev");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("cannot run asm-dr: it needs Java 17 to 25"), r.err());
            assertFalse(Files.exists(tmp.resolve("mvn.calls")), "refused before any build");
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void fromAnyDirectoryThroughALinkItBuildsQuietlyAndRunsForItsProject() throws Exception {
        skeleton("17.0.15");
        var elsewhere = Files.createDirectories(tmp.resolve("élsewhere"));
        var link = tmp.resolve("asm-dr-link");
        Files.createSymbolicLink(link, project.resolve("bin/asm-dr"));
        var r = run(link, elsewhere, Map.of("LANG", "C"), "synth", "dev", "--out", "here");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("asm-dr: building") && r.err().contains("asm-dr: built in"), r.err());
        assertFalse(r.err().contains("maven line"), "Maven's log goes to a file, not the terminal: " + r.err());
        assertTrue(Files.readString(project.resolve("target/asm-dr-build.log")).contains("maven line 39"));
        assertEquals(project.toRealPath().toString(), Files.readString(tmp.resolve("mvn.calls")).strip(), "Maven runs in the project");
        var calls = Files.readAllLines(tmp.resolve("java.calls"));
        assertEquals(elsewhere.toRealPath().toString(), calls.get(0), "the command runs where the user is, so --out here is theirs");
        assertTrue(calls.contains("-Dasmdr.project=" + project.toRealPath()), calls.toString());
        assertEquals(List.of("synth", "dev", "--out", "here"), calls.subList(calls.size() - 4, calls.size()));
        var utf8 = new ProcessBuilder("sh", "-c", "locale -a 2>/dev/null | grep -i -m 1 -E '^(C|en_US)\\.utf-?8$'").start();
        var available = new String(utf8.getInputStream().readAllBytes()).strip();
        if (!available.isEmpty()) {
            assertEquals("LC_ALL=" + available, calls.get(1), "an ASCII locale is replaced by a UTF-8 one for file names");
        }
        // the second run finds the jar fresh and builds nothing
        Files.delete(tmp.resolve("mvn.calls"));
        assertEquals(0, run(link, elsewhere, Map.of(), "synth", "dev").code());
        assertFalse(Files.exists(tmp.resolve("mvn.calls")));
    }

    @Test
    void aNewerJavaThanTestedIsTriedWithOneLine() throws Exception {
        skeleton("26-ea");
        var r = run(project.resolve("bin/asm-dr"), tmp, Map.of(), "guard", "x.json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("newer than the versions asm-dr was run with (17 to 25)"), r.err());
    }
}
