package io.asmdr.mesh;

import io.asmdr.app.Bookinfo;
import io.asmdr.backbone.Backbone;
import io.asmdr.cluster.RegionCluster;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The components' Args are built by name, and a forgotten one is named, not a NullPointerException deep inside. */
class ArgsBuilderTest {
    @Test
    void aMissingArgumentIsNamed() {
        assertEquals("MeshControlPlane.Args: mesh is required",
                assertThrows(NullPointerException.class, () -> MeshControlPlane.Args.builder().build()).getMessage());
        assertEquals("RegionCluster.Args: region is required",
                assertThrows(NullPointerException.class, () -> RegionCluster.Args.builder().build()).getMessage());
        assertEquals("Backbone.Args: cenName is required",
                assertThrows(NullPointerException.class, () -> Backbone.Args.builder().build()).getMessage());
        assertEquals("Bookinfo.Args: region is required",
                assertThrows(NullPointerException.class, () -> Bookinfo.Args.builder().build()).getMessage());
    }
}
