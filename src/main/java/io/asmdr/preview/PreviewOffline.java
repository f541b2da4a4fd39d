package io.asmdr.preview;

import io.asmdr.loopback.Certificate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.asmdr.cli.CommandLine;
import io.asmdr.configreader.ProjectFile;
import io.asmdr.configreader.StackFile;
import io.asmdr.engine.CloudFacts;
import io.asmdr.plan.PlanCommands;
import io.asmdr.validation.CloudRules;
import io.asmdr.validation.SpecException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code preview-offline STACK}: the user's real {@code pulumi preview --json} (the CLI on PATH, the
 * real engine and providers) with no cloud: fake credentials, a throw-away local backend and
 * {@link AlibabaStub} answering the three read APIs a preview calls from the cloud facts (with the
 * same assumption rules as synth). It writes {@code preview.json} and runs {@code guard} on it, so a
 * pull request without cloud secrets (from a fork) still gets the real engine's verdict.
 *
 * <p>The stack runs in a copy of the project: its stack file without the encryption salt and with
 * placeholder secrets (a fork cannot know the team's passphrase, and the preview only needs to know a
 * secret is set). The environment loses every Alibaba Cloud credential variable it had, so nothing
 * can reach the real cloud by accident; the provider's endpoints point at the stub
 * ({@code ALIBABA_CLOUD_ENDPOINT_*}, read first by terraform-provider-alicloud connectivity/endpoint.go).
 *
 * <p>Exit codes: guard's (0 cleared, 1 blocked), 1 for an invalid stack, 2 usage, 3 environment
 * (no CLI, the preview did not finish).
 */
public final class PreviewOffline {
    public static final int INVALID = 1;
    public static final int USAGE_ERROR = 2;
    public static final int ENVIRONMENT = 3;
    public static final String USAGE = """
            usage: preview-offline STACK [--out DIR] [--allow RULE:RESOURCE]... [--strict] [--timeout 10m]
              runs the real `pulumi preview --json` of STACK (the pulumi CLI on PATH) with fake credentials, a throw-away
              local backend and a loopback stub of the Alibaba APIs a preview reads, then `guard` on it.
              Writes DIR/preview.json, preview.err, stub-requests.jsonl, guard.json (default target/preview-offline/STACK).""";
    static final String PASSPHRASE = "asm-dr-offline";
    static final String PLACEHOLDER_SECRET = "offline-placeholder";
    private static final Set<String> CREDENTIAL_PREFIXES = Set.of("ALICLOUD_", "ALIBABA_CLOUD_", "ALIBABACLOUD_");

    private PreviewOffline() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        CommandLine cli;
        Duration timeout;
        String stack;
        try {
            cli = new CommandLine(args, Set.of("--out", "--allow", "--timeout"), Set.of("--strict"));
            if (cli.positionals().size() != 1) {
                throw new IllegalArgumentException("name one stack, e.g. dev");
            }
            stack = cli.positionals().get(0);
            var bad = CloudRules.STACK_NAME.violation(stack);
            if (bad.isPresent() || stack.equals(".") || stack.equals("..")) {
                throw new IllegalArgumentException("the stack name '" + stack + "' " + bad.orElse("is not a stack name"));
            }
            timeout = cli.duration("--timeout", Duration.ofMinutes(10));
        } catch (IllegalArgumentException e) {
            err.println("preview-offline: " + e.getMessage());
            err.println(USAGE);
            return USAGE_ERROR;
        }
        StackFile stackFile;
        StackFile.Location location;
        CloudFacts facts;
        try {
            location = StackFile.existing(ProjectFile.root(), stack);
            stackFile = StackFile.read(location.file());
            var spec = stackFile.spec();
            facts = cli.flag("--strict") ? CloudFacts.PUBLISHED : CloudFacts.PUBLISHED.answering(spec);
        } catch (StackFile.MissingException | StackFile.UnreadableException e) {
            err.println("preview-offline: " + e.getMessage());
            return INVALID;
        } catch (SpecException e) {
            err.println(e.getMessage());
            return INVALID;
        }
        var pulumi = onPath("pulumi", environment);
        if (pulumi.isEmpty()) {
            err.println("preview-offline: no pulumi CLI on PATH; install it (pulumi.com/docs/install) or build it with tools/pulumi-cli.sh");
            return ENVIRONMENT;
        }
        var jar = runningJar();
        if (jar.isEmpty()) {
            err.println("preview-offline: run it from the jar (bin/asm-dr preview-offline " + stack + "), which the Pulumi CLI runs too");
            return USAGE_ERROR;
        }
        var outDir = cli.value("--out").map(Path::of).orElse(ProjectFile.root().resolve("target/preview-offline/" + stack));
        Path work = null;
        try {
            Files.createDirectories(outDir);
            work = Files.createTempDirectory("asm-dr-preview-offline-");
            var project = project(work, stack, location, stackFile, jar.get());
            var certificate = Certificate.make(work);
            facts.assumptions().forEach(a -> out.println("assumed, not checked (no published answer; --strict refuses): " + a));
            try (var stub = AlibabaStub.start(certificate, facts, outDir.resolve("stub-requests.jsonl"))) {
                var env = environment(environment, work, certificate, stub.endpoint());
                var init = pulumi(pulumi.get(), project, env, Duration.ofMinutes(2), outDir.resolve("stack-init.log"), null,
                        "stack", "init", stack);
                if (init != 0) {
                    err.println("preview-offline: `pulumi stack init " + stack + "` failed (" + init + "); see " + outDir.resolve("stack-init.log"));
                    return ENVIRONMENT;
                }
                for (var secret : stackFile.secretKeys()) {
                    if (secret.startsWith("asm-dr:")) {
                        pulumi(pulumi.get(), project, env, Duration.ofMinutes(1), outDir.resolve("stack-init.log"), null,
                                with(location, "config", "set", "--secret", secret, PLACEHOLDER_SECRET, "--stack", stack));
                    }
                }
                var preview = outDir.resolve("preview.json");
                var code = pulumi(pulumi.get(), project, env, timeout, outDir.resolve("preview.err"), preview,
                        with(location, "preview", "--stack", stack, "--json"));
                if (code != 0) {
                    if (!wroteAPreview(preview)) {
                        // no JSON at all: the engine did not get as far as a preview (a plugin that cannot be had, a crash)
                        err.println("preview-offline: `pulumi preview` exited " + code + " without a preview: " + lastError(outDir.resolve("preview.err"))
                                + " (all of it in " + outDir.resolve("preview.err") + ")");
                        return ENVIRONMENT;
                    }
                    err.println("preview-offline: `pulumi preview` exited " + code + "; its errors are in " + outDir.resolve("preview.err")
                            + " and guard judges what it wrote");
                }
                var guard = new ArrayList<>(List.of(preview.toString(), "--json", outDir.resolve("guard.json").toString()));
                cli.all("--allow").forEach(a -> guard.addAll(List.of("--allow", a)));
                return PlanCommands.guard(guard.toArray(String[]::new), out, err);
            }
        } catch (IOException e) {
            err.println("preview-offline: " + e.getMessage());
            return ENVIRONMENT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("preview-offline: interrupted");
            return ENVIRONMENT;
        } finally {
            delete(work);
        }
    }

    /** {@code args} and the stack's {@code --config-file} argument, if it needs one. */
    private static String[] with(StackFile.Location location, String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(location.pulumiArguments());
        return all.toArray(String[]::new);
    }

    /**
     * A copy of the project the CLI can run in: Pulumi.yaml, the jar it names, and the stack's file
     * where the project keeps it (so the CLI is called with the same --config-file as in the project),
     * without its salt and secrets (written as YAML from the values the CLI would hand the program).
     * {@code pulumi stack init} then writes its own salt, as it does for a user.
     */
    public static Path project(Path work, String stack, StackFile.Location location, StackFile stackFile, Path jar) throws IOException {
        var project = work.resolve("project");
        Files.createDirectories(project.resolve("target"));
        Files.copy(ProjectFile.root().resolve(ProjectFile.NAME), project.resolve(ProjectFile.NAME));
        Files.createSymbolicLink(project.resolve("target/asm-dr.jar"), jar.toAbsolutePath());
        var json = new ObjectMapper();
        var config = new TreeMap<String, Object>();
        for (var entry : stackFile.config().entrySet()) {
            if (stackFile.secretKeys().contains(entry.getKey())) {
                continue;
            }
            var raw = entry.getValue();
            Object value = raw;
            if (raw.startsWith("{") || raw.startsWith("[")) {
                value = json.readValue(raw, Object.class);
            }
            config.put(entry.getKey(), value);
        }
        var file = location.configFileArgument().map(project::resolve).orElseGet(() -> ProjectFile.in(project).stackFile(stack));
        Files.createDirectories(file.getParent());
        var yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        Files.writeString(file, yaml.writeValueAsString(Map.of("config", config)));
        return project;
    }

    /** The caller's environment with no Alibaba Cloud credential, plus the stub's endpoints and a throw-away backend. */
    public static Map<String, String> environment(Map<String, String> caller, Path work, Certificate certificate, String endpoint) {
        var env = new LinkedHashMap<String, String>();
        caller.forEach((k, v) -> {
            if (CREDENTIAL_PREFIXES.stream().noneMatch(k::startsWith) && !k.startsWith("PULUMI_")) {
                env.put(k, v);
            }
        });
        if (caller.containsKey("PULUMI_HOME")) {
            env.put("PULUMI_HOME", caller.get("PULUMI_HOME")); // the plugin cache
        }
        env.put("PULUMI_BACKEND_URL", work.resolve("state").toUri().toString());
        env.put("PULUMI_CONFIG_PASSPHRASE", PASSPHRASE);
        env.put("PULUMI_SKIP_UPDATE_CHECK", "true");
        env.put("ALICLOUD_ACCESS_KEY", "offline-fake-key");
        env.put("ALICLOUD_SECRET_KEY", "offline-fake-secret");
        env.put("ALIBABA_CLOUD_ACCOUNT_TYPE", "Domestic"); // skips the account-type lookup (BssOpenApi)
        env.put("SSL_CERT_FILE", certificate.pem().toString());
        for (var product : List.of("CBN", "SERVICEMESH", "CS")) {
            env.put("ALIBABA_CLOUD_ENDPOINT_" + product, endpoint);
        }
        return env;
    }

    private static int pulumi(Path pulumi, Path project, Map<String, String> env, Duration timeout, Path errors, Path stdout,
                              String... args) throws IOException, InterruptedException {
        Files.createDirectories(Path.of(URI.create(env.get("PULUMI_BACKEND_URL"))));
        var command = new ArrayList<String>(List.of(pulumi.toString()));
        command.addAll(List.of(args));
        command.add("--non-interactive");
        var builder = new ProcessBuilder(command).directory(project.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
        builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.appendTo(errors.toFile()) : ProcessBuilder.Redirect.to(stdout.toFile()));
        var process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IOException("`pulumi " + String.join(" ", args) + "` ran past " + timeout.toSeconds() + " s and was stopped");
        }
        return process.exitValue();
    }

    private static boolean wroteAPreview(Path preview) {
        try {
            return Files.size(preview) > 0 && new ObjectMapper().readTree(preview.toFile()).path("steps").isArray();
        } catch (IOException e) {
            return false;
        }
    }

    /** The last line of the CLI's stderr that says error, or its last line. */
    public static String lastError(Path errors) {
        try {
            var lines = Files.readAllLines(errors).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
            var error = lines.stream().filter(l -> l.startsWith("error:")).reduce((a, b) -> b);
            return error.orElse(lines.isEmpty() ? "(it printed nothing)" : lines.get(lines.size() - 1));
        } catch (IOException e) {
            return "(its errors could not be read: " + e.getMessage() + ")";
        }
    }

    public static Optional<Path> onPath(String name, Map<String, String> environment) {
        var path = environment.getOrDefault("PATH", "");
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    private static Optional<Path> runningJar() {
        try {
            var location = Path.of(PreviewOffline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (location.toString().endsWith(".jar")) {
                return Optional.of(location);
            }
            // run from classes (the tests): the jar the project builds, which Pulumi.yaml runs too
            var built = ProjectFile.root().resolve("target/asm-dr.jar");
            return Files.isRegularFile(built) ? Optional.of(built.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless; the result is already written
        }
    }
}
