package io.asmdr.cluster;

import io.asmdr.alicloud.cs.outputs.GetKubernetesVersionMetadata;
import io.asmdr.alicloud.cs.outputs.GetKubernetesVersionResult;
import io.asmdr.engine.CloudFacts;
import io.asmdr.support.TestStacks;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pinned ACK version is asked about, per region, before anything but the providers registers. */
class KubernetesVersionCheckTest {
    static final String VERSIONS = "alicloud:cs/getKubernetesVersion:getKubernetesVersion";

    static GetKubernetesVersionResult answer(String... versions) {
        return GetKubernetesVersionResult.builder().clusterType("ManagedKubernetes")
                .metadatas(Arrays.stream(versions).map(v -> GetKubernetesVersionMetadata.builder().version(v).runtimes(List.of()).build()).toList())
                .build();
    }

    @Test
    void aVersionAckDoesNotDescribeIsRefusedWithItsKey() {
        var spec = TestStacks.file("stacks/Pulumi.prod.yaml").load();
        var beijing = spec.region("cn-beijing").orElseThrow().cluster();
        assertEquals(List.of(), KubernetesVersionCheck.problems("cn-beijing", beijing, answer(beijing.version().orElseThrow())));
        var problems = KubernetesVersionCheck.problems("cn-beijing", beijing, answer());
        assertEquals(1, problems.size());
        // prod lists Beijing third; the sorted spec has it first, the key is still the file's
        assertEquals("asm-dr:regions[2].cluster.version", problems.get(0).key());
        assertTrue(problems.get(0).fix().contains("aliyun cs DescribeKubernetesVersionMetadata --Region cn-beijing"), problems.get(0).fix());
        // another version in the answer does not count
        assertEquals(1, KubernetesVersionCheck.problems("cn-beijing", beijing, answer("1.30.1-aliyun.1")).size());
    }

    @Test
    void everyPinnedClusterIsAskedInItsRegionAndAnUnpinnedOneIsNot() {
        var stack = TestStacks.file("Pulumi.dev.yaml").with("regions[1].cluster.version", "1.30.7-aliyun.1");
        var run = stack.run("dev", CloudFacts.PUBLISHED);
        assertTrue(run.succeeded(), () -> run.result().exceptions().toString());
        var asked = run.plan().invokes().stream().filter(i -> i.token().equals(VERSIONS)).toList();
        assertEquals(1, asked.size(), "only the pinned Shanghai cluster");
        assertEquals("1.30.7-aliyun.1", asked.get(0).args().get("kubernetesVersion"));
        assertEquals("ManagedKubernetes", asked.get(0).args().get("clusterType"));
        assertTrue(asked.get(0).provider().contains("::alicloud-cn-shanghai::"), asked.get(0).provider());
    }

    @Test
    void strictSimulationRefusesAVersionItsTableDoesNotList() {
        var run = TestStacks.file("Pulumi.dev.yaml").with("regions[0].cluster.version", "1.34.1-aliyun.1").run("dev", CloudFacts.PUBLISHED);
        var message = String.valueOf(run.result().exceptions());
        assertTrue(message.contains("does not list ACK version 1.34.1-aliyun.1") && message.contains("--strict"), message);
        assertEquals(List.of("pulumi:pulumi:Stack", "pulumi:providers:alicloud"), run.plan().resources().stream().map(r -> r.type()).distinct().toList());
    }
}
