package io.asmdr.validation;

import com.pulumi.exceptions.RunException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Rules of the stack config that only the cloud can decide (which zones a transit router serves,
 * which Kubernetes versions ACK knows). Each question is an invoke, which a real {@code pulumi
 * preview} runs too, so a PR check stops on it with the same message as {@code synth}.
 *
 * <p>The program waits for every answer before it registers anything but its providers, and fails
 * with one {@link SpecException} listing every problem: nothing that depends on a rule is ever
 * registered against a wrong answer, and the message carries no stack trace (a RunException).
 * Waiting inside a resource graph instead (a failing {@code dependsOn}) would surface first as the
 * serialization failure of some dependent resource's input, with a stack trace.
 */
public final class CloudCheck {
    private CloudCheck() {}

    public static void require(List<CompletableFuture<List<Problem>>> verdicts) {
        var problems = new ArrayList<Problem>();
        for (var verdict : verdicts) {
            try {
                problems.addAll(verdict.join());
            } catch (CompletionException e) {
                // the question itself failed; a RunException (a refusal with a message) stays one
                if (e.getCause() instanceof RunException refusal) {
                    throw refusal;
                }
                throw e;
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
    }
}
