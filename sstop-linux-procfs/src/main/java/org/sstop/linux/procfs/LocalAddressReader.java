package org.sstop.linux.procfs;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads this host's addresses (of the network namespace the process runs in): with an rtnetlink
 * {@code RTM_GETADDR} dump, whose size is one message per address whatever the routing table holds;
 * if that fails, from {@code /proc/net/fib_trie} and {@code /proc/net/if_inet6}.
 */
final class LocalAddressReader {

    private static final System.Logger LOG = System.getLogger(LocalAddressReader.class.getName());
    private static final int MAX_DATAGRAMS = 10_000;

    private LocalAddressReader() {
    }

    static LocalAddresses read(Path procNet) {
        LocalAddressParser parser = new LocalAddressParser();
        if (Libc.loadError() == null) {
            try {
                dump(parser);
                return parser.build();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "RTM_GETADDR failed, reading /proc/net: {0}", e.toString());
            }
        }
        parser = new LocalAddressParser();
        try {
            parser.parseFibTrie(Files.readString(procNet.resolve("fib_trie")));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot read fib_trie: {0}", e.toString());
        }
        try {
            parser.parseIfInet6(Files.readString(procNet.resolve("if_inet6")));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot read if_inet6: {0}", e.toString());
        }
        return parser.build();
    }

    private static void dump(LocalAddressParser parser) throws IOException {
        int fd = (int) Libc.check(Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE),
                "socket(AF_NETLINK, NETLINK_ROUTE)");
        try {
            byte[] request = new byte[24];
            ByteBuffer r = ByteBuffer.wrap(request).order(ByteOrder.nativeOrder());
            r.putInt(0, request.length);
            r.putShort(4, (short) NetlinkAddressParser.RTM_GETADDR);
            r.putShort(6, (short) (0x1 | 0x300)); // NLM_F_REQUEST | NLM_F_DUMP
            r.putInt(8, 1); // sequence
            // ifaddrmsg left zero: every family, every interface.
            Libc.check(Libc.send(fd, request, request.length, 0), "send(RTM_GETADDR)");
            byte[] buffer = new byte[32 << 10];
            for (int i = 0; i < MAX_DATAGRAMS; i++) {
                long n = Libc.check(Libc.recv(fd, buffer, buffer.length, 0), "recv(RTM_GETADDR)");
                if (n <= 0) {
                    throw new IOException("netlink socket closed before the dump ended");
                }
                if (NetlinkAddressParser.parse(buffer, (int) n, parser)) {
                    return;
                }
            }
            throw new IOException("address dump did not end");
        } finally {
            Libc.close(fd);
        }
    }
}
