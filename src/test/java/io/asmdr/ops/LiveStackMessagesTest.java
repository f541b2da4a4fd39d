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

    /** Without an error line, the first line with words in it: the empty stdout: of the Automation API's message is skipped. */
    @Test
    void withoutAnErrorLineTheFirstLineWithWordsIsTheMessage() {
        assertEquals("code: 255", LiveStack.plain(new RuntimeException("\n  \ncode: 255\nstdout: \nstderr: \n")));
        assertEquals("the backend is gone", LiveStack.plain(new RuntimeException("stdout: \nstderr: the backend is gone\n")));
    }

    /** The clients of the live commands name this program as their user agent: the field manager of what a drill writes. */
    @Test
    void theLiveClientsNameTheFieldManagerAsTheirUserAgent() {
        var kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """;
        try (var client = LiveStack.client(kubeconfig)) {
            assertEquals(LiveStack.FIELD_MANAGER + "/ops", client.getConfiguration().getUserAgent());
        }
    }
}
