package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.KernelSockets;

/** The tracepoint programs, attached, counting this process's loopback TCP bytes into the raw map. */
class RawCountKernelTest {

    @Test
    void loopbackTcpBytesLandInThisProcessesLoopbackCounters() throws Exception {
        CiAssume.root();
        CiAssume.that(Files.isReadable(Btf.VMLINUX), "needs kernel BTF");
        KernelLayout layout = KernelLayout.of(BtfReader.read(Btf.VMLINUX));
        CiAssume.that(layout.hasTracepoints(), "needs Linux 6.3+ (sock_send_length)");
        int pid = (int) ProcessHandle.current().pid();
        try (Bpf bpf = new Bpf(); CounterMaps maps = CounterMaps.create(bpf, 1024, 1024);
                CounterPrograms unused = CounterPrograms.attach(bpf, CounterPrograms.Path.TRACEPOINTS, layout, maps)) {
            long[] before = counts(maps, pid);
            try (ServerSocketChannel server = ServerSocketChannel.open()
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    SocketChannel client = SocketChannel.open(server.getLocalAddress());
                    SocketChannel accepted = server.accept()) {
                KernelSockets.writeFully(client, 1_000_000);
                KernelSockets.readFully(accepted, 1_000_000);
                KernelSockets.writeFully(accepted, 300_000);
                KernelSockets.readFully(client, 300_000);
            }
            long[] after = counts(maps, pid);
            assertEquals(0, after[0] - before[0], "up");
            assertEquals(0, after[1] - before[1], "down");
            assertEquals(1_300_000, after[2] - before[2], "loopback up");
            assertEquals(1_300_000, after[3] - before[3], "loopback down");
        }
    }

    /** Up, down, loopback up and down summed over this pid's entries. */
    private static long[] counts(CounterMaps maps, int pid) throws ErrnoException {
        long[] sums = new long[4];
        maps.procs().forEach((k, ko, v, vo) -> {
            if (k.getInt(ko) == pid) {
                for (int i = 0; i < 4; i++) {
                    sums[i] += v.getLong(vo + 8 * i);
                }
            }
        });
        return sums;
    }
}
