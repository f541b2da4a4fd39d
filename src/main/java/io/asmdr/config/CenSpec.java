package io.asmdr.config;

/** The CEN backbone: one instance, pay-by-data-transfer peerings capped at this bandwidth per region pair. */
public record CenSpec(String name, int crossRegionBandwidthMbps) {}
