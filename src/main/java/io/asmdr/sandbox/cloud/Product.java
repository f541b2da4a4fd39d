package io.asmdr.sandbox.cloud;

import java.util.Optional;

/**
 * One Alibaba Cloud product as the sandbox emulates it: the actions terraform-provider-alicloud
 * v1.285.0 calls for the resources and data sources this program declares, with the request and
 * response shapes read from that provider's code (cited in each implementation).
 */
public interface Product {
    /** The product code as the provider names it (connectivity/client.go: "Vpc", "Cbn", "CS", …). */
    String name();

    /** The API version: RPC calls carry it as {@code Version}; ROA calls as {@code x-acs-version}. */
    String version();

    /**
     * The answer to {@code request} (a JSON-serialisable value), or empty when the action is not one
     * this product emulates: the emulator then refuses it by name.
     */
    Optional<Object> handle(ApiRequest request, CloudState state);

    /** The action a call is, for the log and the RAM check: RPC calls name it; a ROA product names it from method and path. */
    default String actionName(ApiRequest request) {
        return request.action();
    }

    /** The region a call concerns: its {@code RegionId}, or for a call that names none, the region of what it names. */
    default Optional<String> regionOf(ApiRequest request, CloudState state) {
        return request.region();
    }
}
