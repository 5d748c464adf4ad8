package org.sstop.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of tests that need something of the machine (Linux, root, a command): such a
 * test is skipped where it cannot run, except on CI ({@code CI=true}), where a missing
 * precondition fails it instead, so that CI never passes by skipping.
 */
public final class CiAssume {

    private CiAssume() {
    }

    /** Whether this is a CI run: the environment variable {@code CI} is {@code true}. */
    public static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    /**
     * Skips the calling test when {@code condition} is false; on CI fails it with
     * "required on CI: {@code why}".
     *
     * @param condition what the test needs, evaluated
     * @param why what is missing, in words that explain the skip
     */
    public static void that(boolean condition, String why) {
        that(condition, why, onCi());
    }

    /** {@link #that(boolean, String)} with the CI decision passed in (tests of this class). */
    static void that(boolean condition, String why, boolean onCi) {
        if (condition) {
            return;
        }
        if (onCi) {
            Assertions.fail("required on CI: " + why);
        }
        Assumptions.abort(why);
    }

    /**
     * Skips the calling test, on CI too, when the kernel forbids what it tests by its own build or
     * policy (a feature compiled out, a security module refusing it): no package or privilege can
     * supply that, so the test cannot run on that kernel at all. The reason is in the test report.
     * Use it only after proving the refusal with the smallest request of that kind, so that a bug
     * of sstop's own cannot hide behind it.
     *
     * @param permitted whether the kernel permits the feature, as probed
     * @param why what the kernel refused, and how
     */
    public static void kernelPermits(boolean permitted, String why) {
        Assumptions.assumeTrue(permitted, () -> "this kernel forbids it: " + why);
    }

    /** Requires {@link Host#isLinux()}. */
    public static void linux() {
        that(Host.isLinux(), "needs Linux with /proc");
    }

    /** Requires Linux and {@link Host#isRoot()}. */
    public static void root() {
        linux();
        that(Host.isRoot(), "needs root");
    }

    /**
     * Requires a command on the {@code PATH}.
     *
     * @param command a bare command name, e.g. {@code tmux}
     */
    public static void onPath(String command) {
        that(Host.onPath(command), "needs " + command + " on the PATH");
    }
}
