package org.sstop.linux.ebpf;

/**
 * Where a counting program attaches, and where in its context ({@code u64 args[]}) it finds the
 * socket, the byte count and the receive flags. The tracepoints {@code sock_send_length} and
 * {@code sock_recv_length} (Linux 6.3+) fire in {@code sock_sendmsg_nosec} /
 * {@code sock_recvmsg_nosec} for every socket family; on older kernels fexit programs on the
 * four inet {@code sendmsg}/{@code recvmsg} functions see the same calls for IPv4 and IPv6.
 * Two more tracepoints let the tracepoint path see TCP reads that bypass {@code recvmsg}
 * ({@code splice(2)}): see {@link ReadMarks}.
 */
enum AttachPoint {

    /** {@code TP_PROTO(struct sock *sk, int ret, int flags)}, through its {@code btf_trace_} typedef. */
    SEND_TRACEPOINT("btf_trace_sock_send_length", true, true, 4, 1, -1),
    /** As {@link #SEND_TRACEPOINT}, for received bytes. */
    RECV_TRACEPOINT("btf_trace_sock_recv_length", true, false, 4, 1, 2),
    /** {@code int inet_sendmsg(struct socket *sock, struct msghdr *msg, size_t size)}; the result follows the arguments. */
    INET_SENDMSG("inet_sendmsg", false, true, 3, 3, -1),
    /** As {@link #INET_SENDMSG}, for IPv6 sockets. */
    INET6_SENDMSG("inet6_sendmsg", false, true, 3, 3, -1),
    /** {@code int inet_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags)}. */
    INET_RECVMSG("inet_recvmsg", false, false, 4, 4, 3),
    /** As {@link #INET_RECVMSG}, for IPv6 sockets. */
    INET6_RECVMSG("inet6_recvmsg", false, false, 4, 4, 3),
    /**
     * {@code tcp_rcv_space_adjust}, {@code TP_PROTO(struct sock *sk)}: fires in every TCP read path
     * ({@code recvmsg}, {@code splice}, zero-copy receive) after {@code copied_seq} moved; no count.
     */
    READ_TRACEPOINT("btf_trace_tcp_rcv_space_adjust", true, false, 2, -1, -1),
    /** {@code inet_sock_set_state}, {@code TP_PROTO(const struct sock *sk, int oldstate, int newstate)}; no count. */
    STATE_TRACEPOINT("btf_trace_inet_sock_set_state", true, false, 4, -1, -1),
    /** {@code tcp_destroy_sock}, {@code TP_PROTO(struct sock *sk)}: a TCP socket is freed; no count. */
    DESTROY_TRACEPOINT("btf_trace_tcp_destroy_sock", true, false, 2, -1, -1);

    /** {@code BPF_PROG_TYPE_TRACING}. */
    static final int PROG_TYPE_TRACING = 26;
    /** {@code BPF_TRACE_RAW_TP} ("tp_btf"). */
    static final int TRACE_RAW_TP = 23;
    /** {@code BPF_TRACE_FEXIT}. */
    static final int TRACE_FEXIT = 25;

    private final String btfName;
    private final boolean tracepoint;
    private final boolean send;
    private final int params;
    private final int retSlot;
    private final int flagsSlot;

    AttachPoint(String btfName, boolean tracepoint, boolean send, int params, int retSlot, int flagsSlot) {
        this.btfName = btfName;
        this.tracepoint = tracepoint;
        this.send = send;
        this.params = params;
        this.retSlot = retSlot;
        this.flagsSlot = flagsSlot;
    }

    /** The BTF name of the typedef (tracepoint) or function (fexit) to attach to. */
    String btfName() {
        return btfName;
    }

    /** The BTF kind of {@link #btfName()}. */
    int btfKind() {
        return tracepoint ? Btf.KIND_TYPEDEF : Btf.KIND_FUNC;
    }

    /** Whether this is one of the two tracepoints (else an fexit function). */
    boolean tracepoint() {
        return tracepoint;
    }

    /** Whether it sees bytes sent (else received). */
    boolean send() {
        return send;
    }

    /** {@code expected_attach_type} for {@code BPF_PROG_LOAD}. */
    int expectedAttachType() {
        return tracepoint ? TRACE_RAW_TP : TRACE_FEXIT;
    }

    /** How many parameters its BTF prototype has (a tracepoint's starts with {@code void *__data}). */
    int params() {
        return params;
    }

    /** The context slot of the socket: {@code struct sock *} (tracepoints) or {@code struct socket *} (fexit). */
    int socketSlot() {
        return 0;
    }

    /** Whether the socket slot holds a {@code struct socket *} whose {@code sk} must be loaded. */
    boolean viaSocket() {
        return !tracepoint;
    }

    /**
     * Whether the counter needs this point: the three {@link ReadMarks} tracepoints only add what
     * {@code recvmsg} does not see, so a kernel without them still counts everything else.
     */
    boolean required() {
        return this != READ_TRACEPOINT && !marksOnly();
    }

    /** Whether this point only keeps the {@link ReadMarks} (sets or deletes marks): it counts nothing. */
    boolean marksOnly() {
        return this == STATE_TRACEPOINT || this == DESTROY_TRACEPOINT;
    }

    /** The context slot of the {@code int} new state ({@link #STATE_TRACEPOINT}), -1 elsewhere. */
    int newStateSlot() {
        return this == STATE_TRACEPOINT ? 2 : -1;
    }

    /** The context slot of the {@code int} byte count (or negative error), -1 where there is none. */
    int retSlot() {
        return retSlot;
    }

    /** The context slot of the {@code int} receive flags, -1 for sends. */
    int flagsSlot() {
        return flagsSlot;
    }

    /** A program name (15 characters at most). */
    String programName() {
        if (this == READ_TRACEPOINT || marksOnly()) {
            return this == READ_TRACEPOINT ? "sstop_tp_read" : this == STATE_TRACEPOINT ? "sstop_tp_state" : "sstop_tp_gone";
        }
        return (tracepoint ? "sstop_tp_" : "sstop_") + (send ? "send" : "recv") + (btfName.contains("inet6") ? "6" : "");
    }
}
