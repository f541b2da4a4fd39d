package io.asmdr.config;

import java.util.List;

/**
 * The health-checked global name in front of the ingress gateways: an Alibaba Cloud DNS GTM instance
 * ({@code alicloud.dns}) whose access strategy answers the primary gateway's address pool and fails
 * over to the others when the primary has no healthy address. The provider fixes the health-check
 * interval at 60 s (terraform-provider-alicloud v1.285.0 resource_alicloud_alidns_monitor_config.go:
 * {@code interval} in [60]).
 */
public record GlobalEntrySpec(
        String domain,
        String edition,
        int ttlSeconds,
        int failures,
        int timeoutMillis,
        int periodMonths,
        List<MonitorNode> monitorNodes) {

    /** The health-check interval the provider accepts (the only value of its {@code interval}). */
    public static final int INTERVAL_SECONDS = 60;

    public GlobalEntrySpec {
        monitorNodes = List.copyOf(monitorNodes);
    }

    /** A GTM probe location: city and ISP codes. */
    public record MonitorNode(String cityCode, String ispCode) {}
}
