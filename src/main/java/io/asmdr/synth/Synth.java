package io.asmdr.synth;

import com.pulumi.exceptions.RunException;
import io.asmdr.config.StackSpec;
import io.asmdr.configreader.ProjectFile;
import io.asmdr.configreader.StackFile;
import io.asmdr.engine.CloudFacts;
import io.asmdr.engine.InProcessEngine;
import io.asmdr.reference.ReferenceData;
import io.asmdr.plan.Plan;
import io.asmdr.plan.PlannedResource;
import io.asmdr.validation.CloudRules;
import io.asmdr.validation.SpecException;
import io.asmdr.validation.VersionLifecycle;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code synth STACK}: the real program, run offline against {@link SimulatedCloud}, written out as
 * a preview-shaped plan. Validation runs first; an invalid stack writes nothing.
 */
public final class Synth {
    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;

    private Synth() {}

    /**
     * @param strict refuse the catalogue questions the cloud-facts data cannot answer (a region's
     *               transit-router zones, an ACK version) instead of answering them from the stack;
     *               by default synth is a plan viewer and prints and records each such answer
     */
    record Options(String stack, Optional<Path> configFile, Optional<Path> out, boolean preview, boolean strict) {}

    public static final String USAGE_LINE = "usage: synth STACK [--out DIR] [--preview] [--strict] [--config-file FILE]";

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("synth: " + e.getMessage());
            err.println(USAGE_LINE);
            return USAGE;
        }
        try {
            return synthesize(options, out, err);
        } catch (RuntimeException unexpected) {
            // a safety net, not a code path: every expected failure above has its own message
            err.println("synth: internal error (" + unexpected.getClass().getSimpleName() + "): " + unexpected.getMessage()
                    + "; nothing was written. Please report it with the stack file.");
            return INVALID;
        }
    }

    private static int synthesize(Options options, PrintStream out, PrintStream err) {
        StackFile stackFile;
        StackSpec spec;
        Path file;
        try {
            file = StackFile.resolve(options.stack(), options.configFile());
        } catch (StackFile.MissingException e) {
            err.println("synth: " + e.getMessage());
            return USAGE;
        } catch (StackFile.UnreadableException e) {
            err.println("invalid stack file: " + e.getMessage());
            return INVALID;
        }
        try {
            stackFile = StackFile.read(file);
            spec = stackFile.spec();
        } catch (StackFile.UnreadableException e) {
            err.println("invalid stack file: " + e.getMessage());
            return INVALID;
        } catch (SpecException e) {
            err.println(e.getMessage());
            return INVALID;
        }
        var facts = options.strict() ? CloudFacts.PUBLISHED : CloudFacts.PUBLISHED.answering(spec);
        var run = InProcessEngine.runProgram(options.stack(), stackFile.config(), stackFile.secretKeys(), options.preview(), facts);
        if (!run.succeeded()) {
            var refused = refusal(run);
            if (refused.isPresent()) {
                // a rule only the cloud decides (zones, versions), or a question the simulation cannot
                // answer: one message, as a real preview prints it, and nothing written
                err.println(refused.get().getMessage());
                return INVALID;
            }
            err.println("synth: the program failed under the simulated cloud (exit " + run.result().exitCode() + ")");
            run.result().exceptions().forEach(e -> err.println("  " + e.getMessage()));
            run.result().errors().forEach(e -> err.println("  " + e));
            return INVALID;
        }
        var outDir = options.out().orElse(ProjectFile.root().resolve(Path.of("target", "synth", options.stack() + (options.preview() ? "-preview" : ""))));
        SynthOutput.Written written;
        try {
            written = SynthOutput.write(outDir, options.stack(), spec, run.plan(), facts.assumptions());
        } catch (IOException e) {
            err.println("synth: cannot write " + outDir + ": " + e.getMessage());
            return INVALID;
        }
        out.print(summary(options.stack(), stackFile.path(), written, spec, run.plan(), options.preview()));
        facts.assumptions().forEach(a -> out.println("assumed, not checked (no published answer; --strict refuses): " + a));
        VersionLifecycle.warnings(spec, VersionLifecycle.tables(ReferenceData.read(VersionLifecycle.KUBERNETES_FILE),
                        ReferenceData.read(VersionLifecycle.ISTIO_FILE)), LocalDate.now(ZoneOffset.UTC))
                .forEach(w -> err.println("warning: " + w));
        return OK;
    }

    /** The refusal with a message (a RunException: a stack problem, or the simulation's stated limit), however wrapped. */
    private static Optional<RunException> refusal(InProcessEngine.Run run) {
        for (Throwable e : run.result().exceptions()) {
            for (var t = e; t != null; t = t.getCause()) {
                if (t instanceof RunException refusal) {
                    return Optional.of(refusal);
                }
            }
        }
        return Optional.empty();
    }

    static Options parse(String[] args) {
        String stack = null;
        Path configFile = null;
        Path out = null;
        boolean preview = false;
        boolean strict = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config-file" -> configFile = Path.of(value(args, ++i, "--config-file"));
                case "--out" -> {
                    var dir = value(args, ++i, "--out");
                    if (dir.isBlank()) {
                        throw new IllegalArgumentException("--out needs a folder; an empty one would mean the working folder");
                    }
                    out = Path.of(dir);
                }
                case "--preview" -> preview = true;
                case "--strict" -> strict = true;
                case "--assume-unlisted" -> { } // the default since assumptions are recorded; accepted for existing scripts
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    if (stack != null) {
                        throw new IllegalArgumentException("one stack at a time, got " + stack + " and " + args[i]);
                    }
                    stack = args[i];
                }
            }
        }
        if (stack == null) {
            throw new IllegalArgumentException("name the stack to synthesize, e.g. dev");
        }
        if (stack.chars().allMatch(c -> c == '.')) {
            throw new IllegalArgumentException("the stack name '" + stack + "' is a path, not a name: it would put the output beside the project's own folders");
        }
        var bad = CloudRules.STACK_NAME.violation(stack);
        if (bad.isPresent()) {
            throw new IllegalArgumentException("the stack name '" + stack + "' " + bad.get() + " (" + CloudRules.STACK_NAME.source() + ")");
        }
        return new Options(stack, Optional.ofNullable(configFile), Optional.ofNullable(out), preview, strict);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String summary(String stack, Path file, SynthOutput.Written written, StackSpec spec, Plan plan, boolean preview) {
        var byType = new TreeMap<String, Integer>();
        var byPlace = new TreeMap<String, Integer>();
        var places = Placement.of(spec, plan);
        for (var r : plan.resources()) {
            byType.merge(r.type(), 1, Integer::sum);
            places.placeOf(r).ifPresent(p -> byPlace.merge(p, 1, Integer::sum));
        }
        var sb = new StringBuilder();
        sb.append("asm-dr synth ").append(stack).append(" (").append(file).append("): ")
                .append(plan.resources().size()).append(" resources, ").append(plan.invokes().size())
                .append(preview ? " invokes run, as a first `pulumi preview` (ids and computed outputs unknown)\n" : " invokes, simulated cloud\n");
        sb.append("\nby type\n");
        byType.forEach((t, n) -> sb.append(String.format("  %4d  %s%n", n, t)));
        sb.append("\nby region (cloud resources by provider region, Kubernetes objects by their cluster's region)\n");
        byPlace.forEach((p, n) -> sb.append(String.format("  %4d  %s%n", n, p)));
        sb.append("\nwrote ").append(written).append('\n');
        return sb.toString();
    }

    /** Maps each resource to the region it lands in, through the provider it uses. */
    record Placement(Map<String, String> regionByProvider) {
        static Placement of(StackSpec spec, Plan plan) {
            var map = new TreeMap<String, String>();
            for (var p : plan.ofType("pulumi:providers:alicloud")) {
                map.put(p.urn(), String.valueOf(p.input("region")));
            }
            map.putAll(plan.regionByKubernetesProvider());
            return new Placement(map);
        }

        Optional<String> placeOf(PlannedResource r) {
            return Optional.ofNullable(regionByProvider.get(r.providerUrn()));
        }
    }

}
