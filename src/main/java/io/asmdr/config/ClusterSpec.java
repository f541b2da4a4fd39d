package io.asmdr.config;

import java.util.List;
import java.util.Optional;

/**
 * One ACK managed cluster. {@code podCidr} is set for Flannel only; Terway takes Pod IPs from
 * {@code podVswitches}, which live in the region's VPC beside the node vSwitches. {@code key} is the
 * config key it was read from ({@code asm-dr:regions[1].cluster}), for the problems only the cloud
 * can find (a version ACK does not know); the sorted spec's positions no longer say it.
 */
public record ClusterSpec(
        String name,
        Cni cni,
        Optional<Cidr> podCidr,
        Cidr serviceCidr,
        List<VSwitchSpec> podVswitches,
        NodePoolSpec nodePool,
        String clusterSpec,
        Optional<String> version,
        String key) {
    public ClusterSpec {
        podVswitches = List.copyOf(podVswitches);
    }
}
