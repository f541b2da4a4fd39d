package io.asmdr.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
