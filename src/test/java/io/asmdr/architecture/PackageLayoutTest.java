package io.asmdr.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package structure is the architecture: stack config → validated spec → components → outputs.
 * These tests read the sources' imports and hold the direction of that flow.
 */
class PackageLayoutTest {
    private static final Path MAIN = Path.of("src/main/java/io/asmdr");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.asmdr\\.([a-z]+)\\.", Pattern.MULTILINE);
    private static final Pattern ROOT_IMPORT = Pattern.compile("^import (?:static )?io\\.asmdr\\.[A-Z]", Pattern.MULTILINE);
    private static final Pattern INLINE_NAME = Pattern.compile("(?<![\\w.@])(?:java|javax|com|org|io)\\.[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*\\.[A-Z]\\w*");
    /** The components: they receive a spec and typed args, and never read config or run commands. */
    private static final Set<String> COMPONENTS = Set.of("network", "backbone", "cluster", "mesh", "app", "traffic", "globalentry");

    /** package → the io.asmdr packages it imports */
    static Map<String, Set<String>> imports() {
        var graph = new TreeMap<String, Set<String>>();
        try (var files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                var pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
                var deps = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                var m = IMPORT.matcher(read(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        deps.add(m.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noImportCycles() {
        var graph = imports();
        var cycles = new ArrayList<String>();
        for (var start : graph.keySet()) {
            findCycle(graph, start, new ArrayList<>(List.of(start)), cycles);
        }
        assertEquals(List.of(), cycles);
    }

    private static void findCycle(Map<String, Set<String>> graph, String node, List<String> path, List<String> cycles) {
        for (var next : graph.getOrDefault(node, Set.of())) {
            if (next.equals(path.get(0))) {
                cycles.add(String.join(" -> ", path) + " -> " + next);
            } else if (!path.contains(next) && next.compareTo(path.get(0)) > 0) {
                path.add(next);
                findCycle(graph, next, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    @Test
    void nothingImportsTheEntryPoint() throws IOException {
        try (var files = Files.walk(MAIN)) {
            var upward = files.filter(f -> f.toString().endsWith(".java") && !f.getParent().equals(MAIN))
                    .filter(f -> ROOT_IMPORT.matcher(read(f)).find())
                    .map(Path::toString).toList();
            assertEquals(List.of(), upward, "only the entry point (io.asmdr.App) may sit in the root package, and nothing imports it");
        }
    }

    @Test
    void theConfigModelAndItsRulesStandAlone() {
        var graph = imports();
        assertEquals(Set.of(), graph.get("config"), "the config model imports no other asm-dr package");
        assertEquals(Set.of("config"), graph.get("validation"), "validation rules see only the config model");
        assertEquals(Set.of("config", "validation"), graph.get("configreader"), "config reading builds the model and validates it");
    }

    @Test
    void componentsNeverReadConfigNorRunCommands() {
        var graph = imports();
        var forbidden = Set.of("configreader", "program", "engine", "synth", "plan", "ops", "cli");
        for (var component : COMPONENTS) {
            var bad = new TreeSet<>(graph.getOrDefault(component, Set.of()));
            bad.retainAll(forbidden);
            assertEquals(Set.of(), bad, component + " imports " + bad);
        }
        assertTrue(graph.get("plan").stream().noneMatch(COMPONENTS::contains), "the plan model reads plans, not components: " + graph.get("plan"));
        assertTrue(graph.get("trafficmodel").stream().noneMatch(COMPONENTS::contains), "ops' traffic model is pure: " + graph.get("trafficmodel"));
    }

    @Test
    void theSandboxsKubernetesNeedsNoEmulator() throws IOException {
        // the emulator of the Alibaba APIs (sandbox.cloud) drives the Kubernetes fleet (sandbox.kube), not the reverse
        try (var files = Files.walk(MAIN.resolve("sandbox/kube"))) {
            var upward = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> Pattern.compile("^import (?:static )?io\\.asmdr\\.sandbox\\.cloud\\.", Pattern.MULTILINE).matcher(read(f)).find())
                    .map(Path::toString).toList();
            assertEquals(List.of(), upward);
        }
    }

    @Test
    void codeUsesImportsNotInlineQualifiedNames() throws IOException {
        var found = new ArrayList<String>();
        try (Stream<Path> files = Stream.concat(Files.walk(MAIN), Files.walk(Path.of("src/test/java/io/asmdr")))) {
            for (var f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                var lines = Files.readAllLines(f);
                // a simple name already imported from another package has to stay qualified: that is a collision, not a habit
                var imported = lines.stream().filter(l -> l.startsWith("import ") && !l.startsWith("import static "))
                        .map(l -> l.substring(l.lastIndexOf('.') + 1, l.length() - 1)).collect(Collectors.toCollection(HashSet::new));
                imported.add(f.getFileName().toString().replace(".java", ""));
                for (int i = 0; i < lines.size(); i++) {
                    var line = lines.get(i).strip();
                    if (line.startsWith("import ") || line.startsWith("package ") || line.startsWith("*") || line.startsWith("//")
                            || line.startsWith("/*")) {
                        continue;
                    }
                    var code = line.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("//.*$", "");
                    var m = INLINE_NAME.matcher(code);
                    while (m.find()) {
                        var simpleName = m.group().substring(m.group().lastIndexOf('.') + 1);
                        if (!imported.contains(simpleName)) {
                            found.add(f + ":" + (i + 1) + " " + m.group());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
