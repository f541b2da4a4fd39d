package io.asmdr.app;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.NamespacePatch;
import com.pulumi.kubernetes.core.v1.NamespacePatchArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaPatchArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.asmdr.kube.KubernetesPlugin;
import io.asmdr.naming.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * Bookinfo in one cluster, object for object as the tutorial applies it: details, ratings, reviews
 * (this region's version) and productpage, each with its Service, ServiceAccount and Deployment.
 * Every cluster gets all four Services, because Kubernetes DNS resolves only local Services.
 *
 * <p>Images stay at 1.16.2: later tags drop the {@code <!-- full stars: -->} marker the tutorial's
 * checks (and {@code verify}) count.
 */
public final class Bookinfo extends ComponentResource {
    public static final String TYPE = "asm-dr:app:Bookinfo";
    public static final String IMAGE_TAG = "1.16.2";
    public static final String INJECTION_LABEL = "istio-injection";
    static final int PORT = 9080;

    /**
     * @param joinedMesh the resource after which the cluster belongs to the mesh: pods created
     *                   earlier would start without a sidecar
     */
    public record Args(
            String region,
            String cluster,
            String namespace,
            String imageRegistry,
            String reviewsVersion,
            int reviewsReplicas,
            Provider kubernetes,
            Resource joinedMesh) {
        /** Named arguments, so two values of one type ({@code Output<String>}) cannot trade places. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String region;
            private String cluster;
            private String namespace;
            private String imageRegistry;
            private String reviewsVersion;
            private int reviewsReplicas;
            private Provider kubernetes;
            private Resource joinedMesh;

            private Builder() {}

            public Builder region(String region) {
                this.region = region;
                return this;
            }

            public Builder cluster(String cluster) {
                this.cluster = cluster;
                return this;
            }

            public Builder namespace(String namespace) {
                this.namespace = namespace;
                return this;
            }

            public Builder imageRegistry(String imageRegistry) {
                this.imageRegistry = imageRegistry;
                return this;
            }

            public Builder reviewsVersion(String reviewsVersion) {
                this.reviewsVersion = reviewsVersion;
                return this;
            }

            public Builder reviewsReplicas(int reviewsReplicas) {
                this.reviewsReplicas = reviewsReplicas;
                return this;
            }

            public Builder kubernetes(Provider kubernetes) {
                this.kubernetes = kubernetes;
                return this;
            }

            public Builder joinedMesh(Resource joinedMesh) {
                this.joinedMesh = joinedMesh;
                return this;
            }

            /** The args; every one is required (an absent optional value is {@code Optional.empty()}). */
            public Args build() {
                return new Args(Objects.requireNonNull(region, "Bookinfo.Args: region is required"),
                        Objects.requireNonNull(cluster, "Bookinfo.Args: cluster is required"),
                        Objects.requireNonNull(namespace, "Bookinfo.Args: namespace is required"),
                        Objects.requireNonNull(imageRegistry, "Bookinfo.Args: imageRegistry is required"),
                        Objects.requireNonNull(reviewsVersion, "Bookinfo.Args: reviewsVersion is required"),
                        reviewsReplicas,
                        Objects.requireNonNull(kubernetes, "Bookinfo.Args: kubernetes is required"),
                        Objects.requireNonNull(joinedMesh, "Bookinfo.Args: joinedMesh is required"));
            }
        }
    }

    /** One Bookinfo service: its name, the Deployment's version and replica count, and container details. */
    record Workload(String app, String version, int replicas, boolean logsAndWlp) {
        String deployment() {
            return app + "-" + version;
        }

        String image(String registry) {
            return registry + "/examples-bookinfo-" + app + "-" + version + ":" + IMAGE_TAG;
        }
    }

    private final List<Deployment> deployments = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();

    private final Resource namespace;

    public Bookinfo(String name, Args args, @Nullable ComponentResourceOptions options) {
        // named by region; the first release used "bookinfo-<cluster>" and "<cluster>-" prefixes
        super(TYPE, name, Identity.previously(options, name, "bookinfo-" + args.cluster()));
        var ns = args.namespace();
        var prefix = args.region() + "-";
        var legacyPrefix = args.cluster() + "-";
        this.namespace = "default".equals(ns)
                // default always exists: patch our label onto it instead of owning it
                ? new NamespacePatch(prefix + "namespace", NamespacePatchArgs.builder()
                        .metadata(ObjectMetaPatchArgs.builder()
                                .name(ns)
                                .labels(Map.of(INJECTION_LABEL, "enabled"))
                                .annotations(Map.of("pulumi.com/patchForce", "true"))
                                .build())
                        .build(), opts(args, prefix + "namespace", legacyPrefix + "namespace").build())
                : new Namespace(prefix + "namespace", NamespaceArgs.builder()
                        .metadata(ObjectMetaArgs.builder().name(ns).labels(Map.of(INJECTION_LABEL, "enabled")).build())
                        .build(), opts(args, prefix + "namespace", legacyPrefix + "namespace").build());

        var workloads = List.of(
                new Workload("details", "v1", 1, false),
                new Workload("ratings", "v1", 1, false),
                new Workload("reviews", args.reviewsVersion(), args.reviewsReplicas(), true),
                new Workload("productpage", "v1", 1, false));
        for (var w : workloads) {
            services.add(new Service(prefix + w.app(), ServiceArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(w.app()).namespace(ns).labels(Map.of("app", w.app(), "service", w.app())).build())
                    .spec(ServiceSpecArgs.builder()
                            .ports(ServicePortArgs.builder().port(PORT).name("http").build())
                            .selector(Map.of("app", w.app()))
                            .build())
                    .build(), opts(args, prefix + w.app(), legacyPrefix + w.app()).dependsOn(namespace).build()));
            var account = new ServiceAccount(prefix + "bookinfo-" + w.app(), ServiceAccountArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name("bookinfo-" + w.app()).namespace(ns).labels(Map.of("account", w.app())).build())
                    .build(), opts(args, prefix + "bookinfo-" + w.app(), legacyPrefix + "bookinfo-" + w.app()).dependsOn(namespace).build());
            // pods need the injection label on their namespace and the sidecar injector of a joined cluster
            deployments.add(new Deployment(prefix + w.deployment(), deployment(w, ns, args.imageRegistry()),
                    opts(args, prefix + w.deployment(), legacyPrefix + w.deployment()).dependsOn(namespace, account, args.joinedMesh()).build()));
        }
        registerOutputs(Map.of());
    }

    private static DeploymentArgs deployment(Workload w, String namespace, String registry) {
        var labels = Map.of("app", w.app(), "version", w.version());
        var container = ContainerArgs.builder()
                .name(w.app())
                .image(w.image(registry))
                .imagePullPolicy("IfNotPresent")
                .ports(ContainerPortArgs.builder().containerPort(PORT).build())
                .securityContext(SecurityContextArgs.builder().runAsUser(1000).build());
        var volumes = new ArrayList<VolumeArgs>();
        if (w.logsAndWlp()) {
            container.env(EnvVarArgs.builder().name("LOG_DIR").value("/tmp/logs").build())
                    .volumeMounts(
                            VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build(),
                            VolumeMountArgs.builder().name("wlp-output").mountPath("/opt/ibm/wlp/output").build());
            volumes.add(emptyDir("wlp-output"));
            volumes.add(emptyDir("tmp"));
        } else if (w.app().equals("productpage")) {
            container.volumeMounts(VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build());
            volumes.add(emptyDir("tmp"));
        }
        var pod = PodSpecArgs.builder()
                .serviceAccountName("bookinfo-" + w.app())
                .containers(container.build());
        if (!volumes.isEmpty()) {
            pod.volumes(volumes);
        }
        return DeploymentArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(w.deployment()).namespace(namespace).labels(labels).build())
                .spec(DeploymentSpecArgs.builder()
                        .replicas(w.replicas())
                        .selector(LabelSelectorArgs.builder().matchLabels(labels).build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                .spec(pod.build())
                                .build())
                        .build())
                .build();
    }

    private static VolumeArgs emptyDir(String name) {
        return VolumeArgs.builder().name(name).emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build();
    }

    private CustomResourceOptions.Builder opts(Args args, String name, String legacyName) {
        return KubernetesPlugin.options().parent(this).provider(args.kubernetes()).aliases(Identity.previously(name, legacyName));
    }

    /** The app namespace in this cluster (a patch of {@code default}, or a namespace of our own). */
    public Resource namespace() {
        return namespace;
    }

    public List<Deployment> deployments() {
        return List.copyOf(deployments);
    }

    public List<Service> services() {
        return List.copyOf(services);
    }
}
