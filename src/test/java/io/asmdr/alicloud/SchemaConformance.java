package io.asmdr.alicloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.CustomType;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Holds a binding class against the provider schema facts: its token exists, every declared
 * property exists there under the same wire name with the same type, and every required input is
 * declared (and declared required). Returns violations rather than asserting, so tests can also
 * prove that it catches a misspelt binding.
 */
final class SchemaConformance {
    private final JsonNode schema;

    SchemaConformance(JsonNode schema) {
        this.schema = schema;
    }

    List<String> checkResource(Class<? extends CustomResource> resource) {
        var v = new ArrayList<String>();
        var annotation = resource.getAnnotation(ResourceType.class);
        if (annotation == null) {
            v.add(resource.getName() + ": no @ResourceType");
            return v;
        }
        var token = annotation.type();
        var entry = schema.path("resources").path(token);
        if (entry.isMissingNode()) {
            v.add(resource.getName() + ": token " + token + " is not in the schema");
            return v;
        }
        checkExports(resource, entry.path("outputs"), token, v);
        var args = argsClassOf(resource);
        if (args == null) {
            v.add(resource.getName() + ": no (String, Args, CustomResourceOptions) constructor");
            return v;
        }
        checkImports(args, entry.path("inputs"), "required", token, v);
        return v;
    }

    /** A nested input type such as {@code cen.inputs.TransitRouterVpcAttachmentZoneMappingArgs}. */
    List<String> checkInputType(Class<?> type) {
        return checkInputType(type, typeKey(type));
    }

    List<String> checkInputType(Class<?> type, String key) {
        var v = new ArrayList<String>();
        var entry = schema.path("types").path(key);
        if (entry.isMissingNode()) {
            v.add(type.getName() + ": type " + key + " is not in the schema");
            return v;
        }
        checkImports(type, entry.path("properties"), "required", key, v);
        return v;
    }

    /** A nested output type, checked field by field against the schema type's properties. */
    List<String> checkOutputType(Class<?> type, JsonNode properties, String key) {
        var v = new ArrayList<String>();
        if (type.getAnnotation(CustomType.class) == null) {
            v.add(type.getName() + ": no @CustomType");
        }
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            var prop = properties.path(f.getName());
            if (prop.isMissingNode()) {
                v.add(type.getName() + "." + f.getName() + ": property not in " + key);
            } else if (!prop.path("type").asText().equals(schemaType(f.getGenericType()))) {
                v.add(type.getName() + "." + f.getName() + ": type " + schemaType(f.getGenericType()) + " but schema says " + prop.path("type").asText());
            }
        }
        // the builder's setter names are what the SDK deserializes by: each must be a wire name of the type
        for (var nested : type.getDeclaredClasses()) {
            if (nested.getAnnotation(CustomType.Builder.class) == null) {
                continue;
            }
            for (Method m : nested.getDeclaredMethods()) {
                var setter = m.getAnnotation(CustomType.Setter.class);
                if (setter != null && (properties.path(setter.value()).isMissingNode() || !setter.value().equals(m.getName()))) {
                    v.add(type.getName() + ".Builder." + m.getName() + ": @Setter(\"" + setter.value() + "\") is not the property " + m.getName() + " of " + key);
                }
            }
        }
        return v;
    }

    List<String> checkOutputType(Class<?> type) {
        var key = typeKey(type);
        var entry = schema.path("types").path(key);
        if (entry.isMissingNode()) {
            return List.of(type.getName() + ": type " + key + " is not in the schema");
        }
        return checkOutputType(type, entry.path("properties"), key);
    }

    /**
     * A {@code XxxFunctions} class: every public static method is an invoke named after the official
     * token; a {@code …Plain} one (the official SDK's future-returning variant) takes plain
     * {@code …PlainArgs} and returns a {@code CompletableFuture}, the others take Outputs and return one.
     */
    List<String> checkFunctions(Class<?> functions) {
        var v = new ArrayList<String>();
        var module = functions.getSimpleName().replace("Functions", "").toLowerCase();
        for (Method m : functions.getDeclaredMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers())) {
                continue;
            }
            var plain = m.getName().endsWith("Plain");
            var function = plain ? m.getName().substring(0, m.getName().length() - "Plain".length()) : m.getName();
            var token = "alicloud:" + module + "/" + function + ":" + function;
            var wantReturn = plain ? CompletableFuture.class : Output.class;
            if (((ParameterizedType) m.getGenericReturnType()).getRawType() != wantReturn
                    || m.getParameterTypes()[0].getSimpleName().endsWith("PlainArgs") != plain) {
                v.add(functions.getName() + "." + m.getName() + ": a " + (plain ? "plain" : "non-plain") + " invoke must take "
                        + (plain ? "…PlainArgs and return a CompletableFuture" : "Output args and return an Output"));
                continue;
            }
            var entry = schema.path("functions").path(token);
            if (entry.isMissingNode()) {
                v.add(functions.getName() + "." + m.getName() + ": token " + token + " is not in the schema");
                continue;
            }
            checkImports(m.getParameterTypes()[0], entry.path("inputs"), "required", token, plain, v);
            var result = (Class<?>) ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[0];
            v.addAll(checkOutputType(result, entry.path("outputs"), token));
        }
        return v;
    }

    private void checkImports(Class<?> args, JsonNode properties, String requiredFlag, String key, List<String> v) {
        checkImports(args, properties, requiredFlag, key, false, v);
    }

    /** @param plain the fields are plain values (…PlainArgs), not Outputs */
    private void checkImports(Class<?> args, JsonNode properties, String requiredFlag, String key, boolean plain, List<String> v) {
        var declared = new HashSet<String>();
        for (Field f : args.getDeclaredFields()) {
            var imp = f.getAnnotation(Import.class);
            if (imp == null) {
                continue;
            }
            declared.add(imp.name());
            var prop = properties.path(imp.name());
            if (prop.isMissingNode()) {
                v.add(args.getName() + "." + f.getName() + ": input '" + imp.name() + "' not in " + key);
                continue;
            }
            var want = prop.path("type").asText();
            var got = schemaType(plain ? f.getGenericType() : unwrapOutput(f.getGenericType()));
            if (!want.equals(got)) {
                v.add(args.getName() + "." + f.getName() + ": type " + got + " but " + key + " says " + want);
            }
            if (prop.path(requiredFlag).asBoolean(false) != imp.required()) {
                v.add(args.getName() + "." + f.getName() + ": required=" + imp.required() + " but " + key + " says " + prop.path(requiredFlag).asBoolean(false));
            }
        }
        properties.fields().forEachRemaining(e -> {
            if (e.getValue().path(requiredFlag).asBoolean(false) && !declared.contains(e.getKey())) {
                v.add(args.getName() + ": required input '" + e.getKey() + "' of " + key + " is not declared");
            }
        });
    }

    private void checkExports(Class<?> resource, JsonNode outputs, String token, List<String> v) {
        for (Field f : resource.getDeclaredFields()) {
            var exp = f.getAnnotation(Export.class);
            if (exp == null) {
                continue;
            }
            var prop = outputs.path(exp.name());
            if (prop.isMissingNode()) {
                v.add(resource.getName() + "." + f.getName() + ": output '" + exp.name() + "' not in " + token);
                continue;
            }
            var got = schemaType(unwrapOutput(f.getGenericType()));
            if (!prop.path("type").asText().equals(got)) {
                v.add(resource.getName() + "." + f.getName() + ": type " + got + " but " + token + " says " + prop.path("type").asText());
            }
        }
    }

    private static Class<?> argsClassOf(Class<?> resource) {
        for (var c : resource.getConstructors()) {
            var p = c.getParameterTypes();
            if (p.length == 3 && p[0] == String.class && p[2] == CustomResourceOptions.class) {
                return p[1];
            }
        }
        return null;
    }

    private static Type unwrapOutput(Type t) {
        if (t instanceof ParameterizedType p && p.getRawType() == Output.class) {
            return p.getActualTypeArguments()[0];
        }
        throw new IllegalArgumentException("not an Output<...>: " + t);
    }

    /** The schema's spelling of a Java property type. */
    static String schemaType(Type t) {
        if (t == String.class) {
            return "string";
        }
        if (t == Integer.class) {
            return "integer";
        }
        if (t == Boolean.class) {
            return "boolean";
        }
        if (t == Double.class) {
            return "number";
        }
        if (t == Object.class) {
            return "any";
        }
        if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
            return "array<" + schemaType(p.getActualTypeArguments()[0]) + ">";
        }
        if (t instanceof ParameterizedType p && p.getRawType() == Map.class) {
            return "map<" + schemaType(p.getActualTypeArguments()[1]) + ">";
        }
        if (t instanceof Class<?> c) {
            return "object:" + typeKey(c);
        }
        return "unsupported:" + t;
    }

    /** {@code io.asmdr.alicloud.cen.inputs.X} is schema type {@code cen:X}, as in the official SDK's packages. */
    static String typeKey(Class<?> c) {
        var pkg = c.getPackageName().substring("io.asmdr.alicloud.".length());
        return pkg.split("\\.")[0] + ":" + c.getSimpleName();
    }
}
