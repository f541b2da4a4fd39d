package io.asmdr.configreader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Where the Pulumi CLI reads a stack file when no {@code --config-file} is given, read from
 * {@code Pulumi.yaml} exactly as the CLI reads it: {@code stackConfigDir}, relative to the project
 * file, else the project folder itself (Pulumi "Project file reference"; checked against the real
 * CLI v3.274.1 in StackLayoutCliTest). This project sets none: {@code Pulumi.dev.yaml} lives beside
 * {@code Pulumi.yaml}, and {@link StackFile#location} adds the {@code stacks/} files that are read with
 * {@code --config-file}.
 */
public record ProjectFile(Path folder, Path stackConfigDir) {
    public static final String NAME = "Pulumi.yaml";
    /**
     * The system property that names the project folder asm-dr's commands work for ({@code bin/asm-dr} sets
     * it to the folder it lives in, so it works from any directory); without it, the working folder.
     */
    public static final String ROOT_PROPERTY = "asmdr.project";

    /** The project folder stack names are looked up in and default outputs go to ({@link #ROOT_PROPERTY}). */
    public static Path root() {
        var set = System.getProperty(ROOT_PROPERTY);
        return set == null || set.isBlank() ? Path.of("") : Path.of(set);
    }

    /** The stacks that have a file in {@code project} (beside Pulumi.yaml or in stacks/), sorted; for messages. */
    public static List<String> stacks(Path project) {
        var names = new TreeSet<String>();
        for (var folder : List.of(in(project).stackConfigDir(), project.resolve(StackFile.ENVIRONMENTS))) {
            try (var files = Files.list(folder)) {
                files.map(f -> f.getFileName().toString())
                        .filter(n -> n.startsWith("Pulumi.") && n.endsWith(".yaml") && !n.equals(NAME))
                        .forEach(n -> names.add(n.substring("Pulumi.".length(), n.length() - ".yaml".length())));
            } catch (IOException | RuntimeException absent) {
                // a folder that is not there lists nothing
            }
        }
        return List.copyOf(names);
    }

    /** The project in {@code folder}; a folder without {@code Pulumi.yaml} keeps stack files beside it. */
    public static ProjectFile in(Path folder) {
        var file = folder.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return new ProjectFile(folder, folder);
        }
        try {
            var options = new LoaderOptions();
            options.setMaxAliasesForCollections(StackFile.MAX_ALIASES);
            options.setCodePointLimit(StackFile.MAX_BYTES);
            Object root = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
            var dir = root instanceof Map<?, ?> map ? map.get("stackConfigDir") : null;
            if (dir == null) {
                return new ProjectFile(folder, folder);
            }
            if (!(dir instanceof String relative) || relative.isBlank() || Path.of(relative).isAbsolute()) {
                throw new StackFile.UnreadableException(file + ": stackConfigDir must be a folder relative to " + NAME + ", got " + dir);
            }
            return new ProjectFile(folder, folder.resolve(relative).normalize());
        } catch (IOException | YAMLException e) {
            throw new StackFile.UnreadableException(file + " cannot be read: " + e.getMessage());
        }
    }

    /** The file the CLI reads for {@code stack}. */
    public Path stackFile(String stack) {
        return stackConfigDir.resolve(fileName(stack));
    }

    static String fileName(String stack) {
        return "Pulumi." + stack + ".yaml";
    }
}
