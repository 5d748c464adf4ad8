package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Preconditions of kernel tests: skipped where they cannot run, but failed on CI (CI=true). */
final class TestEnv {

    private TestEnv() {
    }

    /** Skips the test when {@code condition} is false, except on CI where that fails it. */
    static void require(boolean condition, String why) {
        if (condition) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("cannot run on CI: " + why);
        }
        Assumptions.abort(why);
    }

    static boolean isLinux() {
        return System.getProperty("os.name", "").startsWith("Linux") && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    static boolean isRoot() {
        try {
            return isLinux() && ProcStatus.effectiveUid(Files.readString(Path.of("/proc/self/status"))) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireLinux() {
        require(isLinux(), "needs Linux with /proc");
    }

    static void requireRoot() {
        require(isRoot(), "needs root (network namespaces, other users' processes)");
    }
}
