package io.asmdr.config;

import java.util.List;
import java.util.TreeMap;

/** One VPC with its vSwitches, in one region: a cluster region's network or the mesh's own. */
public record NetworkSpec(String region, VpcSpec vpc, List<VSwitchSpec> vswitches) {
    public NetworkSpec {
        vswitches = List.copyOf(vswitches);
    }

    /**
     * The vSwitches a transit router attaches through: in each of the first two zones (by zone id),
     * the vSwitch with the lowest CIDR. Chosen without regard to list order, so reordering the YAML
     * never moves the attachment. Validation guarantees two distinct zones exist.
     */
    public List<VSwitchSpec> attachmentVswitches() {
        var byZone = new TreeMap<String, VSwitchSpec>();
        for (var vsw : vswitches) {
            byZone.merge(vsw.zone(), vsw, (a, b) -> a.cidr().compareTo(b.cidr()) <= 0 ? a : b);
        }
        return byZone.values().stream().limit(2).toList();
    }
}
