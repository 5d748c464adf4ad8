package org.sstop.it;

import org.sstop.core.NetMonitor;
import org.sstop.core.Service;

/**
 * The ways sstop counts on Linux, each forced so that a test checks the tier it names and fails
 * (rather than falling back) when that tier cannot run.
 */
enum Tier {
    /** sock_diag socket counters, packet capture for UDP and what has no counters. */
    NETLINK("linux-netlink", null),
    /** /proc socket tables, packet capture for every byte. */
    PROCFS("linux-procfs", null),
    /** The eBPF counter on the sock_send_length / sock_recv_length tracepoints. */
    EBPF_TRACEPOINT("linux-netlink", "tracepoint"),
    /** The eBPF counter on fexit of inet[6]_sendmsg / inet[6]_recvmsg, as on kernels before 6.3. */
    EBPF_FEXIT("linux-netlink", "fexit");

    /** The system property the eBPF backend reads to choose its attach path. */
    static final String ATTACH_PROPERTY = "sstop.ebpf.attach";

    private final String sockets;
    private final String attach;

    Tier(String sockets, String attach) {
        this.sockets = sockets;
        this.attach = attach;
    }

    /** Whether the kernel counts every byte at the moment it moves (the eBPF tiers). */
    boolean exact() {
        return attach != null;
    }

    /** The tiers whose counts come from the kernel's eBPF counter. */
    static Tier[] ebpf() {
        return new Tier[] {EBPF_TRACEPOINT, EBPF_FEXIT};
    }

    /** Sets the builder up for this tier (and the attach path, which the backend reads when it opens). */
    NetMonitor.Builder configure(NetMonitor.Builder b) {
        b.socketSource(sockets);
        if (attach == null) {
            b.disable(Service.COUNTERS);
            System.clearProperty(ATTACH_PROPERTY);
        } else {
            b.force(Service.COUNTERS, "linux-ebpf");
            System.setProperty(ATTACH_PROPERTY, attach);
        }
        return b;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
