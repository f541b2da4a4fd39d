package io.asmdr.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only reference material beside the project ({@code ../shared}), as CI lays it out too. */
public final class SharedReference {
    private SharedReference() {}

    public static Path root() {
        var configured = System.getProperty("asmdr.shared");
        var path = configured != null ? Path.of(configured) : Path.of("..", "shared");
        if (!Files.isDirectory(path.resolve("reference"))) {
            throw new IllegalStateException("reference material not found at " + path.toAbsolutePath()
                    + "; run from the project root with shared/ beside it, or set -Dasmdr.shared=DIR");
        }
        return path;
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
