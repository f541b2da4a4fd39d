package io.asmdr.sandbox.cloud;

/** The one account the sandbox's cloud belongs to (its id appears as OwnerId, in ARNs and in resource-group ids). */
final class CloudAccount {
    /** Sixteen digits, the shape of an Alibaba Cloud account (UID). Not a real account. */
    static final String ID = "5000000000000001";

    private CloudAccount() {}
}
