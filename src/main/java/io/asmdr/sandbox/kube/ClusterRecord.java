package io.asmdr.sandbox.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the fleet keeps of a cluster across restarts ({@code clusters/ID/cluster.json}): above all its API server's
 * port, which the kubeconfigs in the Pulumi state carry, so a cluster must come back on the same one.
 *
 * @param index a number of its own among the fleet's clusters, for the address ranges that should differ per
 *              cluster (pod and node addresses)
 */
public record ClusterRecord(String id, String region, List<String> zones, Role role, int port, int index) {
    /** Ids become directory names and etcd key prefixes: a DNS label keeps both simple. */
    static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public ClusterRecord {
        requireId(id);
        zones = List.copyOf(zones);
        if (role == Role.ACK && zones.isEmpty()) {
            throw new IllegalArgumentException("cluster " + id + ": an ACK cluster needs at least one zone for its nodes");
        }
    }

    static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("cluster id '" + id + "' is not usable: lower-case letters, digits and '-', at most 63");
        }
        return id;
    }

    /** Pod and node address ranges take the index as an octet (Commands): at most this many clusters. */
    static final int MAX_CLUSTERS = 190;

    /**
     * A new cluster's record, written before anything starts: the lowest free index, and the lowest API port not kept
     * by another cluster or etcd and bindable now. Both are the cluster's until it is deleted.
     */
    static ClusterRecord allocate(Layout layout, FleetRecord fleet, String id, String region, List<String> zones, Role role, IntPredicate bindable) {
        var ports = new HashSet<Integer>(List.of(fleet.etcdClientPort(), fleet.etcdPeerPort()));
        var indexes = new HashSet<Integer>();
        for (var r : all(layout)) {
            ports.add(r.port());
            indexes.add(r.index());
        }
        int index = 0;
        while (indexes.contains(index)) {
            index++;
        }
        if (index >= MAX_CLUSTERS) {
            throw new IllegalStateException("the sandbox holds at most " + MAX_CLUSTERS + " clusters");
        }
        var record = new ClusterRecord(id, region, zones, role, Ports.choose(ports, Ports.API_FIRST, Ports.API_LAST, bindable), index);
        record.write(layout.cluster(id).record());
        return record;
    }

    /** Every cluster recorded under the layout, by id. */
    static List<ClusterRecord> all(Layout layout) {
        if (!Files.isDirectory(layout.clusters())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(layout.clusters())) {
            return dirs.map(d -> d.resolve("cluster.json")).filter(Files::isRegularFile).map(ClusterRecord::read)
                    .sorted(Comparator.comparing(ClusterRecord::id)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClusterRecord read(Path file) {
        return StateFiles.read(file, ClusterRecord.class);
    }

    void write(Path file) {
        StateFiles.write(file, this);
    }
}
