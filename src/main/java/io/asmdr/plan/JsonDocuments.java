package io.asmdr.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a file that must hold exactly one JSON document: a plan or a preview with anything after it
 * (a second document appended, a log line) is an input error, never a document of which only the
 * first part is judged.
 */
final class JsonDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonDocuments() {}

    /** The document, or null for an empty file; an IOException that names the file and where the problem is. */
    static JsonNode read(Path file) throws IOException {
        try (var parser = JSON.createParser(file.toFile())) {
            JsonNode root = parser.nextToken() == null ? null : JSON.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                var at = parser.currentTokenLocation();
                throw new IOException(file + " has more after its JSON document (line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + "): give exactly one document, as `pulumi preview --json` writes it");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }
}
