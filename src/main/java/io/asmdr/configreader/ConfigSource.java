package io.asmdr.configreader;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Raw stack config as the Pulumi engine hands it over: one string per key of the {@code asm-dr}
 * namespace, structured values JSON-encoded, plus which keys are secrets. Backed by
 * {@code ctx.config()} under Pulumi and by a parsed stack file in {@code synth}, so both read the
 * same keys the same way. Keys are short ({@code regions}, not {@code asm-dr:regions}).
 */
public interface ConfigSource {
    /** Every key set under the namespace, plain or secret: unknown ones are reported, never ignored. */
    Set<String> keys();

    /** Whether {@code key} was set with {@code --secret} ({@code secure:} in the stack file). */
    boolean isSecret(String key);

    /** The plain value of {@code key}; empty for secrets, whose values never enter the spec. */
    Optional<String> get(String key);

    /** Whether a secret is set under {@code key}; its value is never read into the spec. */
    default boolean hasSecret(String key) {
        return keys().contains(key) && isSecret(key);
    }

    static ConfigSource of(Map<String, String> values, Set<String> secretKeys) {
        return of(values.keySet(), secretKeys, key -> Optional.ofNullable(values.get(key)));
    }

    /** Keys and secret keys as listed, plain values read through {@code plainValue} (never for a secret). */
    static ConfigSource of(Set<String> keys, Set<String> secretKeys, Function<String, Optional<String>> plainValue) {
        var allKeys = Set.copyOf(keys);
        var secrets = Set.copyOf(secretKeys);
        return new ConfigSource() {
            @Override
            public Set<String> keys() {
                return allKeys;
            }

            @Override
            public boolean isSecret(String key) {
                return secrets.contains(key);
            }

            @Override
            public Optional<String> get(String key) {
                return secrets.contains(key) ? Optional.empty() : plainValue.apply(key);
            }
        };
    }
}
