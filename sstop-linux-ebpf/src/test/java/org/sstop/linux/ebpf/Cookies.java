package org.sstop.linux.ebpf;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cookie of one of this process's sockets, asked of the kernel independently of the counter:
 * the socket's fd is found by its inode in {@code /proc/self/fd}, and {@code getsockopt(SO_COOKIE)}
 * gives the cookie (the one sock_diag reports; asking makes it if the socket had none).
 */
final class Cookies {

    private static final int SOL_SOCKET = 1;
    private static final int SO_COOKIE = 57;

    /** The one libc call the tests need beyond the module's binding. */
    private interface C extends Library {
        int getsockopt(int fd, int level, int name, Pointer value, IntByReference length);
    }

    private static final C LIBC = Native.load("c", C.class);

    private Cookies() {
    }

    /**
     * The cookie of the socket with this inode.
     *
     * @param inode from {@link org.sstop.testkit.KernelSockets#withNewSocket}
     * @return the cookie
     * @throws IOException when this process has no such socket or the call fails
     */
    static long of(long inode) throws IOException {
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(target)) {
                        return cookie(Integer.parseInt(fd.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        throw new IOException("no fd of this process is " + target);
    }

    private static long cookie(int fd) throws IOException {
        try (Memory value = new Memory(8)) {
            IntByReference length = new IntByReference(8);
            if (LIBC.getsockopt(fd, SOL_SOCKET, SO_COOKIE, value, length) != 0) {
                throw new IOException("getsockopt(SO_COOKIE) failed: errno " + Native.getLastError());
            }
            return value.getLong(0);
        }
    }
}
