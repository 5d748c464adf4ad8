package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips a test whose environment is missing, except on CI ({@code CI=true}), where that is a failure. */
final class Requirements {

    private Requirements() {
    }

    static void require(boolean condition, String why) {
        if (condition) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI must provide this: " + why);
        }
        assumeTrue(false, why);
    }
}
