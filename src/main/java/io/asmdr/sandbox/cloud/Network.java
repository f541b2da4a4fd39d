package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What the ACK and ASM products need of the network the Vpc product keeps in {@link CloudState}
 * (records {@code Vpc} and {@code VSwitch}, with the VPC API's field names), and the security
 * groups and NAT gateways they create in it, as ACK and ASM do. The error codes are the sandbox's
 * (the real ones for these cases are not in the provider's sources).
 */
final class Network {
    private Network() {}

    /** The VPC {@code vpcId} in {@code region}, or the caller's error. */
    static ObjectNode vpc(CloudState state, String region, String vpcId) {
        return state.get("Vpc", vpcId).filter(v -> region.equals(CloudState.region(v)))
                .orElseThrow(() -> ApiException.badRequest("InvalidVpcId.NotFound",
                        "The VPC '" + vpcId + "' does not exist in region " + region + "."));
    }

    /** The vSwitch {@code vswitchId}, which must be in {@code vpcId}. */
    static ObjectNode vswitch(CloudState state, String vpcId, String vswitchId) {
        var vsw = state.get("VSwitch", vswitchId).orElseThrow(() -> ApiException.badRequest("InvalidVSwitchId.NotFound",
                "The vSwitch '" + vswitchId + "' does not exist."));
        if (!vpcId.equals(vsw.path("VpcId").asText())) {
            throw ApiException.badRequest("InvalidVSwitchId.NotInVpc",
                    "The vSwitch '" + vswitchId + "' is in " + vsw.path("VpcId").asText() + ", not in " + vpcId + ".");
        }
        return vsw;
    }

    static void vswitches(CloudState state, String vpcId, List<String> vswitchIds) {
        vswitchIds.forEach(id -> vswitch(state, vpcId, id));
    }

    /** A security group the service creates for its own instances (kind {@code SecurityGroup}, Ecs field names). */
    static String newSecurityGroup(CloudState state, String region, String vpcId, String name, String description, String owner) {
        var id = state.newId("sg-", 20);
        var sg = CloudState.object();
        sg.put("SecurityGroupId", id);
        sg.put("VpcId", vpcId);
        sg.put("SecurityGroupName", name);
        sg.put("Description", description);
        sg.put("SecurityGroupType", "normal");
        sg.put("CreationTime", Rpc.time(state.now()));
        sg.put("_createdBy", owner);
        state.create("SecurityGroup", id, region, sg, 0);
        return id;
    }

    /**
     * Removes a record the service created (its security group, its NAT gateway). Rules the Ecs product
     * keeps for a removed group are its own records and stay (a destroy deletes them first anyway).
     */
    static void removeCreated(CloudState state, String kind, String id) {
        if (id != null && !id.isEmpty()) {
            state.remove(kind, id);
        }
    }

    /** An enhanced NAT gateway with SNAT for the VPC, as ACK creates it for {@code snat_entry} (kind {@code NatGateway}, VPC field names). */
    static String newNatGateway(CloudState state, String region, String vpcId, String vswitchId, String owner) {
        var id = state.newId("ngw-", 20);
        var nat = CloudState.object();
        nat.put("NatGatewayId", id);
        nat.put("VpcId", vpcId);
        nat.put("VSwitchId", vswitchId);
        nat.put("Name", "nat-" + owner);
        nat.put("NatType", "Enhanced");
        nat.put("InternetChargeType", "PayByLcu");
        nat.put("Status", "Available");
        nat.put("CreationTime", Rpc.time(state.now()));
        nat.put("_createdBy", owner);
        state.create("NatGateway", id, region, nat, 0);
        return id;
    }

    /** {@code 2026-01-31T16:15:00+08:00}, as ACK writes its times. */
    static String beijing(long ms) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms).truncatedTo(ChronoUnit.SECONDS), ZoneOffset.ofHours(8))
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
