package io.asmdr.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.reference.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Which input changes replace a resource, from facts rather than guesses:
 * <ul>
 *   <li>alicloud: the {@code forceNew} inputs of each resource, read from terraform-provider-alicloud
 *       v1.285.0 (which pulumi-alicloud v3.105.0 bridges), shipped as {@code reference/alicloud-forcenew.json}
 *       (a test keeps it equal to its original in {@code ../shared/reference} when that exists);</li>
 *   <li>Kubernetes: fields the API server refuses to change, so the Kubernetes provider replaces the
 *       object: {@code metadata.name} and {@code metadata.namespace} of any object (they are its
 *       identity), a Deployment's {@code spec.selector} ("In API version apps/v1, a Deployment's label
 *       selector is immutable after it gets created", Kubernetes docs, Concepts › Deployments ›
 *       Label selector updates), a Service's {@code spec.clusterIP}/{@code spec.clusterIPs} ("This
 *       field may not be changed through updates unless the type field is also being changed to
 *       ExternalName", Kubernetes API reference, ServiceSpec);</li>
 *   <li>providers: an alicloud provider pointed at another {@code region} manages other resources;
 *       a Kubernetes provider whose kubeconfig comes from another (or a replaced) cluster too, which
 *       the diff sees through its property dependencies.</li>
 * </ul>
 */
public final class ReplacementFacts {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RESOURCE = "alicloud-forcenew.json";
    static final String GTM_RESOURCE = "alicloud-forcenew-gtm.json";
    static final String GA_RESOURCE = "alicloud-forcenew-ga.json";
    private static final List<String> EVERY_KUBERNETES_OBJECT = List.of("metadata.name", "metadata.namespace");
    private static final Map<String, List<String>> KUBERNETES_KINDS = Map.of(
            "Deployment", List.of("spec.selector"),
            "Service", List.of("spec.clusterIP", "spec.clusterIPs"));
    private static final Map<String, List<String>> PROVIDERS = Map.of("pulumi:providers:alicloud", List.of("region"));

    private final Map<String, List<String>> alicloud;
    private final String source;
    private final Map<String, List<String>> keptWhenUnset;
    private final JsonNode checkDefaults;

    private ReplacementFacts(Map<String, List<String>> alicloud, String source, Map<String, List<String>> keptWhenUnset, JsonNode checkDefaults) {
        this.alicloud = alicloud;
        this.source = source;
        this.keptWhenUnset = keptWhenUnset;
        this.checkDefaults = checkDefaults;
    }

    /** Defaults the provider's Check fills into unset inputs (a real preview and state show them; an older plan may not). */
    static final String CHECK_DEFAULTS = "alicloud-check-defaults.json";

    /** Optional+Computed inputs the program stopped sending (the file's note says why each is listed). */
    static final String KEPT_WHEN_UNSET = "alicloud-kept-when-unset.json";

    private static ReplacementFacts shipped;

    /** The facts shipped in the jar, read once. */
    public static synchronized ReplacementFacts shipped() {
        if (shipped == null) {
            shipped = read();
        }
        return shipped;
    }

    /** The facts shipped in the jar, read anew. */
    static ReplacementFacts read() {
        var forceNew = ReferenceData.read(RESOURCE);
        var byType = new TreeMap<String, List<String>>();
        // the GTM and GA resources of the global entry have their own files (reference/README.md says why)
        for (var file : List.of(forceNew, ReferenceData.read(GTM_RESOURCE), ReferenceData.read(GA_RESOURCE))) {
            byType.putAll(pathsByType(file, (entry, paths) -> entry.path("forceNew").forEach(n -> paths.add(n.asText()))));
        }
        return new ReplacementFacts(
                byType,
                forceNew.path("source").asText(),
                pathsByType(ReferenceData.read(KEPT_WHEN_UNSET), (entry, paths) -> entry.fieldNames().forEachRemaining(paths::add)),
                ReferenceData.read(CHECK_DEFAULTS).path("resources"));
    }

    /** Type token to the input paths {@code read} takes from that type's entry under {@code resources}. */
    private static Map<String, List<String>> pathsByType(JsonNode file, BiConsumer<JsonNode, List<String>> read) {
        var map = new TreeMap<String, List<String>>();
        file.path("resources").fields().forEachRemaining(e -> {
            var paths = new ArrayList<String>();
            read.accept(e.getValue(), paths);
            map.put(e.getKey(), List.copyOf(paths));
        });
        return map;
    }

    /**
     * Whether leaving {@code path} ({@code inputs.…}) unset keeps what the resource has: an
     * Optional+Computed input keeps its state value when the program stops sending it, so the
     * provider plans no change (and no replacement, even where the input is ForceNew).
     */
    public boolean keptWhenUnset(String type, String path) {
        return keptWhenUnset.getOrDefault(type, List.of()).stream().anyMatch(p -> ("inputs." + p).equals(path));
    }

    /**
     * Whether {@code value} at {@code path} ({@code inputs.…}) is what the provider's Check puts
     * there when the input is unset: then "unset" and "this value" are the same state, and a plan
     * written before synth showed Check's defaults compares equal to one written after.
     */
    public boolean isCheckDefault(String type, String path, Object value) {
        if (value == null || !path.startsWith("inputs.")) {
            return false;
        }
        var row = checkDefaults.path(type).path(path.substring("inputs.".length()));
        // by text: a plan read back may hold 24 as an int or a long
        return row.has("value") && row.path("value").asText().equals(String.valueOf(value));
    }

    /** Keys the engine and the bridge add to inputs for their own bookkeeping: never a change of their own. */
    static final Set<String> BOOKKEEPING = Set.of("__defaults", "__internal");

    public String source() {
        return source;
    }

    /** The input paths (without {@code inputs.}) whose change replaces a resource of this type. */
    public List<String> forceNew(String type) {
        if (type.startsWith("kubernetes:")) {
            var kind = type.substring(type.lastIndexOf(':') + 1);
            var out = new ArrayList<>(EVERY_KUBERNETES_OBJECT);
            out.addAll(KUBERNETES_KINDS.getOrDefault(kind, List.of()));
            return out;
        }
        return PROVIDERS.getOrDefault(type, alicloud.getOrDefault(type, List.of()));
    }

    /** The fact that makes a change of {@code changedPath} ({@code inputs.…}) a replacement, if any. */
    public Optional<String> forcesReplacement(String type, String changedPath) {
        return forceNew(type).stream().filter(f -> covers("inputs." + f, changedPath)).findFirst().map(f -> "inputs." + f);
    }

    /** One path is the other, or lies inside it ({@code inputs.network} covers {@code inputs.network.vpcId} and back). */
    static boolean covers(String a, String b) {
        return a.equals(b) || b.startsWith(a + ".") || a.startsWith(b + ".");
    }
}
