package io.asmdr.sandbox.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binaries are found where the build script puts them, and a missing one is named with the command that builds it. */
class BinariesTest {
    @TempDir
    Path tmp;

    @Test
    void theCacheFollowsTheScriptsVariables() {
        assertEquals(Path.of("/c/sandbox"), Binaries.cacheDir(Map.of("ASM_DR_CACHE", "/c", "XDG_CACHE_HOME", "/x", "HOME", "/h")));
        assertEquals(Path.of("/x/asm-dr/sandbox"), Binaries.cacheDir(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h")));
        assertEquals(Path.of("/h/.cache/asm-dr/sandbox"), Binaries.cacheDir(Map.of("HOME", "/h")));
    }

    @Test
    void everyMissingBinaryIsNamedWithItsBuildStepInOneMessage() {
        var e = assertThrows(Binaries.Missing.class, () -> Binaries.locate(Map.of("ASM_DR_CACHE", tmp.toString(), "PATH", "")));
        for (var step : new String[] {"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok"}) {
            assertTrue(e.getMessage().contains("(tools/sandbox-binaries.sh " + step + ")"), e.getMessage());
        }
        assertTrue(e.getMessage().contains(tmp.resolve("sandbox").toString()), e.getMessage());
    }

    @Test
    void cachedBinariesAreFoundAndKubernetesOnesAlsoOnPath() throws Exception {
        var cache = tmp.resolve("sandbox");
        for (var name : new String[] {"asm-dr-etcd", "kube-apiserver", "kwok"}) {
            executable(cache.resolve("bin").resolve(name));
        }
        Files.createDirectories(cache.resolve("share"));
        Files.writeString(cache.resolve("share/kwok-stages.yaml"), "");
        var path = tmp.resolve("path");
        executable(path.resolve("kube-controller-manager"));
        executable(path.resolve("kube-scheduler"));
        var b = Binaries.locate(Map.of("ASM_DR_CACHE", tmp.toString(), "PATH", "/nonexistent:" + path));
        assertEquals(cache.resolve("bin/kube-apiserver"), b.kubeApiserver());
        assertEquals(path.resolve("kube-scheduler"), b.kubeScheduler());
        assertEquals(cache.resolve("share/kwok-stages.yaml"), b.kwokStages());
    }

    @Test
    void theAlicloudPluginSaysHowToGetIt() {
        var e = assertThrows(Binaries.Missing.class, () -> Binaries.pulumi(Map.of("ASM_DR_CACHE", tmp.toString(), "PATH", "")));
        assertTrue(e.getMessage().contains("pulumi plugin install resource alicloud 3.105.0"), e.getMessage());
        assertTrue(e.getMessage().contains("(tools/sandbox-binaries.sh kubernetes-plugin)"), e.getMessage());
        assertTrue(e.getMessage().contains("(tools/sandbox-binaries.sh java-host)"), e.getMessage());
    }

    private static void executable(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
