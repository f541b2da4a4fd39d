package io.asmdr.alicloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asmdr.reference.ReferenceData;
import com.pulumi.bootstrap.internal.Main;
import com.pulumi.core.annotations.CustomType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.ResourceArgs;
import io.asmdr.alicloud.fixtures.MisspeltSwitch;
import io.asmdr.alicloud.fixtures.MisspeltSwitchArgs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every hand-written alicloud binding against the provider schema facts at v3.105.0. */
class AlicloudSchemaTest {
    private static JsonNode schema;
    private static List<Class<?>> bindings;

    @BeforeAll
    static void load() throws IOException, URISyntaxException, ClassNotFoundException {
        var json = new ObjectMapper();
        schema = ReferenceData.merged(ReferenceData.merged(json.readTree(Path.of("reference/alicloud-schema.json").toFile()),
                json.readTree(Path.of("reference/alicloud-schema-gtm.json").toFile())),
                json.readTree(Path.of("reference/alicloud-schema-ga.json").toFile()));
        bindings = bindingClasses();
    }

    @Test
    void pluginVersionMatchesTheSchema() throws IOException {
        assertEquals(schema.path("pluginVersion").asText(), Utilities.VERSION);
        try (var in = getClass().getResourceAsStream("/com/pulumi/alicloud/plugin.json")) {
            var plugin = new ObjectMapper().readTree(in);
            assertEquals("alicloud", plugin.path("name").asText());
            assertEquals(Utilities.VERSION, plugin.path("version").asText());
            assertTrue(plugin.path("resource").asBoolean());
        }
    }

    /** What the Pulumi Java host runs (`bootstrap Main packages`) to learn which plugins to install. */
    @Test
    void theLanguageHostDiscoversTheAlicloudPlugin() throws IOException {
        var captured = new ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Main.main(new String[] {"packages"});
        } finally {
            System.setOut(original);
        }
        var plugins = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
        var found = new HashMap<String, String>();
        plugins.forEach(p -> found.put(p.path("name").asText(), p.path("version").asText()));
        assertEquals("3.105.0", found.get("alicloud"), plugins.toString());
        assertEquals("4.0.0", found.get("kubernetes"), plugins.toString());
    }

    @Test
    void everyResourceBindingConforms() {
        var check = new SchemaConformance(schema);
        var violations = new ArrayList<String>();
        int resources = 0;
        for (var c : bindings) {
            if (CustomResource.class.isAssignableFrom(c)) {
                violations.addAll(check.checkResource(c.asSubclass(CustomResource.class)));
                resources++;
            }
        }
        assertEquals(List.of(), violations);
        assertTrue(resources >= 14, "expected every used resource to have a binding, found " + resources);
    }

    @Test
    void everyNestedTypeAndFunctionConforms() {
        var check = new SchemaConformance(schema);
        var violations = new ArrayList<String>();
        int functions = 0;
        for (var c : bindings) {
            if (c.getPackageName().endsWith(".inputs") && ResourceArgs.class.isAssignableFrom(c)) {
                violations.addAll(check.checkInputType(c));
            } else if (c.getPackageName().endsWith(".outputs") && c.getAnnotation(CustomType.class) != null && !c.getSimpleName().endsWith("Result")) {
                violations.addAll(check.checkOutputType(c));
            } else if (c.getSimpleName().endsWith("Functions")) {
                violations.addAll(check.checkFunctions(c));
                functions++;
            }
        }
        assertEquals(List.of(), violations);
        assertEquals(3, functions, "cen, cs and servicemesh function classes");
    }

    @Test
    void aMisspeltPropertyNameIsCaught() {
        var violations = new SchemaConformance(schema).checkResource(MisspeltSwitch.class);
        assertTrue(violations.stream().anyMatch(v -> v.contains("vswitchNmae") && v.contains("not in")), violations.toString());
    }

    @Test
    void aWrongTypeAndAMissingRequiredInputAreCaught() {
        var violations = new SchemaConformance(schema).checkInputType(MisspeltSwitchArgs.BadZoneMapping.class, "cen:TransitRouterVpcAttachmentZoneMappingArgs");
        assertTrue(violations.stream().anyMatch(v -> v.contains("zoneId") && v.contains("type integer")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("required input 'vswitchId'")), violations.toString());
    }

    /** All classes compiled into the bindings package (nested builders excluded). */
    private static List<Class<?>> bindingClasses() throws URISyntaxException, IOException, ClassNotFoundException {
        var root = Path.of(Utilities.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        var pkgDir = root.resolve("io/asmdr/alicloud");
        var out = new ArrayList<Class<?>>();
        try (Stream<Path> walk = Files.walk(pkgDir)) {
            for (var p : walk.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
                var name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                out.add(Class.forName(name));
            }
        }
        return out;
    }
}
