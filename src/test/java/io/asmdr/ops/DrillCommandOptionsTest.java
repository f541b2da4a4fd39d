package io.asmdr.ops;

import io.asmdr.cli.CommandLine;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bounds of drill's duration options: both ends are allowed, a step past either is a usage error naming flag, range and value. */
class DrillCommandOptionsTest {
    static Duration bounded(String value) {
        var cli = new CommandLine(value == null ? new String[0] : new String[] {"--observe", value}, Set.of("--observe"), Set.of());
        return DrillCommand.bounded(cli, "--observe", Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofHours(1));
    }

    @Test
    void bothEndsOfTheRangeAreAllowedAndTheDefaultAppliesWhenTheFlagIsAbsent() {
        assertEquals(Duration.ofSeconds(10), bounded("10s"));
        assertEquals(Duration.ofHours(1), bounded("60m"));
        assertEquals(Duration.ofMinutes(5), bounded(null));
    }

    @Test
    void aStepPastEitherEndIsRefusedWithTheFlagTheRangeAndTheValue() {
        var below = assertThrows(IllegalArgumentException.class, () -> bounded("9999ms"));
        assertEquals("--observe must lie between 10 s and 3600 s, got 9999ms", below.getMessage());
        var above = assertThrows(IllegalArgumentException.class, () -> bounded("3601s"));
        assertEquals("--observe must lie between 10 s and 3600 s, got 3601s", above.getMessage());
    }
}
