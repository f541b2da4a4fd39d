package io.asmdr.configreader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Where the project keeps its stack files, read from {@code Pulumi.yaml} exactly as the Pulumi CLI
 * reads it: {@code stackConfigDir}, relative to the project file, else the project folder itself
 * (Pulumi "Project file reference"; checked against the real CLI v3.274.1 in StackLayoutCliTest).
 * synth, verify, drill and the CLI therefore always mean the same file by a stack name.
 */
public record ProjectFile(Path folder, Path stackConfigDir) {
    public static final String NAME = "Pulumi.yaml";

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
