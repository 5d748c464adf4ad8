package org.sstop.linux.procfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Parses the answer to an {@code RTM_GETADDR} dump (rtnetlink): a pure function over the received
 * bytes, in host byte order. Each {@code RTM_NEWADDR} message names one address of this host:
 * {@code IFA_LOCAL} when present (on point-to-point links {@code IFA_ADDRESS} is the peer), else
 * {@code IFA_ADDRESS}. Lengths are checked against the buffer; a malformed message ends the parse.
 */
final class NetlinkAddressParser {

    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int RTM_NEWADDR = 20;
    static final int RTM_GETADDR = 22;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private NetlinkAddressParser() {
    }

    /**
     * Parses one received datagram.
     *
     * @param data the bytes received
     * @param length how many are valid
     * @param sink receives the addresses
     * @return true when the dump is complete ({@code NLMSG_DONE})
     * @throws IOException when the kernel answered with an error or the data is malformed
     */
    static boolean parse(byte[] data, int length, LocalAddressParser sink) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data, 0, Math.min(length, data.length)).order(ByteOrder.nativeOrder());
        int end = Math.min(length, data.length);
        int off = 0;
        while (off + 16 <= end) {
            int len = b.getInt(off);
            int type = b.getShort(off + 4) & 0xffff;
            if (len < 16 || len > end - off) {
                throw new IOException("malformed netlink message (length " + len + ")");
            }
            if (type == NLMSG_DONE) {
                return true;
            }
            if (type == NLMSG_ERROR) {
                int errno = len >= 20 ? -b.getInt(off + 16) : 0;
                if (errno != 0) {
                    throw new IOException("RTM_GETADDR failed: errno " + errno);
                }
            } else if (type == RTM_NEWADDR && len >= 24) {
                address(b, off, len, sink);
            }
            off += (len + 3) & ~3;
        }
        return false;
    }

    private static void address(ByteBuffer b, int msg, int len, LocalAddressParser sink) {
        int family = b.get(msg + 16) & 0xff;
        int want = family == AF_INET ? 4 : family == AF_INET6 ? 16 : -1;
        if (want < 0) {
            return;
        }
        int local = -1;
        int address = -1;
        int a = msg + 24;
        int end = msg + len;
        while (a + 4 <= end) {
            int rlen = b.getShort(a) & 0xffff;
            int rtype = b.getShort(a + 2) & 0xffff;
            if (rlen < 4 || rlen > end - a) {
                break;
            }
            if (rlen - 4 == want) {
                if (rtype == IFA_LOCAL) {
                    local = a + 4;
                } else if (rtype == IFA_ADDRESS) {
                    address = a + 4;
                }
            }
            a += (rlen + 3) & ~3;
        }
        int at = local >= 0 ? local : address;
        if (at < 0) {
            return;
        }
        ByteBuffer net = b.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (want == 4) {
            sink.add(0, LocalAddresses.v4Low(net.getInt(at)));
        } else {
            sink.add(net.getLong(at), net.getLong(at + 8));
        }
    }
}
