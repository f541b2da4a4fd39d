package io.asmdr.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The health-checked global entry in front of the ingress gateways, of one of two kinds:
 * <ul>
 *   <li>{@link Kind#GA} Global Accelerator ({@code alicloud.ga}): fixed accelerated addresses in front of one
 *       endpoint group per gateway region; GA's own health check moves new connections to the next healthy
 *       group, with no DNS answer to expire. Checked every {@code intervalSeconds} (1 to 50), an endpoint is
 *       unhealthy after {@code failures} (GA's threshold count, 2 to 10) failed checks; the TCP check's timeout is
 *       fixed at 3 s (GA health-check docs).</li>
 *   <li>{@link Kind#GTM} the legacy Alibaba Cloud DNS GTM instance ({@code alicloud.dns}): one address pool per
 *       gateway region, answered while healthy. The provider fixes its health-check interval at 60 s
 *       (terraform-provider-alicloud v1.285.0 resource_alicloud_alidns_monitor_config.go: {@code interval} in
 *       [60]); resolvers keep an answer up to {@code ttlSeconds}.</li>
 * </ul>
 *
 * @param keys the keys the stack set under {@code asm-dr:globalEntry} (validation refuses those of the other kind)
 */
public record GlobalEntrySpec(
        Kind kind,
        String domain,
        String edition,
        int ttlSeconds,
        int failures,
        int timeoutMillis,
        int periodMonths,
        List<MonitorNode> monitorNodes,
        int healthCheckTasks,
        int intervalSeconds,
        String accelerateRegion,
        int bandwidthMbps,
        Set<String> keys) {

    /** The health-check interval the legacy GTM provider accepts (the only value of its {@code interval}). */
    public static final int INTERVAL_SECONDS = 60;
    /** GA's TCP health-check response timeout: "set to 3 seconds and cannot be changed" (GA, Enable and manage health checks). */
    public static final int GA_TIMEOUT_SECONDS = 3;
    /** The GA API is served in cn-hangzhou only: "Set the value to cn-hangzhou" (GA API reference, RegionId of every action). */
    public static final String GA_API_REGION = "cn-hangzhou";

    public GlobalEntrySpec {
        monitorNodes = List.copyOf(monitorNodes);
        keys = Set.copyOf(keys);
    }

    /** The GTM entry as it was before kinds existed (tests and older callers). */
    public GlobalEntrySpec(String domain, String edition, int ttlSeconds, int failures, int timeoutMillis, int periodMonths,
                           List<MonitorNode> monitorNodes) {
        this(Kind.GTM, domain, edition, ttlSeconds, failures, timeoutMillis, periodMonths, monitorNodes, DEFAULT_HEALTH_CHECK_TASKS,
                INTERVAL_SECONDS, "", 0, Set.of());
    }

    /**
     * GTM health-check tasks bought by default: ForceNew on the instance, so it is bought with headroom rather than as
     * the number of gateways, and adding a gateway region up to this many is an update, not a new paid instance.
     */
    public static final int DEFAULT_HEALTH_CHECK_TASKS = 10;

    /** The health-check interval in force: GA's setting, or GTM's fixed 60 s. */
    public int effectiveIntervalSeconds() {
        return kind == Kind.GA ? intervalSeconds : INTERVAL_SECONDS;
    }

    /** The health-check timeout in force, in milliseconds. */
    public int effectiveTimeoutMillis() {
        return kind == Kind.GA ? GA_TIMEOUT_SECONDS * 1000 : timeoutMillis;
    }

    /** The DNS TTL that bounds a cached answer: none for GA (its addresses stay; failover is behind them). */
    public Optional<Integer> dnsTtlSeconds() {
        return kind == Kind.GA ? Optional.empty() : Optional.of(ttlSeconds);
    }

    /** A GTM probe location: city and ISP codes. */
    public record MonitorNode(String cityCode, String ispCode) {}

    /** Which Alibaba Cloud product answers the global name. */
    public enum Kind {
        GA, GTM;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> parse(String value) {
            for (var k : values()) {
                if (k.configName().equals(value)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }
}
