package org.sstop.linux.netlink;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * One {@code NETLINK_SOCK_DIAG} socket: the thin I/O side. It owns a file descriptor only; the
 * caller lends it native memory for addresses, options and data, so that no call allocates.
 * Not thread-safe.
 */
final class NetlinkChannel implements AutoCloseable {

    /** {@code sizeof(struct sockaddr_nl)}. */
    static final int SOCKADDR_NL_LEN = 12;
    private static final int MAX_EINTR_RETRIES = 16;

    private int fd;

    private NetlinkChannel(int fd) {
        this.fd = fd;
    }

    /**
     * Opens and binds a socket.
     *
     * @param groups multicast groups bitmask to join (0 for none)
     * @param addr 12 bytes of native scratch for a {@code sockaddr_nl}
     * @return the open channel
     * @throws ErrnoException when socket() or bind() fails
     */
    static NetlinkChannel open(int groups, Pointer addr) throws ErrnoException {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_SOCK_DIAG);
        if (fd < 0) {
            throw new ErrnoException("socket(AF_NETLINK, NETLINK_SOCK_DIAG)", Native.getLastError());
        }
        NetlinkChannel ch = new NetlinkChannel(fd);
        writeKernelAddress(addr, groups);
        if (Libc.bind(fd, addr, SOCKADDR_NL_LEN) != 0) {
            int errno = Native.getLastError();
            ch.close();
            throw new ErrnoException("bind(NETLINK_SOCK_DIAG, groups=" + groups + ")", errno);
        }
        return ch;
    }

    /** Writes a {@code sockaddr_nl}: family AF_NETLINK, pid 0 (the kernel, or autobind), groups. */
    static void writeKernelAddress(Pointer addr, int groups) {
        addr.setShort(0, (short) Libc.AF_NETLINK);
        addr.setShort(2, (short) 0);
        addr.setInt(4, 0);
        addr.setInt(8, groups);
    }

    /**
     * Sets an int socket option.
     *
     * @param scratch 4 bytes of native scratch
     * @return 0, or the errno
     */
    int setIntOption(int level, int name, int value, Pointer scratch) {
        scratch.setInt(0, value);
        return Libc.setsockopt(fd, level, name, scratch, 4) == 0 ? 0 : Native.getLastError();
    }

    /**
     * Sets {@code SO_RCVTIMEO} so that a blocking receive cannot wait forever.
     *
     * @param scratch 16 bytes of native scratch for a {@code struct timeval}
     * @return 0, or the errno
     */
    int setReceiveTimeout(long millis, Pointer scratch) {
        scratch.setLong(0, millis / 1000);
        scratch.setLong(8, (millis % 1000) * 1000);
        return Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, scratch, 16) == 0 ? 0 : Native.getLastError();
    }

    /**
     * Sends one request to the kernel, retrying on EINTR.
     *
     * @param addr 12 bytes of native scratch for the kernel's address
     * @throws ErrnoException on failure
     */
    void sendToKernel(Pointer buf, int len, Pointer addr) throws ErrnoException {
        writeKernelAddress(addr, 0);
        for (int i = 0; ; i++) {
            long n = Libc.sendto(checkOpen(), buf, len, 0, addr, SOCKADDR_NL_LEN);
            if (n == len) {
                return;
            }
            int errno = n < 0 ? Native.getLastError() : Libc.EINVAL;
            if (errno != Libc.EINTR || i >= MAX_EINTR_RETRIES) {
                throw new ErrnoException("sendto(NETLINK_SOCK_DIAG)", errno);
            }
        }
    }

    /**
     * Receives one datagram, retrying on EINTR.
     *
     * @param buf where the datagram goes
     * @param cap capacity of {@code buf}
     * @param flags recv flags (MSG_TRUNC is added: the result is the datagram's full length,
     *     which exceeds {@code cap} when it was truncated)
     * @param addr 12 bytes of native scratch: receives the sender's {@code sockaddr_nl}
     * @param addrLen 4 bytes of native scratch for the address length
     * @return the datagram's length (0 or more), or a negative errno (e.g. -EAGAIN)
     */
    long receive(Pointer buf, int cap, int flags, Pointer addr, Pointer addrLen) {
        for (int i = 0; ; i++) {
            addrLen.setInt(0, SOCKADDR_NL_LEN);
            long n = Libc.recvfrom(checkOpenUnchecked(), buf, cap, flags | Libc.MSG_TRUNC, addr, addrLen);
            if (n >= 0) {
                return n;
            }
            int errno = Native.getLastError();
            if (errno != Libc.EINTR || i >= MAX_EINTR_RETRIES) {
                return -errno;
            }
        }
    }

    /** The sender's port id of the datagram last received into {@code addr} (0 = the kernel). */
    static int senderPid(Pointer addr) {
        return addr.getInt(4);
    }

    private int checkOpen() throws ErrnoException {
        if (fd < 0) {
            throw new ErrnoException("netlink socket already closed", Libc.EINVAL);
        }
        return fd;
    }

    private int checkOpenUnchecked() {
        return fd; // -1 after close: recvfrom fails with EBADF, reported as an errno
    }

    @Override
    public void close() {
        if (fd >= 0) {
            Libc.close(fd);
            fd = -1;
        }
    }

    /** Allocates native scratch; kept here so callers share one idiom. */
    static Memory allocate(long size) {
        Memory m = new Memory(size);
        m.clear();
        return m;
    }
}
