package io.asmdr.validation;

import io.asmdr.configreader.SpecLoader;
import io.asmdr.support.TestStacks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values Alibaba Cloud would refuse, and config namespaces nothing reads, are problems with the key, the value and the fix. */
class ValuesAndNamespacesTest {

    private static SpecException refused(TestStacks stack) {
        return assertThrows(SpecException.class, stack::load);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "regions[0].cluster.nodePool.systemDiskSize, 0, is outside 20–2048 GiB for cloud_essd",
            "regions[0].cluster.nodePool.systemDiskSize, 100000, is outside 20–2048 GiB for cloud_essd",
            "regions[0].cluster.nodePool.systemDiskCategory, cloud_esd, did you mean cloud_essd?",
            "regions[0].cluster.clusterSpec, ack.pro.smal, did you mean ack.pro.small?",
            "mesh.clusterSpec, enterprize, did you mean enterprise?"})
    void aValueTheProviderRefusesIsAProblem(String path, String value, String shows) {
        var e = refused(TestStacks.tutorial().with(path, value.matches("\\d+") ? (Object) Integer.parseInt(value) : value));
        assertTrue(e.getMessage().contains("asm-dr:" + path + " = " + value) && e.getMessage().contains(shows), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {20, 120, 2048})
    void diskSizesInsideTheRangePass(int size) {
        assertDoesNotThrow(() -> TestStacks.tutorial().with("regions[0].cluster.nodePool.systemDiskSize", size).load());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "asmdr:protect, did you mean asm-dr:protect?",
            "asm_dr:protect, did you mean asm-dr:protect?",
            "Asm-dr:protect, did you mean asm-dr:protect?",
            "asm-dr-prod:protect, did you mean asm-dr:protect?",
            "alicloud:acessKey, did you mean alicloud:accessKey?",
            "alicloud:endpoints, is read by nothing",
            "kubernetes:context, every Kubernetes provider is explicit",
            "pulumi:disable-default-provider, did you mean pulumi:disable-default-providers?"})
    void aKeyNothingReadsIsAProblem(String key, String shows) {
        var stack = TestStacks.tutorial();
        var keys = new ArrayList<>(stack.config().keySet());
        keys.add(key);
        var e = assertThrows(SpecException.class, () -> SpecLoader.load(stack.source(), keys));
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains(shows), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"alicloud:region", "alicloud:accessKey", "alicloud:secretKey", "pulumi:disable-default-providers", "pulumi:tags"})
    void theKeysSomethingReadsPass(String key) {
        var stack = TestStacks.tutorial();
        var keys = new ArrayList<>(stack.config().keySet());
        keys.add(key);
        assertDoesNotThrow(() -> SpecLoader.load(stack.source(), keys));
    }

    @Test
    void everyProblemOfOneRunIsReported() {
        var stack = TestStacks.tutorial().with("regions[0].cluster.nodePool.systemDiskSize", 0).with("mesh.clusterSpec", "enterprize");
        var keys = new ArrayList<>(stack.config().keySet());
        keys.add("asmdr:protect");
        var e = assertThrows(SpecException.class, () -> SpecLoader.load(stack.source(), keys));
        assertEquals(3, e.problems().size(), e.getMessage());
        // the namespace problem is found with the others' root cause first: reading stops before cross-field rules
        assertEquals(List.of("asmdr:protect"), e.problems().stream().map(Problem::key).filter(k -> !k.startsWith("asm-dr:")).toList());
    }
}
