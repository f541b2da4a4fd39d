package io.asmdr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asmdr.config.StackSpec;
import io.asmdr.configreader.ConfigSource;
import io.asmdr.configreader.SpecLoader;
import io.asmdr.configreader.StackFile;
import io.asmdr.engine.CloudFacts;
import io.asmdr.engine.InProcessEngine;
import io.asmdr.plan.Plan;
import io.asmdr.validation.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Stack configs for tests: the project's own stack files, or generated N-region stacks that can be
 * edited key by key ({@code with("regions[1].cluster.podCidr", "10.0.0.0/16")}) before loading.
 */
public final class TestStacks {
    public static final List<String> REGIONS = List.of("cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-zhangjiakou");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)\\]");

    private final ObjectNode root;
    private final Set<String> secrets = new HashSet<>();

    private TestStacks(ObjectNode root) {
        this.root = root;
    }

    /**
     * The two zones a generated region's vSwitches use: for the regions in the simulated cloud's
     * published transit-router table, two zones from it (Hangzhou's zone A, say, serves no transit
     * router); elsewhere A and B, which {@link #run} answers for with the stack's own zones.
     */
    public static List<String> zones(String region) {
        return switch (region) {
            case "cn-hangzhou" -> List.of("cn-hangzhou-h", "cn-hangzhou-i");
            case "cn-shanghai" -> List.of("cn-shanghai-e", "cn-shanghai-f");
            default -> List.of(region + "-a", region + "-b");
        };
    }

    /** A valid stack of {@code n} Flannel regions laid out like the tutorial (20.0.0.0/8, 21.0.0.0/8 …). */
    /** Two Flannel regions with the tutorial's traffic: distribute 90/10 from cn-hangzhou, failover pairs both ways. */
    public static TestStacks tutorial() {
        var weights = new LinkedHashMap<String, Integer>();
        weights.put("cn-hangzhou", 90);
        weights.put("cn-shanghai", 10);
        return flannel(2).with("traffic", Map.of(
                "mode", "distribute",
                "distribute", List.of(Map.of("from", "cn-hangzhou", "to", weights)),
                "failover", List.of(Map.of("from", "cn-hangzhou", "to", "cn-shanghai"), Map.of("from", "cn-shanghai", "to", "cn-hangzhou")),
                "outlierDetection", Map.of("consecutive5xxErrors", 1, "interval", "1s", "baseEjectionTime", "1m")));
    }

    public static TestStacks flannel(int n) {
        var root = JSON.createObjectNode();
        var regions = root.putArray("regions");
        for (int i = 0; i < n; i++) {
            var name = REGIONS.get(i);
            var r = regions.addObject();
            r.put("region", name);
            r.putObject("vpc").put("name", "vpc-" + i).put("cidr", (20 + i) + ".0.0.0/8");
            var vsw = r.putArray("vswitches");
            vsw.addObject().put("name", "vsw-" + i + "-a").put("cidr", (20 + i) + ".0.0.0/16").put("zone", zones(name).get(0));
            vsw.addObject().put("name", "vsw-" + i + "-b").put("cidr", (20 + i) + ".1.0.0/24").put("zone", zones(name).get(1));
            var c = r.putObject("cluster");
            c.put("name", "ack-" + i).put("podCidr", "10." + i + ".0.0/16").put("serviceCidr", "172." + (16 + i) + ".0.0/16").put("network", "flannel");
            var pool = c.putObject("nodePool");
            pool.putArray("instanceTypes").add("ecs.g7.xlarge");
            pool.put("size", 2).put("keyPair", "ops");
            r.putObject("bookinfo").put("reviews", "v" + (i % 3 + 1));
        }
        var mesh = root.putObject("mesh");
        mesh.put("region", REGIONS.get(0));
        mesh.putObject("vpc").put("name", "vpc-mesh").put("cidr", "192.168.0.0/16");
        var mv = mesh.putArray("vswitches");
        mv.addObject().put("name", "vsw-mesh-a").put("cidr", "192.168.0.0/24").put("zone", zones(REGIONS.get(0)).get(0));
        mv.addObject().put("name", "vsw-mesh-b").put("cidr", "192.168.1.0/24").put("zone", zones(REGIONS.get(0)).get(1));
        mesh.putObject("ingressGateway").put("cluster", "ack-0");
        root.putObject("cen").put("crossRegionBandwidthMbps", 10);
        return new TestStacks(root);
    }

    /** A shipped stack by name, from the file the project keeps it in ({@link StackFile#locate}). */
    public static TestStacks shipped(String stack) {
        return file(StackFile.locate(Path.of(""), stack).toString());
    }

    /** A project stack file ({@code Pulumi.dev.yaml}, {@code stacks/Pulumi.prod.yaml}) as a starting point. */
    public static TestStacks file(String path) {
        {
            var file = StackFile.read(Path.of(path));
            var root = JSON.createObjectNode();
            var stacks = new TestStacks(root);
            for (var e : file.config().entrySet()) {
                if (e.getKey().startsWith("asm-dr:")) {
                    var key = e.getKey().substring("asm-dr:".length());
                    if (file.secretKeys().contains(e.getKey())) {
                        stacks.secrets.add(key);
                        root.put(key, e.getValue());
                    } else {
                        root.set(key, parse(e.getValue()));
                    }
                }
            }
            return stacks;
        }
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (Exception notJson) {
            return JSON.getNodeFactory().textNode(raw);
        }
    }

    /** Sets a value at a path such as {@code regions[1].cluster.podCidr}; JSON text is parsed, other text kept. */
    public TestStacks with(String path, Object value) {
        var node = value instanceof JsonNode j ? j : JSON.valueToTree(value);
        navigate(path, (parent, last) -> {
            if (parent instanceof ObjectNode o) {
                o.set(last, node);
            } else if (Integer.parseInt(last) == parent.size()) {
                ((ArrayNode) parent).add(node);
            } else {
                ((ArrayNode) parent).set(Integer.parseInt(last), node);
            }
        });
        return this;
    }

    /** A copy of the value at {@code path}, or null. */
    public JsonNode get(String path) {
        var holder = new JsonNode[1];
        navigate(path, (parent, last) -> holder[0] = parent.isArray() ? parent.get(Integer.parseInt(last)) : parent.get(last));
        return holder[0] == null ? null : holder[0].deepCopy();
    }

    public TestStacks without(String path) {
        navigate(path, (parent, last) -> {
            if (parent instanceof ObjectNode o) {
                o.remove(last);
            } else {
                ((ArrayNode) parent).remove(Integer.parseInt(last));
            }
        });
        return this;
    }

    public TestStacks withSecret(String key, String value) {
        root.put(key, value);
        secrets.add(key);
        return this;
    }

    private void navigate(String path, BiConsumer<JsonNode, String> action) {
        var m = SEGMENT.matcher(path);
        var parts = new ArrayList<String>();
        while (m.find()) {
            parts.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        JsonNode current = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            var p = parts.get(i);
            var next = current.isArray() ? current.get(Integer.parseInt(p)) : current.get(p);
            if (next == null) {
                next = ((ObjectNode) current).putObject(p);
            }
            current = next;
        }
        action.accept(current, parts.get(parts.size() - 1));
    }

    /** The keys and JSON strings the Pulumi CLI would hand the program ({@code asm-dr:regions} → JSON). */
    public Map<String, String> config() {
        var out = new LinkedHashMap<String, String>();
        root.fields().forEachRemaining(e -> out.put("asm-dr:" + e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return out;
    }

    public Set<String> secretKeys() {
        var out = new HashSet<String>();
        secrets.forEach(s -> out.add("asm-dr:" + s));
        return out;
    }

    public ConfigSource source() {
        var plain = new LinkedHashMap<String, String>();
        config().forEach((k, v) -> plain.put(k.substring("asm-dr:".length()), v));
        return ConfigSource.of(plain, secrets);
    }

    public StackSpec load() {
        return SpecLoader.load(source());
    }

    private static Plan devPlan;

    /** The tutorial stack's plan, synthesized once per test JVM (plans are immutable). */
    public static synchronized Plan devPlan() {
        if (devPlan == null) {
            var run = file("Pulumi.dev.yaml").run("dev");
            if (!run.succeeded()) {
                throw new IllegalStateException("dev does not synthesize: " + run.result().exceptions());
            }
            devPlan = run.plan();
        }
        return devPlan;
    }

    /**
     * The real program under the in-process engine with this config. The simulated cloud answers
     * from its published tables, and where they are silent (regions such as cn-beijing, versions
     * other than the cited ones) with what the stack states, as {@code synth} does by default: these runs test the program's graph, not Alibaba Cloud's catalogue.
     */
    public InProcessEngine.Run run(String stackName) {
        return run(stackName, facts());
    }

    /** The program as a real first {@code pulumi preview} sees it ({@code synth --preview}). */
    public InProcessEngine.Run preview(String stackName) {
        return InProcessEngine.runProgram(stackName, config(), secretKeys(), true, facts());
    }

    /** The same, with the simulated cloud answering from these facts only. */
    public InProcessEngine.Run run(String stackName, CloudFacts facts) {
        return InProcessEngine.runProgram(stackName, config(), secretKeys(), false, facts);
    }

    /** The published facts, plus what this stack states where they are silent (the published ones if it does not load). */
    public CloudFacts facts() {
        try {
            return CloudFacts.PUBLISHED.answering(load());
        } catch (SpecException invalid) {
            return CloudFacts.PUBLISHED;
        }
    }
}
