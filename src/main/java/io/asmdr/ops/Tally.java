package io.asmdr.ops;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts of what a run of requests showed; HTTP error statuses are kept by code. */
public final class Tally {
    private final EnumMap<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private final TreeMap<Integer, Long> errorStatuses = new TreeMap<>();
    private long total;

    public synchronized void add(Outcome outcome, int status) {
        outcomes.merge(outcome, 1L, Long::sum);
        if (outcome == Outcome.HTTP_ERROR) {
            errorStatuses.merge(status, 1L, Long::sum);
        }
        total++;
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
        return total - count(Outcome.REVIEWS_V1) - count(Outcome.REVIEWS_V2) - count(Outcome.REVIEWS_V3);
    }
}
