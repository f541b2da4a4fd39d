package io.asmdr.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Minimal option parsing for the commands (verify, drill, diff, guard): {@code --name value}, repeatable names, flags, positionals. */
public final class CommandLine {
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m)");

    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();
    private final Set<String> flags;

    public CommandLine(String[] args, Set<String> valued, Set<String> flags) {
        this.flags = flags;
        for (int i = 0; i < args.length; i++) {
            var a = args[i];
            if (valued.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                values.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
            } else if (flags.contains(a)) {
                values.computeIfAbsent(a, k -> new ArrayList<>()).add("true");
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else {
                positionals.add(a);
            }
        }
    }

    public List<String> positionals() {
        return positionals;
    }

    public Optional<String> value(String name) {
        var v = values.get(name);
        if (v != null && v.size() > 1) {
            throw new IllegalArgumentException(name + " given " + v.size() + " times");
        }
        return v == null ? Optional.empty() : Optional.of(v.get(0));
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean flag(String name) {
        return flags.contains(name) && values.containsKey(name);
    }

    public int integer(String name, int fallback) {
        var v = value(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, got " + v.get());
        }
    }

    public Duration duration(String name, Duration fallback) {
        var v = value(name);
        if (v.isEmpty()) {
            return fallback;
        }
        var m = DURATION.matcher(v.get());
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " takes a duration such as 500ms, 5s or 2m, got " + v.get());
        }
        try {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            throw new IllegalArgumentException(name + " " + v.get() + " is too long to be a duration; give one such as 500ms, 5s or 2m");
        }
    }
}
