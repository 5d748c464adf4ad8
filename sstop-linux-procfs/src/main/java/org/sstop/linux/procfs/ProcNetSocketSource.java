package org.sstop.linux.procfs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;

/**
 * Lists sockets from {@code /proc/net/{tcp,tcp6,udp,udp6}}. These files carry no byte counters,
 * so every socket has {@link SocketInfo#UNKNOWN} bytes (the engine takes them from a flow
 * counter), and no close notifications. The files are read into one reusable buffer.
 *
 * <p>With a {@link NetnsFinder}, the sockets of every other network namespace a process lives in
 * are listed too, from {@code /proc/<pid>/net/*} of one process in each (the files show the
 * reading process's namespace, so no {@code setns} is needed), tagged with the namespace. A
 * namespace whose process is gone before its files are read is left out of that sample.
 */
final class ProcNetSocketSource implements SocketSource {

    private static final System.Logger LOG = System.getLogger(ProcNetSocketSource.class.getName());
    /** A host with millions of sockets is not sampled past this (the rest is reported as a limitation). */
    private static final int MAX_FILE_BYTES = 256 << 20;

    private static final String[] FILES = {"tcp", "tcp6", "udp", "udp6"};

    private final Path procNet;
    private final Path proc;
    private final NetnsFinder finder;
    private final ProcNetParser parser = new ProcNetParser(ByteOrder.nativeOrder());
    private byte[] buffer = new byte[64 << 10];
    private long malformedTotal;
    private boolean truncated;
    private volatile boolean closed;

    /**
     * @param procNet the directory holding the files, normally {@code /proc/net} (or
     *     {@code /proc/<pid>/net} for another namespace)
     */
    ProcNetSocketSource(Path procNet) {
        this(procNet, null, null);
    }

    /**
     * @param procNet the monitor's own namespace's directory, normally {@code /proc/net}
     * @param proc the proc mount, where {@code <pid>/net} of the other namespaces is found
     * @param finder finds the other namespaces, or null to list only the own
     */
    ProcNetSocketSource(Path procNet, Path proc, NetnsFinder finder) {
        this.procNet = procNet;
        this.proc = proc;
        this.finder = finder;
    }

    @Override
    public synchronized SocketSample sample() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        List<SocketInfo> sockets = new ArrayList<>();
        readNamespace(procNet, 0, sockets);
        if (finder != null) {
            finder.scan(System.nanoTime());
            for (Map.Entry<Long, Integer> ns : finder.namespaces().entrySet()) {
                int before = sockets.size();
                try {
                    readNamespace(proc.resolve(ns.getValue() + "/net"), ns.getKey(), sockets);
                } catch (IOException e) {
                    sockets.subList(before, sockets.size()).clear(); // its process is gone: none rather than part
                }
            }
        }
        return SocketSample.of(sockets);
    }

    private void readNamespace(Path dir, long netns, List<SocketInfo> out) throws IOException {
        for (String file : FILES) {
            read(dir, file, file.startsWith("tcp") ? Protocol.TCP : Protocol.UDP, file.endsWith("6"), netns, out);
        }
    }

    private void read(Path dir, String file, Protocol protocol, boolean ipv6, long netns, List<SocketInfo> out)
            throws IOException {
        int length;
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            length = readFully(in);
        } catch (NoSuchFileException e) {
            // tcp6/udp6 are missing when IPv6 is disabled: nothing to list, not an error.
            if (ipv6) {
                return;
            }
            throw e;
        }
        int malformed = parser.parse(buffer, length, protocol, ipv6, netns, out);
        if (malformed > 0) {
            malformedTotal += malformed;
            LOG.log(Level.DEBUG, "{0}: skipped {1} malformed lines", file, malformed);
        }
    }

    private int readFully(InputStream in) throws IOException {
        int n = 0;
        while (true) {
            if (n == buffer.length) {
                if (buffer.length >= MAX_FILE_BYTES) {
                    truncated = true;
                    // Drop the partial last line so that it is not parsed as a malformed one.
                    while (n > 0 && buffer[n - 1] != '\n') {
                        n--;
                    }
                    return n;
                }
                buffer = Arrays.copyOf(buffer, Math.min(MAX_FILE_BYTES, buffer.length * 2));
            }
            int r = in.read(buffer, n, buffer.length - n);
            if (r < 0) {
                return n;
            }
            n += r;
        }
    }

    /** Lines skipped as malformed since this source was opened. */
    synchronized long malformedLines() {
        return malformedTotal;
    }

    @Override
    public synchronized List<String> limitations() {
        List<String> l = new ArrayList<>();
        l.add("/proc/net has no per-socket byte counters and no close notifications:"
                + " bytes come from the packet flow counter (needs CAP_NET_RAW)");
        if (finder != null && finder.truncated()) {
            l.add("only the first " + NetnsFinder.MAX_NAMESPACES + " other network namespaces are listed");
        }
        if (truncated) {
            l.add("a /proc/net socket table exceeded " + (MAX_FILE_BYTES >> 20) + " MiB: sockets past it are not listed");
        }
        return l;
    }

    @Override
    public synchronized void close() {
        closed = true;
        buffer = new byte[0];
    }
}
