package io.asmdr.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code ../shared/reference}, where new facts arrive on the developers' machines. The project never
 * needs it: its own copies live in {@code reference/}. Tests use it only to keep those copies equal
 * to their originals when it is there.
 */
public final class SharedReference {
    private SharedReference() {}

    public static Optional<Path> root() {
        var configured = System.getProperty("asmdr.shared");
        var path = configured != null ? Path.of(configured) : Path.of("..", "shared");
        return Files.isDirectory(path.resolve("reference")) ? Optional.of(path.resolve("reference")) : Optional.empty();
    }
}
