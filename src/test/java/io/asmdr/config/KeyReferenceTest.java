package io.asmdr.config;

import io.asmdr.support.Readme;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's key reference is the allow-list: it must list exactly the keys the parser accepts. */
class KeyReferenceTest {
    @Test
    void readmeListsExactlyTheAcceptedKeys() throws Exception {
        assertEquals(ConfigSchema.referenceTable(), Readme.section("key-reference"),
                "README key reference is stale: paste ConfigSchema.referenceTable() between the markers");
    }
}
