package org.sstop.linux.ebpf;

import com.sun.jna.Memory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sstop.api.TrafficCounter;

/**
 * <b>For JMH benchmarks only</b> (not an API): an open eBPF counter whose tables a benchmark can
 * fill with synthetic entries, to time {@link TrafficCounter#drain()} at a given table size.
 * Needs what the counter needs (root, kernel BTF). Not thread-safe; {@link #close()} closes the
 * counter.
 */
public final class EbpfBenchmarkSupport implements AutoCloseable {

    /** Synthetic thread group ids start here: above any pid (pid_max is at most 2^22). */
    private static final int FIRST_TGID = 0x7f00_0000;
    /** Synthetic cookies start here: far above any the kernel hands out. */
    private static final long FIRST_COOKIE = 1L << 62;

    private final EbpfTrafficCounter counter;
    private Memory keys;
    private Memory values;

    private EbpfBenchmarkSupport(EbpfTrafficCounter counter) {
        this.counter = counter;
    }

    /**
     * Opens a counter as {@link LinuxEbpfProvider#open()} does.
     *
     * @return the support, with its counter counting
     * @throws IOException when the counter cannot be opened
     */
    public static EbpfBenchmarkSupport open() throws IOException {
        return new EbpfBenchmarkSupport(
                CounterSetup.open(CounterSetup.Attach.fromProperty(), CounterMaps.PROCS_MAX, CounterMaps.SOCKS_MAX));
    }

    /**
     * Attaches {@code return 0} on the two tracepoints the counter uses, so that a benchmark can
     * tell the kernel's cost of running any program there from the cost of the counting itself.
     *
     * @return what detaches them when closed
     * @throws IOException when this kernel has no such tracepoints or refuses the programs
     */
    public static AutoCloseable attachEmpty() throws IOException {
        KernelLayout layout = KernelLayout.vmlinux();
        Bpf bpf = new Bpf();
        List<Integer> fds = new ArrayList<>();
        AutoCloseable detach = () -> {
            for (int i = fds.size() - 1; i >= 0; i--) {
                Libc.close(fds.get(i));
            }
            bpf.close();
        };
        try {
            for (AttachPoint point : CounterPrograms.Path.TRACEPOINTS.points()) {
                Assembler a = new Assembler();
                a.mov64Imm(Assembler.R0, 0).exit();
                fds.add(ProgramLoader.load(bpf, "sstop_empty", point, layout.attachId(point), a.build()));
                fds.add(bpf.rawTracepointOpen(fds.get(fds.size() - 1)));
            }
            return detach;
        } catch (ErrnoException | RuntimeException e) {
            try {
                detach.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The counter. */
    public TrafficCounter counter() {
        return counter;
    }

    /**
     * Writes {@code processes} synthetic process entries and {@code sockets} synthetic socket
     * entries (the same keys on every call), every counter of each set to {@code bytes}, with
     * {@code BPF_MAP_UPDATE_BATCH}. Call it with a larger {@code bytes} each time to make every
     * entry change before a drain.
     *
     * @throws IOException when the kernel refuses
     */
    public void fill(int processes, int sockets, long bytes) throws IOException {
        ensure(Math.max(processes * CounterMaps.PROC_KEY_SIZE, sockets * CounterMaps.SOCK_KEY_SIZE),
                Math.max(processes * CounterMaps.PROC_VALUE_SIZE, sockets * CounterMaps.SOCK_VALUE_SIZE));
        keys.clear();
        values.clear();
        for (int i = 0; i < processes; i++) {
            long k = (long) i * CounterMaps.PROC_KEY_SIZE;
            keys.setInt(k + CounterMaps.PROC_KEY_TGID, FIRST_TGID + i);
            keys.setLong(k + CounterMaps.PROC_KEY_START, 1);
            long v = (long) i * CounterMaps.PROC_VALUE_SIZE;
            for (int f = 0; f < 4; f++) {
                values.setLong(v + 8L * f, bytes);
            }
            values.setInt(v + CounterMaps.PROC_PPID, 1);
            values.setByte(v + CounterMaps.PROC_COMM, (byte) 'b');
        }
        if (processes > 0) {
            counter.maps().procs().updateBatch(keys, values, processes);
        }
        for (int i = 0; i < sockets; i++) {
            keys.setLong((long) i * CounterMaps.SOCK_KEY_SIZE, FIRST_COOKIE + i);
            values.setLong((long) i * CounterMaps.SOCK_VALUE_SIZE + CounterMaps.SOCK_UP, bytes);
            values.setLong((long) i * CounterMaps.SOCK_VALUE_SIZE + CounterMaps.SOCK_DOWN, bytes);
        }
        if (sockets > 0) {
            counter.maps().socks().updateBatch(keys, values, sockets);
        }
    }

    /**
     * The kernel memory of the counter's three tables, from their fdinfo.
     *
     * @return bytes
     * @throws IOException when an fdinfo cannot be read
     */
    public long tableMemory() throws IOException {
        return counter.maps().memlock();
    }

    private void ensure(long keyBytes, long valueBytes) {
        if (keys == null || keys.size() < keyBytes || values.size() < valueBytes) {
            close(keys);
            close(values);
            keys = new Memory(Math.max(keyBytes, 8));
            values = new Memory(Math.max(valueBytes, 8));
        }
    }

    private static void close(Memory m) {
        if (m != null) {
            m.close();
        }
    }

    /** Closes the counter and frees the buffers. */
    @Override
    public void close() {
        counter.close();
        close(keys);
        close(values);
    }
}
