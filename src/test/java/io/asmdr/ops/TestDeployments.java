package io.asmdr.ops;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;

/** The Deployments the drill tests put on a (mock) API server: one container, labelled, selected and templated by {@code labels}. */
final class TestDeployments {
    private TestDeployments() {}

    static Deployment of(String namespace, String name, Map<String, String> labels, int replicas, String container, String image) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).addToLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(container).withImage(image).endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    /** A Bookinfo Deployment ({@code app}, {@code version}) with the tutorial's image. */
    static Deployment bookinfo(String namespace, String name, String app, String version, int replicas) {
        return of(namespace, name, Map.of("app", app, "version", version), replicas, app,
                "docker.io/istio/examples-bookinfo-" + app + "-" + version + ":1.16.2");
    }
}
