package org.sstop.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the kernel says about sockets, read independently of the code under test: this
 * process's socket inodes, the {@code /proc/net} tables of the calling thread's network
 * namespace, and exact byte transfers, so that a test knows the numbers a backend must report.
 */
public final class KernelSockets {

    private static final String SOCKET_LINK = "socket:[";
    private static final String TCP_LISTEN = "0A";
    private static final long AWAIT_NANOS = 5_000_000_000L;
    private static final long AWAIT_STEP_MILLIS = 20;

    /**
     * Creates something that opens sockets.
     *
     * @param <T> what it creates
     */
    @FunctionalInterface
    public interface IoSupplier<T> {
        /**
         * Creates it.
         *
         * @return the new value
         * @throws IOException when it cannot
         */
        T get() throws IOException;
    }

    /**
     * A value and the inode of the one socket its creation added to this process.
     *
     * @param value what was created (a channel, a socket)
     * @param inode the new socket's inode
     * @param <T> the value's type
     */
    public record WithInode<T>(T value, long inode) {
    }

    /** One row of a {@code /proc/net/{tcp,tcp6,udp,udp6}} table. */
    private record Row(int localPort, String state, long inode) {
    }

    private KernelSockets() {
    }

    /**
     * Inodes of this process's sockets, from the {@code socket:[N]} links in {@code /proc/self/fd}.
     *
     * @return the inodes
     * @throws IOException when the fd directory cannot be listed
     */
    public static Set<Long> ownSocketInodes() throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(SOCKET_LINK) && target.endsWith("]")) {
                        inodes.add(Long.parseLong(target.substring(SOCKET_LINK.length(), target.length() - 1)));
                    }
                } catch (IOException e) {
                    // the fd closed meanwhile (e.g. the directory stream's own)
                }
            }
        }
        return inodes;
    }

    /**
     * Runs {@code create} and returns its result with the inode of the single socket it opened;
     * fails the test when it opened none or several.
     *
     * @param create opens exactly one socket
     * @param <T> what it returns
     * @return the value and its socket's inode
     * @throws IOException when {@code create} or listing the fds fails
     */
    public static <T> WithInode<T> withNewSocket(IoSupplier<T> create) throws IOException {
        Set<Long> before = ownSocketInodes();
        T value = create.get();
        Set<Long> added = ownSocketInodes();
        added.removeAll(before);
        assertEquals(1, added.size(), "exactly one new socket: " + added);
        return new WithInode<>(value, added.iterator().next());
    }

    /**
     * Whether a {@code /proc/net} table lists this inode, e.g. {@code tcp6} for an AF_INET6 TCP socket.
     *
     * @param table {@code tcp}, {@code tcp6}, {@code udp} or {@code udp6}
     * @param inode a socket inode
     * @return true if listed
     * @throws IOException when the table cannot be read
     */
    public static boolean listedIn(String table, long inode) throws IOException {
        return rows(table).stream().anyMatch(r -> r.inode() == inode);
    }

    /**
     * The inode of the TCP socket (IPv4 or IPv6) listening on {@code port}.
     *
     * @param port a local port
     * @return its inode, or -1 when none listens there
     * @throws IOException when a table cannot be read
     */
    public static long listeningInode(int port) throws IOException {
        for (String table : List.of("tcp", "tcp6")) {
            for (Row r : rows(table)) {
                if (r.localPort() == port && r.state().equals(TCP_LISTEN)) {
                    return r.inode();
                }
            }
        }
        return -1;
    }

    /**
     * Every non-zero socket inode of the TCP and UDP tables, IPv4 and IPv6.
     *
     * @return the inodes, in table order
     * @throws IOException when a table cannot be read
     */
    public static List<Long> allInodes() throws IOException {
        List<Long> inodes = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            for (Row r : rows(table)) {
                if (r.inode() != 0) {
                    inodes.add(r.inode());
                }
            }
        }
        return inodes;
    }

    /** The rows of {@code /proc/net/<table>}; the header and short lines are skipped. */
    private static List<Row> rows(String table) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/net", table))) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 10 || f[0].startsWith("sl")) {
                continue;
            }
            int localPort = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
            rows.add(new Row(localPort, f[3], Long.parseLong(f[9])));
        }
        return rows;
    }

    /**
     * Writes exactly {@code bytes} zero bytes.
     *
     * @param ch a blocking channel
     * @param bytes how many
     * @throws IOException when writing fails
     */
    public static void writeFully(WritableByteChannel ch, long bytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        long left = bytes;
        while (left > 0) {
            b.clear().limit((int) Math.min(left, b.capacity()));
            left -= ch.write(b);
        }
    }

    /**
     * Reads exactly {@code bytes} bytes.
     *
     * @param ch a blocking channel
     * @param bytes how many
     * @throws IOException when reading fails or the stream ends first
     */
    public static void readFully(ReadableByteChannel ch, long bytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        long left = bytes;
        while (left > 0) {
            b.clear().limit((int) Math.min(left, b.capacity()));
            int n = ch.read(b);
            if (n < 0) {
                throw new IOException("EOF with " + left + " bytes to go");
            }
            left -= n;
        }
    }

    /**
     * The first item that matches.
     *
     * @param items e.g. a sample's sockets
     * @param which the test
     * @param <T> the item type
     * @return the first match, or null
     */
    public static <T> T find(Collection<T> items, Predicate<? super T> which) {
        return items.stream().filter(which).findFirst().orElse(null);
    }

    /**
     * Samples until an item matching {@code which} also satisfies {@code settled} (e.g. its bytes
     * are acknowledged), for at most 5 s. The wait bounds a test; it asserts no time.
     *
     * @param sampler takes one sample, e.g. {@code () -> source.sample().sockets()}
     * @param which identifies the item
     * @param settled says it has reached the expected state
     * @param <T> the item type
     * @return the settled match, or the last match (null if none) when time ran out
     * @throws IOException when sampling fails
     * @throws InterruptedException when interrupted between samples
     */
    public static <T> T await(IoSupplier<? extends Collection<T>> sampler, Predicate<? super T> which,
            Predicate<? super T> settled) throws IOException, InterruptedException {
        T last;
        long deadline = System.nanoTime() + AWAIT_NANOS;
        do {
            last = find(sampler.get(), which);
            if (last != null && settled.test(last)) {
                return last;
            }
            Thread.sleep(AWAIT_STEP_MILLIS);
        } while (System.nanoTime() < deadline);
        return last;
    }
}
