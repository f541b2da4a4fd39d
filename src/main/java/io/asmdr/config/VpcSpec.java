package io.asmdr.config;

public record VpcSpec(String name, Cidr cidr) {}
