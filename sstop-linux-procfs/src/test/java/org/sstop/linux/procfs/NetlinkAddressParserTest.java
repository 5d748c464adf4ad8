package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;
import org.sstop.testkit.CiAssume;

/** The RTM_GETADDR answer parser on crafted messages, and the reader against the live kernel. */
class NetlinkAddressParserTest {

    private static byte[] attr(int type, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate((4 + value.length + 3) & ~3).order(ByteOrder.nativeOrder());
        b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        return b.array();
    }

    private static byte[] message(int type, int family, byte[]... attrs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] a : attrs) {
            body.writeBytes(a);
        }
        int len = 16 + 8 + body.size();
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) type).putShort((short) 2).putInt(1).putInt(0);
        b.put((byte) family).put((byte) 24).put((byte) 0).put((byte) 0).putInt(3);
        b.put(body.toByteArray());
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static boolean has(LocalAddresses set, String literal) {
        IpAddress a = IpAddress.parse(literal);
        return set.contains(a.high(), a.low());
    }

    @Test
    void addressesFromNewAddrMessages() throws IOException {
        byte[] data = concat(
                // point-to-point: IFA_ADDRESS is the peer, IFA_LOCAL ours
                message(20, 2, attr(1, IpAddress.parse("10.8.0.1").toBytes()), attr(2, IpAddress.parse("10.8.0.2").toBytes())),
                message(20, 10, attr(1, IpAddress.parse("2001:db8::5").toBytes())),
                message(20, 2, attr(1, new byte[3])), // wrong length: ignored
                message(20, 17), // another family
                message(3, 0));
        LocalAddressParser sink = new LocalAddressParser();
        assertTrue(NetlinkAddressParser.parse(data, data.length, sink), "NLMSG_DONE ends the dump");
        LocalAddresses set = sink.build();
        assertTrue(has(set, "10.8.0.2"));
        assertFalse(has(set, "10.8.0.1"), "the peer of a point-to-point link is not local");
        assertTrue(has(set, "2001:db8::5"));
        assertTrue(set.size() == 2);
    }

    @Test
    void moreToComeWithoutDone() throws IOException {
        byte[] data = message(20, 2, attr(2, IpAddress.parse("192.0.2.1").toBytes()));
        assertFalse(NetlinkAddressParser.parse(data, data.length, new LocalAddressParser()));
    }

    @Test
    void errorsAndMalformedMessagesThrow() {
        ByteBuffer err = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        err.putInt(36).putShort((short) 2).putShort((short) 0).putInt(1).putInt(0).putInt(-13);
        assertThrows(IOException.class, () -> NetlinkAddressParser.parse(err.array(), 36, new LocalAddressParser()));
        byte[] bad = message(20, 2, attr(2, new byte[4]));
        ByteBuffer.wrap(bad).order(ByteOrder.nativeOrder()).putInt(0, 4000);
        assertThrows(IOException.class, () -> NetlinkAddressParser.parse(bad, bad.length, new LocalAddressParser()));
        byte[] cutAttr = message(20, 2, attr(2, new byte[4]));
        ByteBuffer.wrap(cutAttr).order(ByteOrder.nativeOrder()).putShort(24, (short) 200);
        LocalAddressParser sink = new LocalAddressParser();
        try {
            NetlinkAddressParser.parse(cutAttr, cutAttr.length, sink);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(sink.count() == 0, "an attribute running past its message is not read");
    }

    @Test
    void liveDumpHoldsEveryAddressTheProcFilesList() throws IOException {
        CiAssume.linux();
        LocalAddresses live = LocalAddressReader.read(Path.of("/nonexistent")); // netlink only: no file fallback
        LocalAddressParser files = new LocalAddressParser();
        files.parseFibTrie(Files.readString(Path.of("/proc/net/fib_trie")));
        files.parseIfInet6(Files.readString(Path.of("/proc/net/if_inet6")));
        long[] pairs = files.toPairs();
        assertTrue(pairs.length > 0, "this host has addresses");
        for (int i = 0; i < pairs.length; i += 2) {
            assertTrue(live.contains(pairs[i], pairs[i + 1]), "missing " + new IpAddress(pairs[i], pairs[i + 1]));
        }
        assertTrue(live.size() > 0);
    }
}
