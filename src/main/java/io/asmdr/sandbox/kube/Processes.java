package io.asmdr.sandbox.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starting, signalling and stopping the fleet's processes. Each one's pid file records its pid, its start time and
 * its program, so another JVM ({@code sandbox stop}) ends exactly these processes and never a later process that
 * got the same pid.
 */
final class Processes {
    static final Duration GRACE = Duration.ofSeconds(15);

    /** A process this JVM started. */
    record Running(String name, Process process, Path pidFile, Path log) {
        boolean alive() {
            return process.isAlive();
        }
    }

    private Processes() {}

    /** Starts {@code command}, its output appended to {@code log}, and records it in {@code pidFile}. */
    static Running start(String name, List<String> command, Path log, Path pidFile) {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            Files.writeString(log, "--- " + Instant.now() + " " + String.join(" ", command) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            var start = process.info().startInstant().map(Instant::toString).orElse("");
            var tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
            Files.writeString(tmp, process.pid() + "\n" + start + "\n" + command.get(0) + "\n");
            Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Running(name, process, pidFile, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; a stopped (paused) process is continued first so it can exit. */
    static void stop(Running running, Duration grace) {
        stop(running.process().toHandle(), grace);
        try {
            Files.deleteIfExists(running.pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        try {
            signal(handle.pid(), "CONT");
        } catch (IllegalStateException exitedMeanwhile) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception notYet) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the kernel reaps it; nothing more a caller could do
            }
        }
    }

    /** The process a pid file names, if it still runs: same pid, same start time, same program. */
    static Optional<ProcessHandle> recorded(Path pidFile) {
        try {
            var lines = Files.readAllLines(pidFile);
            if (lines.size() < 3) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            var started = lines.get(1).strip();
            var program = lines.get(2).strip();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> started.isEmpty() || h.info().startInstant().map(Instant::toString).map(started::equals).orElse(false))
                    .filter(h -> h.info().command().map(c -> c.equals(program) || Path.of(c).getFileName().equals(Path.of(program).getFileName()))
                            .orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Ends every process recorded under {@code root} (pid files named {@code *.pid} in {@code run/} directories), in
     * any JVM; removes the pid files. Returns what it stopped, by pid file.
     */
    static List<Path> stopRecorded(Path root, Duration grace) {
        var stopped = new ArrayList<Path>();
        if (!Files.isDirectory(root)) {
            return stopped;
        }
        List<Path> pidFiles;
        try (Stream<Path> files = Files.walk(root)) {
            pidFiles = files.filter(f -> f.getFileName().toString().endsWith(".pid") && f.getParent().getFileName().toString().equals("run"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the API servers' helpers first, etcd last: what needs etcd goes before it
        var ordered = new ArrayList<>(pidFiles.stream().filter(f -> !f.getFileName().toString().equals("etcd.pid")).toList());
        pidFiles.stream().filter(f -> f.getFileName().toString().equals("etcd.pid")).forEach(ordered::add);
        for (var pidFile : ordered) {
            var handle = recorded(pidFile);
            handle.ifPresent(h -> {
                stop(h, grace);
                stopped.add(pidFile);
            });
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stopped;
    }

    /** Sends a signal by name (STOP, CONT) with kill(1): the JDK can only terminate and kill. */
    static void signal(long pid, String signal) {
        try {
            var kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            var out = new String(kill.getInputStream().readAllBytes()).strip();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + signal + " to " + pid, e);
        }
    }

    /** The last {@code n} lines of a log, for an error message. */
    static String tail(Path log, int n) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Resident memory of a process in KiB (VmRSS in /proc/PID/status), where Linux reports it. */
    static Optional<Long> rssKib(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
