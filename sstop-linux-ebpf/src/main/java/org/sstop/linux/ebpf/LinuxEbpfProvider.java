package org.sstop.linux.ebpf;

import java.io.IOException;
import org.sstop.api.AbstractProvider;
import org.sstop.api.Availability;
import org.sstop.api.TrafficCounter;
import org.sstop.api.TrafficCounterProvider;

/**
 * Provides the eBPF traffic counter, {@code linux-ebpf} (priority 100): exact payload bytes per
 * process and per socket, counted by a BPF program sstop assembles and loads itself (no compiler,
 * libbpf or kernel headers) at the {@code sock_send_length}/{@code sock_recv_length} tracepoints
 * (Linux 6.3+), or at fexit of {@code inet_sendmsg}, {@code inet6_sendmsg}, {@code inet_recvmsg}
 * and {@code inet6_recvmsg} (Linux 5.8 to 6.2). Counts TCP and UDP over IPv4 and IPv6 in every
 * network namespace, including processes that exit within milliseconds.
 *
 * <p>Needs root (or CAP_BPF and CAP_PERFMON) and the kernel's BTF. The system property
 * {@code sstop.ebpf.attach} chooses the attach path: {@code auto} (default), {@code tracepoint}
 * or {@code fexit}. Bounds: 16,384 processes and 65,536 sockets in the kernel's tables at once
 * (entries of exited processes and quiet sockets are removed as the counter is drained); bytes
 * beyond them are reported as unplaced, never lost silently. The tables take 7.8 MiB of kernel
 * memory (2.3 MiB for processes, 5.5 MiB for sockets, on Linux 6.18 x86-64), whatever they hold.
 */
public final class LinuxEbpfProvider extends AbstractProvider<TrafficCounter> implements TrafficCounterProvider {

    /** The provider's name. */
    public static final String NAME = "linux-ebpf";
    /** The provider's priority. */
    public static final int PRIORITY = 100;

    /** For {@link java.util.ServiceLoader}. */
    public LinuxEbpfProvider() {
        super(NAME, PRIORITY);
    }

    /**
     * Checks the OS, JNA, privileges, kernel lockdown, the kernel's BTF and an attach path in it;
     * reads and parses the BTF once per JVM (tens of milliseconds), creates the tables once to
     * measure their kernel memory, and where only fexit can serve, loads a {@code return 0} probe.
     */
    @Override
    public Availability availability() {
        return Prerequisites.check();
    }

    /**
     * Creates the tables and loads and attaches the programs.
     *
     * @throws IOException when that fails, with what to do about it (the verifier's log if it
     *     refused a program)
     */
    @Override
    public TrafficCounter open() throws IOException {
        return CounterSetup.open(CounterSetup.Attach.fromProperty(), CounterMaps.PROCS_MAX, CounterMaps.SOCKS_MAX);
    }
}
