package org.sstop.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;

/** Helpers for tests against the real kernel: socket inodes, exact transfers, polling a source. */
final class KernelSockets {

    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** A value and the inode of the one socket its creation added to this process. */
    record WithInode<T>(T value, long inode) {
    }

    private KernelSockets() {
    }

    /** Inodes of this process's sockets, from the {@code socket:[N]} links in /proc/self/fd. */
    static Set<Long> socketInodes() throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException e) {
                    // the fd closed meanwhile (e.g. the directory stream's own)
                }
            }
        }
        return inodes;
    }

    /** Runs {@code create} and returns its result with the inode of the single socket it opened. */
    static <T> WithInode<T> withNewInode(IoSupplier<T> create) throws IOException {
        Set<Long> before = socketInodes();
        T value = create.get();
        Set<Long> added = socketInodes();
        added.removeAll(before);
        assertEquals(1, added.size(), "exactly one new socket: " + added);
        return new WithInode<>(value, added.iterator().next());
    }

    static void writeFully(WritableByteChannel ch, int bytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        int left = bytes;
        while (left > 0) {
            b.clear().limit(Math.min(left, b.capacity()));
            left -= ch.write(b);
        }
    }

    static void readFully(ReadableByteChannel ch, int bytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        int left = bytes;
        while (left > 0) {
            b.clear().limit(Math.min(left, b.capacity()));
            int n = ch.read(b);
            if (n < 0) {
                throw new IOException("EOF with " + left + " bytes to go");
            }
            left -= n;
        }
    }

    /** Whether /proc/net/tcp6 lists this inode (the socket is AF_INET6). */
    static boolean inTcp6(long inode) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp6"))) {
            String[] f = line.strip().split("\\s+");
            if (f.length > 9 && f[9].equals(Long.toString(inode))) {
                return true;
            }
        }
        return false;
    }

    static SocketInfo find(List<SocketInfo> list, Predicate<SocketInfo> p) {
        return list.stream().filter(p).findFirst().orElse(null);
    }

    /**
     * Samples until a socket matching {@code which} also satisfies {@code settled} (bytes acked),
     * for at most 5 s; returns the last match, or null. The wait bounds a test, it asserts no time.
     */
    static SocketInfo awaitSocket(NetlinkSocketSource source, Predicate<SocketInfo> which, Predicate<SocketInfo> settled)
            throws IOException, InterruptedException {
        SocketInfo last = null;
        long deadline = System.nanoTime() + 5_000_000_000L;
        do {
            SocketSample sample = source.sample();
            last = find(sample.sockets(), which);
            if (last != null && settled.test(last)) {
                return last;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return last;
    }
}
