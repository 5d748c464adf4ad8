package org.sstop.linux.netlink;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Network namespaces for tests: made with {@code ip netns}, entered by one dedicated thread at a
 * time with {@code setns(2)} (which moves only the calling thread; sockets it creates stay in that
 * namespace for life), and always deleted.
 */
final class NetnsTestSupport implements AutoCloseable {

    private static final int CLONE_NEWNET = 0x4000_0000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    static {
        Native.register(NetnsTestSupport.class, Platform.C_LIBRARY_NAME);
    }

    private static native int open(String path, int flags);

    private static native int setns(int fd, int nstype);

    private static native int close(int fd);

    private final List<String> names = new ArrayList<>();
    private final String prefix = "sst-netlink-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));

    /** Creates a namespace with loopback up; returns its name. */
    String add(String suffix) throws IOException, InterruptedException {
        String name = prefix + "-" + suffix;
        run("ip", "netns", "add", name);
        names.add(name);
        run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** Runs {@code task} on a new thread that first enters namespace {@code ns}. */
    static <T> FutureTask<T> startIn(String ns, Callable<T> task) {
        FutureTask<T> f = new FutureTask<>(() -> {
            int fd = open("/var/run/netns/" + ns, O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw new IOException("open netns " + ns + ": errno " + Native.getLastError());
            }
            try {
                if (setns(fd, CLONE_NEWNET) != 0) {
                    throw new IOException("setns " + ns + ": errno " + Native.getLastError());
                }
            } finally {
                close(fd);
            }
            return task.call();
        });
        Thread t = new Thread(f, "netlink-test-" + ns);
        t.setDaemon(true);
        t.start();
        return f;
    }

    static <T> T await(FutureTask<T> f) throws Exception {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw e;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (String name : names) {
            try {
                run("ip", "netns", "del", name);
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IOException("interrupted deleting netns " + name, e);
            }
        }
        names.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
