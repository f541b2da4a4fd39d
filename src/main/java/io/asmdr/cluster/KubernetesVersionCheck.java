package io.asmdr.cluster;

import com.pulumi.deployment.InvokeOptions;
import io.asmdr.alicloud.Provider;
import io.asmdr.alicloud.cs.CsFunctions;
import io.asmdr.alicloud.cs.inputs.GetKubernetesVersionPlainArgs;
import io.asmdr.alicloud.cs.outputs.GetKubernetesVersionResult;
import io.asmdr.config.ClusterSpec;
import io.asmdr.validation.CloudCheck;
import io.asmdr.validation.Problem;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Does ACK know the pinned Kubernetes version in the cluster's region? Asked with
 * {@code cs/getKubernetesVersion} (DescribeKubernetesVersionMetadata) for exactly that version:
 * with {@code KubernetesVersion} set, the API ignores its creatable/supported mode and describes the
 * version itself (API reference, request parameter Mode), so a version ACK still supports but no
 * longer offers for new clusters passes; a live cluster is not blocked by ACK's release calendar
 * until the version leaves support. An unset version is not asked about: ACK picks at creation and
 * the stack never changes it afterwards.
 */
public final class KubernetesVersionCheck {
    static final String CLUSTER_TYPE = "ManagedKubernetes";

    private KubernetesVersionCheck() {}

    /** The question for a cluster that pins its version; none is asked for an unpinned one. */
    public static Optional<CompletableFuture<List<Problem>>> verdict(String region, ClusterSpec cluster, Provider provider) {
        return cluster.version().map(version -> CloudCheck.asked(region, "DescribeKubernetesVersionMetadata",
                CsFunctions.getKubernetesVersionPlain(GetKubernetesVersionPlainArgs.builder()
                                .clusterType(CLUSTER_TYPE).kubernetesVersion(version).build(), new InvokeOptions(null, provider, null))
                        .thenApply(answer -> problems(region, cluster, answer))));
    }

    static List<Problem> problems(String region, ClusterSpec cluster, GetKubernetesVersionResult answer) {
        var version = cluster.version().orElseThrow();
        var described = answer.metadatas() != null && answer.metadatas().stream().anyMatch(m -> version.equals(m.version()));
        if (described) {
            return List.of();
        }
        return List.of(new Problem(cluster.key() + ".version", version,
                "ACK in " + region + " does not describe this Kubernetes version (cs/getKubernetesVersion), so it can neither create "
                        + "nor upgrade a cluster to it",
                "write a version ACK lists for the region (`aliyun cs DescribeKubernetesVersionMetadata --Region " + region
                        + " --ClusterType " + CLUSTER_TYPE + "`); a new version upgrades the running cluster in place"));
    }
}
