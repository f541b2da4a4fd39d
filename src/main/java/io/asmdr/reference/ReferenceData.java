package io.asmdr.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The facts of {@code reference/} as the jar carries them (pom.xml packages them under
 * {@code io/asmdr/reference/}): one reader for every component that needs one, so a missing file
 * says the same thing everywhere.
 */
public final class ReferenceData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceData() {}

    /**
     * The alicloud schema facts: {@code alicloud-schema.json} (byte-equal to its original in
     * ../shared/reference) with the GTM resources of {@code alicloud-schema-gtm.json} and the Global Accelerator
     * resources of {@code alicloud-schema-ga.json} merged in (resources, types, functions; a token in two is an error).
     */
    public static JsonNode alicloudSchema() {
        return merged(merged(read("alicloud-schema.json"), read("alicloud-schema-gtm.json")), read("alicloud-schema-ga.json"));
    }

    /** {@code base} with every resource, type and function of {@code more} added. */
    public static JsonNode merged(JsonNode base, JsonNode more) {
        var out = (ObjectNode) base.deepCopy();
        for (var section : new String[] {"resources", "types", "functions"}) {
            var into = out.has(section) ? (ObjectNode) out.get(section) : out.putObject(section);
            more.path(section).fields().forEachRemaining(e -> {
                if (into.has(e.getKey())) {
                    throw new IllegalStateException(e.getKey() + " is in both schema files");
                }
                into.set(e.getKey(), e.getValue());
            });
        }
        return out;
    }

    /** {@code reference/<file>}, parsed. */
    public static JsonNode read(String file) {
        var resource = "/io/asmdr/reference/" + file;
        try (var in = ReferenceData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar (pom.xml packages reference/" + file + ")");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
