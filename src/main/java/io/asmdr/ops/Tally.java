package io.asmdr.ops;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of what a run of requests showed; HTTP error statuses are kept by code. */
public final class Tally {
    private final EnumMap<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private final TreeMap<Integer, Long> errorStatuses = new TreeMap<>();
    private final EnumMap<Outcome, List<String>> samples = new EnumMap<>(Outcome.class);
    private long total;
    private long retried;
    /** Messages kept per outcome: enough to see what went wrong, bounded however long the run. */
    static final int SAMPLES_PER_OUTCOME = 3;

    /** An outcome with a sample of what it looked like (an exception message, a status line). */
    public synchronized void add(Outcome outcome, int status, String sample) {
        add(outcome, status);
        var list = samples.computeIfAbsent(outcome, o -> new ArrayList<>());
        if (sample != null && list.size() < SAMPLES_PER_OUTCOME && !list.contains(sample)) {
            list.add(sample.length() > 200 ? sample.substring(0, 200) + "..." : sample);
        }
    }

    /** A request that failed before reaching the server and was sent once more on a fresh connection. */
    public synchronized void retried() {
        retried++;
    }

    public synchronized long retriedCount() {
        return retried;
    }

    public synchronized Map<Outcome, List<String>> samples() {
        var out = new EnumMap<Outcome, List<String>>(Outcome.class);
        samples.forEach((o, l) -> out.put(o, List.copyOf(l)));
        return out;
    }

    public synchronized void add(Outcome outcome, int status) {
        add(outcome, status, 1L);
    }

    /** {@code count} outcomes of one kind at once (simulations of long runs). */
    public synchronized void add(Outcome outcome, int status, long count) {
        outcomes.merge(outcome, count, Long::sum);
        if (outcome == Outcome.HTTP_ERROR) {
            errorStatuses.merge(status, count, Long::sum);
        }
        total += count;
    }

    public synchronized long count(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    public synchronized long total() {
        return total;
    }

    public synchronized Map<Outcome, Long> outcomes() {
        return new EnumMap<>(outcomes);
    }

    public synchronized Map<Integer, Long> errorStatuses() {
        return new TreeMap<>(errorStatuses);
    }

    /** Requests that produced no fully served page. */
    public synchronized long failures() {
        return total - pages();
    }

    /** Pages served in full by some reviews version. */
    public synchronized long pages() {
        return count(Outcome.REVIEWS_V1) + count(Outcome.REVIEWS_V2) + count(Outcome.REVIEWS_V3);
    }
}
