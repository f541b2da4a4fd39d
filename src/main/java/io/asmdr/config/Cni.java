package io.asmdr.config;

import java.util.Optional;

/** The container network plugin of an ACK cluster, by its config spelling. */
public enum Cni implements ConfigName {
    FLANNEL("flannel", "flannel"),
    TERWAY("terway", "terway-eniip");

    private final String configName;
    private final String addonName;

    Cni(String configName, String addonName) {
        this.configName = configName;
        this.addonName = addonName;
    }

    @Override
    public String configName() {
        return configName;
    }

    /** The ACK addon that installs this plugin (Terway needs terway-eniip, or create fails with EmptyCIDR). */
    public String addonName() {
        return addonName;
    }

    public static Optional<Cni> fromConfig(String value) {
        return ConfigName.parse(Cni.class, value);
    }
}
