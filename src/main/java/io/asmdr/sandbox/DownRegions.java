package io.asmdr.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The regions that are down in a sandbox, kept in one small JSON file ({@link SandboxPaths#down()}) that the
 * commands write (atomically) and the running server reads on every request, so an outage starts and ends
 * without restarting anything. A file that cannot be read fails the
 * request that asked (the emulator answers it as its own defect), never silently as "nothing is down".
 */
public final class DownRegions implements Supplier<Set<String>> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private FileTime seen;
    private Set<String> cached = Set.of();

    public DownRegions(Path file) {
        this.file = file;
    }

    /** The regions down now (re-read when the file changed). */
    @Override
    public synchronized Set<String> get() {
        try {
            if (!Files.isRegularFile(file)) {
                seen = null;
                cached = Set.of();
                return cached;
            }
            var modified = Files.getLastModifiedTime(file);
            if (!modified.equals(seen)) {
                cached = read(file);
                seen = modified;
            }
            return cached;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Set<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Set.of();
        }
        return Set.copyOf(JSON.readValue(file.toFile(), new TypeReference<TreeSet<String>>() {}));
    }

    /** Replaces the set of regions down (write a sibling, rename). */
    static void write(Path file, Set<String> regions) throws IOException {
        Files.createDirectories(file.getParent());
        var temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), new TreeSet<>(regions));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
