package io.asmdr.validation;

import io.asmdr.config.Cidr;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Alibaba Cloud and Kubernetes accept, checked before any cloud call so that a bad value fails
 * the preview with its key instead of failing half-way through {@code pulumi up}. Each rule names
 * its source.
 */
public final class CloudRules {
    private CloudRules() {}

    /**
     * Public-cloud region ids. Sources: "Regions and zones" (ECS product overview,
     * https://www.alibabacloud.com/help/en/ecs/product-overview/regions-and-zones), the region table
     * of Container Compute Service (https://www.alibabacloud.com/help/en/document_detail/2848491.html)
     * and the common region list (https://www.alibabacloud.com/help/doc-detail/140601.htm). A region
     * missing here is refused rather than guessed; add it with its source when Alibaba Cloud opens it.
     */
    public static final Set<String> REGIONS = Set.of(
            "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu",
            "cn-hangzhou", "cn-shanghai", "cn-shenzhen", "cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-hongkong",
            "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7",
            "us-east-1", "us-west-1", "us-southeast-1", "eu-central-1", "eu-west-1", "me-east-1", "me-central-1",
            "cn-shanghai-finance-1");

    /**
     * Zone ids are the region id plus one letter: {@code cn-hangzhou-h} where the region id ends in a
     * letter, {@code ap-southeast-1a} where it ends in a digit (same sources as {@link #REGIONS}).
     */
    public static boolean isZoneOf(String zone, String region) {
        var separator = Character.isDigit(region.charAt(region.length() - 1)) ? "" : "-";
        return zone.length() == region.length() + separator.length() + 1
                && zone.startsWith(region + separator)
                && Character.isLowerCase(zone.charAt(zone.length() - 1))
                && zone.charAt(zone.length() - 1) <= 'z' && zone.charAt(zone.length() - 1) >= 'a';
    }

    public static String zoneExample(String region) {
        return Character.isDigit(region.charAt(region.length() - 1)) ? region + "a" : region + "-h";
    }

    /** A naming rule of one resource kind: a pattern, a length range and where it comes from. */
    public record NameRule(String kind, Pattern pattern, int min, int max, String allowed, String source) {
        /** Why {@code name} breaks the rule, if it does. */
        public Optional<String> violation(String name) {
            if (name.length() < min || name.length() > max) {
                return Optional.of("is " + name.length() + " characters long; a " + kind + " name has " + min + " to " + max);
            }
            if (name.startsWith("http://") || name.startsWith("https://")) {
                return Optional.of("starts with http:// or https://, which a " + kind + " name may not");
            }
            if (!pattern.matcher(name).matches()) {
                return Optional.of("is not a valid " + kind + " name: " + allowed);
            }
            return Optional.empty();
        }
    }

    /*
     * VPC, vSwitch and CEN names: the API references (CreateVpc VpcName, CreateVSwitch VSwitchName,
     * CreateCen Name) allow 1 to 128 characters not starting with http:// or https://. We also refuse
     * control characters, '/' and ':' (which end up in file names and Pulumi URNs in tools around the
     * stack) and leading or trailing blanks the console would trim. The transit-router attachment is
     * named after the VPC with "-attachment" appended and must stay within 128 too, so VPC names
     * keep to 117.
     */
    private static final Pattern CLOUD_NAME = Pattern.compile("[^\\s/:\\p{Cntrl}]([^/:\\p{Cntrl}]*[^\\s/:\\p{Cntrl}])?");

    public static final NameRule VPC_NAME = new NameRule("VPC", CLOUD_NAME, 1, 117,
            "no '/', ':', control characters or leading/trailing blanks",
            "CreateVpc VpcName: 1-128 characters, not starting with http:// or https://; 11 kept for the attachment name");
    public static final NameRule VSWITCH_NAME = new NameRule("vSwitch", CLOUD_NAME, 1, 128,
            "no '/', ':', control characters or leading/trailing blanks",
            "CreateVSwitch VSwitchName: 1-128 characters, not starting with http:// or https://");
    public static final NameRule CEN_NAME = new NameRule("CEN", CLOUD_NAME, 1, 128,
            "no '/', ':', control characters or leading/trailing blanks",
            "CreateCen Name: 1-128 characters, not starting with http:// or https://");

    /*
     * ACK cluster names: CreateCluster "name" allows 1 to 63 characters of letters, digits, Chinese
     * characters and hyphens, not starting with a hyphen. The node pool is named "<cluster>-workers"
     * and CreateClusterNodePool allows 1 to 63 characters of the same set, so cluster names keep to
     * 55. Chinese characters are left out here: the name also names the synth manifest folder.
     */
    public static final NameRule CLUSTER_NAME = new NameRule("ACK cluster", Pattern.compile("[A-Za-z0-9][-A-Za-z0-9]*"), 1, 55,
            "letters, digits and '-', not starting with '-'",
            "CreateCluster name: 1-63 characters, letters, digits, '-', not starting with '-'; 8 kept for the node pool's '-workers'");

    /*
     * ASM instance names: CreateServiceMesh and ModifyServiceMeshName document no rule. We hold the
     * name to the ACK cluster rule (1-63 letters, digits and '-', not starting with '-'), which every
     * name in ASM's documentation satisfies, rather than find the real limit in production.
     */
    public static final NameRule MESH_NAME = new NameRule("ASM instance", Pattern.compile("[A-Za-z0-9][-A-Za-z0-9]*"), 1, 63,
            "letters, digits and '-', not starting with '-'",
            "CreateServiceMesh documents no rule; the ACK cluster rule is applied");

    /**
     * Pulumi stack names: letters, digits, '-', '_' and '.', at most 100 characters
     * (pulumi/pulumi sdk/go/common/tokens ValidateStackName); "a::b" would break every URN.
     */
    /** One of a fixed set of values the provider accepts, and where that set is written. */
    public record Choice(Set<String> values, String source) {}

    /** ACK cluster specifications (terraform-provider-alicloud v1.285.0 resource_alicloud_cs_managed_kubernetes.go, cluster_spec StringInSlice). */
    public static final Choice ACK_CLUSTER_SPEC = new Choice(Set.of("ack.standard", "ack.pro.small", "ack.pro.xlarge", "ack.pro.2xlarge",
            "ack.pro.4xlarge"), "terraform-provider-alicloud v1.285.0, alicloud_cs_managed_kubernetes cluster_spec");

    /** Node-pool system disk categories (resource_alicloud_cs_kubernetes_node_pool.go, system_disk_category StringInSlice). */
    public static final Choice SYSTEM_DISK_CATEGORY = new Choice(Set.of("cloud", "cloud_efficiency", "cloud_ssd", "cloud_essd", "cloud_auto",
            "cloud_essd_entry"), "terraform-provider-alicloud v1.285.0, alicloud_cs_kubernetes_node_pool system_disk_category");

    /** ASM instance specifications (the provider's cluster_spec of alicloud_service_mesh_service_mesh). */
    public static final Choice MESH_CLUSTER_SPEC = new Choice(Set.of("standard", "enterprise", "ultimate"),
            "terraform-provider-alicloud v1.285.0, alicloud_service_mesh_service_mesh cluster_spec");

    /**
     * System disk sizes in GiB by category: a basic disk ({@code cloud}) takes 20–500, the others up to
     * 2,048, and no node image fits under 20 (alicloud_cs_kubernetes_node_pool docs, system_disk_size: "basic disk
     * [20, 500]", ESSD/SSD/efficiency up to 2048; the API refuses the rest, the provider does not check it).
     */
    public static int[] systemDiskSizeRange(String category) {
        return "cloud".equals(category) ? new int[] {20, 500} : new int[] {20, 2048};
    }

    public static final String SYSTEM_DISK_SIZE_SOURCE = "terraform-provider-alicloud v1.285.0 docs, alicloud_cs_kubernetes_node_pool system_disk_size";

    public static final NameRule STACK_NAME = new NameRule("Pulumi stack", Pattern.compile("[A-Za-z0-9_.-]+"), 1, 100,
            "letters, digits, '-', '_' and '.'", "pulumi tokens.ValidateStackName");

    /** Prefix lengths a range may have, and the source. */
    public record PrefixRange(String what, int shortest, int longest, String source) {
        public boolean allows(Cidr cidr) {
            return cidr.prefix() >= shortest && cidr.prefix() <= longest;
        }
    }

    /** CreateVpc CidrBlock: a mask of 8 to 28 bits (VPC "Plan networks" / CreateVpc API reference). */
    public static final PrefixRange VPC_PREFIX = new PrefixRange("a VPC", 8, 28, "CreateVpc CidrBlock: mask 8-28");
    /** CreateVSwitch CidrBlock: a mask of 16 to 29 bits. */
    public static final PrefixRange VSWITCH_PREFIX = new PrefixRange("a vSwitch", 16, 29, "CreateVSwitch CidrBlock: mask 16-29");
    /**
     * Flannel Pod CIDR: at least one node block of {@link #NODE_CIDR_MASK} bits must fit, so /24 is the
     * longest prefix; /8 (the largest private block) the shortest. Derived, not a documented ACK range.
     */
    public static final PrefixRange POD_PREFIX = new PrefixRange("a Flannel Pod CIDR", 8, 24,
            "one node block of /" + 24 + " must fit; /8 is the largest private block");
    /**
     * Service CIDR: kube-apiserver refuses an IPv4 service range shorter than /12
     * (--service-cluster-ip-range); /24 (254 Services) is asm-dr's floor so ACK's system Services and
     * Bookinfo fit with room to grow. The floor is a policy, not a cloud rule.
     */
    public static final PrefixRange SERVICE_PREFIX = new PrefixRange("a Service CIDR", 12, 24,
            "kube-apiserver allows at most /12; asm-dr's floor is /24");

    /**
     * Each Flannel node takes a block of this prefix from the Pod CIDR: terraform-provider-alicloud
     * {@code KubernetesClusterNodeCIDRMasksByDefault = 24} (resource_alicloud_cs_kubernetes.go), the
     * default of {@code node_cidr_mask}, which asm-dr does not set. So a /16 Pod CIDR holds 256 nodes.
     */
    public static final int NODE_CIDR_MASK = 24;

    /** How many Flannel nodes a Pod CIDR can hold. */
    public static long nodesPerPodCidr(Cidr podCidr) {
        return podCidr.prefix() > NODE_CIDR_MASK ? 0 : 1L << (NODE_CIDR_MASK - podCidr.prefix());
    }

    /** Ranges no VPC, vSwitch, Pod or Service network may use (RFC 6890 special-purpose blocks that route nowhere useful). */
    public record Reserved(Cidr range, String what) {}

    public static final List<Reserved> RESERVED = List.of(
            new Reserved(Cidr.of("0.0.0.0/8"), "'this network' (RFC 1122)"),
            new Reserved(Cidr.of("100.64.0.0/10"), "shared address space for carrier-grade NAT (RFC 6598), which Alibaba Cloud uses for its own services"),
            new Reserved(Cidr.of("127.0.0.0/8"), "loopback (RFC 1122)"),
            new Reserved(Cidr.of("169.254.0.0/16"), "link-local (RFC 3927), where the ECS metadata service lives"),
            new Reserved(Cidr.of("224.0.0.0/4"), "multicast (RFC 5771)"),
            new Reserved(Cidr.of("240.0.0.0/4"), "reserved (RFC 1112) and broadcast"));

    public static Optional<Reserved> reservedOverlap(Cidr cidr) {
        return RESERVED.stream().filter(r -> r.range().overlaps(cidr)).findFirst();
    }

    /** ACK versions read {@code 1.31.1-aliyun.1} (ACK release notes, "Kubernetes versions supported by ACK"). */
    public static final Pattern ACK_VERSION = Pattern.compile("1\\.[0-9]{1,2}\\.[0-9]{1,2}-aliyun\\.[0-9]{1,2}");

    /** ASM versions read {@code v1.22.6.66-g1234abcd-aliyun} (servicemesh/getVersions); the leading v is optional. */
    public static final Pattern ASM_VERSION = Pattern.compile("v?1\\.[0-9]{1,2}\\.[0-9]{1,3}(\\.[0-9]{1,4})?(-[A-Za-z0-9.]+)*");
}
