package io.asmdr.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The allow-list of stack config: every key the program reads, at every depth, with one line of
 * documentation. The parser checks every mapping it reads against its shape here, so a key that is
 * not listed (a typo such as {@code protcet}) is an error, never silently ignored; the README's key
 * reference is rendered from this class and a test keeps the two equal.
 */
public final class ConfigSchema {
    /** What a key holds: a scalar, a mapping with fixed keys, a list of some shape, or a mapping with free keys (region → weight). */
    public sealed interface Shape permits Scalar, Fields, ListOf, FreeMap {}

    public record Scalar(String doc) implements Shape {}

    public record Fields(String doc, Map<String, Shape> fields) implements Shape {
        public Fields {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    public record ListOf(String doc, Shape element) implements Shape {}

    public record FreeMap(String doc) implements Shape {}

    private static Map<String, Shape> fields(Object... nameThenShape) {
        var out = new LinkedHashMap<String, Shape>();
        for (int i = 0; i < nameThenShape.length; i += 2) {
            out.put((String) nameThenShape[i], (Shape) nameThenShape[i + 1]);
        }
        return out;
    }

    private static Scalar v(String doc) {
        return new Scalar(doc);
    }

    private static Shape vswitch(String what) {
        return new Fields(what, fields(
                "name", v("vSwitch name (a property: renaming updates in place)"),
                "cidr", v("IPv4 CIDR inside the VPC, /16 to /29; ForceNew"),
                "zone", v("zone id of the region, e.g. cn-hangzhou-h; ForceNew")));
    }

    private static Shape vpc() {
        return new Fields("the VPC", fields(
                "name", v("VPC name (a property: renaming updates in place)"),
                "cidr", v("IPv4 CIDR, /8 to /28")));
    }

    static final Fields NODE_POOL = new Fields("the cluster's node pool", fields(
            "instanceTypes", new ListOf("ECS instance types, e.g. [ecs.g7.xlarge]", v("an instance type")),
            "size", v("number of nodes, 1 or more (bounded by what the Pod CIDR holds)"),
            "keyPair", v("existing ECS key pair for node login (or the secret asm-dr:nodePassword)"),
            "systemDiskCategory", v("default cloud_essd"),
            "systemDiskSize", v("GiB, default 120")));

    static final Fields CLUSTER = new Fields("the region's ACK managed cluster", fields(
            "name", v("ACK cluster name, 1-63 letters, digits, '-' (a property: renaming updates in place)"),
            "network", v("flannel (default) | terway; ForceNew"),
            "podCidr", v("Flannel Pod CIDR, /8 to /24; ForceNew"),
            "serviceCidr", v("Service CIDR, /16 to /24; ForceNew"),
            "podVswitches", new ListOf("Terway Pod vSwitches, in the node vSwitch zones", vswitch("a Pod vSwitch")),
            "clusterSpec", v("default ack.pro.small"),
            "version", v("ACK Kubernetes version, e.g. 1.31.1-aliyun.1; unset: ACK's newest at creation, then never changed by asm-dr; required when protect is true"),
            "nodePool", NODE_POOL));

    static final Fields REGION = new Fields("one region: its VPC, cluster and Bookinfo", fields(
            "region", v("Alibaba Cloud region id, e.g. cn-hangzhou"),
            "vpc", vpc(),
            "vswitches", new ListOf("node vSwitches, in at least two zones", vswitch("a vSwitch")),
            "cluster", CLUSTER,
            "bookinfo", new Fields("Bookinfo in this region", fields(
                    "reviews", v("v1 | v2 | v3, default v1"),
                    "reviewsReplicas", v("default 1")))));

    static final Fields MESH = new Fields("the ASM control plane(s) and, for a single one, its own VPC", fields(
            "controlPlane", v("single (default): one ASM instance in its own VPC, every cluster joined | perRegion: one instance per region"
                    + " in that region's cluster VPC, joining only that cluster (ASM's multi-master control plane; no region, vpc or"
                    + " vswitches then); changing it replaces the control plane(s), docs/dr.md"),
            "region", v("region of the ASM instance (single only); ForceNew"),
            "vpc", vpc(),
            "vswitches", new ListOf("the mesh VPC's vSwitches (single only); the first one listed hosts ASM (ForceNew)", vswitch("a vSwitch")),
            "name", v("ASM instance name, default asm-dr; perRegion: each instance is <name>-<region> (a property: renaming updates in place)"),
            "edition", v("Pro (default) | Default; ForceNew"),
            "clusterSpec", v("standard | enterprise (default) | ultimate"),
            "version", v("ASM version; unset: the newest servicemesh/getVersions offers at creation, then never changed by asm-dr; required when protect is true"),
            "istioApi", v("crAggregation (default) | asmKubeconfig"),
            "ingressGateway", new Fields("the managed ingress gateway (one region; or ingressGateways)", fields(
                    "cluster", v("cluster that runs it; default the cluster in the mesh region (none under perRegion)"),
                    "replicas", v("default 1"),
                    "serviceType", v("LoadBalancer (default) | NodePort | ClusterIP"))),
            "ingressGateways", new ListOf("one managed ingress gateway per listed cluster, each with its own SLB; the first is the"
                    + " primary (ingressGatewayCluster, the drill lock); at least two when protect is true; instead of ingressGateway",
                    new Fields("a gateway", fields(
                            "cluster", v("cluster that runs it, one entry per cluster"),
                            "replicas", v("default 1"),
                            "serviceType", v("LoadBalancer (default) | NodePort | ClusterIP"))))));

    static final Fields TRAFFIC = new Fields("the cross-region locality policy", fields(
            "mode", v("distribute | failover | none"),
            "distribute", new ListOf("weights per calling region", new Fields("a distribute rule", fields(
                    "from", v("calling region"),
                    "to", new FreeMap("region → weight, adding up to 100")))),
            "failover", new ListOf("where a region's traffic goes when its endpoints are gone", new Fields("a failover pair", fields(
                    "from", v("region whose traffic fails over"),
                    "to", v("region that takes over")))),
            "outlierDetection", new Fields("Envoy outlier detection (failover needs it)", fields(
                    "consecutive5xxErrors", v("default 1"),
                    "interval", v("Istio duration, default 1s"),
                    "baseEjectionTime", v("Istio duration, default 1m"),
                    "maxEjectionPercent", v("1 to 100; Istio's default when unset"))),
            "connectionPool", new Fields("HTTP connection pool", fields(
                    "maxRequestsPerConnection", v("default 1")))));

    /** Every key under the {@code asm-dr:} namespace. */
    public static final Fields ROOT = new Fields("asm-dr stack config", fields(
            "regions", new ListOf("two or more regions; their order does not matter", REGION),
            "mesh", MESH,
            "cen", new Fields("the CEN backbone", fields(
                    "name", v("CEN instance name, default asm-dr-cen (a property)"),
                    "crossRegionBandwidthMbps", v("cap per region pair, default 10"))),
            "app", new Fields("the application", fields(
                    "namespace", v("Kubernetes namespace of Bookinfo, default default"),
                    "imageRegistry", v("where Bookinfo's images come from, default docker.io/istio; {region} becomes each cluster's region"))),
            "traffic", TRAFFIC,
            "globalEntry", new Fields("a health-checked global entry in front of the gateways, each a LoadBalancer: Global Accelerator"
                    + " (kind ga, pay-as-you-go) or the legacy Alibaba Cloud DNS GTM (kind gtm, a paid subscription); unset: per-region"
                    + " addresses only, and a warning (docs/dr.md)", fields(
                    "kind", v("ga | gtm (default, the legacy entry); ga fails over in seconds with no DNS TTL, gtm checks every 60 s"),
                    "domain", v("the name clients use, e.g. bookinfo.example.com (DNS rules: at most 253 characters, labels of 1-63 letters,"
                            + " digits and inner hyphens); point it (CNAME) at the accelerator's or the GTM instance's access domain"),
                    "interval", v("ga: seconds between health checks, 1 (default, the smallest GA takes) to 50; gtm: only 60"),
                    "failures", v("consecutive failed health checks before a gateway is taken out: ga 2 (default) to 10; gtm 1 | 2 (default) | 3"),
                    "accelerateRegion", v("ga: the acceleration area, where the accelerated address is announced; default cn-shenzhen,"
                            + " outside the gateway regions; ForceNew"),
                    "bandwidth", v("ga: Mbit/s of the acceleration area, at least 2, default 20 (billed by data transfer)"),
                    "edition", v("gtm: standard (default) | ultimate; ForceNew"),
                    "ttl", v("gtm: seconds the answers are cached: 60 (default) | 120 | 300 | 600"),
                    "timeout", v("gtm: health-check timeout in ms: 2000 | 3000 (default) | 5000 | 10000 (ga: fixed 3 s)"),
                    "period", v("gtm: months of the subscription, default 1; renewed automatically for as long again (renewPeriod)"),
                    "healthCheckTasks", v("gtm: health-check tasks bought, default 10, at least one per gateway; ForceNew, so bought with headroom"),
                    "monitorNodes", new ListOf("gtm: where GTM probes from; default the provider example's node (city 503, ISP 465)",
                            new Fields("a probe node", fields(
                                    "cityCode", v("GTM city code"),
                                    "ispCode", v("GTM ISP code")))))),
            "protect", v("true: Pulumi protect + ACK deletion protection on the DR path; versions must be pinned"),
            "unavailableRegions", new ListOf("regions whose APIs are down, during an outage only: no call is made to them, their"
                    + " resources are neither changed nor deleted, traffic rules stop sending to them (docs/dr.md); with one control"
                    + " plane never the mesh region or the primary gateway's", v("a region of the stack")),
            "kubeconfigTtlMinutes", v("15 to 4320: lifetime of the kubeconfig stack outputs (the providers' own credential is not affected)"),
            "nodePassword", v("secret only (`pulumi config set --secret`): node login instead of keyPair")));

    /** Keys that must be set with {@code --secret}; every other key must be plain. */
    public static final Set<String> SECRET_KEYS = Set.of("nodePassword");

    private ConfigSchema() {}

    /** One documented key: its path as the reference writes it ({@code regions[].cluster.podCidr}) and its line of doc. */
    public record KeyDoc(String path, String doc) {}

    /** Every documented key, depth first, in declaration order. */
    public static List<KeyDoc> keys() {
        var out = new ArrayList<KeyDoc>();
        collect("", ROOT, out);
        return out;
    }

    private static void collect(String prefix, Fields fields, List<KeyDoc> out) {
        fields.fields().forEach((name, shape) -> {
            var path = prefix.isEmpty() ? name : prefix + "." + name;
            walk(path, shape, out);
        });
    }

    private static void walk(String path, Shape shape, List<KeyDoc> out) {
        if (shape instanceof Scalar s) {
            out.add(new KeyDoc(path, s.doc()));
        } else if (shape instanceof FreeMap m) {
            out.add(new KeyDoc(path, m.doc()));
        } else if (shape instanceof Fields f) {
            out.add(new KeyDoc(path, f.doc()));
            collect(path, f, out);
        } else if (shape instanceof ListOf l) {
            out.add(new KeyDoc(path + "[]", l.doc()));
            if (l.element() instanceof Fields f) {
                collect(path + "[]", f, out);
            }
        }
    }

    /** The README's key reference: a Markdown table of every key. */
    public static String referenceTable() {
        var sb = new StringBuilder("| key | meaning |\n|---|---|\n");
        for (var k : keys()) {
            sb.append("| `asm-dr:").append(k.path()).append("` | ").append(k.doc().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private static int sharedPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && Character.toLowerCase(a.charAt(n)) == Character.toLowerCase(b.charAt(n))) {
            n++;
        }
        return n;
    }

    /** The closest known key to a misspelt one, if it is close enough to be what the user meant. */
    public static Optional<String> closest(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        // ties go to the longer shared prefix, then to the alphabet: the same suggestion every run
        for (var k : new TreeSet<>(known)) {
            int d = distance(unknown.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance || d == bestDistance && sharedPrefix(unknown, k) > sharedPrefix(unknown, best)) {
                best = k;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, unknown.length() / 3);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps each cost 1. */
    static int distance(String a, String b) {
        var d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
