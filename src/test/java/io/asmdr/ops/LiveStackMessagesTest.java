package io.asmdr.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** "cannot read the stack" says what went wrong in the CLI's words, never with a Java exception name. */
class LiveStackMessagesTest {
    @Test
    void aFailedCliCommandIsReportedByItsErrorLine() {
        var automation = new RuntimeException("code: 6\nstdout: \nstderr: warning: something\nerror: no stack named 'dev' found\n");
        assertEquals("no stack named 'dev' found", LiveStack.plain(automation));
    }

    @Test
    void javaClassNamesAreDroppedAndAnEmptyMessageFallsBackToTheCause() {
        var cause = new IOException("java.io.IOException: Cannot run program \"pulumi\": error=2, No such file or directory");
        assertEquals("Cannot run program \"pulumi\": error=2, No such file or directory", LiveStack.plain(new UncheckedIOException(null, cause)));
        assertEquals("it failed without a message", LiveStack.plain(new RuntimeException()));
    }
}
