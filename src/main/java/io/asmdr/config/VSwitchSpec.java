package io.asmdr.config;

/**
 * One vSwitch.
 *
 * @param key the config key it was read from ({@code asm-dr:regions[1].vswitches[0]}), kept for the
 *            problems only the cloud can find (an unsupported transit-router zone); the spec is
 *            sorted after validation, so its own list positions no longer say where in the file a
 *            vSwitch was written
 */
public record VSwitchSpec(String name, Cidr cidr, String zone, String key) {}
