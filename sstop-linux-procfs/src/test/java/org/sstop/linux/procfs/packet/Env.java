package org.sstop.linux.procfs.packet;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Preconditions of kernel-facing tests: skipped where they cannot run, but failed on CI (CI=true). */
final class Env {

    private Env() {
    }

    /** Skips the test (or fails it on CI) unless {@code condition} holds. */
    static void require(boolean condition, String why) {
        if (condition) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("cannot run on CI: " + why);
        }
        assumeTrue(false, why);
    }

    /** Whether this process runs with uid 0. */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static boolean isLinux() {
        return System.getProperty("os.name", "").startsWith("Linux");
    }
}
