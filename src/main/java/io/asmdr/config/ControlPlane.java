package io.asmdr.config;

import java.util.Optional;

/**
 * How many mesh control planes (ASM instances) the stack runs.
 *
 * <p>{@link #PER_REGION} follows ASM's multi-master control plane ("Multi-cluster disaster recovery
 * with the ASM multi-master control plane": each cluster paired with its own ASM instance, all
 * instances sharing one root certificate) as used by "Implement region-level disaster recovery by
 * combining ASM with GTM" ("ensuring the control plane remains available even if the other region
 * is down"). What that changes per lost region, and what the provider cannot state: docs/dr.md.
 */
public enum ControlPlane implements ConfigName {
    /** One ASM instance in its own VPC of the mesh region, every cluster joined to it: the tutorial's. */
    SINGLE("single"),
    /** One ASM instance per region, in that region's cluster VPC, joining exactly that region's cluster. */
    PER_REGION("perRegion");

    private final String configName;

    ControlPlane(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    public static Optional<ControlPlane> fromConfig(String value) {
        return ConfigName.parse(ControlPlane.class, value);
    }
}
