package io.asmdr.spec;

public record VSwitchSpec(String name, Cidr cidr, String zone) {}
