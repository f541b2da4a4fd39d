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
import io.asmdr.alicloud.ga.Accelerator;
import io.asmdr.alicloud.ga.AcceleratorArgs;
import io.asmdr.alicloud.ga.EndpointGroup;
import io.asmdr.alicloud.ga.EndpointGroupArgs;
import io.asmdr.alicloud.ga.IpSet;
import io.asmdr.alicloud.ga.IpSetArgs;
import io.asmdr.alicloud.ga.Listener;
import io.asmdr.alicloud.ga.ListenerArgs;
import io.asmdr.alicloud.ga.inputs.EndpointGroupEndpointConfigurationArgs;
import io.asmdr.alicloud.ga.inputs.ListenerPortRangeArgs;
import io.asmdr.config.GlobalEntrySpec;
import io.asmdr.naming.Identity;
import io.asmdr.config.GlobalEntrySpec.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The health-checked global entry in front of the ingress gateways, of the kind the stack chooses
 * ({@link GlobalEntrySpec.Kind}); only resources are created, the gateways are not touched.
 * <ul>
 *   <li><b>ga</b>: a pay-as-you-go Global Accelerator billed by data transfer, one acceleration area (its IP set), a
 *       TCP listener on port 80 and one default endpoint group per gateway region holding that gateway's SLB address,
 *       TCP-checked every {@code interval} seconds. "If a higher-priority endpoint group fails its health check, GA
 *       forwards all traffic to the next available endpoint group" (GA, Distribute traffic across endpoint groups in
 *       different scenarios): failover needs no change and no DNS answer to expire. Adding or removing a gateway
 *       region adds or removes an endpoint group; nothing else changes (reference/alicloud-forcenew-ga.json).</li>
 *   <li><b>gtm</b>: one legacy Alibaba Cloud DNS GTM instance, an address pool per gateway region holding that
 *       gateway's SLB address, an HTTP health check of {@code /productpage} on every pool, and an access strategy
 *       that answers the primary gateway's pool and switches to the other pools (in order) when it has no healthy
 *       address ({@code accessMode AUTO}). The instance renews itself for {@code period} months at a time
 *       ({@code renewPeriod}, which {@code renewalStatus AutoRenewal} requires), and buys {@code healthCheckTasks}
 *       tasks, ForceNew, with headroom over the gateways.</li>
 * </ul>
 */
public final class GlobalEntry extends ComponentResource {
    public static final String TYPE = "asm-dr:globalentry:GlobalEntry";
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** Every line (resolver location) gets the same answer: the access strategy's "default" line. */
    static final String ATTRIBUTE_INFO = "{\"lineCodeRectifyType\":\"RECTIFIED\",\"lineCodes\":[\"default\"]}";

    /**
     * @param entry     the global entry's settings
     * @param addresses every gateway's address by region, the primary first (the order of failover)
     * @param provider  the provider that manages the entry: GTM is global (any region's provider); GA's API is served only
     *                  in {@value GlobalEntrySpec#GA_API_REGION}, so for kind ga it must be that region's provider
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

            /**
             * Regions whose API is down (asm-dr:unavailableRegions): a gateway's there is kept and answered no more; with
             * {@value GlobalEntrySpec#GA_API_REGION} among them, a GA entry is kept exactly as it is (no call can reach it).
             */
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

    private final Output<String> instanceId;
    private final Output<List<String>> addresses;

    public GlobalEntry(String name, Args args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        if (args.entry().kind() == Kind.GA) {
            var accelerator = ga(name, args);
            this.instanceId = accelerator.id();
            this.addresses = acceleratedAddresses;
        } else {
            this.instanceId = gtm(name, args);
            this.addresses = Output.of(List.of());
        }
        registerOutputs(Map.of("instanceId", instanceId));
    }

    private Output<List<String>> acceleratedAddresses = Output.of(List.of());

    /** The GA resources; see the class comment. */
    private Accelerator ga(String name, Args args) {
        var entry = args.entry();
        // GA's API is down with its region: what exists keeps serving and failing over, and nothing is sent to it
        var frozen = args.offline().contains(GlobalEntrySpec.GA_API_REGION);
        var accelerator = new Accelerator(name, AcceleratorArgs.builder()
                .acceleratorName(args.name())
                .description("global entry of Bookinfo, asm-dr")
                // pay-as-you-go, billed by data transfer: the provider's Delete of a subscription (PREPAY) instance only
                // forgets it (resource_alicloud_ga_accelerator.go Delete), so nothing paid outlives the stack silently
                .paymentType("PayAsYouGo")
                .bandwidthBillingType("CDT")
                .build(), gaOpts(args, frozen, "acceleratorName", "description").protect(args.protect()).build());
        var area = new IpSet(name + "-area", IpSetArgs.builder()
                .acceleratorId(accelerator.id())
                .accelerateRegionId(entry.accelerateRegion())
                .bandwidth(entry.bandwidthMbps())
                .ipVersion("IPv4")
                // required on a pay-by-data-transfer instance (CreateIpSets AccelerateRegion.N.IspType)
                .ispType("BGP")
                .build(), gaOpts(args, frozen, "bandwidth").build());
        this.acceleratedAddresses = area.ipAddressLists();
        var listener = new Listener(name + "-listener", ListenerArgs.builder()
                .acceleratorId(accelerator.id())
                .name(args.name())
                .description("HTTP to the ingress gateways")
                // intelligent routing, stated: listener_type is ForceNew and not Computed (resource_alicloud_ga_listener.go)
                .listenerType("Standard")
                .protocol("TCP")
                .clientAffinity("NONE")
                .portRanges(ListenerPortRangeArgs.builder().fromPort(PORT).toPort(PORT).build())
                .build(), gaOpts(args, frozen, "name", "description", "clientAffinity", "portRanges", "protocol")
                // one change at a time per instance (StateError.Accelerator): the listener after the area
                .dependsOn(area).build());
        args.addresses().forEach((region, address) -> {
            var down = args.offline().contains(region);
            var groupOptions = gaOpts(args, frozen, "name", "description", "endpointConfigurations", "healthCheckEnabled",
                    "healthCheckIntervalSeconds", "healthCheckPort", "healthCheckProtocol", "thresholdCount");
            if (down && !frozen) {
                // its address cannot be read while its region is down: the state keeps the one GA has
                groupOptions.ignoreChanges("endpointConfigurations[0].endpoint");
            }
            new EndpointGroup(region + "-endpoints", EndpointGroupArgs.builder()
                    .acceleratorId(accelerator.id())
                    .listenerId(listener.id())
                    .endpointGroupRegion(region)
                    .name(region)
                    .description("ingress gateway in " + region)
                    .endpointConfigurations(EndpointGroupEndpointConfigurationArgs.builder()
                            .endpoint(down ? Output.of(NOT_READ) : Internal.of(address).asPlaintext().applyValue(a -> ipv4(region, a)))
                            // the gateway's SLB public address (the sandbox refuses instance types it does not hold)
                            .type("PublicIp")
                            // 0 while the operator says its region is down: GA sends it nothing even once it answers again
                            .weight(down ? 0 : 100)
                            .enableProxyProtocol(false)
                            .enableClientipPreservation(false)
                            .build())
                    .healthCheckEnabled(true)
                    .healthCheckProtocol("tcp")
                    .healthCheckPort(PORT)
                    // GA API CreateEndpointGroup: HealthCheckIntervalSeconds 1 to 50, ThresholdCount 2 to 10; TCP timeout fixed 3 s
                    .healthCheckIntervalSeconds(entry.intervalSeconds())
                    .thresholdCount(entry.failures())
                    .build(), groupOptions.build());
        });
        return accelerator;
    }

    /** The port clients use and the gateways listen on. */
    static final int PORT = 80;

    /**
     * Options of a GA resource; {@code frozen}: GA's API region is unavailable, so every input listed is kept as the
     * state has it and no update is sent (a new GA resource would still be a create there, which the stack refuses).
     */
    private CustomResourceOptions.Builder gaOpts(Args args, boolean frozen, String... inputs) {
        var options = opts(args);
        if (frozen) {
            options.ignoreChanges(List.of(inputs));
        }
        return options;
    }

    /** The legacy GTM resources; see the class comment. */
    private Output<String> gtm(String name, Args args) {
        var entry = args.entry();
        var instance = new GtmInstance(name, GtmInstanceArgs.builder()
                .instanceName(args.name())
                .paymentType("Subscription")
                .period(entry.periodMonths())
                .renewalStatus("AutoRenewal") // a DR entry that lapses is an outage of its own
                // "When setting renewal_status to AutoRenewal, it must be set" (website/docs/r/alidns_gtm_instance, renew_period)
                .renewPeriod(entry.periodMonths())
                .packageEdition(entry.edition())
                // ForceNew: bought with headroom (default 10, at least one per gateway), so a new gateway region is an update
                .healthCheckTaskCount(entry.healthCheckTasks())
                .smsNotificationCount(0)
                .ttl(entry.ttlSeconds())
                .cnameType("PUBLIC")
                .publicCnameMode("SYSTEM_ASSIGN")
                .publicUserDomainName(entry.domain())
                // both ForceNew, and the provider's Read sets neither: an instance created before they were sent (renewPeriod)
                // or with fewer tasks would be replaced, and its subscription, which Delete never ends, would renew on. They
                // apply to a new instance; an existing one keeps its own (docs/dr.md)
                .build(), opts(args).protect(args.protect()).ignoreChanges(List.of("renewPeriod", "healthCheckTaskCount")).build());
        var monitorInfo = "{\"host\":\"" + entry.domain() + "\",\"path\":\"/productpage\",\"port\":80,\"code\":500,\"failureRate\":50}";
        var nodes = entry.monitorNodes().stream()
                .map(n -> MonitorConfigIspCityNodeArgs.builder().cityCode(n.cityCode()).ispCode(n.ispCode()).build()).toList();
        var pools = new LinkedHashMap<String, AddressPool>();
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
                // required in GEO mode ("documented, not enforced": resource_alicloud_alidns_access_strategy.go, ALL_RR | RATIO)
                .defaultLbaStrategy("ALL_RR")
                .defaultMinAvailableAddrNum(1);
        if (!failover.isEmpty()) {
            strategy.failoverAddrPoolType("IPV4").failoverAddrPools(failover).failoverLbaStrategy("ALL_RR").failoverMinAvailableAddrNum(1);
        }
        new AccessStrategy(name + "-strategy", strategy.build(), opts(args).build());
        return instance.id();
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

    /** The accelerator's or the GTM instance's id. */
    public Output<String> instanceId() {
        return instanceId;
    }

    /** GA's accelerated addresses (its acceleration area's), which clients reach; none for GTM (it answers with the gateways'). */
    public Output<List<String>> acceleratedAddresses() {
        return addresses;
    }
}
