package io.asmdr.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.cli.CommandLine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code diff BASE HEAD} and {@code guard PREVIEW_JSON}: what a change does, and whether it should
 * be stopped. Exit 0 when nothing blocks, 1 when a blocking rule fires (not acknowledged with
 * {@code --allow RULE:RESOURCE}), 2 for usage or unreadable input, 3 when a preview did not finish (guard).
 */
public final class PlanCommands {
    public static final int OK = 0;
    public static final int BLOCKED = 1;
    public static final int USAGE = 2;
    /** The input is not a finished preview (an error, no summary, steps missing): nothing can be judged. */
    public static final int ENVIRONMENT = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DIFF_USAGE = "usage: diff BASE HEAD [--json FILE] [--allow RULE:RESOURCE[,RESOURCE]]...   (BASE, HEAD: a synth output folder, a folder of them, or a plan.json)";
    public static final String GUARD_USAGE = "usage: guard PREVIEW_JSON [--json FILE] [--allow RULE:RESOURCE[,RESOURCE]]...   (the output of `pulumi preview --json`)";

    private PlanCommands() {}

    public static int diff(String[] args, PrintStream out, PrintStream err) {
        try {
            var cli = new CommandLine(args, Set.of("--json", "--allow"), Set.of());
            if (cli.positionals().size() != 2) {
                throw new IllegalArgumentException("give BASE and HEAD");
            }
            var allowed = allowed(cli);
            var base = Path.of(cli.positionals().get(0));
            var head = Path.of(cli.positionals().get(1));
            var environments = environments(base, head);
            var findings = new ArrayList<Guard.Finding>();
            // each environment is judged with what its head's plan says of the stack (the regions marked unavailable)
            environments.forEach(e -> findings.addAll(Guard.check(e.changes(), allowed, headFacts(base, head, e.name()))));
            return report(environments, findings, allowed, cli, out);
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            err.println("diff: " + e.getMessage());
            err.println(DIFF_USAGE);
            return USAGE;
        }
    }

    public static int guard(String[] args, PrintStream out, PrintStream err) {
        try {
            var cli = new CommandLine(args, Set.of("--json", "--allow"), Set.of());
            if (cli.positionals().size() != 1) {
                throw new IllegalArgumentException("give the file `pulumi preview --json` wrote");
            }
            var file = Path.of(cli.positionals().get(0));
            PreviewChanges.Preview preview;
            try {
                preview = PreviewChanges.readPreview(file);
            } catch (PreviewChanges.Failed failed) {
                err.println("guard: " + failed.getMessage());
                err.println("guard: a preview that did not finish is never cleared; fix what it reports and run the preview again");
                return ENVIRONMENT;
            }
            var environment = new DiffReport.Environment(file.getFileName().toString().replaceFirst("\\.json$", ""), preview.changes(), List.of());
            var allowed = allowed(cli);
            return report(List.of(environment), Guard.check(preview.changes(), allowed, preview.facts()), allowed, cli, out);
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            err.println("guard: " + e.getMessage());
            err.println(GUARD_USAGE);
            return USAGE;
        }
    }

    private static Set<Allowance> allowed(CommandLine cli) {
        return Allowance.parseAll(cli.all("--allow"));
    }

    private static int report(List<DiffReport.Environment> environments, List<Guard.Finding> findings, Set<Allowance> allowed,
                              CommandLine cli, PrintStream out) throws IOException {
        var json = cli.value("--json");
        if (json.isPresent()) {
            var file = Path.of(json.get()).toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, DiffReport.json(environments, findings, allowed));
        }
        out.print(DiffReport.markdown(environments, findings, allowed));
        return findings.stream().anyMatch(Guard.Finding::blocks) ? BLOCKED : OK;
    }

    /** One environment per plan pair: two plans, or the same-named stack folders of two folders of synth outputs. */
    static List<DiffReport.Environment> environments(Path base, Path head) throws IOException {
        for (var p : List.of(base, head)) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(p + " does not exist");
            }
        }
        if (isPlan(base) && isPlan(head)) {
            return List.of(environment(name(head), base, head));
        }
        if (isPlan(base) || isPlan(head)) {
            throw new IllegalArgumentException("compare a plan with a plan, or a folder of synth outputs with another");
        }
        var names = new TreeSet<String>();
        names.addAll(stacksIn(base));
        names.addAll(stacksIn(head));
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no plan.json in " + base + " or " + head + " (nor in their subfolders)");
        }
        var out = new ArrayList<DiffReport.Environment>();
        for (var name : names) {
            out.add(environment(name, base.resolve(name), head.resolve(name)));
        }
        return out;
    }

    private static DiffReport.Environment environment(String name, Path base, Path head) throws IOException {
        var before = isPlan(base) ? PlanFile.read(base) : new Plan(List.of(), List.of()); // a new environment: everything is created
        var after = isPlan(head) ? PlanFile.read(head) : new Plan(List.of(), List.of());
        var changes = PlanDiff.between(before, after, ReplacementFacts.shipped());
        var traffic = List.<DiffReport.TrafficShift>of();
        var beforeTraffic = base.resolve("traffic.json");
        var afterTraffic = head.resolve("traffic.json");
        if (Files.isRegularFile(beforeTraffic) && Files.isRegularFile(afterTraffic)) {
            var shape = new TypeReference<Map<String, Map<String, Double>>>() {};
            traffic = DiffReport.trafficShifts(readTraffic(beforeTraffic, shape), readTraffic(afterTraffic, shape));
        }
        return new DiffReport.Environment(name, changes, traffic);
    }

    /** What the head plan of environment {@code name} states of its stack beyond its steps (its {@code config}). */
    private static Guard.StackFacts headFacts(Path base, Path head, String name) {
        var plan = isPlan(base) && isPlan(head) ? head : head.resolve(name);
        var file = Files.isDirectory(plan) ? plan.resolve("plan.json") : plan;
        if (!Files.isRegularFile(file)) {
            return Guard.StackFacts.NONE; // the environment is gone in the head
        }
        try {
            var root = JsonDocuments.read(file);
            return root == null ? Guard.StackFacts.NONE : new Guard.StackFacts(List.of(), Map.of(), PreviewChanges.unavailableRegions(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Map<String, Double>> readTraffic(Path file, TypeReference<Map<String, Map<String, Double>>> shape) throws IOException {
        try {
            return JSON.readValue(file.toFile(), shape);
        } catch (IOException e) {
            throw new IOException(file + " is not the traffic.json synth writes (" + e.getMessage().lines().findFirst().orElse("unreadable") + ")");
        }
    }

    private static boolean isPlan(Path p) {
        return Files.isRegularFile(p) || Files.isRegularFile(p.resolve("plan.json"));
    }

    private static String name(Path p) {
        var target = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
        return target.getFileName().toString();
    }

    private static List<String> stacksIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var list = Files.list(folder)) {
            return list.filter(d -> Files.isRegularFile(d.resolve("plan.json"))).map(d -> d.getFileName().toString()).sorted().toList();
        }
    }
}
