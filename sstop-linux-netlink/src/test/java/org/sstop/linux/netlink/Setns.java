package org.sstop.linux.netlink;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import org.sstop.testkit.NamespaceEntry;

/**
 * Enters a network namespace with {@code setns(2)}, through the module's {@link Libc}, for the
 * test kit's namespace threads (the kit is JDK-only). It moves only the calling thread; sockets it
 * creates stay in that namespace for life.
 */
final class Setns implements NamespaceEntry {

    @Override
    public void enter(Path namespaceFile) throws IOException {
        int fd = Libc.open(namespaceFile.toString(), Libc.O_RDONLY_CLOEXEC);
        if (fd < 0) {
            throw new IOException("open " + namespaceFile + ": errno " + Native.getLastError());
        }
        try {
            if (Libc.setns(fd, Libc.CLONE_NEWNET) != 0) {
                throw new IOException("setns " + namespaceFile + ": errno " + Native.getLastError());
            }
        } finally {
            Libc.close(fd);
        }
    }
}
