package io.asmdr.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.config.StackSpec;
import io.asmdr.config.TrafficSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The traffic policy the mesh runs, which is what verify and drill judge against: the stack output
 * {@code trafficPolicy} when a STACK is named. A stack file that says something else (edited, not
 * applied) is refused: its prediction would be held against a mesh that does not run it.
 */
final class DeployedPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployedPolicy() {}

    /** @param command "verify" or "drill", for the warning */
    static TrafficSpec of(StackSpec spec, Optional<LiveStack> live, String command, PrintStream err) throws IOException {
        if (live.isEmpty()) {
            err.println(command + ": WARNING: no STACK named, so the deployed traffic policy is not checked; trusting the stack file");
            return spec.appliedTraffic();
        }
        var deployed = live.get().output("trafficPolicy");
        var expected = spec.appliedTraffic().policyJson();
        if (!JSON.readTree(deployed).equals(JSON.readTree(expected))) {
            throw new Drill.RefusedException("the stack file's traffic policy differs from the deployed one (stack output trafficPolicy: "
                    + deployed + "); run `pulumi up` first, or " + command + " what is deployed");
        }
        return spec.appliedTraffic();
    }
}
