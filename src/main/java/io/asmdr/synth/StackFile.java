package io.asmdr.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.asmdr.spec.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@code Pulumi.<stack>.yaml} read the way the Pulumi CLI hands it to a program: one string per
 * key, structured values JSON-encoded. Encrypted values ({@code secure: …}) cannot be read without
 * the stack's secrets provider, so they are kept as secret placeholders: synth only needs to know
 * they are set.
 */
public record StackFile(Path path, Map<String, String> config, Set<String> secretKeys) {
    public static final String SECRET_PLACEHOLDER = "[secret]";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    public static StackFile read(Path path) throws IOException {
        JsonNode root = YAML.readTree(Files.readString(path));
        var config = new LinkedHashMap<String, String>();
        var secrets = new LinkedHashSet<String>();
        var section = root == null ? null : root.get("config");
        if (section != null && section.isObject()) {
            var fields = section.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                var value = e.getValue();
                if (value.isObject() && value.size() == 1 && value.has("secure")) {
                    config.put(e.getKey(), SECRET_PLACEHOLDER);
                    secrets.add(e.getKey());
                } else {
                    config.put(e.getKey(), value.isTextual() ? value.asText() : JSON.writeValueAsString(value));
                }
            }
        }
        return new StackFile(path, Map.copyOf(config), Set.copyOf(secrets));
    }

    /** {@code Pulumi.STACK.yaml} in the project root, else under {@code stacks/}. */
    public static Path locate(String stack) {
        var name = "Pulumi." + stack + ".yaml";
        var root = Path.of(name);
        return Files.isRegularFile(root) ? root : Path.of("stacks", name);
    }

    /** The {@code asm-dr:} keys as the program's own config bag sees them. */
    public ConfigSource source(String namespace) {
        var prefix = namespace + ":";
        var values = new LinkedHashMap<String, String>();
        var secrets = new LinkedHashSet<String>();
        config.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                values.put(k.substring(prefix.length()), v);
            }
        });
        secretKeys.stream().filter(k -> k.startsWith(prefix)).forEach(k -> secrets.add(k.substring(prefix.length())));
        return ConfigSource.of(values, secrets);
    }
}
