package io.asmdr.engine;

import io.asmdr.mesh.ApiReadiness;
import io.asmdr.plan.Plan;

import com.pulumi.Context;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a Pulumi program in this JVM under the SDK's test engine with {@link SimulatedCloud}
 * answering for the providers: no CLI, no credentials, no network.
 */
public final class InProcessEngine {
    public static final String PROJECT = "asm-dr";

    private InProcessEngine() {}

    /** What one run produced: the engine's verdict and everything that was registered. */
    public record Run(TestResult result, Plan plan) {
        public boolean succeeded() {
            return result.exitCode() == 0 && result.exceptions().isEmpty() && result.errors().isEmpty();
        }
    }

    /** The asm-dr program with this config: the usual way to run it offline. */
    public static Run runProgram(String stack, Map<String, String> config, Set<String> secretKeys, boolean preview) {
        return runProgram(stack, config, secretKeys, preview, SimulatedCloud.SERVES_EVERY_KIND);
    }

    /** The same, with a given way of waiting for an API server to serve the Istio kinds. */
    public static Run runProgram(String stack, Map<String, String> config, Set<String> secretKeys, boolean preview, ApiReadiness readiness) {
        return run(stack, config, secretKeys, preview, io.asmdr.AsmDr.program(io.asmdr.spec.ConfigListing.of(config, secretKeys), readiness));
    }

    /**
     * @param config     full keys ({@code asm-dr:regions}) to the strings the CLI would pass
     * @param secretKeys full keys whose values are secrets
     */
    public static Run run(String stack, Map<String, String> config, Set<String> secretKeys, boolean preview, Consumer<Context> program) {
        var cloud = new SimulatedCloud(preview);
        var monitor = new RecordingMonitor(cloud);
        try {
            var result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(PROJECT).stackName(stack).preview(preview).build())
                    .config(config, secretKeys)
                    .mocks(cloud)
                    .monitorDecorator(ignored -> monitor)
                    .build()
                    .runTest(program);
            return new Run(result, new Plan(monitor.resources(), monitor.invokes()));
        } finally {
            PulumiTestInternal.cleanup();
        }
    }
}
