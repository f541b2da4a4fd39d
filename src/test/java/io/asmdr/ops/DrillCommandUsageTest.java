package io.asmdr.ops;

import io.asmdr.preview.PreviewOffline;
import io.asmdr.support.Cli;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * `drill`'s answers before anything is touched: each kind of mistake with its exit code and its words, the usage text
 * only where the command line is at fault, and nothing written to the cluster.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class DrillCommandUsageTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    Path stackFile;
    Path kubeconfig;

    @BeforeEach
    void files() throws Exception {
        stackFile = DrillTest.failoverStackFile(tmp);
        kubeconfig = DrillTest.kubeconfig(tmp, client.getConfiguration().getMasterUrl());
        client.apps().deployments().inNamespace("default")
                .resource(TestDeployments.bookinfo("default", "reviews-v1", "reviews", "v1", 3)).create();
    }

    private Cli.Result drill(String... args) {
        return Cli.run(DrillCommand::run, args);
    }

    private List<String> failover(String... more) {
        var args = new ArrayList<>(List.of("failover", "--config-file", stackFile.toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig,
                "--skip-region", "cn-shanghai", "--report", tmp.resolve("r.json").toString(), "--settle", "0s"));
        args.addAll(List.of(more));
        return args;
    }

    private void assertUsage(Cli.Result r, String says) {
        assertEquals(Verify.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(says), r.err());
        assertTrue(r.err().contains("usage: drill failover|region-loss"), "the usage text follows a command-line mistake: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals(3, client.apps().deployments().inNamespace("default").withName("reviews-v1").get().getSpec().getReplicas());
        assertTrue(new DrillLock(client, "default", "cn-hangzhou", Duration.ofSeconds(5)).read().isEmpty(), "no lock was taken");
    }

    @Test
    void aMissingOrForeignRegionIsAUsageError() {
        assertUsage(drill(failover().toArray(String[]::new)), "drill: --region is required");
        assertUsage(drill(failover("--region", "cn-nowhere").toArray(String[]::new)), "drill: cn-nowhere is not a region of this stack");
        assertUsage(drill("restore", "--config-file", stackFile.toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig, "--region", "cn-nowhere"),
                "drill: cn-nowhere is not a region of this stack");
    }

    @Test
    void withoutUrlOrStackThereIsNoGatewayToProbe() {
        assertUsage(drill(failover("--region", "cn-hangzhou").toArray(String[]::new)), "drill: give --url, or a STACK whose outputs locate the gateway");
    }

    @Test
    void aStackThatDoesNotFailOverIsRefusedWithTheWayToForceIt() throws Exception {
        var distributing = tmp.resolve("Pulumi.distribute.yaml");
        Files.writeString(distributing, Files.readString(stackFile).replace("mode: failover", "mode: distribute"));
        var r = drill("failover", "--region", "cn-hangzhou", "--config-file", distributing.toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig,
                "--skip-region", "cn-shanghai", "--url", "http://127.0.0.1:9/productpage", "--report", tmp.resolve("d.json").toString());
        assertEquals(Verify.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("drill: refused: the deployed traffic mode is distribute") && r.err().contains("pass --force"), r.err());
        assertFalse(r.err().contains("usage: drill"), "a refusal is not a command-line mistake: " + r.err());
    }

    @Test
    void anInvalidStackFileIsNamedKeyByKeyWithoutTheUsageText() throws Exception {
        var broken = tmp.resolve("Pulumi.broken.yaml");
        Files.writeString(broken, Files.readString(stackFile).replace("mode: failover", "mode: sideways"));
        var r = drill(failover("--region", "cn-hangzhou").stream().map(a -> a.equals(stackFile.toString()) ? broken.toString() : a).toArray(String[]::new));
        assertEquals(Verify.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("asm-dr:traffic.mode") && r.err().contains("sideways"), r.err());
        assertFalse(r.err().contains("usage: drill"), "the stack file is at fault, not the command line: " + r.err());
    }

    @Test
    void aStackNamedWithoutThePulumiCliIsAnEnvironmentError() {
        assumeTrue(PreviewOffline.onPath("pulumi", System.getenv()).isEmpty(), "a `pulumi` CLI is on PATH: naming a STACK would ask it");
        for (var verb : List.of("restore", "failover")) {
            var r = drill(verb, "no-such-stack", "--config-file", stackFile.toString(), "--region", "cn-hangzhou");
            assertEquals(Verify.ENVIRONMENT, r.code(), r.out() + r.err());
            assertTrue(r.err().startsWith("drill: cannot read stack no-such-stack's outputs: no `pulumi` CLI on PATH"), r.err());
            assertFalse(r.err().contains("usage: drill"), r.err());
        }
        assertUsage(drill("restore", "no-such-stack", "extra", "--config-file", stackFile.toString()), "optionally followed by the STACK");
    }

    @Test
    void restoreTakesNoDrillOnlyOptionAsAMistake() {
        // the drill's own command line with `restore` for its verb: --observe and --max-rto are the drill's, not checked here
        var r = drill("restore", "--config-file", stackFile.toString(), "--kubeconfig", "cn-hangzhou=" + kubeconfig, "--region", "cn-hangzhou",
                "--observe", "1s", "--max-rto", "9h");
        assertEquals(Verify.PASS, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("nothing to do"), r.out());
    }

    /** An API server that does not answer is the environment's fault: exit 3 with what failed, no usage text, no stack trace. */
    @Test
    void anApiServerThatDoesNotAnswerIsAnEnvironmentError() throws Exception {
        var nowhere = DrillTest.kubeconfig(tmp, "http://127.0.0.1:1");
        var r = drill("restore", "--config-file", stackFile.toString(), "--kubeconfig", "cn-hangzhou=" + nowhere, "--region", "cn-hangzhou",
                "--timeout", "2s");
        assertEquals(Verify.ENVIRONMENT, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("drill: ") && r.err().contains("drill lock"), r.err());
        assertFalse(r.err().contains("usage: drill") || r.err().contains("\tat "), r.err());
    }

    /** A kubeconfig that is not one fails where the client is built: an environment error with the parser's words, no stack trace. */
    @Test
    void aKubeconfigThatIsNotOneIsAnEnvironmentError() throws Exception {
        var garbage = tmp.resolve("garbage-kubeconfig");
        Files.writeString(garbage, "clusters: [unclosed");
        var r = drill("restore", "--config-file", stackFile.toString(), "--kubeconfig", "cn-hangzhou=" + garbage, "--region", "cn-hangzhou");
        assertEquals(Verify.ENVIRONMENT, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("drill: ") && !r.err().contains("usage: drill") && !r.err().contains("\tat "), r.err());
    }
}
