package org.sstop.tui.text;

import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * An I/O failure in words for a one-line message: the kind of failure and the file system's
 * reason ({@code no such file}, {@code access denied}, {@code file system: Is a directory}),
 * not a Java class name; sanitized. Stateless.
 */
public final class IoFailure {

    private IoFailure() {
    }

    /**
     * Describes a failure.
     *
     * @param e what was thrown
     * @return e.g. {@code no such file}, or {@code file system: Is a directory}
     */
    public static String describe(Exception e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        return Sanitizer.clean(reason == null || reason.isBlank() ? kind : kind + ": " + reason);
    }
}
