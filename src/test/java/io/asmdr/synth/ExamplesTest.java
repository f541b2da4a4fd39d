package io.asmdr.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples are tests: valid ones synthesize, invalid ones are refused at the keys they announce. */
class ExamplesTest {
    static Stream<Path> examples() throws IOException {
        try (var files = Files.list(Path.of("examples"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void behavesAsItSays(Path example, @TempDir Path out) throws IOException {
        // four regions reach past the published transit-router table (cn-beijing, cn-shenzhen): synth answers from the stack
        var result = SynthCommandTest.synth("example", "--config-file", example.toString(), "--out", out.toString());
        var name = example.getFileName().toString();
        if (name.startsWith("invalid-")) {
            assertEquals(Synth.INVALID, result.code(), result.out());
            List<String> expected = Files.readAllLines(example).stream()
                    .filter(l -> l.startsWith("# expect: ")).map(l -> l.substring("# expect: ".length()).trim()).toList();
            assertTrue(!expected.isEmpty(), name + " announces no expected key");
            for (var key : expected) {
                assertTrue(result.err().contains("  - " + key + " = ") || result.err().contains(": " + key + " = "), key + " not refused:\n" + result.err());
            }
            assertEquals(expected.size(), result.err().lines().filter(l -> l.startsWith("  - ")).count(), result.err());
        } else {
            assertEquals(Synth.OK, result.code(), result.err());
            assertTrue(Files.exists(out.resolve("plan.json")));
        }
    }
}
