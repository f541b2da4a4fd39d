package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything the emulated cloud holds, by kind and id, persisted as one JSON file that is replaced
 * atomically after every change (write a sibling, then rename), so a stopped sandbox starts again
 * with the same VPCs, clusters and meshes that the Pulumi state of its stacks refers to.
 *
 * <p>A record is the API's own view of the resource (the fields its Describe action returns) plus
 * bookkeeping fields whose names start with {@code _} ({@link #view} leaves them out): the region, the
 * time it was created or last changed, the status it moves to. Statuses move lazily: a record is
 * {@code pending} until {@code _readyAt}, then its target status ({@link #status}), as a real resource
 * goes from Creating to Available while the provider polls.
 */
public final class CloudState {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Clock clock;
    private final ObjectNode root;

    private CloudState(Path file, Clock clock, ObjectNode root) {
        this.file = file;
        this.clock = clock;
        this.root = root;
    }

    /** The state in {@code file}, or an empty cloud when it does not exist yet. */
    public static CloudState open(Path file, Clock clock) throws IOException {
        ObjectNode root;
        if (Files.isRegularFile(file)) {
            var read = JSON.readTree(file.toFile());
            if (!(read instanceof ObjectNode object)) {
                throw new IOException(file + " is not a sandbox state file (not a JSON object); delete it to start from an empty cloud");
            }
            root = object;
        } else {
            root = JSON.createObjectNode();
        }
        return new CloudState(file, clock, root);
    }

    public long now() {
        return clock.millis();
    }

    /** A new id in the shape the real API uses: the prefix and lower-case hex, e.g. {@code vpc-} + 20 hex digits. */
    public String newId(String prefix, int hexDigits) {
        var bytes = new byte[(hexDigits + 1) / 2];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes).substring(0, hexDigits);
    }

    private ObjectNode kind(String kind) {
        return root.with("resources").with(kind);
    }

    public synchronized Optional<ObjectNode> get(String kind, String id) {
        return Optional.ofNullable((ObjectNode) kind(kind).get(id));
    }

    /** The record, or the API's not-found answer with {@code code}. */
    public synchronized ObjectNode require(String kind, String id, String code) {
        return get(kind, id).orElseThrow(() -> ApiException.notFound(code, "The specified " + kind + " " + id + " is not found."));
    }

    public synchronized List<ObjectNode> all(String kind) {
        var out = new ArrayList<ObjectNode>();
        kind(kind).elements().forEachRemaining(n -> out.add((ObjectNode) n));
        return out;
    }

    public synchronized List<ObjectNode> find(String kind, Predicate<ObjectNode> test) {
        return all(kind).stream().filter(test).toList();
    }

    /**
     * Every record, of a kind other than {@code exceptKind}, that names {@code id} anywhere in its fields, as
     * "kind id": what still uses a resource the caller wants to delete (a vSwitch a cluster or an
     * attachment sits in, say), as the real API refuses such a delete.
     */
    public synchronized List<String> referencing(String id, String exceptKind) {
        var out = new ArrayList<String>();
        root.with("resources").fields().forEachRemaining(kind -> {
            if (!kind.getKey().equals(exceptKind)) {
                kind.getValue().fields().forEachRemaining(record -> {
                    if (!record.getKey().equals(id) && mentions(record.getValue(), id)) {
                        out.add(kind.getKey() + " " + record.getKey());
                    }
                });
            }
        });
        return out;
    }

    private static boolean mentions(JsonNode node, String id) {
        if (node.isTextual()) {
            return node.asText().equals(id);
        }
        for (var child : node) {
            if (mentions(child, id)) {
                return true;
            }
        }
        return false;
    }

    /** Stores a new record (created now, ready after {@code readyAfterMs}) and saves. */
    public synchronized ObjectNode create(String kind, String id, String region, ObjectNode record, long readyAfterMs) {
        record.put("_region", region);
        record.put("_createdAt", now());
        record.put("_readyAt", now() + readyAfterMs);
        kind(kind).set(id, record);
        save();
        return record;
    }

    /** Marks a record as changing (e.g. Modifying) until {@code readyAfterMs} from now, and saves. */
    public synchronized void changing(ObjectNode record, long readyAfterMs) {
        record.put("_readyAt", now() + readyAfterMs);
        save();
    }

    public synchronized void remove(String kind, String id) {
        kind(kind).remove(id);
        save();
    }

    /** {@code pending} while the record is not ready yet, else {@code ready}. */
    public synchronized String status(ObjectNode record, String pending, String ready) {
        return now() < record.path("_readyAt").asLong(0) ? pending : ready;
    }

    public synchronized boolean ready(ObjectNode record) {
        return now() >= record.path("_readyAt").asLong(0);
    }

    /** Region of a record. */
    public static String region(JsonNode record) {
        return record.path("_region").asText("");
    }

    /** The record without its bookkeeping fields: what the API returns. */
    public static ObjectNode view(ObjectNode record) {
        var out = record.deepCopy();
        var names = new ArrayList<String>();
        out.fieldNames().forEachRemaining(names::add);
        names.stream().filter(n -> n.startsWith("_")).forEach(out::remove);
        return out;
    }

    /** Writes the whole state to a sibling file and renames it over the old one. */
    public synchronized void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            var temp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the sandbox state " + file + ": " + e.getMessage(), e);
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
