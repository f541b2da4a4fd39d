package io.asmdr.configreader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.config.StackSpec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A {@code Pulumi.<stack>.yaml} read the way the Pulumi CLI hands it to a program: one string per
 * key, structured values JSON-encoded, keys without a namespace in the project's. Encrypted values
 * ({@code secure: …}, also nested inside a structured value) cannot be read without the stack's
 * secrets provider, so their keys are kept as secret placeholders: the program only needs to know
 * they are set.
 *
 * <p>Stricter than a plain YAML load, because a stack file is where a typo silently costs a region:
 * a key given twice is an error with both lines (the last one would otherwise win), anchors and
 * aliases are accepted as the CLI accepts them but with a bound on expansion, and anything that is
 * not UTF-8 or not YAML is one sentence with line and column, never an exception text.
 */
public record StackFile(Path path, Map<String, String> config, Set<String> secretKeys) {
    public static final String SECRET_PLACEHOLDER = "[secret]";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Aliases a document may use; a stack file needs a handful, a "billion laughs" needs thousands. */
    static final int MAX_ALIASES = 50;
    /** Stack files are small; anything bigger is not one. */
    static final int MAX_BYTES = 1 << 20;

    /** A stack file that cannot be read: the message names the file and, where known, line and column. */
    public static final class UnreadableException extends IllegalArgumentException {
        public UnreadableException(String message) {
            super(message);
        }
    }

    /** No stack file where one was expected: a usage error rather than a bad config. */
    public static final class MissingException extends IllegalArgumentException {
        public MissingException(String message) {
            super(message);
        }
    }

    public static StackFile read(Path path) {
        var root = parse(path);
        var config = new LinkedHashMap<String, String>();
        var secrets = new LinkedHashSet<String>();
        var section = root == null ? null : root.get("config");
        if (section != null && !section.isNull() && !section.isObject()) {
            throw new UnreadableException(path + ": `config` must be a mapping of keys to values");
        }
        if (section != null && section.isObject()) {
            var fields = section.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                // the CLI puts a key without a namespace into the project's (Pulumi docs, "Configuration")
                var key = e.getKey().contains(":") ? e.getKey() : SpecLoader.NAMESPACE + ":" + e.getKey();
                if (config.containsKey(key)) {
                    throw new UnreadableException(path + ": " + key + " is set twice (as `" + e.getKey() + "` and with its namespace); keep one");
                }
                var value = e.getValue();
                if (containsSecure(value)) {
                    config.put(key, SECRET_PLACEHOLDER);
                    secrets.add(key);
                } else {
                    config.put(key, value.isTextual() ? value.asText() : value.toString());
                }
            }
        }
        return new StackFile(path, Map.copyOf(config), Set.copyOf(secrets));
    }

    private static boolean containsSecure(JsonNode value) {
        if (value.isObject() && value.size() == 1 && value.has("secure")) {
            return true;
        }
        for (var child : value) {
            if (containsSecure(child)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(Path path) {
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new UnreadableException(path + ": is larger than " + (MAX_BYTES >> 10) + " KiB; that is not a stack file");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UnreadableException(path + " does not exist; check the stack name, or create the file (docs/stacks.md)");
        } catch (AccessDeniedException e) {
            throw new UnreadableException(path + " cannot be read (permission denied); give your user read access to it");
        } catch (IOException e) {
            throw new UnreadableException(path + " cannot be read (" + (e.getMessage() == null ? "an I/O error" : e.getMessage())
                    + "); check that it is a readable file");
        }
        var text = utf8(path, bytes);
        try {
            var yaml = yaml();
            rejectExplicitTags(path, yaml.compose(new StringReader(text)));
            var loaded = yaml.load(text);
            if (loaded == null) {
                return null;
            }
            // aliases to scalars are not counted by the parser, but each copy lands in the config the program reads
            if (expandedSize(loaded, MAX_BYTES) > MAX_BYTES) {
                throw new UnreadableException(path + ": expands to more than " + (MAX_BYTES >> 10) + " KiB through its anchors and aliases,"
                        + " more than a stack file may hold; write the values out");
            }
            return JSON.valueToTree(loaded);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            var where = mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            var context = e.getContextMark() == null || e.getContext() == null ? ""
                    : " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ")";
            throw new UnreadableException(path + where + ": " + describe(e.getProblem()) + context);
        } catch (UnreadableException e) {
            throw e;
        } catch (YAMLException | IllegalArgumentException e) {
            throw new UnreadableException(path + ": " + describe(e.getMessage()));
        }
    }

    /** Characters the loaded value holds once every alias is expanded, counted only until {@code limit} is passed. */
    static long expandedSize(Object value, long limit) {
        var pending = new ArrayDeque<Object>();
        pending.push(value == null ? "" : value);
        long size = 0;
        while (!pending.isEmpty() && size <= limit) {
            var v = pending.pop();
            if (v instanceof Map<?, ?> map) {
                map.forEach((k, x) -> {
                    pending.push(k == null ? "" : k);
                    pending.push(x == null ? "" : x);
                });
            } else if (v instanceof List<?> list) {
                list.forEach(x -> pending.push(x == null ? "" : x));
            } else {
                size += String.valueOf(v).length() + 2;
            }
        }
        return size;
    }

    /** The tags the CLI's YAML reader turns into config values; anything else (!!binary, !!set, a local !tag) is refused. */
    private static final Set<String> PLAIN_TAGS = Set.of(Tag.STR.getValue(), Tag.INT.getValue(), Tag.BOOL.getValue(), Tag.FLOAT.getValue(),
            Tag.NULL.getValue(), Tag.MAP.getValue(), Tag.SEQ.getValue(), Tag.MERGE.getValue());

    private static void rejectExplicitTags(Path path, Node node) {
        if (node == null) {
            return;
        }
        if (!PLAIN_TAGS.contains(node.getTag().getValue())) {
            var mark = node.getStartMark();
            throw new UnreadableException(path + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": the tag "
                    + node.getTag().getValue().replace("tag:yaml.org,2002:", "!!") + " makes a value Pulumi config cannot hold;"
                    + " write the value as plain text");
        }
        if (node instanceof MappingNode map) {
            map.getValue().forEach(tuple -> {
                rejectExplicitTags(path, tuple.getKeyNode());
                rejectExplicitTags(path, tuple.getValueNode());
            });
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> rejectExplicitTags(path, n));
        }
    }

    private static final Pattern DUPLICATE = Pattern.compile("found duplicate key (.*)");

    private static String describe(String problem) {
        if (problem == null) {
            return "is not valid YAML";
        }
        var m = DUPLICATE.matcher(problem);
        if (m.matches()) {
            return "the key `" + m.group(1) + "` is given twice in one mapping; the last would silently win, so remove one";
        }
        if (problem.contains("Number of aliases for non-scalar nodes exceeds")) {
            return "uses more than " + MAX_ALIASES + " aliases to mappings or lists; a stack file needs far fewer";
        }
        return problem;
    }

    private static String utf8(Path path, byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var buffer = ByteBuffer.wrap(bytes);
        try {
            var text = decoder.decode(buffer).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException e) {
            int offset = buffer.position();
            int line = 1;
            for (int i = 0; i < offset && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new UnreadableException(path + ":" + line + ": is not UTF-8 text (byte 0x"
                    + String.format("%02X", bytes[Math.min(offset, bytes.length - 1)] & 0xFF)
                    + " at offset " + offset + "); save the file as UTF-8");
        } catch (CharacterCodingException e) {
            throw new UnreadableException(path + ": is not UTF-8 text; save the file as UTF-8");
        }
    }

    private static Yaml yaml() {
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_BYTES);
        var dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new CoreSchemaResolver());
    }

    /**
     * YAML 1.2 core-schema scalars, as the CLI's Go YAML library reads a stack file: only true/false
     * are booleans ({@code yes}, {@code on} stay strings), no timestamps, no sexagesimal numbers.
     */
    private static final class CoreSchemaResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile("^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"),
                    "-+0123456789.");
            addImplicitResolver(Tag.MERGE, Pattern.compile("^(?:<<)$"), "<");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
        }
    }

    /** The folder that holds a stack file for each environment but the tutorial's, read with {@code --config-file}. */
    public static final String ENVIRONMENTS = "stacks";

    /**
     * Where a stack's config lives, and how the Pulumi CLI is told: {@code file} is what asm-dr reads;
     * {@code configFileArgument} is what {@code pulumi preview/up/config/destroy} need after
     * {@code --config-file} (relative to the project folder, where the CLI runs), or empty when the CLI
     * reads {@code file} by itself (the project's default place, beside {@code Pulumi.yaml}).
     */
    public record Location(Path file, Optional<String> configFileArgument) {
        /** What to append to a {@code pulumi} command run in the project folder: nothing, or {@code --config-file FILE}. */
        public List<String> pulumiArguments() {
            return configFileArgument.map(f -> List.of("--config-file", f)).orElse(List.of());
        }
    }

    /**
     * Which file holds stack {@code stack}'s config in the project folder {@code project}, and which
     * {@code --config-file} argument (if any) the Pulumi CLI needs for it. The one answer for synth,
     * verify, drill, preview-offline, the sandbox, the docs and the workflows:
     * <ul>
     *   <li>{@code stacks/Pulumi.<stack>.yaml} when it exists (staging and prod), read by the CLI with
     *       {@code --config-file stacks/Pulumi.<stack>.yaml};</li>
     *   <li>otherwise the project's default file, {@code Pulumi.<stack>.yaml} beside {@code Pulumi.yaml}
     *       (dev, the tutorial; or where a {@code stackConfigDir} of the user's puts it), which plain
     *       {@code pulumi} commands read with no flag.</li>
     * </ul>
     * {@code pulumi stack init prod} (and {@code stack select --create}) always writes the default file;
     * beside a {@code stacks/} file that is harmless as long as it holds no config (only the
     * {@code encryptionsalt} the CLI puts there), and it is accepted. A default file that does set
     * config beside a {@code stacks/} file is an error: nothing that passes {@code --config-file} reads
     * it, and a user editing it would be editing nothing.
     */
    public static Location location(Path project, String stack) {
        var fallback = ProjectFile.in(project).stackFile(stack);
        var relative = ENVIRONMENTS + "/" + ProjectFile.fileName(stack);
        var environment = project.resolve(relative);
        if (!Files.isRegularFile(environment) || environment.normalize().equals(fallback.normalize())) {
            return new Location(fallback, Optional.empty());
        }
        if (Files.isRegularFile(fallback)) {
            var keys = read(fallback).config().keySet();
            if (!keys.isEmpty()) {
                throw new UnreadableException("stack " + stack + " has two stack files: " + environment + " (what asm-dr, the docs and the workflows"
                        + " read, with --config-file " + relative + ") and " + fallback + ", which sets " + String.join(", ", new TreeSet<>(keys))
                        + " and is read by nothing that passes --config-file. Move those keys into " + environment
                        + " (`pulumi config set --config-file " + relative + " KEY VALUE`) and delete " + fallback);
            }
        }
        return new Location(environment, Optional.of(relative));
    }

    /** {@link #location}'s file in the project asm-dr runs for ({@link ProjectFile#root()}). */
    public static Path locate(String stack) {
        return locate(ProjectFile.root(), stack);
    }

    /** {@link #location}'s file. */
    public static Path locate(Path project, String stack) {
        return location(project, stack).file();
    }

    /**
     * The stack file to read: {@code configFile} when given, else the stack's own ({@link #existing}).
     * One place for synth, verify and drill, so they agree on which file a stack means.
     */
    public static Path resolve(String stack, Optional<Path> configFile) {
        if (configFile.isPresent()) {
            if (!Files.isRegularFile(configFile.get())) {
                throw new MissingException("no stack file for '" + stack + "': " + configFile.get() + " is not a file");
            }
            return configFile.get();
        }
        return existing(ProjectFile.root(), stack).file();
    }

    /** {@link #location}, provided the file is there; else a message that says what to do and which stacks there are. */
    public static Location existing(Path project, String stack) {
        var location = location(project, stack);
        if (!Files.isRegularFile(location.file())) {
            var known = ProjectFile.stacks(project);
            throw new MissingException("no stack file for '" + stack + "': " + location.file() + " does not exist. "
                    + (known.isEmpty() ? "" : "The stacks of this project: " + String.join(", ", known) + ". ")
                    + "A new stack needs its file: " + ProjectFile.fileName(stack) + " beside " + ProjectFile.NAME + ", or "
                    + ENVIRONMENTS + "/" + ProjectFile.fileName(stack) + " read with --config-file (docs/stacks.md)");
        }
        return location;
    }

    /** This file's config as a validated spec. */
    public StackSpec spec() {
        return SpecLoader.load(source(SpecLoader.NAMESPACE), config.keySet());
    }

    /** The {@code asm-dr:} keys as the program's own config bag sees them. */
    public ConfigSource source(String namespace) {
        return ConfigListing.of(config, secretKeys).source(namespace, key -> Optional.ofNullable(config.get(namespace + ":" + key)));
    }
}
