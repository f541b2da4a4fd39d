package io.asmdr.globalentry;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Provider;
import io.asmdr.alicloud.dns.AccessStrategy;
import io.asmdr.alicloud.dns.AccessStrategyArgs;
import io.asmdr.alicloud.dns.AddressPool;
import io.asmdr.alicloud.dns.AddressPoolArgs;
import io.asmdr.alicloud.dns.GtmInstance;
import io.asmdr.alicloud.dns.GtmInstanceArgs;
import io.asmdr.alicloud.dns.MonitorConfig;
import io.asmdr.alicloud.dns.MonitorConfigArgs;
import io.asmdr.alicloud.dns.inputs.AccessStrategyDefaultAddrPoolArgs;
import io.asmdr.alicloud.dns.inputs.AccessStrategyFailoverAddrPoolArgs;
import io.asmdr.alicloud.dns.inputs.AccessStrategyLineArgs;
import io.asmdr.alicloud.dns.inputs.AddressPoolAddressArgs;
import io.asmdr.alicloud.dns.inputs.MonitorConfigIspCityNodeArgs;
import io.asmdr.config.GlobalEntrySpec;
import io.asmdr.naming.Identity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * A health-checked global name in front of the ingress gateways: one Alibaba Cloud DNS GTM instance,
 * an address pool per gateway region holding that gateway's SLB address, an HTTP health check of
 * {@code /productpage} on every pool, and an access strategy that answers the primary gateway's pool
 * and switches to the other pools (in order) when it has no healthy address ({@code accessMode AUTO}).
 * Only resources are created; the gateways are not touched.
 */
public final class GlobalEntry extends ComponentResource {
    public static final String TYPE = "asm-dr:globalentry:GlobalEntry";
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** Every line (resolver location) gets the same answer: the access strategy's "default" line. */
    static final String ATTRIBUTE_INFO = "{\"lineCodeRectifyType\":\"RECTIFIED\",\"lineCodes\":[\"default\"]}";

    /**
     * @param entry     the global entry's settings
     * @param addresses every gateway's address by region, the primary first (the order of failover)
     * @param provider  the provider that manages GTM (a global service: any region's provider)
     */
    public record Args(String name, GlobalEntrySpec entry, Map<String, Output<String>> addresses, Provider provider, boolean protect,
                       Set<String> offline) {
        public Args {
            addresses = new LinkedHashMap<>(addresses);
            offline = Set.copyOf(offline);
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String name;
            private GlobalEntrySpec entry;
            private Map<String, Output<String>> addresses;
            private Provider provider;
            private boolean protect;
            private Set<String> offline = Set.of();

            private Builder() {}

            /** Gateway regions whose API is down (asm-dr:unavailableRegions): their address is kept and answered no more. */
            public Builder offline(Set<String> offline) {
                this.offline = offline;
                return this;
            }

            public Builder name(String name) {
                this.name = name;
                return this;
            }

            public Builder entry(GlobalEntrySpec entry) {
                this.entry = entry;
                return this;
            }

            public Builder addresses(Map<String, Output<String>> addresses) {
                this.addresses = addresses;
                return this;
            }

            public Builder provider(Provider provider) {
                this.provider = provider;
                return this;
            }

            public Builder protect(boolean protect) {
                this.protect = protect;
                return this;
            }

            public Args build() {
                return new Args(Objects.requireNonNull(name, "GlobalEntry.Args: name is required"),
                        Objects.requireNonNull(entry, "GlobalEntry.Args: entry is required"),
                        Objects.requireNonNull(addresses, "GlobalEntry.Args: addresses is required"),
                        Objects.requireNonNull(provider, "GlobalEntry.Args: provider is required"),
                        protect,
                        Objects.requireNonNull(offline, "GlobalEntry.Args: offline is required"));
            }
        }
    }

    private final GtmInstance instance;
    private final Map<String, AddressPool> pools = new LinkedHashMap<>();

    public GlobalEntry(String name, Args args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        var entry = args.entry();
        this.instance = new GtmInstance(name, GtmInstanceArgs.builder()
                .instanceName(args.name())
                .paymentType("Subscription")
                .period(entry.periodMonths())
                .renewalStatus("AutoRenewal") // a DR entry that lapses is an outage of its own
                .packageEdition(entry.edition())
                // one health-check task per monitored address; no SMS bought (both 0..100000 in the provider's schema)
                .healthCheckTaskCount(args.addresses().size())
                .smsNotificationCount(0)
                .ttl(entry.ttlSeconds())
                .cnameType("PUBLIC")
                .publicCnameMode("SYSTEM_ASSIGN")
                .publicUserDomainName(entry.domain())
                .build(), opts(args).protect(args.protect()).build());
        var monitorInfo = "{\"host\":\"" + entry.domain() + "\",\"path\":\"/productpage\",\"port\":80,\"code\":500,\"failureRate\":50}";
        var nodes = entry.monitorNodes().stream()
                .map(n -> MonitorConfigIspCityNodeArgs.builder().cityCode(n.cityCode()).ispCode(n.ispCode()).build()).toList();
        args.addresses().forEach((region, address) -> {
            var down = args.offline().contains(region);
            var poolOptions = opts(args);
            if (down) {
                // its address cannot be read while its region is down: the state keeps the one GTM has
                poolOptions.ignoreChanges("addresses[0].address");
            }
            var pool = new AddressPool(region + "-pool", AddressPoolArgs.builder()
                    .instanceId(instance.id())
                    .addressPoolName(region)
                    .type("IPV4")
                    .lbaStrategy("ALL_RR")
                    .addresses(List.of(AddressPoolAddressArgs.builder()
                            // not a secret: the kubeconfig it was read through is, and would make it one
                            .address(down ? Output.of(NOT_READ) : Internal.of(address).asPlaintext().applyValue(a -> ipv4(region, a)))
                            .attributeInfo(ATTRIBUTE_INFO)
                            // SMART: answered while its health check passes; OFFLINE while the operator says its region is down
                            .mode(down ? "OFFLINE" : "SMART")
                            .remark("ingress gateway in " + region)
                            .build()))
                    .build(), poolOptions.build());
            pools.put(region, pool);
            new MonitorConfig(region + "-health", MonitorConfigArgs.builder()
                    .addrPoolId(pool.id())
                    .protocolType("HTTP")
                    .interval(GlobalEntrySpec.INTERVAL_SECONDS)
                    .timeout(entry.timeoutMillis())
                    .evaluationCount(entry.failures())
                    .monitorExtendInfo(monitorInfo)
                    .ispCityNodes(nodes)
                    .build(), opts(args).build());
        });
        var ordered = new ArrayList<>(pools.values());
        var failover = ordered.subList(1, ordered.size()).stream()
                .map(p -> AccessStrategyFailoverAddrPoolArgs.builder().addrPoolId(p.id()).build()).toList();
        var strategy = AccessStrategyArgs.builder()
                .instanceId(instance.id())
                .strategyName(args.name())
                .strategyMode("GEO")
                .lines(AccessStrategyLineArgs.builder().lineCode("default").build())
                .accessMode("AUTO") // to the failover pools when the primary has fewer healthy addresses than its minimum
                .defaultAddrPoolType("IPV4")
                .defaultAddrPools(AccessStrategyDefaultAddrPoolArgs.builder().addrPoolId(ordered.get(0).id()).build())
                .defaultMinAvailableAddrNum(1);
        if (!failover.isEmpty()) {
            strategy.failoverAddrPoolType("IPV4").failoverAddrPools(failover).failoverMinAvailableAddrNum(1);
        }
        new AccessStrategy(name + "-strategy", strategy.build(), opts(args).build());
        registerOutputs(Map.of("instanceId", instance.id()));
    }

    /**
     * What stands for the address of a gateway whose region is down; never sent (ignoreChanges keeps GTM's, and the engine
     * puts it back before Check). The shared mark, so `diff` knows the address read again once the region is back is GTM's.
     */
    static final String NOT_READ = Identity.NOT_ASKED;

    /** The gateway's address as GTM takes it; an address not (yet) assigned stops here, named, rather than at the cloud. */
    static String ipv4(String region, String address) {
        if (address == null || !IPV4.matcher(address).matches()) {
            throw new IllegalStateException("the ingress gateway in " + region + " has no IPv4 address yet (" + address
                    + "), so the global entry cannot list it; run `pulumi up` again once its SLB has one");
        }
        return address;
    }

    private CustomResourceOptions.Builder opts(Args args) {
        return CustomResourceOptions.builder().parent(this).provider(args.provider());
    }

    public Output<String> instanceId() {
        return instance.id();
    }
}
