package org.sstop.linux.netlink;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** Skips a test whose environment is missing, except on CI (CI=true), where that is a failure. */
final class CiAssume {

    private CiAssume() {
    }

    static void that(boolean condition, String why) {
        if (condition) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("required on CI: " + why);
        }
        Assumptions.assumeTrue(false, why);
    }

    static void linux() {
        that(System.getProperty("os.name", "").startsWith("Linux"), "needs Linux");
    }

    static void linuxRoot() {
        linux();
        that("root".equals(System.getProperty("user.name")) || uid() == 0, "needs root");
    }

    /** This process's real uid, from /proc/self/status. */
    static int uid() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[0]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
