package io.asmdr.sandbox;

import io.asmdr.loopback.Certificate;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.cli.CommandLine;
import io.asmdr.configreader.StackFile;
import io.asmdr.preview.PreviewOffline;
import io.asmdr.sandbox.cloud.CloudEmulator;
import io.asmdr.sandbox.kube.KubeFleet;
import io.asmdr.validation.CloudRules;
import io.asmdr.validation.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bin/asm-dr sandbox}: a loopback Alibaba Cloud with real Kubernetes API servers, and the user's real
 * Pulumi CLI run against it (docs/sandbox.md). Exit codes: the CLI's own for {@code up|preview|refresh|destroy};
 * 1 an invalid stack; 2 usage; 3 environment (a binary missing, the server did not start, a time limit).
 */
public final class SandboxCommand {
    public static final int INVALID = 1;
    public static final int USAGE_ERROR = 2;
    public static final int ENVIRONMENT = 3;
    public static final String USAGE = """
            usage: sandbox up|preview|refresh|destroy STACK [--down REGION]... [--timeout 60m] [-- PULUMI_ARGS...]
                   sandbox env STACK | start | stop | status | serve
              runs the real `pulumi` CLI against a loopback Alibaba Cloud (an emulator of the APIs this program calls,
              under target/sandbox/) with real Kubernetes API servers behind its clusters and meshes.
              --down REGION  the region's API answers every call with 503 (and its clusters' API servers stop
                             answering) for the length of the command; repeatable
              env            prints the exports (and the folder to cd into) to run plain `pulumi` commands against it
              start/stop     start the sandbox's server in the background / end it and every process it started""";
    private static final List<String> PULUMI_COMMANDS = List.of("up", "preview", "refresh", "destroy");

    private SandboxCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv(), Path.of("").toAbsolutePath());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path project) {
        if (args.length == 0) {
            err.println("sandbox: name a subcommand");
            err.println(USAGE);
            return USAGE_ERROR;
        }
        var sub = args[0];
        var split = Arrays.asList(args).indexOf("--");
        var own = split < 0 ? Arrays.copyOfRange(args, 1, args.length) : Arrays.copyOfRange(args, 1, split);
        var passThrough = split < 0 ? List.<String>of() : List.of(Arrays.copyOfRange(args, split + 1, args.length));
        var paths = SandboxPaths.of(project, env);
        CommandLine cli;
        try {
            cli = new CommandLine(own, Set.of("--down", "--timeout"), Set.of());
            if (!passThrough.isEmpty() && !PULUMI_COMMANDS.contains(sub)) {
                throw new IllegalArgumentException("only up, preview, refresh and destroy pass arguments to pulumi");
            }
            if (!PULUMI_COMMANDS.contains(sub) && (!cli.all("--down").isEmpty() || cli.value("--timeout").isPresent())) {
                throw new IllegalArgumentException("--down and --timeout go with up, preview, refresh and destroy");
            }
        } catch (IllegalArgumentException e) {
            err.println("sandbox: " + e.getMessage());
            err.println(USAGE);
            return USAGE_ERROR;
        }
        try {
            return switch (sub) {
                case "serve" -> noStack(cli, err) ? SandboxServer.serve(paths, out, err) : USAGE_ERROR;
                case "start" -> noStack(cli, err) ? start(paths, env, project, out, err) : USAGE_ERROR;
                case "stop" -> noStack(cli, err) ? stop(paths, out, err) : USAGE_ERROR;
                case "status" -> noStack(cli, err) ? status(paths, out) : USAGE_ERROR;
                case "env" -> env(cli, paths, env, project, out, err);
                case "up", "preview", "refresh", "destroy" -> pulumi(sub, cli, passThrough, paths, env, project, out, err);
                default -> {
                    err.println("sandbox: unknown subcommand '" + sub + "'");
                    err.println(USAGE);
                    yield USAGE_ERROR;
                }
            };
        } catch (IOException e) {
            err.println("sandbox: " + e.getMessage());
            return ENVIRONMENT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("sandbox: interrupted");
            return ENVIRONMENT;
        }
    }

    private static boolean noStack(CommandLine cli, PrintStream err) {
        if (!cli.positionals().isEmpty()) {
            err.println("sandbox: this subcommand takes no stack (" + String.join(" ", cli.positionals()) + ")");
            return false;
        }
        return true;
    }

    /** The stack named on the command line, checked like every other command's; empty after printing why. */
    private static Optional<String> stack(CommandLine cli, PrintStream err) {
        if (cli.positionals().size() != 1) {
            err.println("sandbox: name one stack, e.g. dev");
            err.println(USAGE);
            return Optional.empty();
        }
        var stack = cli.positionals().get(0);
        var bad = CloudRules.STACK_NAME.violation(stack);
        if (bad.isPresent() || stack.equals(".") || stack.equals("..")) {
            err.println("sandbox: the stack name '" + stack + "' " + bad.orElse("is not a stack name"));
            return Optional.empty();
        }
        return Optional.of(stack);
    }

    // ---- the server -------------------------------------------------------------------------------------

    /** Starts the server in the background unless one runs; waits (bounded) until it answers. */
    static int start(SandboxPaths paths, Map<String, String> env, Path project, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        var running = SandboxServer.Running.read(paths);
        if (running.isPresent() && running.get().alive()) {
            out.println("sandbox: already running at https://" + running.get().endpoint() + " (pid " + running.get().pid() + ")");
            return 0;
        }
        var jar = runningJar();
        if (jar.isEmpty()) {
            err.println("sandbox: run it from the jar (bin/asm-dr sandbox start)");
            return USAGE_ERROR;
        }
        Files.createDirectories(paths.root());
        Files.deleteIfExists(paths.server());
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<String>();
        if (PreviewOffline.onPath("setsid", env).isPresent()) {
            command.add("setsid"); // its own session: a Ctrl-C in the user's terminal does not reach it
        }
        command.addAll(List.of(java, "-XX:+UseSerialGC", "-Xmx1g", "-jar", jar.get().toString(), "sandbox", "serve"));
        var builder = new ProcessBuilder(command).directory(project.toFile());
        builder.environment().put("ASM_DR_SANDBOX_DIR", paths.root().toString());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(paths.serverLog().toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        var process = builder.start();
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            var record = SandboxServer.Running.read(paths);
            if (record.isPresent() && record.get().alive()) {
                out.println("sandbox: started at https://" + record.get().endpoint() + " (pid " + record.get().pid() + "; log " + paths.serverLog() + ")");
                return 0;
            }
            if (!process.isAlive()) {
                err.println("sandbox: the server ended at start (exit " + process.exitValue() + "): " + lastLines(paths.serverLog(), 5));
                return ENVIRONMENT;
            }
            Thread.sleep(200);
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        err.println("sandbox: the server did not answer within 120 s; its log: " + paths.serverLog());
        return ENVIRONMENT;
    }

    /** Ends the server (SIGTERM, then after 30 s SIGKILL) and every process it started. */
    static int stop(SandboxPaths paths, PrintStream out, PrintStream err) throws InterruptedException, IOException {
        var running = SandboxServer.Running.read(paths);
        if (running.isEmpty() || !running.get().alive()) {
            var ended = KubeFleet.stopAll(paths.kube());
            Files.deleteIfExists(paths.server());
            out.println("sandbox: not running" + (ended.isEmpty() ? "" : " (ended " + ended.size() + " processes it had left)"));
            return 0;
        }
        var handle = ProcessHandle.of(running.get().pid()).orElseThrow();
        var children = handle.descendants().toList();
        handle.destroy();
        var ended = handle.onExit();
        try {
            ended.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            err.println("sandbox: the server did not end within 30 s of SIGTERM; killing it and what it started");
            handle.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        // and whatever the fleet recorded (etcd, API servers), even if the server died without stopping them
        KubeFleet.stopAll(paths.kube());
        Files.deleteIfExists(paths.server());
        out.println("sandbox: stopped (pid " + running.get().pid() + ", " + children.size() + " processes it started)");
        return 0;
    }

    static int status(SandboxPaths paths, PrintStream out) throws IOException {
        var running = SandboxServer.Running.read(paths).filter(SandboxServer.Running::alive);
        out.println(running.map(r -> "sandbox: running at https://" + r.endpoint() + " (pid " + r.pid() + ", since " + r.started() + ")")
                .orElse("sandbox: not running"));
        var down = DownRegions.read(paths.down());
        out.println("regions down: " + (down.isEmpty() ? "none" : String.join(", ", down)));
        return 0;
    }

    // ---- pulumi against the sandbox -------------------------------------------------------------------------

    /** Everything a `pulumi` command needs to run against the sandbox, prepared; or an exit code. */
    private record Prepared(String stack, Path dir, Map<String, String> env, PulumiBinaries binaries, List<String> stackArguments) {}

    private static Object prepare(CommandLine cli, SandboxPaths paths, Map<String, String> callerEnv, Path project,
                                  PrintStream out, PrintStream err) throws IOException, InterruptedException {
        var stack = stack(cli, err);
        if (stack.isEmpty()) {
            return USAGE_ERROR;
        }
        StackFile stackFile;
        StackFile.Location location;
        try {
            location = StackFile.location(project, stack.get());
            stackFile = StackFile.read(location.file());
            stackFile.spec();
        } catch (StackFile.MissingException | StackFile.UnreadableException e) {
            err.println("sandbox: " + e.getMessage());
            return INVALID;
        } catch (SpecException e) {
            err.println(e.getMessage());
            return INVALID;
        }
        var missing = new ArrayList<String>();
        var binaries = PulumiBinaries.find(callerEnv, missing);
        if (binaries == null) {
            err.println("sandbox: missing what a real `pulumi` run needs:");
            missing.forEach(m -> err.println("  - " + m));
            return ENVIRONMENT;
        }
        var jar = runningJar();
        if (jar.isEmpty()) {
            err.println("sandbox: run it from the jar (bin/asm-dr sandbox ...), which the Pulumi CLI runs too");
            return USAGE_ERROR;
        }
        var started = start(paths, callerEnv, project, out, err);
        if (started != 0) {
            return started;
        }
        var server = SandboxServer.Running.read(paths).orElseThrow();
        var dir = paths.project(stack.get());
        // the copy's stack file keeps the salt the CLI wrote into it at the first run (the sandbox's own passphrase)
        var copied = StackFile.location(dir.resolve("project"), stack.get());
        var salt = keptSalt(location.configFileArgument().map(dir.resolve("project")::resolve).orElse(copied.file()));
        delete(dir.resolve("project"));
        var copy = PreviewOffline.project(dir, stack.get(), location, stackFile, jar.get());
        var copyFile = location.configFileArgument().map(copy::resolve).orElseGet(() -> StackFile.location(copy, stack.get()).file());
        salt.ifPresent(s -> append(copyFile, "encryptionsalt: " + s + "\n"));
        var env = environment(callerEnv, paths, server, binaries);
        Files.createDirectories(paths.logs());
        installPlugins(binaries, env, copy, paths, err);
        var select = runPulumi(binaries.pulumi(), copy, env, Duration.ofMinutes(2), paths.logs().resolve(stack.get() + "-setup.log"), null,
                "stack", "select", "--create", stack.get());
        var stackArguments = location.pulumiArguments();
        if (select != 0) {
            err.println("sandbox: `pulumi stack select --create " + stack.get() + "` failed (" + select + "): "
                    + PreviewOffline.lastError(paths.logs().resolve(stack.get() + "-setup.log")));
            return ENVIRONMENT;
        }
        for (var secret : stackFile.secretKeys()) {
            if (secret.startsWith("asm-dr:")) {
                var set = new ArrayList<>(List.of("config", "set", "--secret", secret, "sandbox-placeholder", "--stack", stack.get()));
                set.addAll(stackArguments);
                runPulumi(binaries.pulumi(), copy, env, Duration.ofMinutes(1), paths.logs().resolve(stack.get() + "-setup.log"), null,
                        set.toArray(String[]::new));
            }
        }
        return new Prepared(stack.get(), copy, env, binaries, stackArguments);
    }

    private static int pulumi(String sub, CommandLine cli, List<String> passThrough, SandboxPaths paths, Map<String, String> callerEnv,
                              Path project, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Duration timeout;
        try {
            timeout = cli.duration("--timeout", Duration.ofMinutes(60));
        } catch (IllegalArgumentException e) {
            err.println("sandbox: " + e.getMessage());
            return USAGE_ERROR;
        }
        var down = new HashSet<>(cli.all("--down"));
        for (var region : down) {
            if (!CloudRules.REGIONS.contains(region)) {
                err.println("sandbox: --down " + region + ": not a region id (e.g. cn-beijing)");
                return USAGE_ERROR;
            }
        }
        var prepared = prepare(cli, paths, callerEnv, project, out, err);
        if (prepared instanceof Integer code) {
            return code;
        }
        var p = (Prepared) prepared;
        var args = new ArrayList<>(List.of(sub, "--stack", p.stack()));
        args.addAll(p.stackArguments());
        if (!sub.equals("preview")) {
            args.add("--yes");
        }
        args.addAll(passThrough);
        // the outage is recorded before it starts and taken back whatever happens
        var before = DownRegions.read(paths.down());
        var during = new TreeSet<>(before);
        during.addAll(down);
        if (!down.isEmpty()) {
            DownRegions.write(paths.down(), during);
            out.println("sandbox: regions down for this run: " + String.join(", ", during));
        }
        var log = paths.logs().resolve(p.stack() + "-" + sub + ".log");
        Files.deleteIfExists(log);
        clearStaleLocks(paths, p.stack(), out);
        try {
            out.println("sandbox: pulumi " + String.join(" ", args) + "   (in " + p.dir() + "; output also in " + log + ")");
            out.flush();
            return runPulumi(p.binaries().pulumi(), p.dir(), p.env(), timeout, log, out, args.toArray(String[]::new));
        } finally {
            if (!down.isEmpty()) {
                DownRegions.write(paths.down(), before);
            }
        }
    }

    private static int env(CommandLine cli, SandboxPaths paths, Map<String, String> callerEnv, Path project, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        var prepared = prepare(cli, paths, callerEnv, project, new PrintStream(OutputStream.nullOutputStream()), err);
        if (prepared instanceof Integer code) {
            return code;
        }
        var p = (Prepared) prepared;
        out.println("# the sandbox's environment for stack " + p.stack() + "; then run plain pulumi commands, e.g. pulumi preview");
        out.println("cd " + shellQuote(p.dir().toString()));
        if (!p.stackArguments().isEmpty()) {
            out.println("# this stack's file is not the default one: add " + String.join(" ", p.stackArguments()) + " to pulumi preview/up/refresh/destroy/config");
        }
        var shown = new TreeMap<>(p.env());
        shown.forEach((k, v) -> {
            if (!v.equals(callerEnv.get(k))) {
                out.println("export " + k + "=" + shellQuote(v));
            }
        });
        callerEnv.keySet().stream().filter(k -> !p.env().containsKey(k)).sorted().forEach(k -> out.println("unset " + k));
        return 0;
    }

    /**
     * Removes the sandbox backend's locks of {@code stack} whose process is gone (a run killed by its time limit or
     * a signal leaves its lock behind; the local backend has no {@code pulumi cancel}). A live process's lock stays.
     */
    static void clearStaleLocks(SandboxPaths paths, String stack, PrintStream out) throws IOException {
        var locks = paths.backend().resolve(".pulumi/locks/organization/asm-dr").resolve(stack);
        if (!Files.isDirectory(locks)) {
            return;
        }
        try (var files = Files.list(locks)) {
            for (var lock : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                var pid = new ObjectMapper().readTree(lock.toFile()).path("pid").asLong(-1);
                if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                Files.delete(lock);
                out.println("sandbox: removed the lock of an earlier run of " + stack + " that ended without releasing it (pid " + pid + ")");
            }
        }
    }

    /** The caller's environment stripped of cloud credentials, pointed at the sandbox. */
    static Map<String, String> environment(Map<String, String> caller, SandboxPaths paths, SandboxServer.Running server, PulumiBinaries binaries)
            throws IOException {
        var certificate = new Certificate(server.certificate().resolveSibling("stub.p12"), server.certificate());
        var env = new LinkedHashMap<>(PreviewOffline.environment(caller, paths.root(), certificate, server.endpoint()));
        env.put("PULUMI_BACKEND_URL", paths.backend().toUri().toString());
        Files.createDirectories(paths.backend());
        env.put("PULUMI_HOME", paths.pulumiHome().toString());
        env.put("PULUMI_CONFIG_PASSPHRASE", passphrase(paths));
        env.put("ALICLOUD_ACCESS_KEY", "sandbox-access-key");
        env.put("ALICLOUD_SECRET_KEY", "sandbox-secret-key");
        for (var product : CloudEmulator.ENDPOINT_PRODUCTS) {
            env.put("ALIBABA_CLOUD_ENDPOINT_" + product.toUpperCase(Locale.ROOT), server.endpoint());
        }
        env.put("PATH", binaries.javaHost().getParent() + ":" + binaries.pulumi().getParent() + ":" + caller.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("PULUMI_SKIP_UPDATE_CHECK", "true");
        return env;
    }

    /** The sandbox's own passphrase: made once, random, owner-only; never a key anyone else knows. */
    static String passphrase(SandboxPaths paths) throws IOException {
        var file = paths.passphrase();
        if (Files.isRegularFile(file)) {
            return Files.readString(file).strip();
        }
        Files.createDirectories(file.getParent());
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        var value = HexFormat.of().formatHex(bytes);
        Files.writeString(file, value + "\n", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the folder's own permissions apply
        }
        return value;
    }

    private static void installPlugins(PulumiBinaries binaries, Map<String, String> env, Path dir, SandboxPaths paths, PrintStream err)
            throws IOException, InterruptedException {
        for (var plugin : binaries.installs()) {
            var installed = paths.pulumiHome().resolve("plugins").resolve(plugin[0] + "-" + plugin[1] + "-v" + plugin[2]);
            if (Files.isDirectory(installed)) {
                continue;
            }
            var code = runPulumi(binaries.pulumi(), dir, env, Duration.ofMinutes(5), paths.logs().resolve("plugins.log"), null,
                    "plugin", "install", plugin[0], plugin[1], plugin[2], "--file", plugin[3]);
            if (code != 0) {
                throw new IOException("`pulumi plugin install " + plugin[0] + " " + plugin[1] + " " + plugin[2] + " --file " + plugin[3]
                        + "` failed (" + code + "); see " + paths.logs().resolve("plugins.log"));
            }
        }
    }

    /**
     * Runs the CLI in {@code dir}, bounded by {@code timeout} (then it and its children are killed: exit 3 with a
     * message); its output goes to {@code log} and, when {@code tee} is given, to the user too.
     */
    static int runPulumi(Path pulumi, Path dir, Map<String, String> env, Duration timeout, Path log, PrintStream tee, String... args)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of(pulumi.toString()));
        command.addAll(List.of(args));
        command.add("--non-interactive");
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Files.createDirectories(log.getParent());
        var process = builder.start();
        var copier = new Thread(() -> copy(process.getInputStream(), log, tee), "pulumi-output");
        copier.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            // SIGTERM first: the CLI cancels and releases its lock; then whatever is left is killed
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            copier.join(5000);
            if (tee != null) {
                tee.println("sandbox: `pulumi " + String.join(" ", args) + "` ran past " + timeout.toMinutes() + " min and was stopped (--timeout)");
            }
            return ENVIRONMENT;
        }
        copier.join(10_000);
        return process.exitValue();
    }

    private static void copy(InputStream in, Path log, PrintStream tee) {
        try (in; var file = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            var buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                file.write(buffer, 0, n);
                if (tee != null) {
                    tee.write(buffer, 0, n);
                    tee.flush();
                }
            }
        } catch (IOException ignored) {
            // the process ended or the log cannot be written; the exit code still says how it went
        }
    }

    private static Optional<String> keptSalt(Path stackFile) throws IOException {
        if (!Files.isRegularFile(stackFile)) {
            return Optional.empty();
        }
        return Files.readAllLines(stackFile).stream().filter(l -> l.startsWith("encryptionsalt:"))
                .map(l -> l.substring("encryptionsalt:".length()).strip()).findFirst();
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (var f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static String lastLines(Path log, int n) {
        try {
            var lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static Optional<Path> runningJar() {
        try {
            var location = Path.of(SandboxCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toString().endsWith(".jar") ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
