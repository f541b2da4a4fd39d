package io.asmdr.spec;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one config, so the user fixes them all in one round. */
final class Problems {
    private final List<Problem> list = new ArrayList<>();

    void add(String key, String value, String conflict, String fix) {
        list.add(new Problem(key, value, conflict, fix));
    }

    void missing(String key, String fix) {
        add(key, "(not set)", "is required", fix);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new SpecException(list);
        }
    }
}
