package io.asmdr.spec;

import java.util.List;
import java.util.Optional;

/**
 * One ACK managed cluster. {@code podCidr} is set for Flannel only; Terway takes Pod IPs from
 * {@code podVswitches}, which live in the region's VPC beside the node vSwitches.
 */
public record ClusterSpec(
        String name,
        Cni cni,
        Optional<Cidr> podCidr,
        Cidr serviceCidr,
        List<VSwitchSpec> podVswitches,
        NodePoolSpec nodePool,
        String clusterSpec,
        Optional<String> version) {
    public ClusterSpec {
        podVswitches = List.copyOf(podVswitches);
    }
}
