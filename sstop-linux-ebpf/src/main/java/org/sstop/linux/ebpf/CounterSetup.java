package org.sstop.linux.ebpf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens an {@link EbpfTrafficCounter}: reads the kernel's BTF, chooses the attach path, creates
 * the maps, loads and attaches the programs, and turns each way this can fail into a message a
 * user can act on. Stateless.
 */
final class CounterSetup {

    /**
     * System property choosing the attach path: {@code auto} (the default: the tracepoints where
     * the kernel has them, Linux 6.3+, else fexit), {@code tracepoint} or {@code fexit}.
     */
    static final String ATTACH_PROPERTY = "sstop.ebpf.attach";

    private static final Path PROC = Path.of("/proc");
    private static final long NS_PER_SECOND = 1_000_000_000L;

    /** Which attach path to use. */
    enum Attach {
        /** The tracepoints where the kernel has them, else fexit. */
        AUTO,
        /** The tracepoints, or fail. */
        TRACEPOINTS,
        /** fexit on the inet functions, or fail. */
        FEXIT;

        /**
         * The choice of {@link #ATTACH_PROPERTY}.
         *
         * @throws IOException when the property has another value
         */
        static Attach fromProperty() throws IOException {
            String v = System.getProperty(ATTACH_PROPERTY, "auto").strip().toLowerCase(Locale.ROOT);
            switch (v) {
                case "auto": return AUTO;
                case "tracepoint":
                case "tracepoints": return TRACEPOINTS;
                case "fexit": return FEXIT;
                default: throw new IOException(ATTACH_PROPERTY + "=" + v + ": expected auto, tracepoint or fexit");
            }
        }
    }

    private CounterSetup() {
    }

    /**
     * Opens a counter.
     *
     * @param attach which path
     * @param procsMax the process table's bound
     * @param socksMax the socket table's bound
     * @return the counter, counting
     * @throws IOException when it cannot be opened, with what to do about it
     */
    static EbpfTrafficCounter open(Attach attach, int procsMax, int socksMax) throws IOException {
        Throwable loadError = Libc.loadError();
        if (loadError != null) {
            throw new IOException("JNA cannot call libc here: " + loadError, loadError);
        }
        if (!Files.isReadable(Btf.VMLINUX)) {
            throw new IOException("no kernel BTF at " + Btf.VMLINUX + " (the kernel needs CONFIG_DEBUG_INFO_BTF=y)");
        }
        KernelLayout layout = KernelLayout.vmlinux();
        CounterPrograms.Path path = choose(attach, layout);
        long ticks = Libc.sysconf(Libc.SC_CLK_TCK);
        if (ticks <= 0) {
            throw new IOException("sysconf(_SC_CLK_TCK) failed");
        }
        Bpf bpf = new Bpf();
        CounterMaps maps = null;
        CounterPrograms programs = null;
        try {
            maps = CounterMaps.create(bpf, procsMax, socksMax);
            programs = CounterPrograms.attach(bpf, path, layout, maps);
            return new EbpfTrafficCounter(bpf, maps, programs, NS_PER_SECOND / ticks, PROC);
        } catch (ErrnoException e) {
            boolean trampolinesRefused = path == CounterPrograms.Path.FEXIT && e.errno() == Libc.EPERM
                    && CounterPrograms.fexitRefusal(bpf, layout) != null;
            close(bpf, maps, programs);
            throw new IOException(explain(e, trampolinesRefused), e);
        } catch (RuntimeException | Error e) {
            close(bpf, maps, programs);
            throw e;
        }
    }

    private static CounterPrograms.Path choose(Attach attach, KernelLayout layout) throws IOException {
        boolean tracepoints = layout.hasTracepoints();
        boolean fexit = layout.hasFexitFunctions();
        if (attach == Attach.TRACEPOINTS || attach == Attach.AUTO && tracepoints) {
            if (!tracepoints) {
                throw new IOException("this kernel has no sock_send_length/sock_recv_length tracepoints (Linux 6.3+);"
                        + " use " + ATTACH_PROPERTY + "=fexit or auto");
            }
            return CounterPrograms.Path.TRACEPOINTS;
        }
        if (!fexit) {
            throw new IOException("this kernel has neither the sock_send_length/sock_recv_length tracepoints (Linux 6.3+)"
                    + " nor inet_sendmsg/inet6_sendmsg/inet_recvmsg/inet6_recvmsg in its BTF");
        }
        return CounterPrograms.Path.FEXIT;
    }

    /**
     * A message for a failed map creation, load or attach.
     *
     * @param trampolinesRefused whether the kernel refuses even a {@code return 0} fexit program
     */
    static String explain(ErrnoException e, boolean trampolinesRefused) {
        if (e instanceof VerifierException) {
            return "the kernel's verifier refused sstop's counting program (a bug: please report it with this message): "
                    + e.getMessage();
        }
        if (trampolinesRefused) {
            return "the kernel refuses fexit programs, even 'return 0' (" + e.getMessage() + "): its build or a security module forbids"
                    + " BPF trampolines; on Linux 6.3+ use the tracepoints (" + ATTACH_PROPERTY + "=auto)";
        }
        if (e.errno() == Libc.EPERM || e.errno() == Libc.EACCES) {
            return "not permitted to use BPF (" + e.getMessage() + "): run as root, or grant CAP_BPF and CAP_PERFMON"
                    + " (e.g. setcap cap_bpf,cap_perfmon+ep on the java binary)";
        }
        if (e.errno() == Libc.ENOMEM || e.errno() == Libc.E2BIG) {
            return "the kernel could not allocate the BPF maps (" + e.getMessage() + "); on kernels before 5.11 raise"
                    + " the locked-memory limit (ulimit -l)";
        }
        return "cannot set up the eBPF counter: " + e.getMessage();
    }

    private static void close(Bpf bpf, CounterMaps maps, CounterPrograms programs) {
        if (programs != null) {
            programs.close();
        }
        if (maps != null) {
            maps.close();
        }
        bpf.close();
    }
}
