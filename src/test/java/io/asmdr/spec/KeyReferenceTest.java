package io.asmdr.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's key reference is the allow-list: it must list exactly the keys the parser accepts. */
class KeyReferenceTest {
    @Test
    void readmeListsExactlyTheAcceptedKeys() throws Exception {
        var readme = Files.readString(Path.of("README.md"));
        var begin = "<!-- key-reference:begin -->\n";
        var end = "<!-- key-reference:end -->";
        int from = readme.indexOf(begin);
        int to = readme.indexOf(end);
        assertEquals(true, from >= 0 && to > from, "README has no key-reference markers");
        assertEquals(ConfigSchema.referenceTable(), readme.substring(from + begin.length(), to),
                "README key reference is stale: paste ConfigSchema.referenceTable() between the markers");
    }
}
