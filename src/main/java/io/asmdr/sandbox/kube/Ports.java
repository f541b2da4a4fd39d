package io.asmdr.sandbox.kube;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Loopback ports for the fleet. A port is chosen once and kept (the kubeconfigs in the Pulumi state name it), so it
 * comes from below Linux's ephemeral range (32768-60999, {@code net.ipv4.ip_local_port_range}), where an outgoing
 * connection cannot take it between two runs.
 */
final class Ports {
    static final int ETCD_FIRST = 16379;
    static final int ETCD_LAST = 16442;
    static final int API_FIRST = 16443;
    static final int API_LAST = 16942;

    private Ports() {}

    /** The lowest port in [first, last] not in {@code taken} that can be bound now. */
    static int choose(Set<Integer> taken, int first, int last, IntPredicate bindable) {
        for (int port = first; port <= last; port++) {
            if (!taken.contains(port) && bindable.test(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port in " + first + "-" + last + " (" + taken.size() + " kept by the sandbox's clusters)");
    }

    /**
     * Whether nothing listens on 127.0.0.1:port now. With SO_REUSEADDR, as Go's listeners bind: connections of a
     * stopped process that linger in TIME-WAIT on the port do not count (without it, a restart right after a stop
     * would find etcd's own ports "taken").
     */
    static boolean bindable(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
