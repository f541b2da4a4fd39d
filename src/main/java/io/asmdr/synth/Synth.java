package io.asmdr.synth;

import io.asmdr.AsmDr;
import io.asmdr.spec.SpecException;
import io.asmdr.spec.SpecLoader;
import io.asmdr.spec.StackSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    record Options(String stack, Optional<Path> configFile, Optional<Path> out) {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("synth: " + e.getMessage());
            err.println("usage: synth STACK [--config-file FILE] [--out DIR]");
            return USAGE;
        }
        var file = options.configFile().orElseGet(() -> StackFile.locate(options.stack()));
        if (!Files.isRegularFile(file)) {
            err.println("synth: no stack file for '" + options.stack() + "': looked for " + file
                    + (options.configFile().isEmpty() ? " and Pulumi." + options.stack() + ".yaml" : ""));
            return USAGE;
        }
        StackFile stackFile;
        try {
            stackFile = StackFile.read(file);
        } catch (IOException | RuntimeException e) {
            err.println("synth: cannot read " + file + ": " + e.getMessage());
            return USAGE;
        }
        var passwordKey = SpecLoader.NAMESPACE + ":" + SpecLoader.NODE_PASSWORD_KEY;
        if (stackFile.config().containsKey(passwordKey) && !stackFile.secretKeys().contains(passwordKey)) {
            err.println("invalid stack config: " + passwordKey + " is stored in plain text in " + file
                    + ". Fix: remove it from the file and run `pulumi config set --secret " + passwordKey + "`");
            return INVALID;
        }
        StackSpec spec;
        try {
            spec = SpecLoader.load(stackFile.source(SpecLoader.NAMESPACE));
        } catch (SpecException e) {
            err.println(e.getMessage());
            return INVALID;
        }
        var run = InProcessEngine.run(options.stack(), stackFile.config(), stackFile.secretKeys(), false, AsmDr::stack);
        if (!run.succeeded()) {
            err.println("synth: the program failed under the simulated cloud (exit " + run.result().exitCode() + ")");
            run.result().exceptions().forEach(e -> err.println("  " + e));
            run.result().errors().forEach(e -> err.println("  " + e));
            return INVALID;
        }
        var outDir = options.out().orElse(Path.of("target", "synth", options.stack()));
        SynthOutput.Written written;
        try {
            written = SynthOutput.write(outDir, options.stack(), spec, run.plan());
        } catch (IOException e) {
            err.println("synth: cannot write " + outDir + ": " + e.getMessage());
            return INVALID;
        }
        out.print(summary(options.stack(), file, written, spec, run.plan()));
        return OK;
    }

    static Options parse(String[] args) {
        String stack = null;
        Path configFile = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config-file" -> configFile = Path.of(value(args, ++i, "--config-file"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
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
        return new Options(stack, Optional.ofNullable(configFile), Optional.ofNullable(out));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String summary(String stack, Path file, SynthOutput.Written written, StackSpec spec, Plan plan) {
        var byType = new TreeMap<String, Integer>();
        var byPlace = new TreeMap<String, Integer>();
        var places = Placement.of(spec, plan);
        for (var r : plan.resources()) {
            byType.merge(r.type(), 1, Integer::sum);
            places.placeOf(r).ifPresent(p -> byPlace.merge(p, 1, Integer::sum));
        }
        var sb = new StringBuilder();
        sb.append("asm-dr synth ").append(stack).append(" (").append(file).append("): ")
                .append(plan.resources().size()).append(" resources, ").append(plan.invokes().size()).append(" invokes, simulated cloud\n");
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
            plan.clusterByKubernetesProvider().forEach((urn, cluster) ->
                    spec.regionOfCluster(cluster).ifPresent(r -> map.put(urn, r.region())));
            return new Placement(map);
        }

        Optional<String> placeOf(PlannedResource r) {
            return Optional.ofNullable(regionByProvider.get(r.providerUrn()));
        }
    }

}
