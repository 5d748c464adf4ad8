package org.sstop.tui.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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

    /** Whether the JVM runs as the user named {@code root}. */
    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Whether {@code os.name} says Linux. */
    public static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    /** Whether a command is on the PATH. */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
