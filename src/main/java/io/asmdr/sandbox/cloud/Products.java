package io.asmdr.sandbox.cloud;

import io.asmdr.engine.CloudFacts;
import java.util.List;

/** Every product the sandbox emulates, in one list for the server. */
public final class Products {
    private Products() {}

    public static List<Product> all(CloudFacts facts, Timing timing) {
        return List.of(new Vpc(timing), new Ecs());
    }
}
