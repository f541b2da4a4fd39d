package io.asmdr.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.support.SharedReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * reference/ is the project's own copy of every fact it uses. Each file must be named, with its
 * source, in reference/README.md; each that came from ../shared/reference must still equal its
 * original there (when ../shared exists: a user's clone has none, and needs none).
 */
class ReferenceProvenanceTest {
    private static final Path REFERENCE = Path.of("reference");

    private static List<Path> files() throws IOException {
        try (Stream<Path> all = Files.walk(REFERENCE)) {
            return all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("README.md")).sorted().toList();
        }
    }

    @Test
    void everyFileIsNamedWithItsSourceInTheReadme() throws IOException {
        var readme = Files.readString(REFERENCE.resolve("README.md"));
        var unnamed = new ArrayList<String>();
        for (var f : files()) {
            var relative = REFERENCE.relativize(f).toString();
            var folder = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/') + 1) : "";
            var named = readme.contains("`" + relative + "`") || readme.contains("`" + folder + "*")
                    || readme.contains("`" + folder.replaceAll("(dev|prod)/$", "{dev,prod}/") + f.getFileName() + "`")
                    || f.getParent().getFileName().toString().equals("crd-schemas");
            if (!named) {
                unnamed.add(relative);
            }
        }
        assertEquals(List.of(), unnamed, "reference/README.md must name each file with its source");
    }

    @Test
    void copiesEqualTheirOriginalsWhereSharedIsPresent() throws IOException {
        var shared = SharedReference.root();
        Assumptions.assumeTrue(shared.isPresent(), "skipped: no ../shared/reference beside the project (a user's clone); nothing to compare");
        var compared = 0;
        var differ = new ArrayList<String>();
        for (var f : files()) {
            var original = shared.get().resolve(REFERENCE.relativize(f).toString());
            if (Files.isRegularFile(original)) {
                compared++;
                if (!Files.readString(original).equals(Files.readString(f))) {
                    differ.add(REFERENCE.relativize(f) + " differs from " + original + ": copy the new facts in, with their provenance");
                }
            }
        }
        assertEquals(List.of(), differ);
        assertTrue(compared >= 15, "expected the schema, ForceNew facts, CRD schemas, markers and real previews to have originals, compared " + compared);
    }

    @Test
    void cloudFactsRowsEachNameTheirSource() throws IOException {
        var json = new ObjectMapper();
        var zones = json.readTree(REFERENCE.resolve("cloud-facts/transit-router-zones.json").toFile()).path("regions");
        var versions = json.readTree(REFERENCE.resolve("cloud-facts/kubernetes-versions.json").toFile()).path("versions");
        assertTrue(zones.size() >= 2 && versions.size() >= 2);
        zones.fields().forEachRemaining(e -> {
            assertTrue(e.getValue().path("source").asText().length() > 20, e.getKey() + " has no source");
            assertTrue(e.getValue().path("complete").isBoolean(), e.getKey() + " must say whether it is the whole list");
            e.getValue().path("zones").forEach(z -> assertTrue(z.asText().startsWith(e.getKey() + "-"), e.getKey() + ": " + z));
        });
        versions.fields().forEachRemaining(e -> assertTrue(e.getValue().path("source").asText().length() > 20, e.getKey() + " has no source"));
    }
}
