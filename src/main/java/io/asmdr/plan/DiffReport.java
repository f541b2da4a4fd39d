package io.asmdr.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The PR comment: blocking findings first, then counts per operation and environment, traffic
 * shares where they move, and a collapsible section per resource type. The same content goes to
 * {@code --json} for machines.
 */
public final class DiffReport {
    /** The comment marker CI looks for to update its one comment instead of adding another. */
    public static final String MARKER = "<!-- asm-dr-plan-diff -->";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private DiffReport() {}

    /** One predicted share that moves: in {@code scenario}, {@code region}'s share of pages before and after. */
    public record TrafficShift(String scenario, String region, Optional<Double> before, Optional<Double> after) {}

    /** One environment (stack) of the comparison. */
    public record Environment(String name, List<Change> changes, List<TrafficShift> traffic) {
        public Map<Change.Op, Integer> counts() {
            var out = new EnumMap<Change.Op, Integer>(Change.Op.class);
            for (var op : Change.Op.values()) {
                out.put(op, 0);
            }
            changes.forEach(c -> out.merge(c.op(), 1, Integer::sum));
            return out;
        }
    }

    /** The shares that differ between two {@code traffic.json} files. */
    public static List<TrafficShift> trafficShifts(Map<String, Map<String, Double>> before, Map<String, Map<String, Double>> after) {
        var out = new ArrayList<TrafficShift>();
        var scenarios = new LinkedHashSet<String>(before.keySet());
        scenarios.addAll(after.keySet());
        for (var scenario : scenarios) {
            var b = before.getOrDefault(scenario, Map.of());
            var a = after.getOrDefault(scenario, Map.of());
            var regions = new TreeSet<String>(b.keySet());
            regions.addAll(a.keySet());
            for (var region : regions) {
                var x = Optional.ofNullable(b.get(region));
                var y = Optional.ofNullable(a.get(region));
                if (x.isEmpty() || y.isEmpty() || Math.abs(x.get() - y.get()) > 1e-9) {
                    out.add(new TrafficShift(scenario, region, x, y));
                }
            }
        }
        return out;
    }

    public static String markdown(List<Environment> environments, List<Guard.Finding> findings) {
        return markdown(environments, findings, Set.of());
    }

    /**
     * The PR comment: findings first (an allowed one names the label that allowed it; a blocking one the label that
     * would), then the allowances given and what each matched, then the counts, traffic moves and changes.
     */
    public static String markdown(List<Environment> environments, List<Guard.Finding> findings, Set<Allowance> allowances) {
        var sb = new StringBuilder(MARKER).append("\n## asm-dr: what this change does\n\n");
        var blockingFindings = findings.stream().filter(Guard.Finding::blocks).toList();
        long blocking = blockingFindings.size();
        if (blocking > 0) {
            sb.append("**").append(blocking).append(" blocking finding").append(blocking == 1 ? "" : "s")
                    .append("**: this change should not be applied as it is. Fix it, or, once reviewed, acknowledge each finding with the label"
                            + " that names its rule and resource: ")
                    .append(String.join(", ", new TreeSet<>(blockingFindings.stream().map(f -> "`" + Allowance.labelFor(f) + "`").toList())))
                    .append(" (`--allow RULE:RESOURCE` on the command line).\n\n");
        } else {
            sb.append("No blocking findings.\n\n");
        }
        if (!allowances.isEmpty()) {
            sb.append("Allowed by labels:\n\n");
            for (var a : new TreeSet<>(allowances.stream().map(Allowance::label).toList())) {
                var allowance = Allowance.parse(a.substring(Allowance.LABEL_PREFIX.length()));
                var matched = findings.stream().filter(allowance::covers).map(f -> "`" + Urns.name(f.urn()) + "`").distinct().toList();
                sb.append("- `").append(a).append("`: ").append(matched.isEmpty() ? "matches no finding of this change"
                        : "allows `" + allowance.rule() + "` on " + String.join(", ", matched)).append('\n');
            }
            sb.append('\n');
        }
        if (!findings.isEmpty()) {
            sb.append("| | rule | resource | what happens | fix |\n|---|---|---|---|---|\n");
            for (var f : findings) {
                var by = allowances.stream().filter(a -> a.covers(f)).map(a -> "`" + a.label() + "`").toList();
                sb.append("| ").append(f.allowed() ? "allowed by " + String.join(", ", by) : f.severity() == Guard.Severity.BLOCKING ? "**blocking**" : "warning")
                        .append(" | `").append(f.rule()).append("` | `").append(Urns.name(f.urn())).append("` | ")
                        .append(cell(f.message())).append(" | ").append(cell(f.fix())).append(" |\n");
            }
            sb.append('\n');
        }
        sb.append("| environment | create | update | replace | delete | unknown (needs a real preview) | same |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (var env : environments) {
            var c = env.counts();
            sb.append("| ").append(env.name()).append(" | ").append(c.get(Change.Op.CREATE)).append(" | ").append(c.get(Change.Op.UPDATE))
                    .append(" | ").append(c.get(Change.Op.REPLACE)).append(" | ").append(c.get(Change.Op.DELETE))
                    .append(" | ").append(c.get(Change.Op.UNKNOWN)).append(" | ").append(c.get(Change.Op.SAME)).append(" |\n");
        }
        for (var env : environments) {
            if (!env.traffic().isEmpty()) {
                sb.append("\n### Expected traffic moves in ").append(env.name()).append("\n\n| scenario | region | before | after |\n|---|---|---:|---:|\n");
                for (var t : env.traffic()) {
                    sb.append("| ").append(t.scenario()).append(" | ").append(t.region()).append(" | ").append(pct(t.before()))
                            .append(" | ").append(pct(t.after())).append(" |\n");
                }
            }
        }
        for (var env : environments) {
            var byType = new TreeMap<String, List<Change>>();
            env.changes().forEach(c -> byType.computeIfAbsent(c.type(), k -> new ArrayList<>()).add(c));
            var moving = byType.values().stream().anyMatch(l -> l.stream().anyMatch(c -> c.op() != Change.Op.SAME));
            sb.append("\n### ").append(env.name()).append(moving ? "" : ": nothing changes").append('\n');
            for (var e : byType.entrySet()) {
                var changes = e.getValue().stream().filter(c -> c.op() != Change.Op.SAME).toList();
                if (changes.isEmpty()) {
                    continue;
                }
                var counts = new TreeMap<String, Integer>();
                e.getValue().forEach(c -> counts.merge(c.op().label(), 1, Integer::sum));
                sb.append("\n<details><summary><code>").append(e.getKey()).append("</code>: ");
                sb.append(String.join(", ", counts.entrySet().stream().map(x -> x.getValue() + " " + x.getKey()).toList()));
                sb.append("</summary>\n\n| resource | op | changed | forces replacement |\n|---|---|---|---|\n");
                for (var c : changes) {
                    sb.append("| `").append(c.name()).append("` | ").append(c.op().label()).append(" | ")
                            .append(c.changed().isEmpty() ? "" : "`" + String.join("`, `", c.changed()) + "`")
                            .append(c.unknown().isEmpty() ? "" : " unknown offline: `" + String.join("`, `", c.unknown()) + "`").append(" | ")
                            .append(c.replaceReasons().isEmpty() ? "" : "`" + String.join("`, `", c.replaceReasons()) + "`")
                            .append(c.cause().map(u -> " (cascade from `" + Urns.name(u) + "`)").orElse("")).append(" |\n");
                }
                sb.append("\n</details>\n");
            }
        }
        return sb.toString();
    }

    public static String json(List<Environment> environments, List<Guard.Finding> findings, Set<Allowance> allowances) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("blocking", findings.stream().filter(Guard.Finding::blocks).count());
        doc.put("allowances", allowances.stream().map(a -> Map.of("label", a.label(), "rule", a.rule(), "resources", new TreeSet<>(a.resources()),
                "matched", findings.stream().filter(a::covers).map(Guard.Finding::urn).distinct().toList())).toList());
        doc.put("findings", findings.stream().map(f -> Map.of("rule", f.rule(), "severity", f.severity().name().toLowerCase(Locale.ROOT),
                "urn", f.urn(), "message", f.message(), "fix", f.fix(), "allowed", f.allowed())).toList());
        var envs = new ArrayList<Map<String, Object>>();
        for (var env : environments) {
            var e = new LinkedHashMap<String, Object>();
            e.put("name", env.name());
            var counts = new TreeMap<String, Integer>();
            env.counts().forEach((op, n) -> counts.put(op.label(), n));
            e.put("counts", counts);
            e.put("changes", env.changes().stream().map(c -> {
                var m = new LinkedHashMap<String, Object>();
                m.put("urn", c.urn());
                m.put("type", c.type());
                m.put("op", c.op().label());
                m.put("changed", c.changed());
                m.put("replaceReasons", c.replaceReasons());
                if (!c.unknown().isEmpty()) {
                    m.put("unknown", c.unknown());
                }
                c.cause().ifPresent(u -> m.put("cause", u));
                return m;
            }).toList());
            e.put("traffic", env.traffic().stream().map(t -> {
                var m = new LinkedHashMap<String, Object>();
                m.put("scenario", t.scenario());
                m.put("region", t.region());
                t.before().ifPresent(v -> m.put("before", v));
                t.after().ifPresent(v -> m.put("after", v));
                return m;
            }).toList());
            envs.add(e);
        }
        doc.put("environments", envs);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot render the diff", e);
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String pct(Optional<Double> share) {
        return share.map(v -> String.format(Locale.ROOT, "%.1f%%", v * 100)).orElse("—");
    }
}
