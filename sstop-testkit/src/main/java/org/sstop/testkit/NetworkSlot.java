package org.sstop.testkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names and subnets one {@link TestNetwork} may use, exclusively: a slot is held through an
 * exclusive lock on its lock file, so no other JVM on this machine (another test run, another
 * worktree's build) can hold it at the same time, and the kernel releases it when the JVM dies.
 * Slot {@code N} owns the namespaces and interfaces named {@code sstkN-*}, {@code 10.217.N.0/24},
 * {@code fd53:7370:6b74:N::/64} and the unrouted {@code 10.218.N.0/24}. Only the holder uses
 * it; {@link #close()} gives it back.
 */
final class NetworkSlot implements AutoCloseable {

    /** Slots 0 to 255: the third octet of the subnets. */
    static final int COUNT = 256;
    /** Linux interface names have at most 15 characters (IFNAMSIZ - 1). */
    static final int MAX_INTERFACE_NAME = 15;
    private static final Path LOCK_DIR = Files.isDirectory(Path.of("/run/lock"))
            ? Path.of("/run/lock/sstop-testkit") : Path.of("/tmp/sstop-testkit");
    /** Slots held by this JVM: a second lock on a file this JVM already locked would throw. */
    private static final Set<Integer> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final int number;
    private final FileChannel channel;

    private NetworkSlot(int number, FileChannel channel) {
        this.number = number;
        this.channel = channel;
    }

    /**
     * Takes the first free slot, starting at one derived from the pid so that concurrent runs
     * rarely probe the same files, and removes what a run that died holding it left behind.
     *
     * @return the slot, held until closed
     * @throws IOException when every slot is taken or the lock files cannot be made
     */
    static NetworkSlot acquire() throws IOException {
        Files.createDirectories(LOCK_DIR);
        int start = (int) (ProcessHandle.current().pid() % COUNT);
        for (int i = 0; i < COUNT; i++) {
            int n = (start + i) % COUNT;
            if (!HELD_HERE.add(n)) {
                continue;
            }
            NetworkSlot slot = tryLock(n);
            if (slot != null) {
                try {
                    slot.removeLeftovers();
                } catch (IOException | RuntimeException e) {
                    slot.close();
                    throw e;
                }
                return slot;
            }
            HELD_HERE.remove(n);
        }
        throw new IOException("all " + COUNT + " test network slots are taken (lock files in " + LOCK_DIR + ")");
    }

    private static NetworkSlot tryLock(int n) throws IOException {
        FileChannel channel = FileChannel.open(LOCK_DIR.resolve(n + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        return new NetworkSlot(n, channel);
    }

    /** Deletes this slot's namespaces and interfaces that a dead holder left (it cannot be alive: we hold the lock). */
    private void removeLeftovers() throws IOException {
        for (String role : List.of(TestNetwork.NEAR, TestNetwork.FAR)) {
            String name = name(role);
            if (Files.exists(TestNetwork.namespaceFile(name))) {
                Commands.run(List.of("ip", "netns", "del", name));
            }
            if (Files.exists(Path.of("/sys/class/net", name))) {
                Commands.run(List.of("ip", "link", "del", name));
            }
        }
    }

    /** The slot's number, 0 to 255. */
    int number() {
        return number;
    }

    /**
     * The name of one end's namespace and of its interface (each in its own namespace: they never meet).
     *
     * @param role {@link TestNetwork#NEAR} or {@link TestNetwork#FAR}
     * @return e.g. {@code sstk42-near}, at most 15 characters
     */
    String name(String role) {
        String name = "sstk" + number + "-" + role;
        if (name.length() > MAX_INTERFACE_NAME) {
            throw new IllegalArgumentException("interface name too long: " + name);
        }
        return name;
    }

    /** An IPv4 address of the slot's link subnet (prefix /24). */
    String v4(int host) {
        return "10.217." + number + "." + host;
    }

    /** An IPv6 address of the slot's link subnet (prefix /64). */
    String v6(int host) {
        return "fd53:7370:6b74:" + Integer.toHexString(number) + "::" + Integer.toHexString(host);
    }

    /** An IPv4 address of the slot's unrouted subnet. */
    String unrouted(int host) {
        return "10.218." + number + "." + host;
    }

    /** Releases the slot. */
    @Override
    public void close() throws IOException {
        try {
            channel.close(); // releases the lock
        } finally {
            HELD_HERE.remove(number);
        }
    }
}
