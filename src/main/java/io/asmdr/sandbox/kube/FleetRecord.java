package io.asmdr.sandbox.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** What the fleet keeps of itself across restarts ({@code fleet.json}): etcd's ports. */
record FleetRecord(int etcdClientPort, int etcdPeerPort) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static FleetRecord read(Path file) {
        try {
            return JSON.readValue(file.toFile(), FleetRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable fleet record " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            var tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
