package io.asmdr.config;

import java.util.Optional;

/** Which API server receives the Istio objects. */
public enum IstioApi implements ConfigName {
    /** A member cluster's public API server, with ASM CR aggregation on: works from anywhere the ACK API does. */
    CR_AGGREGATION("crAggregation"),
    /** The ASM instance's own kubeconfig: private endpoint only, so only for runners inside the VPC. */
    ASM_KUBECONFIG("asmKubeconfig");

    private final String configName;

    IstioApi(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    public static Optional<IstioApi> fromConfig(String value) {
        return ConfigName.parse(IstioApi.class, value);
    }
}
