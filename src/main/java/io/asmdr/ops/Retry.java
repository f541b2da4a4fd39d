package io.asmdr.ops;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A restore that keeps trying: an API server that answers 503 twice must not leave a region at zero. */
final class Retry {
    private Retry() {}

    /** A failure that no further try can mend (the lock changed hands): the retries end with it. */
    static final class Abandon extends RuntimeException {
        Abandon(String message) {
            super(message);
        }
    }

    static Map<String, Object> until(BooleanSupplier attempt, Duration deadline) {
        return until(attempt, System.nanoTime() + deadline.toNanos());
    }

    /**
     * Runs {@code attempt} until it returns true or the {@code deadlineNanos} (System.nanoTime) passes,
     * backing off from 250 ms to 5 s between tries; a failed try's message is kept for the report; an
     * {@link Abandon} ends the tries at once. An interrupt does not abandon it (a restore is what an
     * interrupt asks for); the flag is set again at the end.
     */
    static Map<String, Object> until(BooleanSupplier attempt, long deadlineNanos) {
        long backoff = 250;
        int tries = 0;
        String lastError = null;
        boolean interrupted = false;
        try {
            while (true) {
                tries++;
                try {
                    if (attempt.getAsBoolean()) {
                        return Map.of("ok", true, "tries", tries);
                    }
                    lastError = "the read-back did not show the original count";
                } catch (Abandon e) {
                    return Map.of("ok", false, "tries", tries, "error", e.getMessage());
                } catch (Deadline.InterruptedCallException e) {
                    interrupted = true;
                    Thread.interrupted(); // try again without the flag: the next call must not be cut short at once
                    lastError = e.getMessage();
                } catch (RuntimeException e) {
                    lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
                if (System.nanoTime() + backoff * 1_000_000 > deadlineNanos) {
                    return Map.of("ok", false, "tries", tries, "error", lastError);
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                backoff = Math.min(5000, backoff * 2);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What is left of a deadline, at most {@code cap} and at least a millisecond: the limit of the next call. */
    static Duration left(long deadlineNanos, Duration cap) {
        var left = Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
        return left.compareTo(cap) < 0 ? left : cap;
    }
}
