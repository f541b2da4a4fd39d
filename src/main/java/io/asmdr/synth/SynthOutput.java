package io.asmdr.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.asmdr.spec.StackSpec;
import io.asmdr.traffic.TrafficReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of one synth run: {@code plan.json}, every planned Kubernetes object as YAML under
 * {@code manifests/<target>/} (target = the cluster, or {@code asm} for the mesh control plane) and
 * {@code traffic.md}. Earlier output in the same folder is replaced, never mixed in.
 */
final class SynthOutput {
    static final String PLAN = "plan.json";
    static final String MANIFESTS = "manifests";
    static final String TRAFFIC = "traffic.md";
    static final String CONTROL_PLANE = "asm";
    /** API groups that live on the mesh control plane, whichever API server they are sent through. */
    static final Set<String> CONTROL_PLANE_GROUPS = Set.of("networking.istio.io", "security.istio.io", "istio.alibabacloud.com");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private SynthOutput() {}

    /** A Kubernetes object of the plan with the place it is applied to. */
    record PlannedManifest(String target, String file, Map<String, Object> document) {}

    /** What one run wrote, for the summary line. */
    record Written(Path plan, Path manifests, int manifestCount, Path traffic) {
        @Override
        public String toString() {
            return plan + ", " + manifests + "/ (" + manifestCount + " objects), " + traffic;
        }
    }

    static Written write(Path dir, String stack, StackSpec spec, Plan plan) throws IOException {
        Files.createDirectories(dir);
        clean(dir);
        Files.writeString(dir.resolve(PLAN), plan.toPreviewJson());
        var manifests = manifests(plan);
        for (var m : manifests) {
            var file = dir.resolve(MANIFESTS).resolve(m.target()).resolve(m.file());
            Files.createDirectories(file.getParent());
            Files.writeString(file, YAML.writeValueAsString(m.document()));
        }
        Files.writeString(dir.resolve(TRAFFIC), TrafficReport.render(stack, spec));
        return new Written(dir.resolve(PLAN), dir.resolve(MANIFESTS), manifests.size(), dir.resolve(TRAFFIC));
    }

    static List<PlannedManifest> manifests(Plan plan) {
        var clusterOfProvider = plan.clusterByKubernetesProvider();
        var out = new ArrayList<PlannedManifest>();
        for (var r : plan.resources()) {
            if (!r.type().startsWith("kubernetes:")) {
                continue;
            }
            var apiVersion = String.valueOf(r.input("apiVersion"));
            var group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            var target = CONTROL_PLANE_GROUPS.contains(group) ? CONTROL_PLANE : clusterOfProvider.getOrDefault(r.providerUrn(), "unknown");
            var kind = String.valueOf(r.input("kind"));
            var name = String.valueOf(r.input("metadata.name"));
            var namespace = r.input("metadata.namespace");
            var file = (namespace == null ? "" : namespace + ".") + kind.toLowerCase() + "." + name + ".yaml";
            out.add(new PlannedManifest(target, file, document(r.inputs())));
        }
        out.sort(Comparator.comparing(PlannedManifest::target).thenComparing(PlannedManifest::file));
        return out;
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

    private static void clean(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(PLAN));
        Files.deleteIfExists(dir.resolve(TRAFFIC));
        var manifests = dir.resolve(MANIFESTS);
        if (Files.isDirectory(manifests)) {
            try (Stream<Path> walk = Files.walk(manifests)) {
                for (var p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
