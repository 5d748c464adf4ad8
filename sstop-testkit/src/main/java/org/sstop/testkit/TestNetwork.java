package org.sstop.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A veth pair to a peer host for kernel tests: a real link (real segmentation, offloads and ARP,
 * not loopback) whose far end lives in a network namespace this class creates, and whose near
 * end is either this JVM's namespace ({@link #toPeer}) or a second new namespace
 * ({@link #betweenNamespaces}). The near end has {@code .1}, the far end {@code .2} of a /24.
 *
 * <p>Names and subnets come from a {@link NetworkSlot} held for the network's life, so that two
 * test runs at once never clash, and a run that died is cleaned up by the next holder of its
 * slot. {@link #close()} kills the processes started through the ends, deletes the interfaces
 * and namespaces and frees the slot, also after a failed test (use try-with-resources or an
 * after-method). Needs Linux, root and iproute2: without them the test is skipped (failed on CI).
 * One test owns a network; it is not for concurrent use.
 */
public final class TestNetwork implements AutoCloseable {

    /** Role of the near end, in names. */
    static final String NEAR = "near";
    /** Role of the far end, in names. */
    static final String FAR = "far";

    private static final int NEAR_HOST = 1;
    private static final int FAR_HOST = 2;
    private static final String V4_PREFIX = "/24";
    private static final String V6_PREFIX = "/64";
    private static final int UNROUTED_HOST = 7;
    private static final long KILL_WAIT_SECONDS = 10;

    /** What the network does about IPv6 on its interfaces. */
    public enum Ipv6 {
        /** Whatever the kernel does (link-local addresses, their neighbour discovery traffic). */
        KERNEL_DEFAULT,
        /** A unique-local address on each end, usable at once (no duplicate address detection). */
        ADDRESSED,
        /** IPv6 off on both interfaces, so that only the test's own IPv4 traffic (and ARP) crosses the link. */
        DISABLED
    }

    private final NetworkSlot slot;
    private final Ipv6 ipv6;
    private final LinkEnd near;
    private final LinkEnd far;
    /** Namespaces made so far, deleted on close. */
    private final List<String> namespaces = new ArrayList<>();
    /** Processes the ends started; they add, close kills. */
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private boolean closed;

    private TestNetwork(NetworkSlot slot, boolean nearInNamespace, Ipv6 ipv6) {
        this.slot = slot;
        this.ipv6 = ipv6;
        boolean v6 = ipv6 == Ipv6.ADDRESSED;
        String nearName = slot.name(NEAR);
        String farName = slot.name(FAR);
        this.near = new LinkEnd(nearInNamespace ? nearName : null, nearName, slot.v4(NEAR_HOST),
                v6 ? slot.v6(NEAR_HOST) : null, started);
        this.far = new LinkEnd(farName, farName, slot.v4(FAR_HOST), v6 ? slot.v6(FAR_HOST) : null, started);
    }

    /**
     * This JVM's namespace, linked to a new peer namespace.
     *
     * @param ipv6 what to do about IPv6
     * @return the network, ready (addresses assigned, links and both loopbacks up)
     * @throws IOException when a command fails (what was made is removed again)
     */
    public static TestNetwork toPeer(Ipv6 ipv6) throws IOException {
        return create(false, ipv6);
    }

    /**
     * Two new namespaces, linked; this JVM's namespace is not touched.
     *
     * @param ipv6 what to do about IPv6
     * @return the network, ready (addresses assigned, links and loopbacks up)
     * @throws IOException when a command fails (what was made is removed again)
     */
    public static TestNetwork betweenNamespaces(Ipv6 ipv6) throws IOException {
        return create(true, ipv6);
    }

    private static TestNetwork create(boolean nearInNamespace, Ipv6 ipv6) throws IOException {
        CiAssume.linux();
        CiAssume.that(Host.isRoot(), "needs root to create network namespaces");
        CiAssume.that(Host.onPath("ip"), "needs iproute2 (ip)");
        TestNetwork net = new TestNetwork(NetworkSlot.acquire(), nearInNamespace, ipv6);
        try {
            net.build();
            return net;
        } catch (IOException | RuntimeException e) {
            try {
                net.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The bind mount {@code ip netns} makes for a namespace. */
    static Path namespaceFile(String namespace) {
        return Path.of("/var/run/netns", namespace);
    }

    private void build() throws IOException {
        for (LinkEnd end : List.of(near, far)) {
            if (end.namespace().isPresent()) {
                addNamespace(end.namespace().get());
            }
        }
        ip(near, "link", "add", near.link(), "type", "veth", "peer", "name", far.link(), "netns", far.namespace().get());
        if (ipv6 == Ipv6.DISABLED && near.namespace().isEmpty()) {
            Files.writeString(Path.of("/proc/sys/net/ipv6/conf", near.link(), "disable_ipv6"), "1");
        }
        for (LinkEnd end : List.of(near, far)) {
            ip(end, "addr", "add", end.address() + V4_PREFIX, "dev", end.link());
            if (ipv6 == Ipv6.ADDRESSED) {
                ip(end, "-6", "addr", "add", end.address6() + V6_PREFIX, "dev", end.link(), "nodad");
            }
            ip(end, "link", "set", end.link(), "up");
        }
    }

    private void addNamespace(String name) throws IOException {
        Commands.run(List.of("ip", "netns", "add", name));
        namespaces.add(name);
        if (ipv6 == Ipv6.DISABLED) {
            // Before the veth pair exists, so that its interfaces start with IPv6 off.
            Commands.run(List.of("ip", "netns", "exec", name, "sh", "-c",
                    "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6"));
        }
        Commands.run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
    }

    /** Runs {@code ip} on an end's namespace ({@code ip -n NAME ...}, or plain {@code ip} in this JVM's). */
    private static void ip(LinkEnd end, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        end.namespace().ifPresent(ns -> cmd.addAll(List.of("-n", ns)));
        cmd.addAll(List.of(args));
        Commands.run(cmd);
    }

    /** The near end: this JVM's namespace ({@link #toPeer}) or the first new namespace; address {@code .1}. */
    public LinkEnd near() {
        return near;
    }

    /** The far end, always in a namespace of its own; address {@code .2}. */
    public LinkEnd far() {
        return far;
    }

    /** A /24 that no interface has and no route leads to, unique to this network, e.g. to route through the near end. */
    public String unroutedNetwork() {
        return slot.unrouted(0) + V4_PREFIX;
    }

    /** An address in {@link #unroutedNetwork()}: nobody has it. */
    public String unroutedAddress() {
        return slot.unrouted(UNROUTED_HOST);
    }

    /**
     * Kills the processes started through the ends, deletes the near interface (if in this
     * JVM's namespace) and the namespaces (the veth pair goes with them), and frees the slot.
     * Every step is tried even if one fails. Idempotent.
     *
     * @throws IOException when something could not be deleted (the first such failure)
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        List<IOException> failures = new ArrayList<>();
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (near.namespace().isEmpty() && Files.exists(Path.of("/sys/class/net", near.link()))) {
            attempt(failures, List.of("ip", "link", "del", near.link()));
        }
        List<String> reversed = new ArrayList<>(namespaces);
        Collections.reverse(reversed);
        for (String ns : reversed) {
            attempt(failures, List.of("ip", "netns", "del", ns));
        }
        try {
            slot.close();
        } catch (IOException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void attempt(List<IOException> failures, List<String> command) {
        try {
            Commands.run(command);
        } catch (IOException e) {
            failures.add(e);
        }
    }
}
