package io.asmdr.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan on hand-made resources: the order it lists them in (dependencies, parents and providers first, URN order
 * among equals, a cycle last), what it answers about them, and its preview JSON read back by {@link PlanFile}
 * into the same resources, every option included.
 */
class PlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEV = "urn:pulumi:dev::asm-dr::";
    private static final String ACK = "alicloud:cs/managedKubernetes:ManagedKubernetes";
    private static final String K8S = "pulumi:providers:kubernetes";

    private static String urn(String name) {
        return DEV + "test:index:Thing::" + name;
    }

    private static PlannedResource thing(String name, String parent, String provider, String... dependencies) {
        return new PlannedResource(urn(name), "test:index:Thing", name, true, parent, provider, List.of(dependencies), Map.of("n", name),
                PlannedResource.Options.NONE);
    }

    private static List<String> names(Plan plan) {
        return plan.resources().stream().map(PlannedResource::name).toList();
    }

    @Test
    void dependenciesParentsAndProvidersComeFirstAndEqualsInUrnOrder() {
        var plan = new Plan(List.of(
                thing("d", "", "", urn("c"), urn("missing")),
                thing("c", urn("b"), ""),
                thing("b", "", urn("a") + "::id", urn("b")),
                thing("a", "", ""),
                thing("e", "", "")), List.of());
        assertEquals(List.of("a", "b", "c", "d", "e"), names(plan),
                "b waits for its provider a (and not for itself), c for its parent b, d for c (a URN not in the plan is no wait)");
        var reversed = new Plan(List.of(thing("z", "", ""), thing("y", "", ""), thing("x", "", urn("z") + "::id")), List.of());
        assertEquals(List.of("y", "z", "x"), names(reversed));
        var child = new Plan(List.of(thing("c", urn("p"), ""), thing("p", "", "")), List.of());
        assertEquals(List.of("p", "c"), names(child), "a parent comes before its child whatever their URNs");
    }

    @Test
    void aCycleComesLastInUrnOrderAndADuplicateCountsOnce() {
        // the second "a" replaces the first and waits for "after", which waits for "a": two cycles, nothing is ready
        var plan = new Plan(List.of(thing("q", "", "", urn("p")), thing("p", "", "", urn("q")), thing("a", "", ""),
                thing("after", "", "", urn("a")), thing("a", "", "", urn("after"))), List.of());
        assertEquals(List.of("a", "after", "p", "q"), names(plan), "the last registration of a URN is the resource");
        assertEquals(List.of(urn("after")), plan.byUrn(urn("a")).dependencies());
        var cycle = new Plan(List.of(thing("q", "", "", urn("p")), thing("p", "", "", urn("q")), thing("free", "", "")), List.of());
        assertEquals(List.of("free", "p", "q"), names(cycle));
    }

    @Test
    void whatAPlanAnswers() {
        var component = new PlannedResource(urn("mesh"), "asm-dr:mesh:Mesh", "mesh", false, "", "", List.of(), Map.of(), PlannedResource.Options.NONE);
        var child = thing("child", urn("mesh"), "");
        var leaf = thing("leaf", "", "", urn("mesh"));
        var other = thing("other", "", "", urn("nowhere"));
        var provider = new PlannedResource(DEV + K8S + "::cn-hangzhou-k8s", K8S, "cn-hangzhou-k8s", true, "", "", List.of(), Map.of(),
                PlannedResource.Options.NONE);
        var alicloud = new PlannedResource(DEV + K8S + "::default", K8S, "default", true, "", "", List.of(), Map.of(), PlannedResource.Options.NONE);
        var plan = new Plan(List.of(component, child, leaf, other, provider, alicloud),
                List.of(new PlannedInvoke("b:get", "", Map.of("k", 2)), new PlannedInvoke("a:get", "", Map.of()), new PlannedInvoke("b:get", "", Map.of("k", 1))),
                Set.of(urn("leaf") + "|inputs.id"));
        assertTrue(plan.dependsOn(leaf, component));
        assertTrue(plan.dependsOn(leaf, child), "waiting for a component is waiting for its children");
        assertFalse(plan.dependsOn(component, leaf));
        assertFalse(plan.dependsOn(other, leaf), "a dependency the plan does not hold leads nowhere");
        assertFalse(plan.dependsOn(leaf, other), "a component's children, not everything");
        assertEquals(2, plan.count(K8S));
        assertEquals(0, plan.count(ACK));
        assertEquals(provider, plan.named(K8S, "cn-hangzhou-k8s"));
        assertThrows(IllegalArgumentException.class, () -> plan.named(K8S, "cn-shanghai-k8s"));
        assertEquals(child, plan.byUrn(urn("child")));
        assertEquals(Map.of(provider.urn(), "cn-hangzhou"), plan.regionByKubernetesProvider(), "a provider not named <region>-k8s has no region");
        assertEquals(List.of("a:get", "b:get", "b:get"), plan.invokes().stream().map(PlannedInvoke::token).toList());
        assertEquals(Map.of("k", 1), plan.invokes().get(1).args(), "same token: by arguments");
        assertEquals(Set.of(urn("leaf") + "|inputs.id"), plan.invented());
        assertTrue(plan.invented(urn("leaf"), "inputs.id"));
        assertTrue(plan.invented(urn("leaf"), "inputs.id.part"));
        assertFalse(plan.invented(urn("leaf"), "inputs.name"));
        assertFalse(plan.invented(urn("child"), "inputs.id"));
    }

    @Test
    void thePreviewJsonReadsBackIntoTheSameResources(@TempDir Path tmp) throws Exception {
        var options = new PlannedResource.Options(true, List.of("tags"), Map.of("create", 600.0), List.of("kubeConfig"),
                List.of(DEV + ACK + "::old-name"), Optional.of(true), true, List.of("podCidr"), Map.of("vpcId", List.of(urn("a"))), "3.105.0");
        var cluster = new PlannedResource(DEV + ACK + "::hz", ACK, "hz", true, urn("a"), DEV + "pulumi:providers:alicloud::p::id",
                List.of(urn("a")), Map.of("podCidr", "10.0.0.0/16", "n", 3), options);
        var plain = new PlannedResource(DEV + ACK + "::sh", ACK, "sh", true, "", "", List.of(), Map.of(), PlannedResource.Options.NONE);
        var provider = new PlannedResource(DEV + K8S + "::hz-k8s", K8S, "hz-k8s", true, "", "", List.of(), Map.of("version", "4.18.0"),
                new PlannedResource.Options(false, List.of(), Map.of(), List.of(), List.of(), Optional.of(false), false, List.of(), Map.of(), "4.18.0"));
        var a = thing("a", "", "");
        var plan = new Plan(List.of(a, cluster, plain, provider), List.of(), Set.of(cluster.urn() + "|inputs.n"));
        var json = plan.toPreviewJson(List.of(Map.of("key", "zones", "value", "assumed")));
        var file = tmp.resolve("plan.json");
        Files.writeString(file, json);
        var read = PlanFile.read(tmp);
        assertEquals(plan.resources(), read.resources(), json);
        assertEquals(plan.invented(), read.invented());
        assertTrue(json.contains("\"assumptions\" : [ {"), json);
        assertFalse(new Plan(List.of(plain), List.of()).toPreviewJson().contains("assumptions"), "none: left out");
        // omit-when-empty, as the engine writes a state; what a real preview lacks goes to its own section
        var doc = JSON.readTree(json);
        var plainStep = step(doc, plain.urn());
        assertEquals(Set.of("urn", "custom", "type"), fieldNames(plainStep.path("newState")), "an empty resource has no empty fields");
        assertFalse(plainStep.has(Plan.NOT_IN_PREVIEW) || plainStep.has("provider"), plainStep.toString());
        var clusterStep = step(doc, cluster.urn());
        assertEquals(Set.of("aliases", "deleteBeforeReplace", "version"), fieldNames(clusterStep.path(Plan.NOT_IN_PREVIEW)));
        assertEquals(Set.of("deleteBeforeReplace"), fieldNames(step(doc, provider.urn()).path(Plan.NOT_IN_PREVIEW)),
                "a provider's version is an input, not a request");
        assertEquals(cluster.provider(), clusterStep.path("provider").asText());
        assertEquals(4, doc.path("changeSummary").path("create").asInt());
    }

    private static JsonNode step(JsonNode doc, String urn) {
        for (var step : doc.path("steps")) {
            if (step.path("urn").asText().equals(urn)) {
                return step;
            }
        }
        throw new AssertionError("no step for " + urn);
    }

    private static Set<String> fieldNames(JsonNode node) {
        var out = new TreeSet<String>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void configAndExtraSectionsFollowTheStepsAndAReaderOfPlansIgnoresThem(@TempDir Path tmp) throws Exception {
        var plain = new PlannedResource(DEV + ACK + "::sh", ACK, "sh", true, "", "", List.of(), Map.of(), PlannedResource.Options.NONE);
        var plan = new Plan(List.of(plain), List.of());
        var json = plan.toPreviewJson(List.of(), Map.of("asm-dr:unavailableRegions", "[\"cn-shanghai\"]"),
                Map.of("recovery", Map.of("cn-shanghai", Map.of("seconds", 5))));
        var doc = JSON.readTree(json);
        assertEquals(Set.of("config", "steps", "changeSummary", "recovery"), Set.copyOf(fieldNames(doc)));
        assertEquals(5, doc.path("recovery").path("cn-shanghai").path("seconds").asInt(), json);
        assertEquals("[\"cn-shanghai\"]", doc.path("config").path("asm-dr:unavailableRegions").asText());
        Files.writeString(tmp.resolve("plan.json"), json);
        assertEquals(plan.resources(), PlanFile.read(tmp).resources());
    }

    @Test
    void aMalformedStepIsNamedByItsIndex(@TempDir Path tmp) throws Exception {
        var file = tmp.resolve("plan.json");
        Files.writeString(file, "{\"steps\": [{\"op\": \"delete\"}, {\"op\": \"create\", \"newState\": {\"type\": \"x\"}}]}");
        var missing = assertThrows(IOException.class, () -> PlanFile.read(file));
        assertTrue(missing.getMessage().endsWith(": steps[1].newState.urn is missing"), missing.getMessage());
        Files.writeString(file, "{\"steps\": [{\"op\": \"delete\"}, {\"op\": \"delete\"}, {\"op\": \"create\", \"newState\": {\"urn\": \"vpc\"}}]}");
        var wrong = assertThrows(IOException.class, () -> PlanFile.read(file));
        assertTrue(wrong.getMessage().contains("steps[2].newState.urn is 'vpc', not a Pulumi URN"), wrong.getMessage());
    }
}
