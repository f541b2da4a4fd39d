package io.asmdr.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PR comment and its {@code --json} twin on hand-made changes and findings: every row, cell and count the
 * reviewer reads, so that a report that drops or mislabels one fails here rather than in a review.
 */
class DiffReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STACK = "urn:pulumi:prod::asm-dr::";
    private static final String VPC = STACK + Guard.VPC + "::cn-hangzhou-vpc";
    private static final String ACK = STACK + Guard.ACK + "::cn-hangzhou-ack";
    private static final String POOL = STACK + "alicloud:cs/nodePool:NodePool::cn-hangzhou-ack-workers";

    private static Change change(String urn, Change.Op op, List<String> changed, List<String> reasons, Optional<String> cause, List<String> unknown) {
        var type = Urns.qualifiedType(urn);
        return new Change(urn, type, op, changed, reasons, cause, Optional.empty(), Optional.empty(), unknown);
    }

    private static Change same(String urn) {
        return change(urn, Change.Op.SAME, List.of(), List.of(), Optional.empty(), List.of());
    }

    private static Guard.Finding finding(String rule, Guard.Severity severity, String urn, boolean allowed) {
        return new Guard.Finding(rule, severity, urn, "it | goes\naway", "keep | it", allowed);
    }

    @Test
    void oneBlockingFindingIsSingularAndItsLabelIsNamedOnce() {
        var f = finding("critical-replaced", Guard.Severity.BLOCKING, ACK, false);
        var md = DiffReport.markdown(List.of(), List.of(f, f));
        assertTrue(md.startsWith(DiffReport.MARKER + "\n## asm-dr: what this change does\n\n"), md);
        assertTrue(md.contains("**2 blocking findings**: "), md);
        assertEquals(2, md.split("`allow:critical-replaced:cn-hangzhou-ack`", -1).length,
                "one label for two findings of one rule on one resource (the table names rule and resource, not the label): " + md);
        var one = DiffReport.markdown(List.of(), List.of(f));
        assertTrue(one.contains("**1 blocking finding**: this change should not be applied"), one);
        assertFalse(one.contains("No blocking findings."), one);
        // the table row: severity, rule, resource, message and fix with the table's own characters escaped
        assertTrue(one.contains("| **blocking** | `critical-replaced` | `cn-hangzhou-ack` | it \\| goes away | keep \\| it |\n"), one);
    }

    @Test
    void warningsAndAllowedFindingsDoNotBlockAndSayWhy() {
        var warning = finding("critical-replaced", Guard.Severity.WARNING, POOL, false);
        var allowed = finding("mesh-members-changed", Guard.Severity.BLOCKING, ACK, true);
        var allowance = Allowance.parse("mesh-members-changed:cn-hangzhou-ack");
        var unused = Allowance.parse("protect-removed:cn-hangzhou-vpc");
        var md = DiffReport.markdown(List.of(), List.of(warning, allowed), Set.of(allowance, unused));
        assertTrue(md.contains("No blocking findings.\n\n"), md);
        assertTrue(md.contains("| warning | `critical-replaced` | `cn-hangzhou-ack-workers` |"), md);
        assertTrue(md.contains("| allowed by `allow:mesh-members-changed:cn-hangzhou-ack` | `mesh-members-changed` | `cn-hangzhou-ack` |"), md);
        assertTrue(md.contains("Allowed by labels:\n\n- `allow:mesh-members-changed:cn-hangzhou-ack`: allows `mesh-members-changed` on `cn-hangzhou-ack`\n"
                + "- `allow:protect-removed:cn-hangzhou-vpc`: matches no finding of this change\n\n"), md);
        var none = DiffReport.markdown(List.of(), List.of());
        assertFalse(none.contains("Allowed by labels"), none);
        assertFalse(none.contains("| rule |"), "no findings, no findings table: " + none);
    }

    @Test
    void eachEnvironmentCountsItsOperationsAndListsOnlyTypesThatMove() {
        var replaced = change(ACK, Change.Op.REPLACE, List.of("inputs.podCidr"), List.of("inputs.podCidr"), Optional.empty(), List.of());
        var cascaded = change(POOL, Change.Op.REPLACE, List.of("inputs.clusterId"), List.of("inputs.clusterId"), Optional.of(ACK),
                List.of("inputs.version"));
        var prod = new DiffReport.Environment("prod", List.of(replaced, cascaded, same(VPC)), List.of());
        var quiet = new DiffReport.Environment("staging", List.of(same(VPC)), List.of());
        var md = DiffReport.markdown(List.of(prod, quiet), List.of());
        assertTrue(md.contains("| prod | 0 | 0 | 2 | 0 | 0 | 1 |\n| staging | 0 | 0 | 0 | 0 | 0 | 1 |\n"), md);
        assertTrue(md.contains("\n### staging: nothing changes\n"), md);
        assertTrue(md.contains("\n### prod\n"), md);
        assertFalse(md.contains("<code>" + Guard.VPC + "</code>"), "a type with nothing but unchanged resources gets no section: " + md);
        assertTrue(md.contains("<details><summary><code>" + Guard.ACK + "</code>: 1 replace</summary>"), md);
        assertTrue(md.contains("| `cn-hangzhou-ack` | replace | `inputs.podCidr` | `inputs.podCidr` |\n"), md);
        assertTrue(md.contains("| `cn-hangzhou-ack-workers` | replace | `inputs.clusterId` unknown offline: `inputs.version` | `inputs.clusterId` "
                + "(cascade from `cn-hangzhou-ack`) |\n"), md);
        assertFalse(md.contains("Expected traffic moves"), "no shares move: " + md);
        var mixed = new DiffReport.Environment("dev", List.of(same(ACK), change(STACK + Guard.ACK + "::cn-shanghai-ack", Change.Op.UPDATE,
                List.of("inputs.name", "inputs.tags"), List.of(), Optional.empty(), List.of())), List.of());
        var counted = DiffReport.markdown(List.of(mixed), List.of());
        assertTrue(counted.contains("<code>" + Guard.ACK + "</code>: 1 same, 1 update</summary>"), counted);
        assertTrue(counted.contains("| `cn-shanghai-ack` | update | `inputs.name`, `inputs.tags` |  |\n"), counted);
        assertFalse(counted.contains("| `cn-hangzhou-ack` |"), "an unchanged resource gets no row: " + counted);
    }

    @Test
    void trafficSharesThatMoveAppearOnceWithDashesForAbsentOnes() {
        var before = Map.of("healthy", Map.of("cn-hangzhou", 0.9, "cn-shanghai", 0.1), "hz-down", Map.of("cn-shanghai", 1.0));
        var after = Map.of("healthy", Map.of("cn-hangzhou", 0.9 + 1e-12, "cn-shanghai", 0.1 + 1e-6, "cn-beijing", 0.05));
        var shifts = DiffReport.trafficShifts(before, after);
        assertEquals(Set.of("healthy/cn-shanghai", "healthy/cn-beijing", "hz-down/cn-shanghai"),
                Set.copyOf(shifts.stream().map(t -> t.scenario() + "/" + t.region()).toList()),
                "a difference of 1e-12 is rounding, 1e-6 is a move; a region on one side only moves: " + shifts);
        var env = new DiffReport.Environment("prod", List.of(), shifts);
        var md = DiffReport.markdown(List.of(env), List.of());
        assertTrue(md.contains("\n### Expected traffic moves in prod\n\n| scenario | region | before | after |\n"), md);
        assertTrue(md.contains("| healthy | cn-beijing | — | 5.0% |\n"), md);
        assertTrue(md.contains("| hz-down | cn-shanghai | 100.0% | — |\n"), md);
        assertTrue(md.contains("| healthy | cn-shanghai | 10.0% | 10.0% |\n"), md);
    }

    @Test
    void theJsonCarriesWhatTheCommentShows() throws Exception {
        var cascaded = change(POOL, Change.Op.REPLACE, List.of("inputs.clusterId"), List.of("inputs.clusterId"), Optional.of(ACK),
                List.of("inputs.version"));
        var updated = change(VPC, Change.Op.UPDATE, List.of("inputs.vpcName"), List.of(), Optional.empty(), List.of());
        var shifts = DiffReport.trafficShifts(Map.of("healthy", Map.of("cn-hangzhou", 1.0)), Map.of("healthy", Map.of("cn-shanghai", 1.0)));
        var env = new DiffReport.Environment("prod", List.of(cascaded, updated), shifts);
        var blocking = finding("critical-replaced", Guard.Severity.BLOCKING, POOL, false);
        var allowed = finding("mesh-members-changed", Guard.Severity.WARNING, ACK, true);
        var doc = JSON.readTree(DiffReport.json(List.of(env), List.of(blocking, allowed), Set.of(Allowance.parse("mesh-members-changed:cn-hangzhou-ack"))));
        assertEquals(1, doc.path("blocking").asInt());
        var allowance = doc.path("allowances").get(0);
        assertEquals("allow:mesh-members-changed:cn-hangzhou-ack", allowance.path("label").asText());
        assertEquals(List.of(ACK), texts(allowance.path("matched")));
        assertEquals(List.of("cn-hangzhou-ack"), texts(allowance.path("resources")));
        var f = doc.path("findings");
        assertEquals("blocking", f.get(0).path("severity").asText());
        assertFalse(f.get(0).path("allowed").asBoolean());
        assertEquals("warning", f.get(1).path("severity").asText());
        assertTrue(f.get(1).path("allowed").asBoolean());
        assertEquals("it | goes\naway", f.get(0).path("message").asText(), "JSON keeps the text as it is");
        var e = doc.path("environments").get(0);
        assertEquals("prod", e.path("name").asText());
        assertEquals(1, e.path("counts").path("replace").asInt());
        assertEquals(1, e.path("counts").path("update").asInt());
        assertEquals(0, e.path("counts").path("delete").asInt());
        var c0 = e.path("changes").get(0);
        assertEquals("replace", c0.path("op").asText());
        assertEquals(ACK, c0.path("cause").asText());
        assertEquals(List.of("inputs.version"), texts(c0.path("unknown")));
        assertEquals(List.of("inputs.clusterId"), texts(c0.path("replaceReasons")));
        var c1 = e.path("changes").get(1);
        assertFalse(c1.has("cause") || c1.has("unknown"), "absent, not empty: " + c1);
        assertEquals(List.of("inputs.vpcName"), texts(c1.path("changed")));
        var t = e.path("traffic");
        assertEquals(2, t.size(), t.toString());
        var hz = t.get(0).path("region").asText().equals("cn-hangzhou") ? t.get(0) : t.get(1);
        var sh = hz == t.get(0) ? t.get(1) : t.get(0);
        assertEquals(1.0, hz.path("before").asDouble());
        assertFalse(hz.has("after"), hz.toString());
        assertEquals(1.0, sh.path("after").asDouble());
        assertFalse(sh.has("before"), sh.toString());
        assertEquals("healthy", sh.path("scenario").asText());
    }

    private static List<String> texts(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
