package org.sstop.linux.ebpf;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the counting program needs to know of the running kernel, read from its BTF: the byte
 * offsets of the socket and task fields it loads, and the BTF ids of the attach points this
 * kernel has (with the expected prototypes). Immutable.
 *
 * @param family {@code sock.__sk_common.skc_family} (u16)
 * @param daddr {@code skc_daddr} (IPv4, network order)
 * @param rcvSaddr {@code skc_rcv_saddr}
 * @param v6Daddr {@code skc_v6_daddr} (16 bytes)
 * @param v6RcvSaddr {@code skc_v6_rcv_saddr}
 * @param cookie {@code skc_cookie} (atomic64, 0 until someone asked for the cookie)
 * @param protocol {@code sock.sk_protocol}
 * @param protocolSize its size, 1 or 2 bytes
 * @param socketSk {@code socket.sk}
 * @param tgid {@code task_struct.tgid}
 * @param groupLeader {@code task_struct.group_leader}
 * @param realParent {@code task_struct.real_parent}
 * @param startBoottime {@code task_struct.start_boottime} (ns since boot, suspend included)
 * @param comm {@code task_struct.comm} (16 bytes)
 * @param state {@code skc_state} (u8)
 * @param copiedSeq {@code tcp_sock.copied_seq} (u32): how far the socket's readers have read
 * @param rcvNxt {@code tcp_sock.rcv_nxt} (u32): how far the socket has received
 * @param lockOwned {@code sock.sk_lock.owned} (int): non-zero while a task holds the socket's lock
 * @param flags {@code sock.sk_flags} ({@code skc_flags}) (unsigned long; bit {@code SOCK_DONE}: the peer's FIN arrived)
 * @param userData {@code sock.sk_user_data}: set where a kernel user (sockmap, RPC, storage) owns the socket's data
 * @param ulpOps {@code inet_connection_sock.icsk_ulp_ops}: set where an upper layer (kTLS, MPTCP subflow) reads the socket
 * @param type {@code sock.sk_type} (u16): {@code SOCK_STREAM} for a TCP socket (a raw socket may say IPPROTO_TCP too)
 * @param fileInode {@code file.f_inode}
 * @param inodeMode {@code inode.i_mode} (u16)
 * @param filePrivate {@code file.private_data}: a socket file's {@code struct socket}
 * @param iterFile {@code bpf_iter__task_file.file}: where a file iterator's context holds the file; -1 where there is none
 * @param fileIter the BTF id of {@code bpf_iter_task_file} (Linux 5.8+), the iterator over every task's open files; -1 where there is none
 * @param sendpage whether this kernel has {@code tcp_sendpage} (before Linux 6.5): {@code sendfile} and
 *     {@code splice} then send through it, not through {@code sendmsg}
 * @param attachIds the BTF id of each attach point this kernel has
 */
record KernelLayout(int family, int daddr, int rcvSaddr, int v6Daddr, int v6RcvSaddr, int cookie, int protocol,
        int protocolSize, int socketSk, int tgid, int groupLeader, int realParent, int startBoottime, int comm,
        int state, int copiedSeq, int rcvNxt, int lockOwned, int flags, int userData, int ulpOps, int type,
        int fileInode, int inodeMode, int filePrivate, int iterFile, int fileIter, boolean sendpage,
        Map<AttachPoint, Integer> attachIds) {

    /** Copies the map. */
    KernelLayout {
        attachIds = Map.copyOf(attachIds);
    }

    /** The BTF function an iterator over every task's open files attaches to. */
    static final String FILE_ITER = "bpf_iter_task_file";
    /** The function that sends {@code sendfile} and {@code splice} data before Linux 6.5. */
    static final String SENDPAGE = "tcp_sendpage";
    /** A bound on the vmlinux BTF (about 5 MB on 6.18 x86-64). */
    private static final long MAX_BTF = 256L << 20;
    /** The running kernel's layout once read: written once by {@link #vmlinux()}. */
    private static volatile KernelLayout running;

    /**
     * The running kernel's layout, from {@link Btf#VMLINUX}: parsed once per JVM (the file is
     * several megabytes and cannot change while the kernel runs), so that the availability probe
     * and the opening share one parse, and once per boot where {@link KernelLayoutCache} keeps it.
     *
     * @throws IOException when the BTF cannot be read or lacks a field
     */
    static KernelLayout vmlinux() throws IOException {
        KernelLayout layout = running;
        if (layout == null) {
            synchronized (KernelLayout.class) {
                layout = running;
                if (layout == null) {
                    layout = readOrKept(Btf.VMLINUX);
                    running = layout;
                }
            }
        }
        return layout;
    }

    /** The layout kept for this boot's BTF ({@link KernelLayoutCache}), else read from it (and kept). */
    private static KernelLayout readOrKept(Path btf) throws IOException {
        Path cache = KernelLayoutCache.file();
        String key = cache == null ? null : KernelLayoutCache.key(btf);
        KernelLayout kept = cache == null ? null : KernelLayoutCache.read(cache, key);
        if (kept != null) {
            return kept;
        }
        KernelLayout layout = readOffHeap(btf);
        if (cache != null) {
            KernelLayoutCache.write(cache, key, layout);
        }
        return layout;
    }

    /**
     * Reads a BTF file into native memory that is freed as soon as the layout is taken from it:
     * the megabytes of vmlinux BTF never enter (and never grow) the Java heap. Read with libc's
     * {@code read}: sysfs hands the file out 4 KiB per call, and the 1,300-odd calls cost 8 ms
     * more of a cold start through a FileChannel (most of the 20 ms left is the first touch of
     * the 5 MB).
     */
    private static KernelLayout readOffHeap(Path file) throws IOException {
        long size = Files.size(file);
        if (size <= 0 || size > MAX_BTF) {
            throw new BtfException(file + " is " + size + " bytes (at most " + MAX_BTF + " expected)");
        }
        int fd = Libc.open(file.toString(), Libc.O_RDONLY_CLOEXEC);
        if (fd < 0) {
            throw new ErrnoException("open " + file, Native.getLastError());
        }
        try (Memory memory = new Memory(size)) {
            long address = Pointer.nativeValue(memory);
            long filled = 0;
            while (filled < size) { // until full or the end
                long n = Libc.read(fd, address + filled, size - filled);
                if (n > 0) {
                    filled += n;
                } else if (n == 0) {
                    break;
                } else {
                    int errno = Native.getLastError();
                    if (errno != Libc.EINTR) {
                        throw new ErrnoException("read " + file, errno);
                    }
                }
            }
            return of(BtfReader.parse(memory.getByteBuffer(0, filled)));
        } finally {
            Libc.close(fd);
        }
    }

    /**
     * Reads the layout from a kernel's BTF.
     *
     * @return the layout
     * @throws BtfException when a field is missing or not of the expected shape
     */
    static KernelLayout of(Btf btf) throws BtfException {
        // Every type this layout names, in one scan of the types; the lookups below find them remembered.
        AttachPoint[] points = AttachPoint.values();
        String[] structs = {"sock", "socket", "task_struct", "tcp_sock", "inet_connection_sock", "file", "inode",
            "bpf_iter__task_file"};
        String[] functions = {FILE_ITER, SENDPAGE};
        int[] kinds = new int[points.length + structs.length + functions.length];
        String[] names = new String[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            int s = i - points.length;
            int f = s - structs.length;
            kinds[i] = i < points.length ? points[i].btfKind() : f < 0 ? Btf.KIND_STRUCT : Btf.KIND_FUNC;
            names[i] = i < points.length ? points[i].btfName() : f < 0 ? structs[s] : functions[f];
        }
        btf.find(kinds, names);
        Map<AttachPoint, Integer> ids = new EnumMap<>(AttachPoint.class);
        for (AttachPoint p : points) {
            int id = btf.find(p.btfKind(), p.btfName());
            if (id > 0 && hasPrototype(btf, p, id)) {
                ids.put(p, id);
            }
        }
        Btf.Member protocol = field(btf, "sock", 0, "sk_protocol");
        if (protocol.size() != 1 && protocol.size() != 2) {
            throw new BtfException("sock.sk_protocol is " + protocol.size() + " bytes");
        }
        return new KernelLayout(
                offset(btf, "sock", 2, "__sk_common", "skc_family"),
                offset(btf, "sock", 4, "__sk_common", "skc_daddr"),
                offset(btf, "sock", 4, "__sk_common", "skc_rcv_saddr"),
                offset(btf, "sock", 16, "__sk_common", "skc_v6_daddr"),
                offset(btf, "sock", 16, "__sk_common", "skc_v6_rcv_saddr"),
                offset(btf, "sock", 8, "__sk_common", "skc_cookie"),
                protocol.offset(), (int) protocol.size(),
                offset(btf, "socket", 8, "sk"),
                offset(btf, "task_struct", 4, "tgid"),
                offset(btf, "task_struct", 8, "group_leader"),
                offset(btf, "task_struct", 8, "real_parent"),
                offset(btf, "task_struct", 8, "start_boottime"),
                offset(btf, "task_struct", 16, "comm"),
                offset(btf, "sock", 1, "__sk_common", "skc_state"),
                offset(btf, "tcp_sock", 4, "copied_seq"),
                offset(btf, "tcp_sock", 4, "rcv_nxt"),
                offset(btf, "sock", 4, "sk_lock", "owned"),
                offset(btf, "sock", 8, "__sk_common", "skc_flags"),
                offset(btf, "sock", 8, "sk_user_data"),
                offset(btf, "inet_connection_sock", 8, "icsk_ulp_ops"),
                offset(btf, "sock", 2, "sk_type"),
                offset(btf, "file", 8, "f_inode"),
                offset(btf, "inode", 2, "i_mode"),
                offset(btf, "file", 8, "private_data"),
                btf.find(Btf.KIND_STRUCT, "bpf_iter__task_file") > 0 ? offset(btf, "bpf_iter__task_file", 8, "file") : -1,
                btf.find(Btf.KIND_FUNC, FILE_ITER),
                btf.find(Btf.KIND_FUNC, SENDPAGE) > 0,
                ids);
    }

    /** Whether the kernel has both tracepoints. */
    boolean hasTracepoints() {
        return attachIds.containsKey(AttachPoint.SEND_TRACEPOINT) && attachIds.containsKey(AttachPoint.RECV_TRACEPOINT);
    }

    /** Whether the kernel has all four fexit functions. */
    boolean hasFexitFunctions() {
        return attachIds.keySet().stream().filter(p -> !p.tracepoint()).count() == 4;
    }

    /** The BTF id of an attach point; -1 when this kernel does not have it. */
    int attachId(AttachPoint p) {
        return attachIds.getOrDefault(p, -1);
    }

    /**
     * Whether the typedef or function has the prototype the program's context slots assume: the
     * parameter count, and the socket (a pointer to {@code struct sock}, or to {@code struct socket}).
     */
    private static boolean hasPrototype(Btf btf, AttachPoint p, int id) throws BtfException {
        int proto = btf.resolve(btf.referenced(id));
        if (btf.kind(proto) == Btf.KIND_PTR) {
            proto = btf.resolve(btf.referenced(proto)); // btf_trace_x is a pointer to a function
        }
        if (btf.kind(proto) != Btf.KIND_FUNC_PROTO) {
            return false;
        }
        int[] params = btf.params(proto);
        if (params.length != p.params()) {
            return false;
        }
        int socket = params[p.tracepoint() ? 1 : 0];
        return btf.kind(socket) == Btf.KIND_PTR
                && btf.name(btf.resolve(btf.referenced(socket))).equals(p.viaSocket() ? "socket" : "sock");
    }

    private static int offset(Btf btf, String struct, int size, String... path) throws BtfException {
        return field(btf, struct, size, path).offset();
    }

    private static Btf.Member field(Btf btf, String struct, int size, String... path) throws BtfException {
        Btf.Member m = btf.member(struct, path);
        String name = struct + "." + String.join(".", path);
        if (m.bitfield()) {
            throw new BtfException(name + " is a bitfield here");
        }
        if (size != 0 && m.size() != size) {
            throw new BtfException(name + " is " + m.size() + " bytes here, not " + size);
        }
        if (m.offset() + Math.max(size, m.size()) > Short.MAX_VALUE) {
            throw new BtfException(name + " is beyond a load's reach at offset " + m.offset());
        }
        return m;
    }
}
