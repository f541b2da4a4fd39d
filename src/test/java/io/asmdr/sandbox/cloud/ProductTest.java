package io.asmdr.sandbox.cloud;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link CloudFixture} per test, in its own directory. */
abstract class ProductTest {
    @TempDir
    Path tmp;
    CloudFixture cloud;

    @BeforeEach
    void start() {
        cloud = new CloudFixture(tmp);
    }

    @AfterEach
    void stop() {
        cloud.close();
    }
}
