package io.asmdr.spec;

import java.util.List;

/** One VPC with its vSwitches, in one region: a cluster region's network or the mesh's own. */
public record NetworkSpec(String region, VpcSpec vpc, List<VSwitchSpec> vswitches) {
    public NetworkSpec {
        vswitches = List.copyOf(vswitches);
    }

    /**
     * The vSwitches a transit router attaches through: the first vSwitch of each of the first two
     * zones, in config order. Validation guarantees two distinct zones exist.
     */
    public List<VSwitchSpec> attachmentVswitches() {
        var picked = new java.util.ArrayList<VSwitchSpec>();
        for (var vsw : vswitches) {
            if (picked.stream().noneMatch(p -> p.zone().equals(vsw.zone()))) {
                picked.add(vsw);
            }
            if (picked.size() == 2) {
                break;
            }
        }
        return List.copyOf(picked);
    }
}
