package io.asmdr.ops;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A hard deadline around a call whose client only bounds the wait for the first byte: the Kubernetes
 * client's request timeout is an idle timeout, so an API server (or a proxy in front of it) that
 * drips its body keeps a call alive for ever. The call runs on a daemon thread and is abandoned at the
 * deadline; the caller gets a {@link ExceededException} that names the call and the limit.
 */
public final class Deadline {
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "deadline-call");
        t.setDaemon(true);
        return t;
    });

    private Deadline() {}

    /** A call that did not finish in time: the environment is too slow or stuck (exit 3). */
    public static final class ExceededException extends Verify.EnvironmentException {
        public ExceededException(String message) {
            super(message);
        }
    }

    /** The caller was interrupted while waiting (Ctrl-C/SIGTERM during a drill); the interrupt flag is set again. */
    public static final class InterruptedCallException extends RuntimeException {
        public InterruptedCallException(String what) {
            super(what + ": interrupted");
        }
    }

    /**
     * Runs {@code call} and returns its result, or throws {@link ExceededException} once {@code limit}
     * has passed. A {@link RuntimeException} of the call is thrown as it is.
     */
    public static <T> T call(String what, Duration limit, Callable<T> call) {
        var future = CALLS.submit(call);
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ExceededException(what + " did not finish within " + format(limit)
                    + " (the server answers too slowly or not at all; a larger --timeout gives it longer)");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedCallException(what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The same for a call without a result. */
    public static void run(String what, Duration limit, Runnable call) {
        call(what, limit, () -> {
            call.run();
            return null;
        });
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
