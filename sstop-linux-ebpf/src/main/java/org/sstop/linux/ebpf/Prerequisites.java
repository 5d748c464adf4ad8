package org.sstop.linux.ebpf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sstop.api.Availability;

/**
 * Whether the eBPF counter can run here, checked cheaply in the order a user would fix things:
 * the OS, JNA, privileges (root, or CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN), kernel lockdown
 * in confidentiality mode (it forbids reading kernel memory from BPF), the kernel's BTF, and
 * an attach path in it. The parsing parts are pure functions; the one state kept is the tables'
 * memory figure, once measured.
 */
final class Prerequisites {

    static final int CAP_SYS_ADMIN = 21;
    static final int CAP_PERFMON = 38;
    static final int CAP_BPF = 39;

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path LOCKDOWN = Path.of("/sys/kernel/security/lockdown");
    private static final Path PID_NAMESPACE = Path.of("/proc/self/ns/pid");
    /** The link of the host's PID namespace: its inode is PROC_PID_INIT_INO, 0xEFFFFFFC, on every kernel. */
    private static final String INIT_PID_NAMESPACE = "pid:[4026531836]";
    private static final int MAX_LINES = 128;

    /**
     * The tables' kernel memory once they were made in this JVM, else 0: later probes trust that
     * they can be made (opening them is the real test). Making the tables costs about 20 ms of
     * kernel time; at start the warm-up's probe and the monitor's overlap, so the second waits for
     * the first rather than making them as well. Written by {@link #withTables(String)}, under
     * {@link #TABLES_PROBE}.
     */
    private static long tablesMemlock;
    private static final Object TABLES_PROBE = new Object();

    private Prerequisites() {
    }

    /** Checks everything; never throws. */
    static Availability check() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Availability.no("not Linux (os.name=" + os + ")");
        }
        try {
            Throwable loadError = Libc.loadError();
            if (loadError != null) {
                return Availability.no("JNA cannot call libc here: " + loadError, loadError);
            }
            long caps = effectiveCapabilities(Files.readString(STATUS));
            if (!privileged(caps)) {
                return Availability.no("needs root, or CAP_BPF and CAP_PERFMON (e.g. setcap cap_bpf,cap_perfmon+ep on"
                        + " the java binary); this process has CapEff " + Long.toHexString(caps));
            }
            if (inChildPidNamespace(readLinkIfPresent(PID_NAMESPACE))) {
                return Availability.no("sstop runs in a PID namespace of its own (a container): the kernel counts"
                        + " processes by the host's pids, which this /proc does not show; run it on the host, or"
                        + " in the host's PID namespace (e.g. docker run --pid=host)");
            }
            if (confidentialityLockdown(readIfPresent(LOCKDOWN))) {
                return Availability.no("the kernel is locked down in confidentiality mode, which forbids BPF programs"
                        + " to read kernel memory (" + LOCKDOWN + ")");
            }
            if (!Files.isReadable(Btf.VMLINUX)) {
                return Availability.no("no kernel BTF at " + Btf.VMLINUX + " (the kernel needs CONFIG_DEBUG_INFO_BTF=y)");
            }
            return attachPath(KernelLayout.vmlinux());
        } catch (IOException | RuntimeException | LinkageError e) {
            return Availability.no("cannot tell whether eBPF counting works here: " + e.getMessage(), e);
        }
    }

    private static Availability attachPath(KernelLayout layout) {
        if (layout.hasTracepoints()) {
            return withTables("counts at the sock_send_length/sock_recv_length tracepoints, and TCP reads"
                    + " (splice included) at tcp_rcv_space_adjust");
        }
        if (!layout.hasFexitFunctions()) {
            return Availability.no("this kernel has neither the sock_send_length/sock_recv_length tracepoints"
                    + " (Linux 6.3+) nor the inet sendmsg/recvmsg functions in its BTF");
        }
        try (Bpf bpf = new Bpf()) {
            ErrnoException refusal = CounterPrograms.fexitRefusal(bpf, layout);
            return refusal == null
                    ? withTables("counts at fexit of inet_sendmsg/inet_recvmsg (no sock_*_length tracepoints before Linux 6.3)")
                    : Availability.no("this kernel has no sock_*_length tracepoints (Linux 6.3+) and refuses fexit"
                            + " programs: " + refusal.getMessage(), refusal);
        }
    }

    /**
     * Available, with the tables' bounds and the kernel memory they take, measured by creating
     * them once (so that a kernel that cannot allocate them is found here, not when counting starts).
     */
    private static Availability withTables(String how) {
        synchronized (TABLES_PROBE) {
            long memlock = tablesMemlock;
            if (memlock > 0) {
                return withTables(how, memlock);
            }
            try (Bpf bpf = new Bpf(); CounterMaps maps = CounterMaps.create(bpf, CounterMaps.PROCS_MAX, CounterMaps.SOCKS_MAX)) {
                memlock = maps.memlock();
                tablesMemlock = memlock;
                return withTables(how, memlock);
            } catch (ErrnoException e) {
                return Availability.no(CounterSetup.explain(e, false), e);
            } catch (IOException e) {
                return Availability.yes(how);
            }
        }
    }

    private static Availability withTables(String how, long memlock) {
        return Availability.yes(String.format(Locale.ROOT, "%s; tables of %,d processes, %,d sockets and %,d TCP read"
                + " marks hold %.1f MiB of kernel memory", how, CounterMaps.PROCS_MAX, CounterMaps.SOCKS_MAX,
                CounterMaps.MARKS_MAX, memlock / 1048576.0));
    }

    /**
     * Whether a {@code /proc/self/ns/pid} link names a PID namespace other than the host's (the
     * initial one has a fixed inode number, {@code PROC_PID_INIT_INO}); a missing or odd link
     * tells nothing: false.
     */
    static boolean inChildPidNamespace(String link) {
        return link != null && link.startsWith("pid:[") && !link.equals(INIT_PID_NAMESPACE);
    }

    /**
     * The effective capability set of a {@code /proc/<pid>/status} text.
     *
     * @return the bits, 0 when the line is missing or malformed
     */
    static long effectiveCapabilities(String status) {
        String[] lines = status.split("\n", MAX_LINES);
        for (String line : lines) {
            if (line.startsWith("CapEff:")) {
                try {
                    return Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** Whether these capabilities allow loading and attaching tracing programs. */
    static boolean privileged(long caps) {
        return has(caps, CAP_SYS_ADMIN) || has(caps, CAP_BPF) && has(caps, CAP_PERFMON);
    }

    /** Whether a {@code lockdown} file's text says confidentiality mode (the bracketed one); null: unknown, so no. */
    static boolean confidentialityLockdown(String lockdown) {
        return lockdown != null && lockdown.contains("[confidentiality]");
    }

    private static boolean has(long caps, int cap) {
        return (caps & (1L << cap)) != 0;
    }

    private static String readIfPresent(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | SecurityException e) {
            return null; // missing or unreadable: nothing to tell
        }
    }

    private static String readLinkIfPresent(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
