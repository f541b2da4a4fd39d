package io.asmdr.configreader;

import com.fasterxml.jackson.databind.JsonNode;
import io.asmdr.config.Cidr;
import io.asmdr.config.ConfigSchema;
import io.asmdr.validation.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A config value together with its key path, so that every type error names exactly where it is
 * ({@code asm-dr:regions[1].cluster.podCidr}). Missing or mistyped values are recorded in
 * {@link Problems} and answered with empty, so parsing goes on and reports everything at once.
 */
final class ConfigNode {
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]*)(ms|s|m|h)");

    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final ConfigSchema.Shape shape;

    /**
     * A mapping is checked against its shape as soon as it is read: a key the schema does not list
     * is a problem (with the closest known key), so a typo can never silently drop a setting.
     */
    ConfigNode(JsonNode node, String path, Problems problems, ConfigSchema.Shape shape) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.shape = shape;
        if (node != null && node.isObject() && shape instanceof ConfigSchema.Fields fields) {
            node.fieldNames().forEachRemaining(name -> {
                if (!fields.fields().containsKey(name)) {
                    unknownKey(child(name), name, node.get(name), fields.fields().keySet());
                }
            });
        }
    }

    private void unknownKey(String key, String name, JsonNode value, Set<String> known) {
        var shown = value == null ? "(empty)" : value.isTextual() ? value.asText() : value.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        var guess = ConfigSchema.closest(name, known);
        if (guess.isPresent()) {
            problems.add(key, shown, "unknown key; did you mean " + guess.get() + "?",
                    "rename it to " + guess.get() + " (keys are case-sensitive)");
        } else {
            problems.add(key, shown, "unknown key", "remove it; the keys allowed here are " + String.join(", ", known));
        }
    }

    private ConfigSchema.Shape childShape(String name) {
        if (shape instanceof ConfigSchema.Fields fields && fields.fields().containsKey(name)) {
            return fields.fields().get(name);
        }
        throw new IllegalStateException("the parser reads " + child(name) + ", which ConfigSchema does not list");
    }

    private ConfigSchema.Shape elementShape(String name) {
        if (childShape(name) instanceof ConfigSchema.ListOf list) {
            return list.element();
        }
        throw new IllegalStateException(child(name) + " is not a list in ConfigSchema");
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    /** Top-level keys read {@code asm-dr:regions}; nested ones {@code asm-dr:regions[0].vpc}. */
    String child(String name) {
        return path.endsWith(":") ? path + name : path + "." + name;
    }

    /** The keys this mapping sets (none for anything else). */
    Set<String> keys() {
        var out = new TreeSet<String>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    boolean has(String name) {
        childShape(name); // every key the parser reads must be documented
        return node != null && node.has(name) && !node.get(name).isNull();
    }

    Optional<ConfigNode> object(String name, String fix) {
        var key = child(name);
        if (!has(name)) {
            problems.missing(key, fix);
            return Optional.empty();
        }
        var v = node.get(name);
        if (!v.isObject()) {
            problems.add(key, v.toString(), "must be a mapping", fix);
            return Optional.empty();
        }
        return Optional.of(new ConfigNode(v, key, problems, childShape(name)));
    }

    Optional<ConfigNode> optionalObject(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        return object(name, "write it as a mapping of keys to values");
    }

    List<ConfigNode> list(String name, String fix) {
        var key = child(name);
        if (!has(name)) {
            problems.missing(key, fix);
            return List.of();
        }
        return elements(node.get(name), key, fix, elementShape(name));
    }

    List<ConfigNode> optionalList(String name) {
        return has(name) ? elements(node.get(name), child(name), "write it as a list", elementShape(name)) : List.of();
    }

    private List<ConfigNode> elements(JsonNode v, String key, String fix, ConfigSchema.Shape element) {
        if (!v.isArray()) {
            problems.add(key, v.toString(), "must be a list", fix);
            return List.of();
        }
        var out = new ArrayList<ConfigNode>();
        for (int i = 0; i < v.size(); i++) {
            out.add(new ConfigNode(v.get(i), key + "[" + i + "]", problems, element));
        }
        return out;
    }

    Optional<String> string(String name, String fix) {
        var key = child(name);
        if (!has(name)) {
            problems.missing(key, fix);
            return Optional.empty();
        }
        var v = node.get(name);
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(key, v.toString(), "must be a non-empty string", fix);
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    Optional<String> optionalString(String name) {
        return has(name) ? string(name, "write it as a string") : Optional.empty();
    }

    String stringOr(String name, String fallback) {
        return optionalString(name).orElse(fallback);
    }

    /** This node itself as a string (for list elements). */
    Optional<String> asString(String fix) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            problems.add(path, String.valueOf(node), "must be a non-empty string", fix);
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    Optional<Integer> integer(String name, String fix) {
        var key = child(name);
        if (!has(name)) {
            problems.missing(key, fix);
            return Optional.empty();
        }
        return asInteger(node.get(name), key, fix);
    }

    Optional<Integer> optionalInteger(String name) {
        return has(name) ? asInteger(node.get(name), child(name), "write a whole number") : Optional.empty();
    }

    private Optional<Integer> asInteger(JsonNode v, String key, String fix) {
        // Pulumi stack files may carry numbers as strings ("10"); both spellings mean the same.
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return Optional.of(v.asInt());
        }
        if (v.isTextual() && v.asText().matches("-?[0-9]{1,9}")) {
            return Optional.of(Integer.parseInt(v.asText()));
        }
        problems.add(key, v.toString(), "must be a whole number", fix);
        return Optional.empty();
    }

    Optional<Boolean> optionalBoolean(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        var v = node.get(name);
        if (v.isBoolean()) {
            return Optional.of(v.asBoolean());
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(v.asText()));
        }
        problems.add(child(name), v.toString(), "must be true or false", "write true or false");
        return Optional.empty();
    }

    Optional<Cidr> cidr(String name, String fix) {
        return string(name, fix).flatMap(text -> {
            var why = new StringBuilder();
            var parsed = Cidr.parse(text, why);
            if (parsed.isEmpty()) {
                problems.add(child(name), text, why.toString(), fix);
            }
            return parsed;
        });
    }

    /** An Istio duration as written ({@code 1s}, {@code 1m}, {@code 500ms}, {@code 2h}). */
    Optional<String> duration(String name) {
        return string(name, "write an Istio duration such as 1s or 1m").flatMap(text -> {
            if (!DURATION.matcher(text).matches()) {
                problems.add(child(name), text, "is not a duration Istio accepts",
                        "write a positive whole number followed by ms, s, m or h, e.g. 1s or 1m");
                return Optional.empty();
            }
            return Optional.of(text);
        });
    }

    <E> Optional<E> choice(String name, Function<String, Optional<E>> parse, String allowed, String fallback) {
        var text = has(name) ? string(name, "write one of " + allowed) : Optional.of(fallback);
        return text.flatMap(t -> {
            var parsed = parse.apply(t);
            if (parsed.isEmpty()) {
                problems.add(child(name), t, "is not a known value", "write one of " + allowed);
            }
            return parsed;
        });
    }

    /** A mapping of names to whole numbers, in document order. */
    Map<String, Integer> integerMap(String name, String fix) {
        var key = child(name);
        var out = new LinkedHashMap<String, Integer>();
        if (!has(name)) {
            problems.missing(key, fix);
            return out;
        }
        var v = node.get(name);
        if (!v.isObject()) {
            problems.add(key, v.toString(), "must be a mapping of region to weight", fix);
            return out;
        }
        v.fields().forEachRemaining(e -> asInteger(e.getValue(), key + "." + e.getKey(), fix)
                .ifPresent(w -> out.put(e.getKey(), w)));
        return out;
    }
}
