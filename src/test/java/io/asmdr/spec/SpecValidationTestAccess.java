package io.asmdr.spec;

import io.asmdr.support.TestStacks;

/** The validation tests' base stack (two regions, distribute 90/10, failover pairs), for other test packages. */
public final class SpecValidationTestAccess {
    private SpecValidationTestAccess() {}

    public static TestStacks base() {
        return SpecValidationTest.base();
    }
}
