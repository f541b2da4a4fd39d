package io.asmdr.network;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.asmdr.alicloud.Provider;
import io.asmdr.alicloud.vpc.Network;
import io.asmdr.alicloud.vpc.NetworkArgs;
import io.asmdr.alicloud.vpc.Switch;
import io.asmdr.alicloud.vpc.SwitchArgs;
import io.asmdr.config.VSwitchSpec;
import io.asmdr.config.VpcSpec;
import io.asmdr.naming.Identity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * One VPC and its vSwitches in one region.
 *
 * <p>The component's name is the network's key (its region, and {@code -mesh} for the ASM
 * instance's own VPC). Children are keyed on what cannot change without a replacement anyway: the
 * key for the VPC, the CIDR for each vSwitch (ForceNew in the provider). Console names are
 * properties, so renaming a VPC or vSwitch updates it in place, and reordering vSwitches changes
 * nothing.
 */
public final class RegionNetwork extends ComponentResource {
    public static final String TYPE = "asm-dr:network:RegionNetwork";

    /**
     * @param vswitches every vSwitch of the VPC: node vSwitches and, for Terway, Pod vSwitches
     * @param protect   refuse deletion of the VPC (a VPC with running clusters must never vanish by accident)
     */
    public record Args(VpcSpec vpc, List<VSwitchSpec> vswitches, Provider provider, Map<String, String> tags, boolean protect) {
        public Args {
            vswitches = List.copyOf(vswitches);
            tags = Map.copyOf(tags);
        }
    }

    private final Network vpc;
    private final Map<String, Switch> vswitches = new LinkedHashMap<>();

    public RegionNetwork(String key, Args args, @Nullable ComponentResourceOptions options) {
        // the first release named the component and the VPC after the VPC's config name
        super(TYPE, key, Identity.previously(options, key, args.vpc().name()));
        var vpcName = key + "-vpc";
        this.vpc = new Network(vpcName, NetworkArgs.builder()
                .vpcName(args.vpc().name())
                .cidrBlock(args.vpc().cidr().toString())
                .tags(args.tags())
                .build(), CustomResourceOptions.builder().parent(this).provider(args.provider()).protect(args.protect())
                .aliases(Identity.previously(vpcName, args.vpc().name())).build());
        for (var vsw : args.vswitches()) {
            var name = key + "-vsw-" + Identity.cidr(vsw.cidr());
            vswitches.put(vsw.name(), new Switch(name, SwitchArgs.builder()
                    .vswitchName(vsw.name())
                    .vpcId(vpc.id())
                    .cidrBlock(vsw.cidr().toString())
                    .zoneId(vsw.zone())
                    .tags(args.tags())
                    .build(), CustomResourceOptions.builder().parent(this).provider(args.provider())
                    .aliases(Identity.previously(name, vsw.name())).build()));
        }
        registerOutputs(Map.of("vpcId", vpc.id()));
    }

    public Network vpc() {
        return vpc;
    }

    public Output<String> vpcId() {
        return vpc.id();
    }

    public Output<String> vswitchId(String vswitchName) {
        var vsw = vswitches.get(vswitchName);
        if (vsw == null) {
            throw new IllegalArgumentException("no vSwitch " + vswitchName + " in " + pulumiResourceName());
        }
        return vsw.id();
    }

    public Output<List<String>> vswitchIds(List<VSwitchSpec> subset) {
        return Output.all(subset.stream().map(v -> vswitchId(v.name())).toList());
    }
}
