package io.asmdr.config;

import java.util.List;

public record NodePoolSpec(List<String> instanceTypes, int size, NodeLogin login, String systemDiskCategory, int systemDiskSize) {
    public NodePoolSpec {
        instanceTypes = List.copyOf(instanceTypes);
    }
}
