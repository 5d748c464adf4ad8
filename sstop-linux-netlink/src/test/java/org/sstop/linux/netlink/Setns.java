package org.sstop.linux.netlink;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Path;
import org.sstop.testkit.NamespaceEntry;

/**
 * Enters a network namespace with {@code setns(2)}, through JNA, for the test kit's namespace
 * threads (the kit is JDK-only). It moves only the calling thread; sockets it creates stay in
 * that namespace for life.
 */
final class Setns implements NamespaceEntry {

    private static final int CLONE_NEWNET = 0x4000_0000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    static {
        Native.register(Setns.class, Platform.C_LIBRARY_NAME);
    }

    private static native int open(String path, int flags);

    private static native int setns(int fd, int nstype);

    private static native int close(int fd);

    @Override
    public void enter(Path namespaceFile) throws IOException {
        int fd = open(namespaceFile.toString(), O_RDONLY_CLOEXEC);
        if (fd < 0) {
            throw new IOException("open " + namespaceFile + ": errno " + Native.getLastError());
        }
        try {
            if (setns(fd, CLONE_NEWNET) != 0) {
                throw new IOException("setns " + namespaceFile + ": errno " + Native.getLastError());
            }
        } finally {
            close(fd);
        }
    }
}
