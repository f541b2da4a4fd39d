package io.asmdr.engine;

import com.pulumi.Context;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.asmdr.configreader.ConfigListing;
import io.asmdr.mesh.ApiReadiness;
import io.asmdr.mesh.GatewayProbe;
import io.asmdr.plan.Plan;
import io.asmdr.program.AsmDr;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a Pulumi program in this JVM under the SDK's test engine with {@link SimulatedCloud}
 * answering for the providers: no CLI, no credentials, no network.
 */
public final class InProcessEngine {
    public static final String PROJECT = "asm-dr";

    private InProcessEngine() {}

    private static Logger quietLogger() {
        var logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.OFF);
        return logger;
    }

    /** What one run produced: the engine's verdict and everything that was registered. */
    public record Run(TestResult result, Plan plan) {
        public boolean succeeded() {
            return result.exitCode() == 0 && result.exceptions().isEmpty() && result.errors().isEmpty();
        }
    }

    /** The asm-dr program with this config: the usual way to run it offline. */
    public static Run runProgram(String stack, Map<String, String> config, Set<String> secretKeys, boolean preview, CloudFacts facts) {
        return runProgram(stack, config, secretKeys, preview, facts, SimulatedCloud.SERVES_EVERY_KIND);
    }

    /** The same, with a given way of waiting for an API server to serve the Istio kinds. */
    public static Run runProgram(String stack, Map<String, String> config, Set<String> secretKeys, boolean preview, CloudFacts facts,
                                 ApiReadiness readiness) {
        return run(stack, config, secretKeys, preview, facts, AsmDr.program(ConfigListing.of(config, secretKeys),
                new GatewayProbe(readiness, SimulatedCloud.GATEWAY_ADDRESS)));
    }

    /**
     * @param config     full keys ({@code asm-dr:regions}) to the strings the CLI would pass
     * @param secretKeys full keys whose values are secrets
     * @param facts      what the simulated cloud answers about the catalogue (zones, versions)
     */
    public static Run run(String stack, Map<String, String> config, Set<String> secretKeys, boolean preview, CloudFacts facts,
                          Consumer<Context> program) {
        return run(stack, config, secretKeys, preview, facts, program, Set.of());
    }

    /** The program against a simulated cloud in which every API call to {@code deadRegions} fails (a regional outage). */
    public static Run runWithDeadRegions(String stack, Map<String, String> config, Set<String> secretKeys, CloudFacts facts,
                                         Set<String> deadRegions) {
        return run(stack, config, secretKeys, false, facts, AsmDr.program(ConfigListing.of(config, secretKeys),
                new GatewayProbe(SimulatedCloud.SERVES_EVERY_KIND, SimulatedCloud.GATEWAY_ADDRESS)), deadRegions);
    }

    private static Run run(String stack, Map<String, String> config, Set<String> secretKeys, boolean preview, CloudFacts facts,
                           Consumer<Context> program, Set<String> deadRegions) {
        var cloud = new SimulatedCloud(preview, facts, deadRegions);
        var monitor = new RecordingMonitor(cloud);
        try {
            var result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(PROJECT).stackName(stack).preview(preview).build())
                    .config(config, secretKeys)
                    .mocks(cloud)
                    // the SDK also prints every program error through java.util.logging, stack and all;
                    // the errors stay in the result, which is where callers read them
                    .standardLogger(quietLogger())
                    .monitorDecorator(ignored -> monitor)
                    .build()
                    .runTest(program);
            var resources = monitor.resources();
            return new Run(result, new Plan(resources, monitor.invokes(), SimulatedCloud.inventedPaths(resources)));
        } finally {
            PulumiTestInternal.cleanup();
        }
    }
}
