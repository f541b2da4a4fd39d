package io.asmdr.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small previews read as the engine writes them: the outage setting in every form a config value takes, and what states say changed. */
class PreviewChangesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Set<String> unavailable(String configValueJson) throws Exception {
        return PreviewChanges.unavailableRegions(JSON.readTree("{\"config\": {\"" + Guard.UNAVAILABLE_REGIONS_KEY + "\": " + configValueJson + "}}"));
    }

    @Test
    void theOutageSettingInEachFormAConfigValueTakes() throws Exception {
        assertEquals(Set.of("cn-beijing", "cn-shanghai"), unavailable("\"[\\\"cn-shanghai\\\", \\\"cn-beijing\\\"]\""), "a list, as its JSON text");
        assertEquals(Set.of("cn-shanghai"), unavailable("[\"cn-shanghai\"]"), "a list");
        assertEquals(Set.of("cn-shanghai"), unavailable("\"cn-shanghai\""), "one name, not JSON");
        assertEquals(Set.of("cn-shanghai"), unavailable("\"\\\"cn-shanghai\\\"\""), "one name as JSON text");
        assertEquals(Set.of(), unavailable("\"\\\" \\\"\""), "a blank name as JSON text");
        assertEquals(Set.of(), unavailable("\"[]\""));
        assertEquals(Set.of(), PreviewChanges.unavailableRegions(JSON.readTree("{\"config\": {}}")));
    }

    @Test
    void takingProtectionAwayIsAChangeWhateverTheDiffFieldsSay() throws Exception {
        var urn = "urn:pulumi:prod::asm-dr::alicloud:vpc/network:Network::cn-hangzhou-vpc";
        var preview = JSON.readTree("""
                {"steps": [{"op": "update", "urn": "%s",
                  "oldState": {"urn": "%s", "type": "alicloud:vpc/network:Network", "custom": true, "protect": true, "inputs": {"cidrBlock": "10.0.0.0/8"}},
                  "newState": {"urn": "%s", "type": "alicloud:vpc/network:Network", "custom": true, "protect": false, "inputs": {"cidrBlock": "10.0.0.0/8"}}}]}
                """.formatted(urn, urn, urn));
        var changes = PreviewChanges.fromDigest(preview);
        assertEquals(1, changes.size());
        assertEquals(Change.Op.UPDATE, changes.get(0).op());
        assertEquals(List.of("options.protect"), changes.get(0).changed());

        var same = JSON.readTree(preview.toString().replace("\"protect\":false", "\"protect\":true"));
        assertTrue(PreviewChanges.fromDigest(same).get(0).changed().isEmpty(), same.toString());
    }

    @Test
    void anIndexedPropertyIsItsInputAndTheHighestOpOfAUrnCounts() throws Exception {
        var urn = "urn:pulumi:prod::asm-dr::alicloud:servicemesh/serviceMesh:ServiceMesh::mesh";
        var preview = JSON.readTree("""
                {"steps": [
                  {"op": "same", "urn": "%s", "oldState": {"urn": "%s", "type": "alicloud:servicemesh/serviceMesh:ServiceMesh"},
                   "newState": {"urn": "%s", "type": "alicloud:servicemesh/serviceMesh:ServiceMesh"}},
                  {"op": "update", "urn": "%s", "diffReasons": ["clusterIds[1]"], "detailedDiff": {"network.vpcId": {}}, "replaceReasons": ["edition"],
                   "newState": {"urn": "%s", "type": "alicloud:servicemesh/serviceMesh:ServiceMesh"}}]}
                """.formatted(urn, urn, urn, urn, urn));
        var change = PreviewChanges.fromDigest(preview).get(0);
        assertEquals(Change.Op.UPDATE, change.op());
        assertTrue(change.changed().containsAll(List.of("inputs.clusterIds", "inputs.network.vpcId")), change.changed().toString());
        assertEquals(List.of("inputs.edition"), change.replaceReasons());
    }
}
