package org.sstop.linux.netlink;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sstop.linux.procfs.NetnsFinder;

/**
 * Opens sock_diag sockets inside other network namespaces. A socket belongs for life to the
 * namespace its creator was in, and {@code setns(2)} moves only the calling thread: so this
 * class owns one thread ({@code sstop-netns}) that enters a namespace, creates the socket and
 * returns home before doing anything else. No other code runs on that thread. If it cannot
 * return home, it refuses every later request rather than open sockets in the wrong namespace.
 */
final class NetnsOpener implements AutoCloseable {

    private static final long TIMEOUT_MS = 5_000;
    /** The calling thread's network namespace. */
    private static final String THREAD_NETNS = "/proc/thread-self/ns/net";

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sstop-netns");
        t.setDaemon(true);
        worker = t;
        return t;
    });
    /** The owned thread once started, joined by {@link #close()}. */
    private volatile Thread worker;
    /** The home namespace's file and inode: written and read only on the owned thread. */
    private int homeFd = -1;
    private long homeNetns;
    private Memory addr;
    private volatile String broken;
    private boolean closed;

    /**
     * Opens a sock_diag socket in namespace {@code netns}, entered through {@code /proc/<pid>/ns/net}.
     *
     * @param pid a process in the namespace
     * @param netns the namespace's inode: if {@code pid} is no longer in it, nothing is opened
     * @param groups multicast groups to join (0 for none)
     * @return the open channel, bound to that namespace
     * @throws ErrnoException when a call fails (EPERM: not permitted to enter namespaces)
     * @throws IOException when the process left the namespace, the thread cannot return home, or it timed out
     */
    NetlinkChannel open(int pid, long netns, int groups) throws IOException {
        String why = broken;
        if (why != null) {
            throw new IOException(why);
        }
        Future<NetlinkChannel> f = thread.submit(() -> openHere(pid, netns, groups));
        try {
            return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("opening a socket in network namespace " + netns + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            thread.execute(() -> closeLate(f)); // runs after the late open: its socket is not leaked
            throw new IOException("opening a socket in network namespace " + netns + " timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void closeLate(Future<NetlinkChannel> f) {
        try {
            f.get().close();
        } catch (ExecutionException | InterruptedException e) {
            // it failed after all: nothing to close
        }
    }

    /** Runs on the owned thread only. */
    private NetlinkChannel openHere(int pid, long netns, int groups) throws IOException {
        if (homeFd < 0) {
            addr = NetlinkChannel.allocate(NetlinkChannel.SOCKADDR_NL_LEN);
            homeNetns = here();
            homeFd = openNamespace(THREAD_NETNS);
        }
        int fd = openNamespace("/proc/" + pid + "/ns/net");
        try {
            if (Libc.setns(fd, Libc.CLONE_NEWNET) != 0) {
                throw new ErrnoException("setns into the network namespace of pid " + pid, Native.getLastError());
            }
            try {
                if (here() != netns) {
                    throw new IOException("pid " + pid + " is no longer in network namespace " + netns);
                }
                return NetlinkChannel.open(groups, addr);
            } finally {
                goHome();
            }
        } finally {
            Libc.close(fd);
        }
    }

    private static int openNamespace(String path) throws ErrnoException {
        int fd = Libc.open(path, Libc.O_RDONLY_CLOEXEC);
        if (fd < 0) {
            throw new ErrnoException("open " + path, Native.getLastError());
        }
        return fd;
    }

    private static long here() {
        return NetnsFinder.netnsOf(Path.of(THREAD_NETNS));
    }

    private void goHome() throws IOException {
        if (Libc.setns(homeFd, Libc.CLONE_NEWNET) != 0 || here() != homeNetns) {
            broken = "the namespace thread could not return to its own network namespace (errno "
                    + Native.getLastError() + "): no more sockets are opened in other namespaces";
            throw new IOException(broken);
        }
    }

    /** Stops the thread, waits until it is gone, and releases the home namespace's file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.execute(() -> {
            if (homeFd >= 0) {
                Libc.close(homeFd);
                homeFd = -1;
            }
            if (addr != null) {
                addr.close();
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Thread t = worker;
            if (t != null) {
                t.join(TIMEOUT_MS); // terminated, but maybe not yet gone: close() returns once it is
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
