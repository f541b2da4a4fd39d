package io.asmdr.validation;

import com.pulumi.exceptions.RunException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * How long a question to one region may take. The provider retries a region's 503 ServiceUnavailable for
     * minutes; a region that does not answer in this time is reported, with the setting that leaves it out, instead
     * of holding the whole run.
     */
    public static final Duration QUESTION_DEADLINE = Duration.ofSeconds(90);

    /**
     * A question to one region's API, bounded by {@link #QUESTION_DEADLINE}: when it fails or does not answer in
     * time, the answer is a problem that names the region and {@code asm-dr:unavailableRegions} (the outage switch:
     * a region that is down is asked nothing), rather than a provider error or a run that waits for ever. A
     * {@link RunException} (a refusal that carries its own message) passes through unchanged.
     */
    public static CompletableFuture<List<Problem>> asked(String region, String question, CompletableFuture<List<Problem>> verdict) {
        return asked(region, question, verdict, QUESTION_DEADLINE);
    }

    static CompletableFuture<List<Problem>> asked(String region, String question, CompletableFuture<List<Problem>> verdict, Duration deadline) {
        return verdict.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).handle((problems, error) -> {
            if (error == null) {
                return problems;
            }
            var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof RunException refusal) {
                throw refusal; // a refusal with its own message (the simulated cloud's stated limits) stays one
            }
            var what = cause instanceof TimeoutException
                    ? "no answer within " + deadline.toSeconds() + " s"
                    : firstLine(cause.getMessage());
            return List.of(new Problem("asm-dr:unavailableRegions", "(" + region + " not listed)",
                    region + "'s API did not answer " + question + " (" + what + ")",
                    "if " + region + " is down, add it to asm-dr:unavailableRegions (docs/dr.md, \"`pulumi up` while a region is down\")"
                            + " and run again: nothing is asked of it and nothing in it changes; otherwise fix the error above"));
        });
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        var line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

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
