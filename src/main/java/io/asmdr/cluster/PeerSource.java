package io.asmdr.cluster;

import io.asmdr.config.Cidr;

/** Addresses of another cluster whose traffic this cluster's security group must admit. */
public record PeerSource(String peerCluster, Cidr cidr) {}
