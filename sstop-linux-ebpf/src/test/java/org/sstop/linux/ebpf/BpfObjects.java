package org.sstop.linux.ebpf;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** BPF objects as the kernel sees them, for tests that check nothing is left behind. */
final class BpfObjects {

    static final int PROG_GET_FD_BY_ID = 13;
    static final int MAP_GET_FD_BY_ID = 14;
    static final int LINK_GET_FD_BY_ID = 30;

    private BpfObjects() {
    }

    /** How many of this process's fds are BPF maps, programs and links, by their anon inode name. */
    static Map<String, Integer> ownFds() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("anon_inode:bpf")) {
                        counts.merge(target, 1, Integer::sum);
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return counts;
    }

    /** The kernel's id of a map, program or link fd (the second u32 of every bpf_*_info). */
    static int id(int fd) throws ErrnoException {
        try (Bpf bpf = new Bpf(); Memory info = new Memory(64)) {
            bpf.objInfo(fd, info);
            return info.getInt(4);
        }
    }

    /** Whether the kernel still has an object with this id ({@code BPF_*_GET_FD_BY_ID} finds it). */
    static boolean exists(int getFdByIdCommand, int id) throws ErrnoException {
        try (Memory attr = new Memory(16)) {
            attr.clear();
            attr.setInt(0, id);
            long fd = Libc.bpf(getFdByIdCommand, attr, 16);
            if (fd >= 0) {
                Libc.close((int) fd);
                return true;
            }
            int errno = Native.getLastError();
            if (errno == Libc.ENOENT) {
                return false;
            }
            throw new ErrnoException("BPF_*_GET_FD_BY_ID", errno);
        }
    }
}
