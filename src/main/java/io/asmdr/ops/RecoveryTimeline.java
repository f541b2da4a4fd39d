package io.asmdr.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Outcomes of requests in one-second buckets, counted from the moment of scale-down (a request
 * belongs to the second in which it was sent), and what they say about recovery. A request succeeds
 * when it got a page served in full (some reviews version); anything else (error status, timeout,
 * refused connection, error page) is a failure.
 *
 * <p>The recovery time (RTO) is the start of the first run of {@link #WINDOW_SECONDS} consecutive
 * buckets whose success rate is at or above the target; a bucket with no request breaks a run (it
 * shows nothing). A run of good buckets that starts at 0 means no visible outage: RTO 0.
 */
public final class RecoveryTimeline {
    /** How long the success rate must hold for the service to count as recovered (the issue: 10 s in a row). */
    public static final int WINDOW_SECONDS = 10;

    /** One second of outcomes. */
    public record Bucket(int second, long requests, long successes, Map<Outcome, Long> outcomes) {
        public double successRate() {
            return requests == 0 ? 0 : (double) successes / requests;
        }
    }

    private final TreeMap<Integer, EnumMap<Outcome, Long>> buckets = new TreeMap<>();

    /** A request sent {@code sinceScaleDown} after the scale-down began, and what it got. Requests sent before it are not counted. */
    public synchronized void add(Duration sinceScaleDown, Outcome outcome) {
        if (sinceScaleDown.isNegative()) {
            return;
        }
        int second = (int) Math.min(Integer.MAX_VALUE, sinceScaleDown.toMillis() / 1000);
        buckets.computeIfAbsent(second, s -> new EnumMap<>(Outcome.class)).merge(outcome, 1L, Long::sum);
    }

    static boolean success(Outcome o) {
        return o.version() != null;
    }

    /** Every second from 0 to the last one with a request, empty ones included. */
    public synchronized List<Bucket> series() {
        var out = new ArrayList<Bucket>();
        if (buckets.isEmpty()) {
            return out;
        }
        for (int s = 0; s <= buckets.lastKey(); s++) {
            var counts = buckets.getOrDefault(s, new EnumMap<>(Outcome.class));
            long requests = counts.values().stream().mapToLong(Long::longValue).sum();
            long ok = counts.entrySet().stream().filter(e -> success(e.getKey())).mapToLong(Map.Entry::getValue).sum();
            out.add(new Bucket(s, requests, ok, new EnumMap<>(counts)));
        }
        return out;
    }

    /** Seconds from the scale-down until a {@value #WINDOW_SECONDS}-second run at or above {@code target} begins; empty if none (yet). */
    public Optional<Integer> rto(double target) {
        var series = series();
        int run = 0;
        for (var b : series) {
            run = b.requests() > 0 && b.successRate() >= target ? run + 1 : 0;
            if (run == WINDOW_SECONDS) {
                return Optional.of(b.second() - WINDOW_SECONDS + 1);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether an RTO within {@code maxRtoSeconds} can no longer happen: every run of
     * {@value #WINDOW_SECONDS} seconds that starts at or before it holds a second that is certainly
     * below the target. A second is certainly below once it is over and, with up to
     * {@code inFlight} of its requests still unanswered and all of them succeeding, it would still be
     * below; or once every request sent in it has had its {@code requestTimeout} and it is below (or
     * empty). So a budget is never called lost on the strength of answers that have not come yet.
     *
     * @param elapsed time since the scale-down
     */
    public synchronized boolean budgetLost(double target, long maxRtoSeconds, int inFlight, Duration elapsed, Duration requestTimeout) {
        for (long start = 0; start <= maxRtoSeconds; start++) {
            boolean possible = true;
            for (long second = start; second < start + WINDOW_SECONDS && possible; second++) {
                possible = !certainlyBelow((int) second, target, inFlight, elapsed, requestTimeout);
            }
            if (possible) {
                return false;
            }
        }
        return true;
    }

    private boolean certainlyBelow(int second, double target, int inFlight, Duration elapsed, Duration requestTimeout) {
        if (elapsed.compareTo(Duration.ofSeconds(second + 1)) < 0) {
            return false; // still being sent
        }
        var counts = buckets.getOrDefault(second, new EnumMap<>(Outcome.class));
        long requests = counts.values().stream().mapToLong(Long::longValue).sum();
        long ok = counts.entrySet().stream().filter(e -> success(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        if (elapsed.compareTo(Duration.ofSeconds(second + 1).plus(requestTimeout).plusMillis(500)) >= 0) {
            return requests == 0 || (double) ok / requests < target; // every answer is in
        }
        return (double) (ok + inFlight) / (requests + inFlight) < target;
    }

    /** Failed requests before the RTO (all of them when the service did not recover). */
    public long failedDuringTransition(double target) {
        int end = rto(target).orElse(Integer.MAX_VALUE);
        return series().stream().filter(b -> b.second() < end).mapToLong(b -> b.requests() - b.successes()).sum();
    }

    /** Shares of the served pages by reviews version from the RTO on (empty before recovery). */
    public Map<String, Double> sharesAfter(double target) {
        var out = new TreeMap<String, Double>();
        var rto = rto(target);
        if (rto.isEmpty()) {
            return out;
        }
        long pages = 0;
        var counts = new TreeMap<String, Long>();
        for (var b : series()) {
            if (b.second() < rto.get()) {
                continue;
            }
            for (var e : b.outcomes().entrySet()) {
                if (success(e.getKey())) {
                    counts.merge(e.getKey().version(), e.getValue(), Long::sum);
                    pages += e.getValue();
                }
            }
        }
        final long total = pages;
        counts.forEach((v, n) -> out.put(v, (double) n / total));
        return out;
    }

    /** The report's JSON section. */
    public Map<String, Object> summary(double target) {
        var out = new LinkedHashMap<String, Object>();
        out.put("bucketSeconds", 1);
        out.put("target", target);
        out.put("windowSeconds", WINDOW_SECONDS);
        out.put("rtoSeconds", rto(target).orElse(null));
        out.put("failedDuringTransition", failedDuringTransition(target));
        out.put("sharesAfter", sharesAfter(target));
        out.put("series", series().stream().map(b -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("second", b.second());
            m.put("requests", b.requests());
            m.put("ok", b.successes());
            var failures = new TreeMap<String, Long>();
            b.outcomes().forEach((o, n) -> {
                if (!success(o)) {
                    failures.put(o.name().toLowerCase(Locale.ROOT), n);
                }
            });
            m.put("failures", failures);
            return m;
        }).toList());
        return out;
    }

    /** One line per second: {@code  12s  38/40  95.0%  ########## }; consecutive identical all-good seconds are folded. */
    public String table(double target) {
        var sb = new StringBuilder();
        var series = series();
        int i = 0;
        while (i < series.size()) {
            var b = series.get(i);
            int j = i;
            while (j + 1 < series.size() && series.get(j + 1).requests() > 0 && b.requests() > 0
                    && series.get(j + 1).successes() == series.get(j + 1).requests() && b.successes() == b.requests()) {
                j++;
            }
            var label = j == i ? b.second() + "s" : b.second() + "-" + series.get(j).second() + "s";
            long ok = 0;
            long requests = 0;
            for (int k = i; k <= j; k++) {
                ok += series.get(k).successes();
                requests += series.get(k).requests();
            }
            double rate = requests == 0 ? 0 : (double) ok / requests;
            int bar = (int) Math.round(20 * rate);
            sb.append(String.format(Locale.ROOT, "  %8s %6d/%-6d %6.1f%%  %s%s%s%n", label, ok, requests, 100 * rate,
                    "#".repeat(bar), ".".repeat(20 - bar), requests > 0 && rate >= target ? "" : "  below target"));
            i = j + 1;
        }
        return sb.toString();
    }
}
