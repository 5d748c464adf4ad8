package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sstop.api.CounterSample;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.KernelSockets;

/**
 * The programs of kernels without the cookie and BTF-task helpers for tracing programs (before
 * 5.11), run here by choice: they read {@code skc_cookie}, so a socket counts on its own only once
 * its cookie exists (and always in its process's counts), and they read the task with probe reads.
 */
class OldKernelVariantKernelTest {

    @Test
    void onlySocketsWhoseCookieExistsAreCountedOnTheirOwn() throws Exception {
        CiAssume.root();
        CiAssume.that(Files.isReadable(Btf.VMLINUX), "needs kernel BTF");
        KernelLayout layout = KernelLayout.of(BtfReader.read(Btf.VMLINUX));
        CiAssume.that(layout.hasTracepoints(), "needs Linux 6.3+ (the fexit path is covered by FexitCounterTest)");
        long ns = 1_000_000_000L / Libc.sysconf(Libc.SC_CLK_TCK);
        Bpf bpf = new Bpf();
        CounterMaps maps = CounterMaps.create(bpf, 1024, 1024);
        CounterPrograms programs = CounterPrograms.attach(bpf, CounterPrograms.Path.TRACEPOINTS, layout, maps,
                new CounterProgram.Variant(CounterProgram.CookieSource.FIELD, CounterProgram.TaskAccess.PROBE_READ));
        try (EbpfTrafficCounter counter = new EbpfTrafficCounter(bpf, maps, programs, ns, Path.of("/proc"));
                ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            counter.drain();
            KernelSockets.WithInode<SocketChannel> asked = KernelSockets.withNewSocket(
                    () -> SocketChannel.open(server.getLocalAddress()));
            KernelSockets.WithInode<SocketChannel> unasked = KernelSockets.withNewSocket(server::accept);
            try (SocketChannel c = asked.value(); SocketChannel a = unasked.value()) {
                long askedCookie = Cookies.of(asked.inode()); // made now, before the bytes move
                KernelSockets.writeFully(c, 40_000);
                KernelSockets.readFully(a, 40_000);
                long unaskedCookie = Cookies.of(unasked.inode()); // made only after its bytes moved
                CounterSample s = counter.drain();
                assertEquals(Totals.loopback(40_000, 40_000), Totals.self(s), "the process has them all");
                assertEquals(Totals.network(40_000, 0), Totals.socket(s, askedCookie));
                assertEquals(Totals.network(0, 0), Totals.socket(s, unaskedCookie), "no cookie when its bytes moved");
                CounterSample.ProcessCount self = KernelSockets.find(s.processes(), p -> p.pid() == Totals.SELF);
                ProcessHandle me = ProcessHandle.current();
                assertEquals(me.parent().orElseThrow().pid(), self.ppid(), "the parent, read with probe reads");
                assertEquals(Files.readString(Path.of("/proc/self/comm")).strip(), self.name(), "the leader's name");
                assertEquals(ProcessExit.startTime(Files.readString(Path.of("/proc/self/stat"))), self.startTime());
                assertEquals(true, String.join(" ", counter.limitations()).contains("sock_diag"), "says so");
            }
        }
    }
}
