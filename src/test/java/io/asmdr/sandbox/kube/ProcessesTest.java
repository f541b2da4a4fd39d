package io.asmdr.sandbox.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pid files name exactly the process that was started: another JVM ({@code sandbox stop}) ends it, and never a
 * process that merely has the same pid. Uses {@code sleep}, no sandbox binaries.
 */
class ProcessesTest {
    @TempDir
    Path tmp;
    private Processes.Running running;

    @AfterEach
    void cleanUp() {
        if (running != null && running.alive()) {
            running.process().destroyForcibly();
        }
    }

    @Test
    void aRecordedProcessIsFoundAndStoppedFromItsPidFileAlone() throws Exception {
        running = Processes.start("sleeper", List.of("/bin/sleep", "300"), tmp.resolve("logs/sleeper.log"), tmp.resolve("run/sleeper.pid"));
        assertTrue(Processes.recorded(tmp.resolve("run/sleeper.pid")).isPresent());
        assertEquals(List.of(tmp.resolve("run/sleeper.pid")), Processes.stopRecorded(tmp, Duration.ofSeconds(5)));
        assertTrue(running.process().waitFor(5, TimeUnit.SECONDS));
        assertFalse(Files.exists(tmp.resolve("run/sleeper.pid")), "the pid file goes with it");
        assertTrue(Files.readString(tmp.resolve("logs/sleeper.log")).contains("/bin/sleep 300"), "the log starts with the command line");
    }

    @Test
    void aPidFileWhoseProcessIsAnotherIsLeftAlone() throws Exception {
        var me = ProcessHandle.current();
        var pidFile = tmp.resolve("run/stale.pid");
        Files.createDirectories(pidFile.getParent());
        // this JVM's pid, but another start time: a recycled pid must not be killed
        Files.writeString(pidFile, me.pid() + "\n2001-01-01T00:00:00Z\n" + me.info().command().orElse("java") + "\n");
        assertTrue(Processes.recorded(pidFile).isEmpty());
        assertEquals(List.of(), Processes.stopRecorded(tmp, Duration.ofSeconds(1)));
        assertFalse(Files.exists(pidFile), "a stale pid file is removed");
    }

    @Test
    void pauseAndResumeStopAndContinueTheProcess() throws Exception {
        running = Processes.start("sleeper", List.of("/bin/sleep", "300"), tmp.resolve("logs/s.log"), tmp.resolve("run/s.pid"));
        long pid = running.process().pid();
        Processes.signal(pid, "STOP");
        assertEquals('T', state(pid), "stopped");
        Processes.signal(pid, "CONT");
        assertEquals('S', state(pid), "sleeping again");
        Processes.signal(pid, "STOP");
        Processes.stop(running, Duration.ofSeconds(5));
        assertFalse(running.alive(), "a paused process still stops: it is continued before SIGTERM");
        assertTrue(Processes.rssKib(ProcessHandle.current().pid()).orElseThrow() > 0);
    }

    private static char state(long pid) throws Exception {
        for (int i = 0; i < 50; i++) {
            var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char s = stat.charAt(stat.lastIndexOf(')') + 2);
            if (s != 'R') {
                return s;
            }
            Thread.sleep(20);
        }
        return 'R';
    }
}
