package io.asmdr.kube;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Any Kubernetes custom resource (Istio's Gateway, VirtualService, DestinationRule, ASM's
 * IstioGateway). pulumi-kubernetes 4.0.0 has no generic CustomResource class; this one registers
 * under the same token the later upstream class uses, {@code kubernetes:<apiVersion>:<kind>}, so the
 * provider treats it exactly like the objects of a CRD.
 */
public class CustomResource extends com.pulumi.resources.CustomResource {
    @Export(name = "apiVersion", refs = {String.class})
    private Output<String> apiVersion;

    @Export(name = "kind", refs = {String.class})
    private Output<String> kind;

    @Export(name = "metadata", refs = {ObjectMeta.class})
    private Output<ObjectMeta> metadata;

    @Export(name = "spec", refs = {Map.class, String.class, Object.class}, tree = "[0,1,2]")
    private Output<Map<String, Object>> spec;

    public CustomResource(String name, CustomResourceArgs args, @Nullable CustomResourceOptions options) {
        super("kubernetes:" + args.apiVersionValue() + ":" + args.kindValue(), name, args,
                CustomResourceOptions.merge(KubernetesPlugin.options().build(), options, null));
    }

    public Output<String> apiVersion() {
        return apiVersion;
    }

    public Output<String> kind() {
        return kind;
    }

    public Output<ObjectMeta> metadata() {
        return metadata;
    }

    public Output<Map<String, Object>> spec() {
        return spec;
    }
}
