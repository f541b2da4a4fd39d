package io.asmdr.sandbox.cloud;

import java.util.HashMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ECS product (API 2014-05-26) for {@code alicloud_security_group_rule}, as terraform-provider-alicloud
 * v1.285.0 calls it (resource_alicloud_security_group_rule.go): Create {@code AuthorizeSecurityGroup} /
 * {@code AuthorizeSecurityGroupEgress} with one {@code Permissions.1.*} entry; Read
 * {@code DescribeSecurityGroupAttribute} by group, direction and NIC type, matched on protocol (lower-cased), port
 * range, CIDR (or peer group or prefix list), policy (lower-cased) and priority as a string
 * (service_alicloud_ecs.go {@code DescribeSecurityGroupRule}); Update {@code ModifySecurityGroupRule} /
 * {@code ModifySecurityGroupEgressRule} (description); Delete {@code RevokeSecurityGroup} /
 * {@code RevokeSecurityGroupEgress}. The security groups themselves are the clusters' (ACK creates one per
 * cluster), read as kind {@code SecurityGroup}. A missing group answers
 * {@code InvalidSecurityGroupId.NotFound}, as the provider expects.
 */
public final class Ecs implements Product {
    static final String GROUP = "SecurityGroup";
    static final String RULE = "SecurityGroupRule";
    private static final List<String> FIELDS = List.of("IpProtocol", "PortRange", "Policy", "Priority", "NicType", "SourceCidrIp",
            "DestCidrIp", "Ipv6SourceCidrIp", "Ipv6DestCidrIp", "SourceGroupId", "DestGroupId", "SourceGroupOwnerAccount",
            "DestGroupOwnerAccount", "SourcePrefixListId", "DestPrefixListId", "Description", "SourcePortRange");

    @Override
    public String name() {
        return "Ecs";
    }

    @Override
    public String version() {
        return "2014-05-26";
    }

    @Override
    public Optional<Object> handle(ApiRequest r, CloudState s) {
        return Optional.ofNullable(switch (r.action()) {
            case "AuthorizeSecurityGroup" -> authorize(r, s, "ingress");
            case "AuthorizeSecurityGroupEgress" -> authorize(r, s, "egress");
            case "DescribeSecurityGroupAttribute" -> describe(r, s);
            case "ModifySecurityGroupRule" -> modify(r, s, "ingress");
            case "ModifySecurityGroupEgressRule" -> modify(r, s, "egress");
            case "RevokeSecurityGroup" -> revoke(r, s, "ingress");
            case "RevokeSecurityGroupEgress" -> revoke(r, s, "egress");
            default -> null;
        });
    }

    private static ObjectNode group(ApiRequest r, CloudState s) {
        var id = r.required("SecurityGroupId");
        var region = r.required("RegionId");
        return s.get(GROUP, id).filter(g -> CloudState.region(g).equals(region))
                .orElseThrow(() -> ApiException.notFound("InvalidSecurityGroupId.NotFound", "The specified security group " + id + " does not exist in " + region + "."));
    }

    /** The rule's fields as the API reports them: protocol upper-case, policy capitalised (the provider lower-cases both). */
    private static ObjectNode rule(Map<String, String> fields, String direction) {
        var rule = CloudState.object();
        FIELDS.forEach(f -> rule.put(f, fields.getOrDefault(f, "")));
        rule.put("IpProtocol", rule.get("IpProtocol").asText().toUpperCase(Locale.ROOT));
        var policy = rule.get("Policy").asText().isEmpty() ? "accept" : rule.get("Policy").asText().toLowerCase(Locale.ROOT);
        rule.put("Policy", Character.toUpperCase(policy.charAt(0)) + policy.substring(1));
        rule.put("Priority", rule.get("Priority").asText().isEmpty() ? "1" : rule.get("Priority").asText());
        rule.put("NicType", rule.get("NicType").asText().isEmpty() ? "internet" : rule.get("NicType").asText());
        rule.put("Direction", direction);
        return rule;
    }

    /** Identity of a rule for the API: everything but the description. */
    private static String key(ObjectNode rule) {
        var parts = new ArrayList<String>();
        parts.add(rule.path("Direction").asText());
        FIELDS.stream().filter(f -> !f.equals("Description")).forEach(f -> parts.add(rule.path(f).asText()));
        return String.join("|", parts);
    }

    private Object authorize(ApiRequest r, CloudState s, String direction) {
        var group = group(r, s);
        var groupId = group.get("SecurityGroupId").asText();
        // RpcPost flattens the Permissions list as Permissions.N.Field (tea-rpc query encoding)
        var permissions = new TreeMap<Integer, Map<String, String>>();
        r.params().forEach((k, v) -> {
            var m = Pattern.compile("Permissions\\.([0-9]+)\\.(\\w+)").matcher(k);
            if (m.matches()) {
                permissions.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new HashMap<>()).put(m.group(2), v);
            }
        });
        if (permissions.isEmpty()) {
            // the older single-rule form (top-level IpProtocol, PortRange, …)
            permissions.put(1, r.params());
        }
        for (var fields : permissions.values()) {
            var rule = rule(fields, direction);
            validate(rule, r);
            var key = groupId + "|" + key(rule);
            if (s.get(RULE, key).isPresent()) {
                continue; // the real API accepts a repeated rule without adding a second one
            }
            rule.put("SecurityGroupRuleId", s.newId("sgr-", 20)).put("CreateTime", Rpc.time(s.now())).put("SecurityGroupId", groupId);
            s.create(RULE, key, CloudState.region(group), rule, 0);
        }
        return Rpc.ok();
    }

    private static void validate(ObjectNode rule, ApiRequest r) {
        var protocol = rule.get("IpProtocol").asText();
        if (!List.of("TCP", "UDP", "ICMP", "GRE", "ALL", "ICMPV6").contains(protocol)) {
            throw ApiException.badRequest("InvalidIpProtocol.Malformed", "The IpProtocol " + protocol + " is not valid.");
        }
        var ports = rule.get("PortRange").asText();
        if (!ports.matches("-?[0-9]+/-?[0-9]+")) {
            throw ApiException.badRequest("InvalidPortRange.Malformed", "The PortRange " + ports + " is not valid.");
        }
        if ((protocol.equals("ALL") || protocol.equals("ICMP") || protocol.equals("GRE")) && !ports.equals("-1/-1")) {
            throw ApiException.badRequest("InvalidPortRange.Malformed", "The PortRange of protocol " + protocol + " must be -1/-1.");
        }
        var source = List.of("SourceCidrIp", "DestCidrIp", "Ipv6SourceCidrIp", "Ipv6DestCidrIp", "SourceGroupId", "DestGroupId",
                "SourcePrefixListId", "DestPrefixListId").stream().anyMatch(f -> !rule.get(f).asText().isEmpty());
        if (!source) {
            throw ApiException.badRequest("MissingParameter", "A rule needs a CIDR block, a peer security group or a prefix list.");
        }
        int priority;
        try {
            priority = Integer.parseInt(rule.get("Priority").asText());
        } catch (NumberFormatException e) {
            priority = -1;
        }
        if (priority < 1 || priority > 100) {
            throw ApiException.badRequest("InvalidPriority.Malformed", "The Priority " + rule.get("Priority").asText() + " is not within 1..100.");
        }
    }

    private Object describe(ApiRequest r, CloudState s) {
        var group = group(r, s);
        var groupId = group.get("SecurityGroupId").asText();
        var direction = r.param("Direction").orElse("all");
        var nic = r.param("NicType");
        var out = Rpc.ok();
        out.put("SecurityGroupId", groupId).put("SecurityGroupName", group.path("SecurityGroupName").asText())
                .put("Description", group.path("Description").asText()).put("VpcId", group.path("VpcId").asText())
                .put("RegionId", CloudState.region(group)).put("InnerAccessPolicy", "Accept").put("NextToken", "");
        var list = out.with("Permissions").putArray("Permission");
        for (var rule : s.find(RULE, x -> x.get("SecurityGroupId").asText().equals(groupId)
                && (direction.equals("all") || x.get("Direction").asText().equals(direction))
                && nic.map(n -> n.equals(x.get("NicType").asText())).orElse(true))) {
            list.add(CloudState.view(rule));
        }
        return out;
    }

    private Object modify(ApiRequest r, CloudState s, String direction) {
        var rule = find(r, s, direction).orElseThrow(() -> ApiException.notFound("InvalidSecurityGroupRule.NotFound", "The specified rule does not exist."));
        r.param("Description").ifPresent(d -> rule.put("Description", d));
        s.save();
        return Rpc.ok();
    }

    private Object revoke(ApiRequest r, CloudState s, String direction) {
        // the real API answers a revoke of a rule that is not there with success
        find(r, s, direction).ifPresent(rule -> s.remove(RULE, rule.get("SecurityGroupId").asText() + "|" + key(rule)));
        return Rpc.ok();
    }

    private Optional<ObjectNode> find(ApiRequest r, CloudState s, String direction) {
        var group = group(r, s);
        var wanted = rule(r.params(), direction);
        Function<ObjectNode, String> identity = Ecs::key;
        return s.get(RULE, group.get("SecurityGroupId").asText() + "|" + identity.apply(wanted));
    }
}
