package io.asmdr.configreader;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which config keys a stack sets and which of them are secrets, as full keys
 * ({@code asm-dr:regions}). Pulumi's {@code Config} can read a key but cannot list keys or say
 * whether one is secret, and both are needed to refuse unknown keys and secrets where plain values
 * belong. Under the Pulumi CLI the listing comes from the same environment variables the Java SDK
 * parses its config from ({@code PULUMI_CONFIG}, a JSON object, and {@code PULUMI_CONFIG_SECRET_KEYS},
 * a JSON array; pulumi-java 1.36.1 {@code DeploymentImpl.Config}); offline, from the stack file.
 */
public record ConfigListing(Set<String> keys, Set<String> secretKeys) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ConfigListing {
        keys = Set.copyOf(keys);
        secretKeys = Set.copyOf(secretKeys);
    }

    public static ConfigListing of(Map<String, String> config, Set<String> secretKeys) {
        return new ConfigListing(config.keySet(), secretKeys);
    }

    public static ConfigListing fromEnvironment() {
        var keys = new TreeSet<String>();
        var secrets = new TreeSet<String>();
        try {
            var config = System.getenv("PULUMI_CONFIG");
            if (config != null && !config.isBlank()) {
                JSON.readTree(config).fieldNames().forEachRemaining(keys::add);
            }
            var secret = System.getenv("PULUMI_CONFIG_SECRET_KEYS");
            if (secret != null && !secret.isBlank()) {
                JSON.readTree(secret).forEach(k -> secrets.add(k.asText()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("the Pulumi engine passed config this program cannot parse: " + e.getMessage());
        }
        return new ConfigListing(keys, secrets);
    }

    /** The namespace's keys, short, backed by a reader for their plain values. */
    public ConfigSource source(String namespace, Function<String, Optional<String>> plainValue) {
        var prefix = namespace + ":";
        var shortKeys = new TreeSet<String>();
        var shortSecrets = new TreeSet<String>();
        keys.stream().filter(k -> k.startsWith(prefix)).forEach(k -> shortKeys.add(k.substring(prefix.length())));
        secretKeys.stream().filter(k -> k.startsWith(prefix)).forEach(k -> shortSecrets.add(k.substring(prefix.length())));
        return ConfigSource.of(shortKeys, shortSecrets, plainValue);
    }
}
