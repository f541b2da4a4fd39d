package io.asmdr.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The README's key reference is the allow-list: it must list exactly the keys the parser accepts. */
class KeyReferenceTest {
    @Test
    void readmeListsExactlyTheAcceptedKeys() throws Exception {
        assertEquals(ConfigSchema.referenceTable(), io.asmdr.support.Readme.section("key-reference"),
                "README key reference is stale: paste ConfigSchema.referenceTable() between the markers");
    }
}
