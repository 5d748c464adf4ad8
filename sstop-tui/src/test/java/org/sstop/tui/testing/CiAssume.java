package org.sstop.tui.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips a test whose environment is missing, except on CI (CI=true), where that is a failure. */
public final class CiAssume {

    private CiAssume() {
    }

    /** Skips (or, on CI, fails) when {@code condition} is false. */
    public static void require(boolean condition, String why) {
        if (condition) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("required on CI: " + why);
        }
        assumeTrue(false, why);
    }
}
