package io.asmdr.spec;

public record RegionSpec(String region, NetworkSpec network, ClusterSpec cluster, BookinfoSpec bookinfo) {}
