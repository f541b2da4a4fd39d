package io.asmdr.configreader;

import io.asmdr.config.ConfigSchema;
import io.asmdr.support.TestStacks;
import io.asmdr.validation.Problem;
import io.asmdr.validation.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every documented key, misspelt the ways people misspell (two letters swapped, one dropped, the
 * case of a letter changed), must be refused at its full path with the intended key suggested: an
 * unknown key can never silently drop a setting.
 */
class ConfigTypoPropertyTest {

    /** A stack in which every mapping the schema documents exists, so a typo can be put anywhere. */
    static TestStacks everyMappingPresent() {
        return TestStacks.tutorial()
                .with("regions[0].cluster.podVswitches", List.of(Map.of("name", "pods", "cidr", "20.2.0.0/16", "zone", "cn-hangzhou-h")))
                .with("app", Map.of("namespace", "default"))
                .with("traffic.connectionPool", Map.of("maxRequestsPerConnection", 1))
                // the list form; a typo under ingressGateway (the single form) creates that mapping, refused with it
                .without("mesh.ingressGateway").with("mesh.ingressGateways", List.of(Map.of("cluster", "ack-0"), Map.of("cluster", "ack-1")))
                .with("globalEntry", Map.of("domain", "bookinfo.example.com", "monitorNodes", List.of(Map.of("cityCode", "503", "ispCode", "465"))));
    }

    static List<String> typos(String key) {
        var out = new ArrayList<String>();
        int mid = key.length() / 2;
        if (key.length() >= 3) {
            var chars = key.toCharArray();
            var c = chars[mid - 1];
            chars[mid - 1] = chars[mid];
            chars[mid] = c;
            out.add(new String(chars));
            out.add(key.substring(0, mid) + key.substring(mid + 1));
        }
        var first = key.charAt(0);
        out.add((Character.isUpperCase(first) ? Character.toLowerCase(first) : Character.toUpperCase(first)) + key.substring(1));
        return out.stream().filter(t -> !t.equals(key)).distinct().toList();
    }

    @Test
    void everyDocumentedKeyMisspeltIsRefusedWithTheRightSuggestion() {
        int checked = 0;
        var missed = new ArrayList<String>();
        for (var doc : ConfigSchema.keys()) {
            var path = doc.path();
            if (path.endsWith("[]") && !path.contains(".")) {
                path = path.substring(0, path.length() - 2);
            }
            var key = path.substring(path.lastIndexOf('.') + 1).replace("[]", "");
            var parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')).replace("[]", "[0]") : "";
            var siblings = siblings(parent);
            for (var typo : typos(key)) {
                if (siblings.contains(typo)) {
                    continue; // the typo is itself a valid key here
                }
                var concrete = parent.isEmpty() ? typo : parent + "." + typo;
                var stacks = everyMappingPresent().with(concrete, "x");
                var expectedKey = "asm-dr:" + concrete;
                var e = assertThrows(SpecException.class, stacks::load, concrete);
                var problem = e.problems().stream().filter(p -> p.key().equals(expectedKey)).findFirst();
                if (problem.isEmpty() || !problem.get().conflict().contains("did you mean " + key + "?")) {
                    missed.add(concrete + " -> " + problem.map(Problem::toString).orElse(e.getMessage()));
                }
                checked++;
            }
        }
        assertTrue(missed.isEmpty(), String.join("\n", missed));
        assertTrue(checked > 120, "only " + checked + " typos tried");
    }

    /** The valid keys of the mapping at {@code parent} (e.g. {@code regions[0].cluster}). */
    static Set<String> siblings(String parent) {
        ConfigSchema.Shape shape = ConfigSchema.ROOT;
        if (!parent.isEmpty()) {
            for (var part : parent.split("\\.")) {
                var name = part.replace("[0]", "");
                shape = ((ConfigSchema.Fields) shape).fields().get(name);
                if (part.endsWith("[0]")) {
                    shape = ((ConfigSchema.ListOf) shape).element();
                }
            }
        }
        return ((ConfigSchema.Fields) shape).fields().keySet();
    }

    @Test
    void theMaximalStackItselfIsValid() {
        assertEquals(2, everyMappingPresent().with("regions[0].cluster.network", "terway").without("regions[0].cluster.podCidr").load().regions().size());
    }

    @Test
    void everyKeyIsDocumentedOnce() {
        var paths = ConfigSchema.keys().stream().map(ConfigSchema.KeyDoc::path).toList();
        assertEquals(paths.size(), Set.copyOf(paths).size(), paths.stream().filter(p -> paths.indexOf(p) != paths.lastIndexOf(p))
                .collect(Collectors.toSet()).toString());
        assertTrue(ConfigSchema.keys().stream().allMatch(k -> !k.doc().isBlank()));
    }
}
