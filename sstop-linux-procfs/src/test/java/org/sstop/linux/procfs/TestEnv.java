package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of kernel tests: skipped where they cannot run, but failed on CI (CI=true). Public
 * so the tests of the subpackages use it too.
 */
public final class TestEnv {

    private TestEnv() {
    }

    /** Skips the test when {@code condition} is false, except on CI where that fails it. */
    public static void require(boolean condition, String why) {
        if (condition) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("cannot run on CI: " + why);
        }
        Assumptions.abort(why);
    }

    /** Whether this is Linux with {@code /proc} mounted. */
    public static boolean isLinux() {
        return System.getProperty("os.name", "").startsWith("Linux") && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** Whether this process runs with effective uid 0 (on Linux; elsewhere false). */
    public static boolean isRoot() {
        try {
            return isLinux() && ProcStatus.effectiveUid(Files.readString(Path.of("/proc/self/status"))) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Requires {@link #isLinux()}. */
    public static void requireLinux() {
        require(isLinux(), "needs Linux with /proc");
    }

    /** Requires {@link #isRoot()}. */
    public static void requireRoot() {
        require(isRoot(), "needs root (network namespaces, other users' processes)");
    }
}
