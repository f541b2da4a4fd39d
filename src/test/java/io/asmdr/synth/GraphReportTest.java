package io.asmdr.synth;

import io.asmdr.support.Readme;
import io.asmdr.support.TestStacks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The component graph: the edges that matter are drawn, the ones that must not exist are absent, the README copy is current. */
class GraphReportTest {
    static String devGraph() {
        return GraphReport.render("dev", TestStacks.file("Pulumi.dev.yaml").load(), TestStacks.devPlan());
    }

    @Test
    void layersFollowTheDependencies() {
        var graph = devGraph();
        for (var edge : new String[] {"network_cn_hangzhou --> cluster_cn_hangzhou", "cluster_cn_hangzhou --> mesh_mesh",
                "mesh_mesh --> app_cn_hangzhou_bookinfo", "cluster_cn_shanghai --> app_cn_shanghai_bookinfo",
                "mesh_mesh --> traffic_bookinfo_routing", "network_cn_hangzhou --> backbone_backbone", "backbone_backbone --> mesh_mesh"}) {
            assertTrue(graph.contains("  " + edge + "\n"), edge + " missing in\n" + graph);
        }
        assertFalse(graph.contains("backbone_backbone --> cluster"), "the CEN never waits for a cluster: " + graph);
        assertFalse(graph.contains("cluster_cn_hangzhou --> backbone"), "the clusters never wait for the CEN: " + graph);
        assertFalse(graph.contains("cluster_cn_hangzhou --> cluster_cn_shanghai"), graph);
    }

    @Test
    void theReadmeEmbedsTheCurrentDevGraph() throws Exception {
        assertEquals(GraphReport.mermaid(devGraph()), Readme.section("graph:dev"),
                "the README's dev graph is stale: paste the mermaid block of target/synth/dev/graph.md between the markers");
    }
}
