package io.asmdr.ops;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady traffic from the moment of scale-down into a {@link RecoveryTimeline}: {@code rate} requests
 * a second, paced from the start (request k is sent no earlier than k/rate seconds after it), by
 * {@code concurrency} workers, each request under the same deadline and body cap as {@code verify}.
 * It stops once the timeline shows recovery (a full window at or above the target, whose last second
 * is over) or at {@code observe}, whichever comes first; requests under way then finish and count.
 */
public final class RecoveryProbe {
    /**
     * @param target  the success rate (0..1) a second must reach to count as recovered (--target, default 0.99)
     * @param observe the longest the probe runs; a service not back by then has no RTO (--observe)
     * @param maxRto  the recovery-time budget, if any (--max-rto): above it the drill fails
     */
    public record Settings(URI url, double target, Duration observe, int rate, int concurrency, Duration timeout, Duration maxRto) {
        public static final double DEFAULT_TARGET = 0.99;

        public Settings {
            if (!(target > 0 && target <= 1)) {
                throw new IllegalArgumentException("--target must be a success rate above 0 and at most 1 (0.99 for 99%), got " + target);
            }
            if (observe.compareTo(Duration.ofSeconds(RecoveryTimeline.WINDOW_SECONDS)) < 0 || observe.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("--observe must lie between " + RecoveryTimeline.WINDOW_SECONDS + "s and 1h, got "
                        + Deadline.format(observe));
            }
            if (rate < 1 || rate > 1000) {
                throw new IllegalArgumentException("--rate must be 1..1000 requests a second, got " + rate);
            }
            if (concurrency < 1 || concurrency > LoadRunner.Settings.MAX_CONCURRENCY) {
                throw new IllegalArgumentException("--concurrency must be 1.." + LoadRunner.Settings.MAX_CONCURRENCY + ", got " + concurrency);
            }
            if (maxRto != null && (maxRto.isNegative() || maxRto.compareTo(observe) > 0)) {
                throw new IllegalArgumentException("--max-rto must lie between 0s and --observe (" + Deadline.format(observe) + "), got "
                        + Deadline.format(maxRto));
            }
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final RecoveryTimeline timeline = new RecoveryTimeline();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();
    private volatile boolean stop;
    private volatile boolean budgetLost;
    private long startNanos;
    private Instant start;

    public RecoveryProbe(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts the workers; the moment of this call is second 0 of the timeline. */
    public synchronized Instant start() {
        startNanos = System.nanoTime();
        start = Instant.now(clock);
        var runner = new LoadRunner(new LoadRunner.Settings(settings.url(), 1, 1, settings.timeout()));
        for (int w = 0; w < settings.concurrency(); w++) {
            var t = new Thread(() -> work(runner), "recovery-probe-" + w);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        return start;
    }

    public Instant startedAt() {
        return start;
    }

    private void work(LoadRunner runner) {
        long end = startNanos + settings.observe().toNanos();
        while (!stop) {
            long due = startNanos + next.getAndIncrement() * 1_000_000_000L / settings.rate();
            if (due >= end) {
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (stop) {
                return;
            }
            long sent = System.nanoTime();
            var outcome = runner.once();
            if (outcome != Outcome.NOT_SENT) {
                timeline.add(Duration.ofNanos(sent - startNanos), outcome);
            }
        }
    }

    /**
     * Waits until the timeline shows a full window at or above the target and that window's last
     * second is over, until --max-rto can no longer be met ({@link RecoveryTimeline#budgetLost}: the
     * drill stops and restores then, not at --observe), or until --observe; then stops the workers and
     * waits for the requests under way.
     */
    public RecoveryTimeline awaitRecovery() throws InterruptedException {
        try {
            long end = startNanos + settings.observe().toNanos();
            while (System.nanoTime() < end) {
                var rto = timeline.rto(settings.target());
                var elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
                if (rto.isPresent() && elapsed.toSeconds() >= rto.get() + RecoveryTimeline.WINDOW_SECONDS) {
                    break;
                }
                if (rto.isEmpty() && settings.maxRto() != null && timeline.budgetLost(settings.target(), settings.maxRto().toSeconds(),
                        settings.concurrency(), elapsed, settings.timeout())) {
                    budgetLost = true;
                    break;
                }
                Thread.sleep(200);
            }
        } finally {
            stop();
        }
        return timeline;
    }

    /** Whether the probe stopped because the service could no longer come back within --max-rto. */
    public boolean budgetLost() {
        return budgetLost;
    }

    /**
     * Stops issuing requests and waits (at most the request deadline and two seconds) for those under
     * way; they are not interrupted, since an interrupted request would count as a failure it was not.
     */
    public void stop() throws InterruptedException {
        stop(settings.timeout().plusSeconds(2));
    }

    /** The same, waiting at most {@code wait} (a drill that must restore within its shutdown grace waits less). */
    public void stop(Duration wait) throws InterruptedException {
        stop = true;
        long deadline = System.nanoTime() + wait.toNanos();
        for (var t : workers) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
        }
    }

    public RecoveryTimeline timeline() {
        return timeline;
    }

    public Settings settings() {
        return settings;
    }
}
