package io.asmdr.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.asmdr.config.ControlPlane;
import io.asmdr.config.StackSpec;
import io.asmdr.engine.CloudFacts;
import io.asmdr.plan.Guard;
import io.asmdr.plan.Plan;
import io.asmdr.plan.PlannedResource;
import io.asmdr.recovery.RecoveryTable;
import io.asmdr.trafficmodel.TrafficReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one synth run: {@code plan.json}, every planned Kubernetes object as YAML under
 * {@code manifests/<target>/} (target = the cluster, or {@code asm} for the mesh control plane),
 * {@code traffic.md} and {@code traffic.json} (expected shares), {@code recovery.md} (the predicted recovery
 * per lost region, also in plan.json as {@code recovery}), and {@code graph.md} (the component graph as a Mermaid diagram).
 *
 * <p>Synth writes only what it owns: a new or empty folder, or one it wrote before (never {@code /},
 * never a folder of somebody else's files). Every file of a run is listed in {@value #RECORD} in the output
 * folder; the next run removes exactly those files and nothing else, and refuses to overwrite a file
 * it did not write. Everything is rendered in memory first and written to a staging folder inside
 * the output folder, then moved into place, so a failed run leaves the previous output as it was.
 * No path can leave the output folder: every path segment is checked, and no folder on the way may
 * be a symbolic link.
 */
final class SynthOutput {
    static final String PLAN = "plan.json";
    static final String MANIFESTS = "manifests";
    static final String TRAFFIC = "traffic.md";
    /** The active policy's predicted shares per scenario, for {@code diff} to compare. */
    static final String TRAFFIC_JSON = "traffic.json";
    static final String GRAPH = "graph.md";
    /** The predicted recovery per lost region (io.asmdr.recovery.RecoveryTable); plan.json carries it as {@code recovery}. */
    static final String RECOVERY = "recovery.md";
    static final String ROUTES = "routes.md";
    static final String RECORD = ".asm-dr-synth";
    static final String CONTROL_PLANE = "asm";
    /** API groups that live on the mesh control plane, whichever API server they are sent through. */
    static final Set<String> CONTROL_PLANE_GROUPS = Set.of("networking.istio.io", "security.istio.io", "istio.alibabacloud.com");
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // a string that looks like a number ("2" CPUs) stays a string: unquoted, YAML reads it back as a number
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private SynthOutput() {}

    /** A Kubernetes object of the plan with the place it is applied to. */
    record PlannedManifest(String target, String file, Map<String, Object> document) {}

    /** What one run wrote, for the summary line. */
    record Written(Path plan, Path manifests, int manifestCount, Path traffic) {
        @Override
        public String toString() {
            return plan + ", " + manifests + "/ (" + manifestCount + " objects), " + traffic + ", traffic.json, recovery.md, graph.md, routes.md";
        }
    }

    /** Output that cannot be written safely: the message says which path and why. */
    static final class UnsafeOutputException extends IOException {
        UnsafeOutputException(String message) {
            super(message);
        }
    }

    static Written write(Path dir, String stack, StackSpec spec, Plan plan, List<CloudFacts.Assumption> assumptions) throws IOException {
        var files = new TreeMap<String, String>();
        files.put(PLAN, plan.toPreviewJson(assumptions.stream().map(CloudFacts.Assumption::toJson).toList(), judgedConfig(spec),
                Map.of("recovery", RecoveryTable.json(spec))));
        var manifests = manifests(plan, spec);
        for (var m : manifests) {
            files.put(MANIFESTS + "/" + m.target() + "/" + m.file(), YAML.writeValueAsString(m.document()));
        }
        files.put(TRAFFIC, TrafficReport.render(stack, spec));
        files.put(RECOVERY, RecoveryTable.markdown(stack, spec));
        files.put(GRAPH, GraphReport.render(stack, spec, plan));
        files.put(ROUTES, RoutesReport.render(stack, spec));
        files.put(TRAFFIC_JSON, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(TrafficReport.shares(spec)) + "\n");
        replace(dir, files);
        return new Written(dir.resolve(PLAN), dir.resolve(MANIFESTS), manifests.size(), dir.resolve(TRAFFIC));
    }

    /**
     * The stack config {@code diff} judges a change by, as a real preview's {@code config} states it: the regions marked
     * unavailable (a list, as its JSON text), so a change that reaches into one of them is refused offline too.
     */
    static Map<String, String> judgedConfig(StackSpec spec) {
        var down = spec.options().unavailableRegions();
        if (down.isEmpty()) {
            return Map.of();
        }
        try {
            return Map.of(Guard.UNAVAILABLE_REGIONS_KEY, new ObjectMapper().writeValueAsString(new TreeSet<>(down)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts {@code files} (relative path → content) into {@code dir} in place of the previous run's files. */
    static void replace(Path dir, SortedMap<String, String> files) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeOutputException(dir + " is not a folder" + (Files.isSymbolicLink(dir) ? " (a symbolic link)" : ""));
        }
        Files.createDirectories(dir);
        var root = dir.toRealPath();
        var record = root.resolve(RECORD);
        if (Files.exists(record, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeOutputException("refusing to write into " + root + ": " + record + " is not the file synth keeps its record in;"
                    + " move it away, or pass another --out");
        }
        if (root.getParent() == null) {
            throw new UnsafeOutputException("refusing to write into " + root + ", the root of the file system; pass a folder of its own"
                    + " (--out target/synth/" + root.getFileSystem().getSeparator().replace("/", "") + "STACK, the default)");
        }
        if (!Files.exists(record, LinkOption.NOFOLLOW_LINKS)) {
            try (var entries = Files.list(root)) {
                var first = entries.map(p -> p.getFileName().toString()).sorted().limit(3).toList();
                if (!first.isEmpty()) {
                    throw new UnsafeOutputException("refusing to write into " + root + ": it holds files synth did not write (" + String.join(", ", first)
                            + (first.size() == 3 ? ", …" : "") + ") and no " + RECORD + " record of an earlier run. synth writes only into a new or"
                            + " empty folder, or one it wrote before; pass another --out (the default is target/synth/STACK)");
                }
            }
        }
        var owned = owned(root);
        for (var rel : files.keySet()) {
            var target = inside(root, rel);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !owned.contains(rel)) {
                throw new UnsafeOutputException("refusing to overwrite " + target + ": synth did not write it (it is not listed in "
                        + root.resolve(RECORD) + "). Move it away, or pass another --out");
            }
        }
        // everything that would make a move or a delete fail halfway is refused here, before anything changes
        var touched = new TreeSet<String>(owned);
        touched.addAll(files.keySet());
        for (var rel : touched) {
            var target = inside(root, rel);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafeOutputException("refusing to write into " + root + ": " + target + " is a folder or a link where synth keeps a file;"
                        + " move it away, or pass another --out");
            }
            for (var folder = target.getParent(); !folder.equals(root); folder = folder.getParent()) {
                if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UnsafeOutputException("refusing to write into " + root + ": " + folder + " is a file where synth needs a folder;"
                            + " move it away, or pass another --out");
                }
            }
        }
        var staging = Files.createTempDirectory(root, RECORD + ".staging-");
        try {
            for (var e : files.entrySet()) {
                var file = staging.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
            }
            for (var rel : owned) {
                var old = inside(root, rel);
                if (Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(old);
                }
                removeEmptyParents(root, old.getParent());
            }
            for (var rel : files.keySet()) {
                var target = inside(root, rel);
                Files.createDirectories(target.getParent());
                Files.move(staging.resolve(rel), target, StandardCopyOption.REPLACE_EXISTING);
            }
            var newRecord = staging.resolve(RECORD);
            Files.writeString(newRecord, "# files written by `asm-dr synth`; the next run removes exactly these\n"
                    + String.join("\n", files.keySet()) + "\n");
            Files.move(newRecord, record, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteTree(staging);
        }
    }

    /** The files the previous run recorded; paths that would leave the folder are not ours and are ignored. */
    private static Set<String> owned(Path root) throws IOException {
        var record = root.resolve(RECORD);
        if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        var out = new TreeSet<String>();
        for (var line : Files.readAllLines(record)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                inside(root, line);
                out.add(line);
            } catch (UnsafeOutputException notOurs) {
                // a hand-edited record cannot make synth delete anything outside its folder
            }
        }
        return out;
    }

    /** {@code root/rel}, provided every segment is a plain name and no folder on the way is a link. */
    private static Path inside(Path root, String rel) throws UnsafeOutputException {
        var current = root;
        var segments = rel.split("/");
        for (int i = 0; i < segments.length; i++) {
            var segment = segments[i];
            if (!SAFE_SEGMENT.matcher(segment).matches() || segment.equals("..")) {
                throw new UnsafeOutputException("refusing to write " + rel + ": '" + segment + "' is not a plain file or folder name");
            }
            current = current.resolve(segment);
            if (i < segments.length - 1 && Files.isSymbolicLink(current)) {
                throw new UnsafeOutputException("refusing to write " + rel + ": " + current + " is a symbolic link");
            }
        }
        if (!current.normalize().startsWith(root)) {
            throw new UnsafeOutputException("refusing to write " + rel + ": it lies outside " + root);
        }
        return current;
    }

    private static void removeEmptyParents(Path root, Path folder) throws IOException {
        var current = folder;
        while (current != null && !current.equals(root) && current.startsWith(root) && Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
            try (var entries = Files.list(current)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(current);
            current = current.getParent();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (var p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static List<PlannedManifest> manifests(Plan plan, StackSpec spec) {
        var clusterOfProvider = new TreeMap<String, String>();
        plan.regionByKubernetesProvider().forEach((urn, region) ->
                spec.region(region).ifPresent(r -> clusterOfProvider.put(urn, r.cluster().name())));
        var out = new ArrayList<PlannedManifest>();
        for (var r : plan.resources()) {
            if (!r.type().startsWith("kubernetes:")) {
                continue;
            }
            var apiVersion = String.valueOf(r.input("apiVersion"));
            var group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            var target = CONTROL_PLANE_GROUPS.contains(group) ? controlPlaneTarget(plan, spec, r)
                    : clusterOfProvider.getOrDefault(r.providerUrn(), "unknown");
            var kind = String.valueOf(r.input("kind"));
            var name = String.valueOf(r.input("metadata.name"));
            var namespace = r.input("metadata.namespace");
            var file = (namespace == null ? "" : namespace + ".") + kind.toLowerCase() + "." + name + ".yaml";
            out.add(new PlannedManifest(target, file, document(r.inputs())));
        }
        out.sort(Comparator.comparing(PlannedManifest::target).thenComparing(PlannedManifest::file));
        return out;
    }

    /**
     * Where an Istio object's manifest goes: {@code asm} for a single control plane; per region
     * {@code asm-<region>}, one directory per instance (each holds the same objects), the region read
     * from the provider that applies it (a region's cluster under CR aggregation, {@code
     * mesh-<region>-control-plane} with the ASM kubeconfig).
     */
    private static String controlPlaneTarget(Plan plan, StackSpec spec, PlannedResource r) {
        if (spec.mesh().controlPlane() == ControlPlane.SINGLE) {
            return CONTROL_PLANE;
        }
        var region = plan.regionByKubernetesProvider().get(r.providerUrn());
        if (region == null) {
            var provider = plan.byUrn(r.providerUrn());
            var name = provider == null ? "" : provider.name();
            region = name.startsWith("mesh-") && name.endsWith("-control-plane")
                    ? name.substring("mesh-".length(), name.length() - "-control-plane".length()) : "unknown";
        }
        return CONTROL_PLANE + "-" + region;
    }

    /** apiVersion, kind, metadata, spec first, as people write manifests; the rest after. */
    private static Map<String, Object> document(Map<String, Object> inputs) {
        var doc = new LinkedHashMap<String, Object>();
        for (var key : List.of("apiVersion", "kind", "metadata", "spec")) {
            if (inputs.containsKey(key)) {
                doc.put(key, inputs.get(key));
            }
        }
        inputs.forEach(doc::putIfAbsent);
        return doc;
    }

}
