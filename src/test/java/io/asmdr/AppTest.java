package io.asmdr;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entry point outside the Pulumi CLI: usage, help for every command, no stack trace. */
class AppTest {
    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = App.dispatch(args, new PrintStream(out, true), new PrintStream(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void noCommandPrintsTheUsageAndExitsTwo() {
        var r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("usage: asm-dr COMMAND") && !r.err().contains("PULUMI_MONITOR") && !r.err().contains("\tat "), r.err());
    }

    @Test
    void helpListsEveryCommand() {
        var r = run("--help");
        assertEquals(0, r.code());
        for (var command : new String[] {"synth", "preview-offline", "diff", "guard", "verify", "drill"}) {
            assertTrue(r.out().contains("  " + command + " "), command + " in " + r.out());
        }
        assertEquals(2, run("bogus").code());
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"synth", "preview-offline", "diff", "guard", "verify", "drill"})
    void everyCommandHasHelpThatExitsZero(String command) {
        var r = run(command, "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("usage:") && r.out().contains(command), r.out());
        assertFalse(r.out().isBlank());
    }

    @Test
    void onTwoCpusJdk25GetsTwoCommonPoolWorkersAndOlderJdksKeepTheirOwn() {
        Assumptions.assumeTrue(System.getProperty(App.PARALLELISM) == null, "a parallelism set on this JVM");
        assertEquals(Optional.of("2"), App.asyncWorkers(2, 25));
        assertEquals(Optional.of("2"), App.asyncWorkers(1, 25));
        assertEquals(Optional.empty(), App.asyncWorkers(3, 25), "3 CPUs give the pool 2 workers by themselves");
        // below 25, parallelism 1 keeps async tasks on threads of their own; 2 starved the program under the real engine
        assertEquals(Optional.empty(), App.asyncWorkers(2, 17));
        assertEquals(Optional.empty(), App.asyncWorkers(2, 21));
    }
}
