package io.asmdr.synth;

import io.asmdr.spec.StackSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The files of one synth run; earlier output in the same folder is replaced, never mixed in. */
final class SynthOutput {
    static final String PLAN = "plan.json";

    private SynthOutput() {}

    static void write(Path dir, StackSpec spec, Plan plan) throws IOException {
        Files.createDirectories(dir);
        clean(dir);
        Files.writeString(dir.resolve(PLAN), plan.toPreviewJson());
    }

    static List<Path> extras(Path dir) {
        return List.of();
    }

    private static void clean(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(PLAN));
        var manifests = dir.resolve("manifests");
        if (Files.isDirectory(manifests)) {
            try (Stream<Path> walk = Files.walk(manifests)) {
                for (var p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.deleteIfExists(dir.resolve("traffic.md"));
    }
}
