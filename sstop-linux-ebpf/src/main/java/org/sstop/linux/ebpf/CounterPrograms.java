package org.sstop.linux.ebpf;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * The counting programs of one counter, loaded and attached: one per attach point of the chosen
 * path (five tracepoints, three of them for {@link ReadMarks}, or four fexit functions). Owns
 * their program and link fds; {@link #close()} closes the links (which detaches the programs)
 * and then the programs.
 */
final class CounterPrograms implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CounterPrograms.class.getName());
    /** {@code offsetof(struct bpf_prog_info, recursion_misses)} (Linux 5.12+; older kernels fill less). */
    private static final int INFO_RECURSION_MISSES = 208;
    /** A bound on the reads of an iterator that writes nothing (one suffices; EINTR may ask again). */
    private static final int MAX_ITERATOR_READS = 100;

    /** The two ways to attach. */
    enum Path {
        /** {@code sock_send_length} / {@code sock_recv_length}, Linux 6.3+, and the three of {@link ReadMarks}. */
        TRACEPOINTS,
        /** fexit on {@code inet_sendmsg}, {@code inet6_sendmsg}, {@code inet_recvmsg}, {@code inet6_recvmsg}. */
        FEXIT;

        /** The attach points of this path. */
        List<AttachPoint> points() {
            List<AttachPoint> points = new ArrayList<>();
            for (AttachPoint p : AttachPoint.values()) {
                if (p.tracepoint() == (this == TRACEPOINTS)) {
                    points.add(p);
                }
            }
            return points;
        }
    }

    private final Bpf bpf;
    private final Path path;
    private final CounterProgram.Variant variant;
    private final List<Integer> programs;
    private final List<Integer> links;
    private final List<String> blindSpots;
    /** A {@code bpf_prog_info} up to {@code recursion_misses}, for {@link #missedRuns()}. */
    private final Memory info = new Memory(INFO_RECURSION_MISSES + 8);
    private boolean closed;

    private CounterPrograms(Bpf bpf, Path path, CounterProgram.Variant variant, List<Integer> programs, List<Integer> links,
            List<String> blindSpots) {
        this.bpf = bpf;
        this.path = path;
        this.variant = variant;
        this.programs = programs;
        this.links = links;
        this.blindSpots = blindSpots;
    }

    /**
     * Loads and attaches the programs of a path, in the first {@link CounterProgram.Variant} the
     * verifier accepts: the cookie helper (Linux 5.12+) and the BTF task helper (5.11+) where the
     * kernel offers them to tracing programs, else the cookie field and probe reads.
     *
     * @return the attached programs
     * @throws ErrnoException when a program cannot be loaded (a {@link VerifierException} with the
     *     verifier's log when the verifier refused every variant) or attached; nothing stays loaded then
     */
    static CounterPrograms attach(Bpf bpf, Path path, KernelLayout layout, CounterMaps maps) throws ErrnoException {
        VerifierException refused = null;
        for (CounterProgram.Variant variant : CounterProgram.Variant.PREFERRED) {
            try {
                return attach(bpf, path, layout, maps, variant);
            } catch (VerifierException e) {
                LOG.log(Level.DEBUG, () -> "the verifier refused " + variant + ": " + e.log().strip());
                if (refused != null) {
                    e.addSuppressed(refused);
                }
                refused = e;
            }
        }
        throw refused;
    }

    /**
     * Loads and attaches the programs of a path in one variant (tests use each).
     *
     * @throws ErrnoException as {@link #attach(Bpf, Path, KernelLayout, CounterMaps)}
     */
    static CounterPrograms attach(Bpf bpf, Path path, KernelLayout layout, CounterMaps maps,
            CounterProgram.Variant variant) throws ErrnoException {
        List<Integer> programs = new ArrayList<>();
        List<Integer> links = new ArrayList<>();
        try {
            for (AttachPoint point : path.points()) {
                int id = layout.attachId(point);
                if (id <= 0 && !point.required()) {
                    LOG.log(Level.DEBUG, () -> "this kernel has no " + point.btfName() + ": TCP reads are counted at recvmsg only");
                    continue;
                }
                if (id <= 0) {
                    throw new ErrnoException("this kernel has no " + point.btfName() + " to attach to", Libc.ENOENT);
                }
                Instructions program = CounterProgram.build(point, layout, maps, variant);
                programs.add(ProgramLoader.load(bpf, point.programName(), point, id, program));
                links.add(bpf.rawTracepointOpen(programs.get(programs.size() - 1)));
            }
            boolean readMarks = path == Path.TRACEPOINTS && layout.attachId(AttachPoint.READ_TRACEPOINT) > 0;
            if (readMarks) {
                markOpenSockets(bpf, layout, maps);
            }
            return new CounterPrograms(bpf, path, variant, programs, links, blindSpots(readMarks, layout.sendpage()));
        } catch (ErrnoException | RuntimeException e) {
            new CounterPrograms(bpf, path, variant, programs, links, List.of()).close();
            throw e;
        }
    }

    /**
     * Gives the TCP sockets open now their read marks ({@link ReadMarks#openSocketsProgram}), by
     * running an iterator over every task's open files once; its program and link are closed
     * again. Where the kernel cannot (no {@code bpf_iter_task_file} before Linux 5.8), reads of
     * those sockets are counted from their first {@code recvmsg}, and {@code splice} reads of a
     * socket never read otherwise are not.
     */
    private static void markOpenSockets(Bpf bpf, KernelLayout layout, CounterMaps maps) {
        if (layout.fileIter() <= 0 || layout.iterFile() < 0) {
            LOG.log(Level.DEBUG, "this kernel has no " + KernelLayout.FILE_ITER + ": open sockets get no read marks");
            return;
        }
        int program = -1;
        int link = -1;
        int iterator = -1;
        try (Memory sink = new Memory(64)) {
            program = ProgramLoader.load(bpf, "sstop_iter", AttachPoint.PROG_TYPE_TRACING, Bpf.TRACE_ITER,
                    layout.fileIter(), ReadMarks.openSocketsProgram(layout, maps));
            link = bpf.iterLink(program);
            iterator = bpf.iterCreate(link);
            for (int reads = 0; reads < MAX_ITERATOR_READS; reads++) { // it writes nothing: the first read ends it
                long n = Libc.read(iterator, Pointer.nativeValue(sink), sink.size());
                int errno = n < 0 ? Native.getLastError() : 0;
                if (n == 0 || n < 0 && errno != Libc.EINTR && errno != Libc.EAGAIN) {
                    if (n < 0) {
                        LOG.log(Level.DEBUG, "reading the socket iterator: errno " + errno);
                    }
                    return;
                }
            }
        } catch (VerifierException e) { // a bug, but the counter counts all else
            LOG.log(Level.WARNING, () -> "the verifier refused the socket iterator: open sockets get no read marks: "
                    + e.getMessage() + "\n" + e.log());
        } catch (ErrnoException e) {
            LOG.log(Level.DEBUG, () -> "open sockets get no read marks: " + e.getMessage());
        } finally {
            for (int fd : new int[] {iterator, link, program}) {
                if (fd >= 0) {
                    Libc.close(fd);
                }
            }
        }
    }

    /**
     * Whether this kernel loads fexit programs at all: loads {@code return 0} as an fexit program
     * on {@code inet_sendmsg}. Some kernels refuse every trampoline program (fentry, fexit, LSM)
     * with EPERM before the verifier runs, e.g. where a security module forbids them.
     *
     * @return null when it loads, else the refusal
     */
    static ErrnoException fexitRefusal(Bpf bpf, KernelLayout layout) {
        int id = layout.attachId(AttachPoint.INET_SENDMSG);
        if (id <= 0) {
            return new ErrnoException("this kernel has no inet_sendmsg in its BTF", Libc.ENOENT);
        }
        Assembler a = new Assembler();
        a.mov64Imm(Assembler.R0, 0).exit();
        try {
            Libc.close(ProgramLoader.load(bpf, "sstop_probe", AttachPoint.INET_SENDMSG, id, a.build()));
            return null;
        } catch (ErrnoException e) {
            return e;
        }
    }

    /**
     * What programs attached this way cannot see on this kernel, as limitations to show.
     *
     * @param readMarks whether TCP reads are counted by their {@link ReadMarks} (else at {@code recvmsg} only)
     * @param sendpage whether the kernel sends {@code sendfile}/{@code splice} data through {@code sendpage}
     */
    static List<String> blindSpots(boolean readMarks, boolean sendpage) {
        List<String> spots = new ArrayList<>();
        if (!readMarks) {
            spots.add("TCP reads are counted at recvmsg only: what a process reads with splice(2) (a splicing proxy) is"
                    + " not counted on this kernel (--backend counters=none counts it from the socket)");
        }
        if (sendpage) {
            spots.add("this kernel sends sendfile(2) and splice(2) data through sendpage, which the counter does not see:"
                    + " such uploads (a web server's static files) are not counted (Linux 6.5+ sends them through sendmsg;"
                    + " --backend counters=none counts them from the socket)");
        }
        return List.copyOf(spots);
    }

    /** What these programs cannot see on this kernel ({@link #blindSpots(boolean, boolean)}). */
    List<String> blindSpots() {
        return blindSpots;
    }

    /** The path these programs are attached on. */
    Path path() {
        return path;
    }

    /** Which helpers the programs use. */
    CounterProgram.Variant variant() {
        return variant;
    }

    /** The program fds (tests check that close releases them). */
    List<Integer> programFds() {
        return List.copyOf(programs);
    }

    /** The link fds. */
    List<Integer> linkFds() {
        return List.copyOf(links);
    }

    /**
     * How many times the kernel skipped one of these programs instead of running it (it does so
     * when a program would run again on a CPU where it is already running), from the
     * {@code recursion_misses} of their {@code bpf_prog_info} (Linux 5.12+; 0 where the kernel
     * has no such field). The same count as the fdinfo's {@code recursion_misses:} line, in one
     * syscall per program instead of opening and parsing a file: every drain asks.
     *
     * @throws IOException when the kernel refuses the info
     */
    long missedRuns() throws IOException {
        long missed = 0;
        for (int fd : programs) {
            bpf.objInfo(fd, info); // clears the buffer first: a shorter info leaves the field 0
            missed += info.getLong(INFO_RECURSION_MISSES);
        }
        return missed;
    }

    /** Detaches and unloads (closes the links, then the programs). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        links.forEach(Libc::close);
        programs.forEach(Libc::close);
        info.close();
    }
}
