package io.asmdr.sandbox.kube;

import java.nio.file.Path;

/** What the fleet keeps of itself across restarts ({@code fleet.json}): etcd's ports. */
record FleetRecord(int etcdClientPort, int etcdPeerPort) {
    static FleetRecord read(Path file) {
        return StateFiles.read(file, FleetRecord.class);
    }

    void write(Path file) {
        StateFiles.write(file, this);
    }
}
