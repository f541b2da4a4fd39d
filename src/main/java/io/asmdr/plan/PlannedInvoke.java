package io.asmdr.plan;

import java.util.Map;

/** One provider function call (a read, not a resource), with the provider reference it went to. */
public record PlannedInvoke(String token, String provider, Map<String, Object> args) {}
