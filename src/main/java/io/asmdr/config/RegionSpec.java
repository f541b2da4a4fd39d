package io.asmdr.config;

public record RegionSpec(String region, NetworkSpec network, ClusterSpec cluster, BookinfoSpec bookinfo) {}
