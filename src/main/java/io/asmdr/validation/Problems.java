package io.asmdr.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one config, so the user fixes them all in one round. */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void add(String key, String value, String conflict, String fix) {
        list.add(new Problem(key, value, conflict, fix));
    }

    public void missing(String key, String fix) {
        add(key, "(not set)", "is required", fix);
    }

    /** Another run's problems, placed first: they are independent of these and closer to the root cause. */
    public void prepend(Problems other) {
        list.addAll(0, other.list);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new SpecException(list);
        }
    }
}
