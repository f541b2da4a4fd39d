package io.asmdr.config;

import io.asmdr.support.Readme;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/configuration.md's key reference is the allow-list: it must list exactly the keys the parser accepts. */
class KeyReferenceTest {
    @Test
    void readmeListsExactlyTheAcceptedKeys() throws Exception {
        assertEquals(ConfigSchema.referenceTable(), Readme.section(Path.of("docs/configuration.md"), "key-reference"),
                "docs/configuration.md key reference is stale: paste ConfigSchema.referenceTable() between the markers");
    }
}
