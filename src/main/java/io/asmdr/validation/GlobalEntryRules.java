package io.asmdr.validation;

import io.asmdr.config.GlobalEntrySpec;
import io.asmdr.config.GlobalEntrySpec.Kind;
import io.asmdr.config.StackSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the global entry ({@code asm-dr:globalEntry}) depends on, each broken rule one problem naming the key:
 * the values its kind's API accepts, a domain that obeys the DNS name rules, and gateways it can reach (each a
 * {@code LoadBalancer} Service, whose SLB address is what GA's endpoint or GTM's address pool holds).
 */
final class GlobalEntryRules {
    private GlobalEntryRules() {}

    private static final String KEY = "asm-dr:globalEntry.";
    /** Keys that mean something for one kind only. */
    private static final Set<String> GA_ONLY = Set.of("accelerateRegion", "bandwidth");
    private static final Set<String> GTM_ONLY = Set.of("edition", "ttl", "timeout", "period", "healthCheckTasks", "monitorNodes");

    static void check(StackSpec spec, GlobalEntrySpec g, Problems problems) {
        domain(g.domain()).ifPresent(why -> problems.add(KEY + "domain", shown(g.domain()), why,
                "write the name clients use, e.g. bookinfo.example.com"));
        var gateways = spec.mesh().ingressGateways();
        var many = gateways.size() > 1;
        for (int i = 0; i < gateways.size(); i++) {
            var gw = gateways.get(i);
            if (!"LoadBalancer".equals(gw.serviceType())) {
                var key = many ? "asm-dr:mesh.ingressGateways[" + i + "].serviceType" : "asm-dr:mesh.ingressGateway.serviceType";
                problems.add(key, gw.serviceType(), "the global entry (asm-dr:globalEntry) sends clients to each gateway's SLB address,"
                        + " which only a LoadBalancer Service has", "write serviceType: LoadBalancer, or remove asm-dr:globalEntry");
            }
        }
        if (gateways.size() < 2) {
            problems.add(KEY + "domain", shown(g.domain()), "a global entry in front of one gateway has nowhere to fail over to",
                    "list a gateway in a second region under asm-dr:mesh.ingressGateways, or remove globalEntry");
        }
        var other = g.kind() == Kind.GA ? GTM_ONLY : GA_ONLY;
        for (var key : new TreeSet<>(g.keys())) {
            if (other.contains(key)) {
                problems.add(KEY + key, "(set)", "applies to kind " + (g.kind() == Kind.GA ? "gtm" : "ga") + " only, and this entry is kind "
                        + g.kind().configName(), "remove it, or set asm-dr:globalEntry.kind to the kind it belongs to");
            }
        }
        if (g.kind() == Kind.GA) {
            ga(g, problems);
        } else {
            gtm(spec, g, problems);
        }
    }

    private static void ga(GlobalEntrySpec g, Problems problems) {
        // CreateEndpointGroup / UpdateEndpointGroups HealthCheckIntervalSeconds: "Valid values: 1 to 50" (GA API reference 2019-11-20)
        if (g.intervalSeconds() < 1 || g.intervalSeconds() > 50) {
            problems.add(KEY + "interval", String.valueOf(g.intervalSeconds()), "is not a GA health-check interval (1 to 50 s;"
                    + " GA API CreateEndpointGroup HealthCheckIntervalSeconds)", "write 1 for the fastest failover");
        }
        // CreateEndpointGroup ThresholdCount: "Valid values: 2 to 10. Default value: 3."
        if (g.failures() < 2 || g.failures() > 10) {
            problems.add(KEY + "failures", String.valueOf(g.failures()), "is not a GA threshold count (2 to 10; GA API CreateEndpointGroup"
                    + " ThresholdCount)", "write 2, the smallest GA takes");
        }
        if (!CloudRules.REGIONS.contains(g.accelerateRegion())) {
            problems.add(KEY + "accelerateRegion", shown(g.accelerateRegion()), "is not a region GA knows (CreateIpSets"
                    + " AccelerateRegion.N.AccelerateRegionId: NotExist.BusinessRegion)", "write a region id, e.g. cn-shenzhen");
        }
        // CreateIpSets AccelerateRegion.N.Bandwidth: "You must allocate at least 2 Mbit/s of bandwidth to each acceleration region."
        if (g.bandwidthMbps() < 2) {
            problems.add(KEY + "bandwidth", String.valueOf(g.bandwidthMbps()), "an acceleration area needs at least 2 Mbit/s (GA API CreateIpSets)",
                    "write 2 or more; the default is 20");
        }
    }

    private static void gtm(StackSpec spec, GlobalEntrySpec g, Problems problems) {
        if (!List.of("standard", "ultimate").contains(g.edition())) {
            problems.add(KEY + "edition", g.edition(), "is not a GTM edition (resource_alicloud_alidns_gtm_instance.go)", "write standard or ultimate");
        }
        if (!List.of(60, 120, 300, 600).contains(g.ttlSeconds())) {
            problems.add(KEY + "ttl", String.valueOf(g.ttlSeconds()), "is not a TTL GTM accepts (60, 120, 300, 600 s;"
                    + " resource_alicloud_alidns_gtm_instance.go)", "write 60 for the fastest failover");
        }
        if (g.intervalSeconds() != GlobalEntrySpec.INTERVAL_SECONDS) {
            problems.add(KEY + "interval", String.valueOf(g.intervalSeconds()), "is not the only interval the GTM provider takes (60 s;"
                    + " resource_alicloud_alidns_monitor_config.go IntInSlice{60})", "remove it, or write kind: ga for checks every 1 s");
        }
        if (g.failures() < 1 || g.failures() > 3) {
            problems.add(KEY + "failures", String.valueOf(g.failures()), "is not 1, 2 or 3 (resource_alicloud_alidns_monitor_config.go)",
                    "write 2: one lost probe does not take a gateway out");
        }
        if (!List.of(2000, 3000, 5000, 10000).contains(g.timeoutMillis())) {
            problems.add(KEY + "timeout", String.valueOf(g.timeoutMillis()), "is not a GTM health-check timeout (2000, 3000, 5000,"
                    + " 10000 ms; resource_alicloud_alidns_monitor_config.go)", "write 3000");
        }
        if (g.periodMonths() < 1) {
            problems.add(KEY + "period", String.valueOf(g.periodMonths()), "a subscription lasts at least a month", "write 1 or more");
        }
        var gateways = spec.mesh().ingressGateways().size();
        // health_check_task_count: 0 to 100000 in the provider's schema, ForceNew
        if (g.healthCheckTasks() < gateways || g.healthCheckTasks() > 100000) {
            problems.add(KEY + "healthCheckTasks", String.valueOf(g.healthCheckTasks()), "must cover one task per gateway (" + gateways
                    + ") and stay within 100000; it is ForceNew, so a count bought too small makes the next gateway region a new paid instance",
                    "write 10 (the default) or more than the gateways you plan");
        }
        if (g.monitorNodes().stream().anyMatch(n -> n.cityCode().isBlank() || n.ispCode().isBlank())) {
            problems.add(KEY + "monitorNodes", "(a node without cityCode or ispCode)", "every probe node needs both codes",
                    "give cityCode and ispCode for each, or leave monitorNodes out");
        }
    }

    /**
     * Why {@code name} is not a DNS host name, if it is not: RFC 1035 section 2.3.4 (at most 255 octets on the wire, so at most
     * 253 characters written without the root's dot; labels of 1 to 63 octets) and the preferred name syntax of section 2.3.1
     * with RFC 1123 section 2.1 (letters, digits and hyphens, starting and ending with a letter or digit). Checked label by
     * label, without a regular expression, so any length gets an answer (a repeated-group pattern overflowed the stack on
     * 60,000 characters).
     */
    static Optional<String> domain(String name) {
        if (name.length() > 253) {
            return Optional.of("is " + name.length() + " characters long; a domain name has at most 253 (RFC 1035 section 2.3.4)");
        }
        var labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("is not a domain name: it needs at least two labels, e.g. bookinfo.example.com");
        }
        for (var label : labels) {
            if (label.isEmpty()) {
                return Optional.of("has an empty label (two dots in a row, or a leading or trailing dot)");
            }
            if (label.length() > 63) {
                return Optional.of("has a label of " + label.length() + " characters; a label has at most 63 (RFC 1035 section 2.3.4)");
            }
            for (int i = 0; i < label.length(); i++) {
                var c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return Optional.of("has '" + (Character.isISOControl(c) ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c))
                            + "' in label '" + shown(label) + "'; labels hold letters, digits and hyphens only (RFC 1035 section 2.3.1)");
                }
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return Optional.of("has label '" + label + "', which starts or ends with a hyphen (RFC 1035 section 2.3.1, RFC 1123 section 2.1)");
            }
        }
        var top = labels[labels.length - 1];
        if (top.chars().allMatch(Character::isDigit)) {
            return Optional.of("ends in an all-numeric label '" + top + "', which no top-level domain is (RFC 3696 section 2)");
        }
        return Optional.empty();
    }

    /** A value as a one-line problem shows it: long ones cut, so a 60,000-character domain stays one line. */
    static String shown(String value) {
        return value.length() > 80 ? value.substring(0, 60) + "... (" + value.length() + " characters)" : value;
    }
}
