package io.asmdr.ops;

/** The bodies the ops tests' mock API servers answer with: a Kubernetes Status that failed with a code (and a reason), or succeeded. */
final class KubeStatus {
    static final String SUCCESS = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}";

    private KubeStatus() {}

    static String failure(int code) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code + "}";
    }

    static String failure(int code, String reason) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code + ",\"reason\":\"" + reason + "\"}";
    }
}
