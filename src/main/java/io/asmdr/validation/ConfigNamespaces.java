package io.asmdr.validation;

import io.asmdr.config.ConfigSchema;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Config keys outside {@code asm-dr:} must be ones something reads. A misspelt namespace
 * ({@code asmdr:protect}, {@code asm-dr-prod:protect}) is otherwise read by nobody: production
 * protection would drop without a word. Every resource here has an explicit provider, and explicit
 * providers read no stack config (the program hands them region and credentials), so the only
 * foreign keys anything reads are the ones listed, by the program or by the engine.
 */
public final class ConfigNamespaces {
    public static final String OWN = "asm-dr";

    /** Namespace to the keys read there: the program's credentials and region, the engine's own settings. */
    static final Map<String, Set<String>> READ = Map.of(
            "alicloud", Set.of("region", "accessKey", "secretKey"),
            "pulumi", Set.of("disable-default-providers", "tags"));

    private ConfigNamespaces() {}

    public static void check(Collection<String> fullKeys, Problems problems) {
        var known = new TreeSet<String>();
        ConfigSchema.ROOT.fields().keySet().forEach(k -> known.add(OWN + ":" + k));
        ConfigSchema.SECRET_KEYS.forEach(k -> known.add(OWN + ":" + k));
        READ.forEach((ns, keys) -> keys.forEach(k -> known.add(ns + ":" + k)));
        for (var key : new TreeSet<>(fullKeys)) {
            int colon = key.indexOf(':');
            var namespace = colon < 0 ? "" : key.substring(0, colon);
            if (namespace.equals(OWN)) {
                continue; // the allow-list of asm-dr's own keys decides those
            }
            var read = READ.get(namespace);
            if (read != null && read.contains(key.substring(colon + 1))) {
                continue;
            }
            var guess = ConfigSchema.closest(key, known);
            var conflict = read != null
                    ? "is read by nothing: every resource has an explicit provider, which takes no stack config (the program passes only "
                            + String.join(", ", new TreeSet<>(read).stream().map(k -> namespace + ":" + k).toList()) + ")"
                    : namespace.equals("kubernetes")
                            ? "is read by nothing: every Kubernetes provider is explicit and takes only its cluster's kubeconfig"
                            : "is in namespace '" + namespace + "', which neither this program nor a provider reads";
            problems.add(key, "(set)", conflict, guess.map(g -> "did you mean " + g + "?").orElse("remove it (`pulumi config rm " + key + "`)"));
        }
    }
}
