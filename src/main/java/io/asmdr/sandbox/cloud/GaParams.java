package io.asmdr.sandbox.cloud;

import io.asmdr.validation.CloudRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How the {@link Ga} product reads a request: the flat RPC parameters as terraform-provider-alicloud v1.285.0 sends
 * them (lists of maps flattened to {@code Prefix.N.Field} by tea-rpc-utils {@code Query}, booleans as
 * {@code true}/{@code false}), and the value rules of the GA API reference (2019-11-20) that several actions share,
 * each cited where it is checked. A broken rule is the API's 400 answer.
 */
final class GaParams {
    private GaParams() {}

    /** Names of GA instances: "2 to 128 characters ... digits, underscores (_), and hyphens (-). It must start with a letter" (CreateAccelerator Name). */
    static final Pattern ACCELERATOR_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{1,127}");
    /** Listeners and endpoint groups: "1 to 128 characters ... letters, digits, periods (.), underscores (_), and hyphens (-). The name must start with a letter" (CreateListener, CreateEndpointGroup Name). */
    static final Pattern CHILD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,127}");
    static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    /** RegionId: "Set the value to cn-hangzhou" (GA API reference, every action). */
    static String apiRegion(ApiRequest r) {
        var region = r.required("RegionId");
        if (!region.equals(Ga.API_REGION)) {
            throw ApiException.badRequest("InvalidParameter", "GA's RegionId must be " + Ga.API_REGION + " (the region of the GA API), not "
                    + region + "; configure the provider of the Global Accelerator resources with region " + Ga.API_REGION + ".");
        }
        return region;
    }

    static Optional<Integer> integer(ApiRequest r, String name) {
        return r.param(name).map(v -> integer(name, v));
    }

    static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("InvalidParameter", "The parameter " + name + " must be an integer, not '" + value + "'.");
        }
    }

    static boolean bool(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw ApiException.badRequest("InvalidParameter", "The parameter " + name + " must be true or false, not '" + value + "'.");
        }
        return Boolean.parseBoolean(value);
    }

    static void range(String name, int value, int min, int max, String code, String source) {
        if (value < min || value > max) {
            throw ApiException.badRequest(code, "The parameter " + name + " must be within " + min + " to " + max + ", not " + value + " (" + source + ").");
        }
    }

    static String oneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw ApiException.badRequest("InvalidParameter", "The parameter " + name + " must be one of " + new TreeSet<>(allowed) + ", not '" + value + "'.");
        }
        return value;
    }

    /** Whether the call carries {@code name} at all, even empty (an Update clears a description by sending it empty). */
    static boolean sent(ApiRequest r, String name) {
        return r.params().containsKey(name);
    }

    static void checkName(String kind, String value, Pattern rule, String source) {
        if (!rule.matcher(value).matches()) {
            throw ApiException.badRequest("InvalidParameter", "The " + kind + " name '" + value + "' is invalid: " + source + ".");
        }
    }

    /** "The description can be up to 200 characters in length and cannot start with http:// or https://." (CreateListener, CreateEndpointGroup Description). */
    static void description(String value) {
        if (value.length() > 200 || value.startsWith("http://") || value.startsWith("https://")) {
            throw ApiException.badRequest("InvalidParameter", "The description '" + value
                    + "' is invalid: up to 200 characters, not starting with http:// or https://.");
        }
    }

    /** {@code Prefix.Field} pairs (a map parameter flattened by tea-rpc-utils). */
    static Map<String, String> indexedMap(ApiRequest r, String prefix) {
        var out = new TreeMap<String, String>();
        r.params().forEach((k, v) -> {
            if (k.startsWith(prefix + ".") && !v.isEmpty()) {
                out.put(k.substring(prefix.length() + 1), v);
            }
        });
        return out;
    }

    static List<String> sublist(Map<String, String> fields, String name) {
        var found = new TreeMap<Integer, String>();
        fields.forEach((k, v) -> {
            if (k.startsWith(name + ".") && k.substring(name.length() + 1).matches("[0-9]+") && !v.isEmpty()) {
                found.put(Integer.parseInt(k.substring(name.length() + 1)), v);
            }
        });
        return List.copyOf(found.values());
    }

    static Optional<String> field(Map<String, String> fields, String name) {
        return Optional.ofNullable(fields.get(name)).filter(v -> !v.isEmpty());
    }

    /** "The tag key ... up to 64 characters ... cannot contain http:// or https://. It cannot start with aliyun or acs:"; values up to 128 (CreateAccelerator Tag). */
    static void tagRule(String key, String value) {
        if (key.isEmpty() || key.length() > 64 || key.startsWith("aliyun") || key.startsWith("acs:") || key.contains("http://") || key.contains("https://")) {
            throw ApiException.badRequest("InvalidParameter", "The tag key '" + key
                    + "' is invalid: 1 to 64 characters, not starting with aliyun or acs:, without http:// or https://.");
        }
        if (value.length() > 128 || value.startsWith("aliyun") || value.startsWith("acs:") || value.contains("http://") || value.contains("https://")) {
            throw ApiException.badRequest("InvalidParameter", "The value of tag '" + key
                    + "' is invalid: up to 128 characters, not starting with aliyun or acs:, without http:// or https://.");
        }
    }

    /** A region GA can use: "NotExist.BusinessRegion: The business region does not exist." (CreateEndpointGroup error codes). */
    static void knownRegion(String region, String parameter) {
        if (!CloudRules.REGIONS.contains(region)) {
            throw ApiException.badRequest("NotExist.BusinessRegion", "The business region does not exist: " + parameter + " " + region + ".");
        }
    }
}
