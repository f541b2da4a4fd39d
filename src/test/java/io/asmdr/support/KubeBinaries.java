package io.asmdr.support;

import io.asmdr.sandbox.kube.Binaries;
import java.util.Optional;

/** The sandbox's Kubernetes binaries for a test that starts them, or a one-line note why the test is skipped. */
public final class KubeBinaries {
    private KubeBinaries() {}

    /** The binaries tools/sandbox-binaries.sh built, or empty after printing "TEST skipped: what is missing". */
    public static Optional<Binaries> orSkipNote(String test) {
        try {
            return Optional.of(Binaries.locate(System.getenv()));
        } catch (Binaries.Missing e) {
            System.out.println(test + " skipped: " + e.getMessage());
            return Optional.empty();
        }
    }
}
