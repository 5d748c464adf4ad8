package org.sstop.linux.ebpf;

import static org.sstop.linux.ebpf.Assembler.R0;
import static org.sstop.linux.ebpf.Assembler.R1;
import static org.sstop.linux.ebpf.Assembler.R10;
import static org.sstop.linux.ebpf.Assembler.R2;
import static org.sstop.linux.ebpf.Assembler.R3;
import static org.sstop.linux.ebpf.Assembler.R4;
import static org.sstop.linux.ebpf.Assembler.R6;
import static org.sstop.linux.ebpf.Assembler.R7;
import static org.sstop.linux.ebpf.Assembler.R8;
import static org.sstop.linux.ebpf.Assembler.R9;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes the counting program for one attach point that counts bytes. Per event, in C terms:
 * <pre>
 * if (ret &lt;= 0 || (flags &amp; MSG_PEEK)) return 0;       // errors; peeked bytes are read again later
 * if (!sk || family not AF_INET/AF_INET6 || protocol not TCP/UDP) return 0;
 * if (TCP and receiving) ret = bytes read since the socket's mark (see ReadMarks), or return 0;
 * loop = daddr is 127/8, ::1 or ::ffff:127/8, or daddr == rcv_saddr;
 *        unconnected (daddr 0): rcv_saddr is such a loopback address
 * key = {tgid, start_boottime of the thread group leader};      // the leader's: /proc/pid/stat's start time
 * v = procs[key] ?: (insert {ppid, uid, leader's comm, cgroup id} with BPF_NOEXIST, look up again);
 * if (v) atomic v.(loop ? loop_up : up) += ret; else atomic unplaced.up += ret;  (down when receiving)
 * cookie = bpf_get_socket_cookie(sk) (or sk-&gt;skc_cookie where the helper is refused);
 * if (cookie) { s = socks[cookie] ?: insert zero, look up again;
 *               if (s) { atomic s.up += ret; s.mover = tgid; } else unplaced.sockets_full++; }
 * </pre>
 * Registers: r6 the socket, r7 the byte count, r8 the loopback flag, r9 the group leader.
 */
final class CounterProgram {

    /** How a program reads the current task's fields. */
    enum TaskAccess {
        /** {@code bpf_get_current_task_btf()} (Linux 5.11+) and direct loads checked against BTF: cheapest. */
        BTF,
        /** {@code bpf_get_current_task()} and {@code bpf_probe_read_kernel()} per field. */
        PROBE_READ
    }

    /**
     * A choice of helpers, from the cheapest to the most widely available.
     *
     * @param cookies where the socket cookie comes from
     * @param task how the task's fields are read
     */
    record Variant(CookieSource cookies, TaskAccess task) {

        /** The order to try them in: the first the verifier accepts is used. */
        static final java.util.List<Variant> PREFERRED = java.util.List.of(
                new Variant(CookieSource.HELPER, TaskAccess.BTF),
                new Variant(CookieSource.HELPER, TaskAccess.PROBE_READ),
                new Variant(CookieSource.FIELD, TaskAccess.BTF),
                new Variant(CookieSource.FIELD, TaskAccess.PROBE_READ));
    }

    /** Where a program takes the socket cookie from. */
    enum CookieSource {
        /** {@code bpf_get_socket_cookie(sk)} (tracing programs, Linux 5.12+): makes the cookie if there is none yet. */
        HELPER,
        /** {@code sk->__sk_common.skc_cookie}: 0 until someone (a sock_diag dump) asked for it. */
        FIELD
    }

    // helper ids (enum bpf_func_id)
    static final int MAP_LOOKUP_ELEM = 1;
    static final int MAP_UPDATE_ELEM = 2;
    static final int MAP_DELETE_ELEM = 3;
    static final int GET_CURRENT_PID_TGID = 14;
    static final int GET_CURRENT_UID_GID = 15;
    static final int GET_CURRENT_TASK = 35;
    static final int GET_SOCKET_COOKIE = 46;
    static final int PROBE_READ_KERNEL = 113;
    static final int GET_CURRENT_TASK_BTF = 158;
    /** {@code bpf_get_current_cgroup_id} (Linux 4.18+, tracing programs): the task's cgroup v2 id. */
    static final int GET_CURRENT_CGROUP_ID = 80;

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;
    /** Multipath TCP: counted at its own socket (its TCP subflows move the bytes below sendmsg/recvmsg). */
    private static final int IPPROTO_MPTCP = 262;
    private static final int MSG_PEEK = 2;
    /** A read of the error queue (zero-copy completions, timestamps, ICMP errors) moves no payload. */
    private static final int MSG_ERRQUEUE = 0x2000;
    private static final int LOOPBACK_NET = 127;

    // stack frame (offsets from r10)
    private static final int KEY = -16;
    private static final int VALUE = KEY - CounterMaps.PROC_VALUE_SIZE;
    private static final int SCRATCH = VALUE - 8;
    private static final int SOCK_KEY = SCRATCH - 8;
    private static final int SOCK_VALUE = SOCK_KEY - CounterMaps.SOCK_VALUE_SIZE;
    private static final int UNPLACED_KEY = SOCK_VALUE - 8;
    private static final int MARK_KEY = UNPLACED_KEY - 8;
    private static final int MARK_VALUE = MARK_KEY - 8;

    /** Bytes 8 to 15 of ::1 as the host loads them. */
    private static final long LOOPBACK6_LOW_HALF = ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 0, 0, 0, 1})
            .order(ByteOrder.nativeOrder()).getLong();
    /** Bytes 8 to 11 of a v4-mapped address (::ffff:a.b.c.d) as the host loads them. */
    private static final int V4_MAPPED_PREFIX = ByteBuffer.wrap(new byte[] {0, 0, (byte) 0xff, (byte) 0xff})
            .order(ByteOrder.nativeOrder()).getInt();

    private final Assembler a = new Assembler();
    private final AttachPoint point;
    private final KernelLayout k;
    private final CounterMaps maps;
    private final Assembler.Label out;
    private final Assembler.Label loop;
    private final Assembler.Label counted;

    private CounterProgram(AttachPoint point, KernelLayout layout, CounterMaps maps) {
        this.point = point;
        this.k = layout;
        this.maps = maps;
        this.out = a.label("out");
        this.loop = a.label("loopback");
        this.counted = a.label("classified");
    }

    /**
     * The program for one attach point (for those that only keep the read marks, {@link ReadMarks#program}).
     *
     * @param point where it attaches (fixes the context slots and the direction)
     * @param layout the kernel's offsets
     * @param maps the maps it counts into (their fds go into the program)
     * @param variant which helpers it uses
     * @return the assembled program
     */
    static Instructions build(AttachPoint point, KernelLayout layout, CounterMaps maps, Variant variant) {
        if (point.marksOnly()) {
            return ReadMarks.program(point, layout, maps);
        }
        CounterProgram p = new CounterProgram(point, layout, maps);
        p.filter();
        p.classify();
        p.countProcess(variant.task());
        p.countSocket(variant.cookies());
        p.a.bind(p.out).mov64Imm(R0, 0).exit();
        return p.a.build();
    }

    /**
     * Loads the byte count and the socket; leaves for errors, peeks, error-queue reads and other
     * families and protocols. A TCP read on the tracepoint path counts the bytes since the
     * socket's read mark instead ({@link ReadMarks}).
     */
    private void filter() {
        a.mov64Reg(R6, R1);
        if (point.retSlot() >= 0) {
            a.ldxDW(R7, R6, 8 * point.retSlot()).jmp32Imm(Insn.JSLE, R7, 0, out).mov32Reg(R7, R7);
        }
        if (point.flagsSlot() >= 0) {
            a.ldxDW(R1, R6, 8 * point.flagsSlot()).jmpImm(Insn.JSET, R1, MSG_PEEK | MSG_ERRQUEUE, out);
        }
        a.ldxDW(R6, R6, 8 * point.socketSlot()).jmpImm(Insn.JEQ, R6, 0, out);
        if (point.viaSocket()) {
            a.ldxDW(R6, R6, k.socketSk()).jmpImm(Insn.JEQ, R6, 0, out);
        }
        a.ldx(k.protocolSize() == 1 ? Insn.B : Insn.H, R1, R6, k.protocol());
        if (point == AttachPoint.READ_TRACEPOINT) {
            // a read by the task holding the socket's lock, not the kernel's receive processing
            a.jmpImm(Insn.JNE, R1, IPPROTO_TCP, out).ldxW(R1, R6, k.lockOwned()).jmpImm(Insn.JEQ, R1, 0, out);
            ReadMarks.count(a, k, maps.marks(), MARK_KEY, MARK_VALUE, out, false);
            return;
        }
        Assembler.Label protocolOk = a.label("protocol_ok");
        a.jmpImm(Insn.JEQ, R1, IPPROTO_TCP, protocolOk)
                .jmpImm(Insn.JEQ, R1, IPPROTO_MPTCP, protocolOk)
                .jmpImm(Insn.JNE, R1, IPPROTO_UDP, out)
                .bind(protocolOk);
        if (point == AttachPoint.RECV_TRACEPOINT) {
            Assembler.Label notTcp = a.label("not_tcp");
            a.jmpImm(Insn.JNE, R1, IPPROTO_TCP, notTcp);
            ReadMarks.count(a, k, maps.marks(), MARK_KEY, MARK_VALUE, out, true);
            a.bind(notTcp);
        }
    }

    /** Sets r8 to 1 when the socket talks to this host (loopback), else 0. */
    private void classify() {
        Assembler.Label v4 = a.label("ipv4");
        Assembler.Label v6Unconnected = a.label("ipv6_unconnected");
        Assembler.Label v4Unconnected = a.label("ipv4_unconnected");
        a.mov64Imm(R8, 0).ldxH(R1, R6, k.family())
                .jmpImm(Insn.JEQ, R1, AF_INET, v4)
                .jmpImm(Insn.JNE, R1, AF_INET6, out);
        // IPv6: r1, r2 = the two halves of the destination
        a.ldxDW(R1, R6, k.v6Daddr()).ldxDW(R2, R6, k.v6Daddr() + 8)
                .mov64Reg(R3, R1).alu64Reg(Insn.OR, R3, R2).jmpImm(Insn.JEQ, R3, 0, v6Unconnected);
        loopbackAddress6(k.v6Daddr());
        a.ldxDW(R3, R6, k.v6RcvSaddr()).jmpReg(Insn.JNE, R1, R3, counted)
                .ldxDW(R3, R6, k.v6RcvSaddr() + 8).jmpReg(Insn.JNE, R2, R3, counted)
                .ja(loop);
        a.bind(v6Unconnected).ldxDW(R1, R6, k.v6RcvSaddr()).ldxDW(R2, R6, k.v6RcvSaddr() + 8);
        loopbackAddress6(k.v6RcvSaddr());
        a.ja(counted);
        // IPv4
        a.bind(v4).ldxW(R1, R6, k.daddr()).jmpImm(Insn.JEQ, R1, 0, v4Unconnected)
                .ldxB(R2, R6, k.daddr()).jmpImm(Insn.JEQ, R2, LOOPBACK_NET, loop)
                .ldxW(R2, R6, k.rcvSaddr()).jmpReg(Insn.JEQ, R1, R2, loop)
                .ja(counted);
        a.bind(v4Unconnected).ldxB(R2, R6, k.rcvSaddr()).jmpImm(Insn.JEQ, R2, LOOPBACK_NET, loop)
                .ja(counted);
        a.bind(loop).mov64Imm(R8, 1).bind(counted);
    }

    /** Jumps to {@link #loop} when the address at {@code offset} (halves in r1, r2) is ::1 or ::ffff:127.x.y.z; uses r3. */
    private void loopbackAddress6(int offset) {
        Assembler.Label no = a.label();
        a.jmpImm(Insn.JNE, R1, 0, no)
                .ldImm64(R3, LOOPBACK6_LOW_HALF).jmpReg(Insn.JEQ, R2, R3, loop)
                .ldxW(R3, R6, offset + 8).jmp32Imm(Insn.JNE, R3, V4_MAPPED_PREFIX, no)
                .ldxB(R3, R6, offset + 12).jmpImm(Insn.JEQ, R3, LOOPBACK_NET, loop)
                .bind(no);
    }

    /** Adds r7 to the process's entry (made on first sight), or to the unplaced bytes when the table is full. */
    private void countProcess(TaskAccess task) {
        Assembler.Label add = a.label("add_process");
        Assembler.Label addLoopback = a.label("add_loopback");
        Assembler.Label done = a.label("process_done");
        int direction = point.send() ? CounterMaps.PROC_UP : CounterMaps.PROC_DOWN;
        a.stDW(R10, KEY, 0);
        if (task == TaskAccess.BTF) {
            a.call(GET_CURRENT_TASK_BTF).ldxW(R1, R0, k.tgid()).stxW(R10, KEY + CounterMaps.PROC_KEY_TGID, R1)
                    .ldxDW(R9, R0, k.groupLeader())
                    .ldxDW(R1, R9, k.startBoottime()).stxDW(R10, KEY + CounterMaps.PROC_KEY_START, R1);
        } else {
            a.call(GET_CURRENT_PID_TGID).alu64Imm(Insn.RSH, R0, 32).stxW(R10, KEY + CounterMaps.PROC_KEY_TGID, R0);
            a.call(GET_CURRENT_TASK).mov64Reg(R3, R0).add64Imm(R3, k.groupLeader());
            probeRead(a, SCRATCH, 8);
            a.ldxDW(R9, R10, SCRATCH).mov64Reg(R3, R9).add64Imm(R3, k.startBoottime());
            probeRead(a, KEY + CounterMaps.PROC_KEY_START, 8);
        }
        lookup(a, maps.procs(), KEY).jmpImm(Insn.JNE, R0, 0, add);
        // first bytes of this process: record who it is (the leader's parent and name)
        for (int i = 0; i < CounterMaps.PROC_VALUE_SIZE; i += 8) {
            a.stDW(R10, VALUE + i, 0);
        }
        if (task == TaskAccess.BTF) {
            a.ldxDW(R3, R9, k.realParent()).ldxW(R1, R3, k.tgid()).stxW(R10, VALUE + CounterMaps.PROC_PPID, R1)
                    .ldxDW(R1, R9, k.comm()).stxDW(R10, VALUE + CounterMaps.PROC_COMM, R1)
                    .ldxDW(R1, R9, k.comm() + 8).stxDW(R10, VALUE + CounterMaps.PROC_COMM + 8, R1);
        } else {
            a.mov64Reg(R3, R9).add64Imm(R3, k.realParent());
            probeRead(a, SCRATCH, 8);
            a.ldxDW(R3, R10, SCRATCH).add64Imm(R3, k.tgid());
            probeRead(a, VALUE + CounterMaps.PROC_PPID, 4);
            a.mov64Reg(R3, R9).add64Imm(R3, k.comm());
            probeRead(a, VALUE + CounterMaps.PROC_COMM, CounterMaps.COMM_SIZE);
        }
        a.call(GET_CURRENT_UID_GID).stxW(R10, VALUE + CounterMaps.PROC_UID, R0);
        a.call(GET_CURRENT_CGROUP_ID).stxDW(R10, VALUE + CounterMaps.PROC_CGROUP, R0);
        update(a, maps.procs(), KEY, VALUE, Bpf.NOEXIST); // the result is not needed: a lookup follows
        lookup(a, maps.procs(), KEY).jmpImm(Insn.JNE, R0, 0, add);
        int unplaced = point.send() ? CounterMaps.UNPLACED_UP : CounterMaps.UNPLACED_DOWN;
        Assembler.Label unplacedLoopback = a.label("unplaced_loopback");
        a.jmpImm(Insn.JNE, R8, 0, unplacedLoopback);
        addToUnplaced(unplaced, R7, done);
        a.bind(unplacedLoopback);
        addToUnplaced(unplaced + CounterMaps.UNPLACED_LOOPBACK_SHIFT, R7, done);
        a.bind(add).jmpImm(Insn.JNE, R8, 0, addLoopback)
                .atomicAdd64(R0, direction, R7).ja(done)
                .bind(addLoopback).atomicAdd64(R0, direction + CounterMaps.PROC_LOOPBACK_SHIFT, R7)
                .bind(done);
    }

    /**
     * Adds r7 to the socket's entry when it has a cookie, and makes this process its mover;
     * counts a full table in the unplaced entry.
     */
    private void countSocket(CookieSource cookies) {
        Assembler.Label add = a.label("add_socket");
        if (cookies == CookieSource.HELPER) {
            a.mov64Reg(R1, R6).call(GET_SOCKET_COOKIE);
        } else {
            a.ldxDW(R0, R6, k.cookie());
        }
        a.jmpImm(Insn.JEQ, R0, 0, out).stxDW(R10, SOCK_KEY, R0);
        lookup(a, maps.socks(), SOCK_KEY).jmpImm(Insn.JNE, R0, 0, add);
        for (int i = 0; i < CounterMaps.SOCK_VALUE_SIZE; i += 8) {
            a.stDW(R10, SOCK_VALUE + i, 0);
        }
        update(a, maps.socks(), SOCK_KEY, SOCK_VALUE, Bpf.NOEXIST); // the result is not needed: a lookup follows
        lookup(a, maps.socks(), SOCK_KEY).jmpImm(Insn.JNE, R0, 0, add);
        a.mov64Imm(R7, 1);
        addToUnplaced(CounterMaps.UNPLACED_SOCKETS_FULL, R7, out);
        // A plain store: of two processes moving bytes at once, either may be the one named.
        a.bind(add).atomicAdd64(R0, point.send() ? CounterMaps.SOCK_UP : CounterMaps.SOCK_DOWN, R7)
                .ldxW(R1, R10, KEY + CounterMaps.PROC_KEY_TGID).stxW(R0, CounterMaps.SOCK_MOVER, R1).ja(out);
    }

    /** {@code atomic unplaced[0].field += reg; goto next}. */
    private void addToUnplaced(int field, int reg, Assembler.Label next) {
        a.stDW(R10, UNPLACED_KEY, 0);
        lookup(a, maps.unplaced(), UNPLACED_KEY).jmpImm(Insn.JEQ, R0, 0, next)
                .atomicAdd64(R0, field, reg).ja(next);
    }

    /** {@code bpf_probe_read_kernel(fp + dst, size, r3)}. */
    static Assembler probeRead(Assembler a, int dst, int size) {
        return a.mov64Reg(R1, R10).add64Imm(R1, dst).mov64Imm(R2, size).call(PROBE_READ_KERNEL);
    }

    /** {@code r0 = bpf_map_lookup_elem(map, fp + key)}. */
    static Assembler lookup(Assembler a, BpfMap map, int key) {
        return a.ldMapFd(R1, map.fd()).mov64Reg(R2, R10).add64Imm(R2, key).call(MAP_LOOKUP_ELEM);
    }

    /** {@code bpf_map_update_elem(map, fp + key, fp + value, flags)}. */
    static Assembler update(Assembler a, BpfMap map, int key, int value, long flags) {
        return a.ldMapFd(R1, map.fd()).mov64Reg(R2, R10).add64Imm(R2, key).mov64Reg(R3, R10).add64Imm(R3, value)
                .mov64Imm(R4, (int) flags).call(MAP_UPDATE_ELEM);
    }

    /** {@code bpf_map_delete_elem(map, fp + key)}. */
    static Assembler delete(Assembler a, BpfMap map, int key) {
        return a.ldMapFd(R1, map.fd()).mov64Reg(R2, R10).add64Imm(R2, key).call(MAP_DELETE_ELEM);
    }
}
