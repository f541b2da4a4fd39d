package io.asmdr.spec;

public record VpcSpec(String name, Cidr cidr) {}
