package io.asmdr.spec;

import java.util.Map;
import java.util.Optional;

/**
 * Raw stack config as the Pulumi engine hands it over: one string per key of the {@code asm-dr}
 * namespace, structured values JSON-encoded. Backed by {@code ctx.config()} under Pulumi and by a
 * parsed stack file in {@code synth}, so both read the same keys the same way.
 */
public interface ConfigSource {
    /** The plain value of {@code key} (without the {@code asm-dr:} prefix). */
    Optional<String> get(String key);

    /** Whether a secret is set under {@code key}; its value is never read into the spec. */
    boolean hasSecret(String key);

    static ConfigSource of(Map<String, String> values, java.util.Set<String> secretKeys) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return secretKeys.contains(key) ? Optional.empty() : Optional.ofNullable(values.get(key));
            }

            @Override
            public boolean hasSecret(String key) {
                return secretKeys.contains(key) && values.containsKey(key);
            }
        };
    }
}
