package io.asmdr.traffic;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.asmdr.kube.CustomResource;
import io.asmdr.kube.CustomResourceArgs;
import io.asmdr.kube.KubernetesPlugin;
import io.asmdr.kube.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The Bookinfo Gateway, VirtualService and DestinationRules on one mesh control plane. Per region
 * ({@code asm-dr:mesh.controlPlane: perRegion}) there is one of these per instance, each with the same
 * objects: an instance configures only its own cluster's proxies.
 */
public final class MeshRouting extends ComponentResource {
    public static final String TYPE = "asm-dr:traffic:MeshRouting";

    /**
     * @param istioApi   the provider that reaches the ASM control plane
     * @param controlPlane    what must exist before the control plane accepts Istio objects (under CR
     *                        aggregation it resolves only once the gateway cluster serves the kinds)
     * @param createNamespace the ASM API server has its own namespaces: create the app namespace there
     *                        (only with the ASM kubeconfig; under CR aggregation the member cluster's is used)
     * @param nameSuffix      appended to every object's resource name: empty for a single control plane (its names
     *                        predate per-region instances), {@code -<region>} per region, so no two URNs collide
     */
    public record Args(List<Manifest> manifests, Provider istioApi, Output<List<Resource>> controlPlane, boolean createNamespace,
                       String nameSuffix) {
        public Args {
            manifests = List.copyOf(manifests);
        }

        /** The objects of a single control plane. */
        public Args(List<Manifest> manifests, Provider istioApi, Output<List<Resource>> controlPlane, boolean createNamespace) {
            this(manifests, istioApi, controlPlane, createNamespace, "");
        }
    }

    private final List<CustomResource> objects = new ArrayList<>();

    public MeshRouting(String name, Args args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        var before = args.controlPlane();
        if (args.createNamespace()) {
            var namespace = args.manifests().get(0).namespace();
            var created = (Resource) new Namespace(name + "-namespace", NamespaceArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(namespace).build())
                    .build(), KubernetesPlugin.options().parent(this).provider(args.istioApi()).dependsOn(args.controlPlane()).build());
            before = after(before, created);
        }
        for (var m : args.manifests()) {
            objects.add(new CustomResource(m.kind().toLowerCase() + "-" + m.name() + args.nameSuffix(), CustomResourceArgs.builder()
                    .apiVersion(m.apiVersion())
                    .kind(m.kind())
                    .metadata(ObjectMetaArgs.builder().name(m.name()).namespace(m.namespace()).build())
                    .spec(m.spec())
                    .build(), KubernetesPlugin.options().parent(this).provider(args.istioApi()).dependsOn(before).build()));
        }
        registerOutputs(Map.of());
    }

    /** {@code ready} and then {@code also}: one dependency list, still resolving only when {@code ready} does. */
    public static Output<List<Resource>> after(Output<List<Resource>> ready, Resource also) {
        return ready.applyValue(resources -> {
            var all = new ArrayList<Resource>(resources);
            all.add(also);
            return List.copyOf(all);
        });
    }

    public List<CustomResource> objects() {
        return List.copyOf(objects);
    }
}
