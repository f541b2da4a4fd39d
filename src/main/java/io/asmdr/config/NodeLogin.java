package io.asmdr.config;

/** How node-pool ECS instances accept logins: an existing key pair, or the secret {@code asm-dr:nodePassword}. */
public sealed interface NodeLogin {
    record KeyPair(String name) implements NodeLogin {}

    /** The password itself never enters the spec; it stays a Pulumi secret from config to resource. */
    record SecretPassword() implements NodeLogin {}
}
