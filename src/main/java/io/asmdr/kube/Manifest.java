package io.asmdr.kube;

import java.util.Map;

/** A Kubernetes object to apply, as plain data: rendered by pure functions, registered by components. */
public record Manifest(String apiVersion, String kind, String namespace, String name, Map<String, Object> spec) {}
