package io.asmdr.ops;

import com.pulumi.automation.LocalWorkspace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.asmdr.configreader.ProjectFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A deployed stack, read through the Pulumi CLI (Automation API: {@code pulumi stack output
 * --show-secrets}) and the clusters' Kubernetes APIs. Only the live commands use it; everything
 * here can be replaced by {@code --url} and {@code --kubeconfig}.
 */
public final class LiveStack {
    public static final String GATEWAY_SERVICE = "istio-ingressgateway";
    public static final String GATEWAY_NAMESPACE = "istio-system";

    private final Map<String, String> outputs;

    private LiveStack(Map<String, String> outputs) {
        this.outputs = outputs;
    }

    /**
     * {@link #select} in the project asm-dr runs for, or a message that says what to do instead of a Java
     * exception: install the CLI, log in, set the passphrase, or pass {@code instead} (the options that
     * replace the STACK).
     */
    static LiveStack open(String stack, String instead) {
        var path = System.getenv().getOrDefault("PATH", "");
        if (Stream.of(path.split(":")).filter(d -> !d.isEmpty()).noneMatch(d -> Files.isExecutable(Path.of(d, "pulumi")))) {
            throw new Verify.EnvironmentException("cannot read stack " + stack + "'s outputs: no `pulumi` CLI on PATH. Install it"
                    + " (https://www.pulumi.com/docs/install/, or tools/pulumi-cli.sh), log in to the stack's backend and try again,"
                    + " or pass " + instead + " instead of the STACK");
        }
        try {
            return select(stack, ProjectFile.root());
        } catch (Exception e) {
            throw new Verify.EnvironmentException("cannot read stack " + stack + "'s outputs through the Pulumi CLI: " + plain(e)
                    + ". Check `pulumi stack ls` (the backend you are logged in to) and PULUMI_CONFIG_PASSPHRASE, or pass " + instead
                    + " instead of the STACK");
        }
    }

    /**
     * An exception's message for people: without Java class names, its cause's when it has none, and of a failed CLI
     * command (the Automation API's "code: N / stdout: … / stderr: …") the CLI's last {@code error:} line.
     */
    static String plain(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            var message = t.getMessage();
            if (message != null && !message.isBlank()) {
                var lines = CLASS_PREFIX.matcher(message.strip()).replaceAll("").lines()
                        .map(l -> l.replaceFirst("^(stderr|stdout): ", "").strip()).filter(l -> !l.isEmpty()).toList();
                return lines.stream().filter(l -> l.startsWith("error: ")).reduce((a, b) -> b)
                        .map(l -> l.substring("error: ".length()))
                        .orElse(lines.get(0));
            }
        }
        return "it failed without a message";
    }

    private static final Pattern CLASS_PREFIX = Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ");

    /** Needs the Pulumi CLI on PATH, logged in to the stack's backend (and its passphrase, if any). */
    public static LiveStack select(String stack, Path projectDir) throws Exception {
        var ws = LocalWorkspace.selectStack(stack, projectDir);
        var out = new LinkedHashMap<String, String>();
        ws.getOutputs().forEach((k, v) -> out.put(k, String.valueOf(v.value())));
        return new LiveStack(out);
    }

    /** A stack's outputs as they are; for tests and for callers that read them another way. */
    public static LiveStack of(Map<String, String> outputs) {
        return new LiveStack(new LinkedHashMap<>(outputs));
    }

    public String output(String name) {
        var v = outputs.get(name);
        if (v == null) {
            throw new IllegalStateException("stack output " + name + " is missing; run `pulumi up` first");
        }
        return v;
    }

    public String kubeconfig(String cluster) {
        return output("kubeconfig/" + cluster);
    }

    /**
     * The field manager the API server records for this program's writes: its clients send it as their user agent, and
     * a write that names no manager is recorded under the user agent up to its first '/' (k8s.io/apiserver,
     * endpoints/handlers/create.go, {@code managerOrUserAgent}); {@link FieldOwnership} gives up what a drill took under it.
     */
    public static final String FIELD_MANAGER = "asm-dr";

    public static KubernetesClient client(String kubeconfig) {
        var config = Config.fromKubeconfig(kubeconfig);
        config.setUserAgent(FIELD_MANAGER + "/ops");
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** {@code http://<address>/productpage} of the ASM ingress gateway's LoadBalancer Service. */
    public static URI gatewayUrl(KubernetesClient client) {
        var service = client.services().inNamespace(GATEWAY_NAMESPACE).withName(GATEWAY_SERVICE).get();
        if (service == null) {
            throw new IllegalStateException("no Service " + GATEWAY_NAMESPACE + "/" + GATEWAY_SERVICE + " in the gateway cluster yet");
        }
        var ingress = service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                ? null : service.getStatus().getLoadBalancer().getIngress();
        if (ingress == null || ingress.isEmpty()) {
            throw new IllegalStateException("the gateway Service has no load-balancer address yet");
        }
        var first = ingress.get(0);
        var host = first.getIp() != null ? first.getIp() : first.getHostname();
        return URI.create("http://" + host + "/productpage");
    }
}
