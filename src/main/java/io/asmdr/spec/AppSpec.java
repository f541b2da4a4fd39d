package io.asmdr.spec;

public record AppSpec(String namespace) {}
