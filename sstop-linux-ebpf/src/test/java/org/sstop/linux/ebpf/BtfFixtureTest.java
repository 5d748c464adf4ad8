package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The BTF parser on hand-built blobs: lookups through anonymous members and bitfields, and hostile input. */
class BtfFixtureTest {

    private static final int U32 = 1;
    private static final int U16 = 2;

    /** A miniature of the kernel's sock: an address pair inside an anonymous struct inside an anonymous union. */
    private static BtfWriter kernelLike() {
        BtfWriter w = new BtfWriter();
        w.type(Btf.KIND_INT, "unsigned int", 0, false, 4, 32);
        w.type(Btf.KIND_INT, "short unsigned int", 0, false, 2, 16);
        int pair = w.struct(Btf.KIND_STRUCT, null, 8, false, w.member("skc_daddr", U32, 0), w.member("skc_rcv_saddr", U32, 32));
        int union = w.struct(Btf.KIND_UNION, null, 8, false, w.member("skc_addrpair", U32, 0), w.member(null, pair, 0));
        int u16 = w.type(Btf.KIND_TYPEDEF, "u16", 0, false, U16);
        int constU16 = w.type(Btf.KIND_CONST, null, 0, false, u16);
        int common = w.struct(Btf.KIND_STRUCT, "sock_common", 24, false, w.member(null, union, 0),
                w.member("skc_family", constU16, 128));
        w.struct(Btf.KIND_STRUCT, "sock", 40, true, w.member("__sk_common", common, 0),
                w.member("sk_flag", U32, (3 << 24) | 197), w.member("sk_protocol", u16, 224));
        int proto = w.type(Btf.KIND_FUNC_PROTO, null, 0, false, 0);
        int ptr = w.type(Btf.KIND_PTR, null, 0, false, proto);
        w.type(Btf.KIND_TYPEDEF, "btf_trace_sock_send_length", 0, false, ptr);
        w.type(Btf.KIND_FUNC, "inet_sendmsg", 0, false, proto);
        w.type(Btf.KIND_ARRAY, null, 0, false, 0, U16, U32, 8);
        return w;
    }

    @Test
    void findsMembersThroughAnonymousUnionsAndStructs() throws Exception {
        Btf btf = BtfReader.parse(ByteBuffer.wrap(kernelLike().bytes()));
        Btf.Member rcv = btf.member("sock", "__sk_common", "skc_rcv_saddr");
        assertEquals(4, rcv.offset());
        assertEquals(4, rcv.size());
        assertFalse(rcv.bitfield());
        Btf.Member family = btf.member("sock", "__sk_common", "skc_family");
        assertEquals(16, family.offset());
        assertEquals(2, family.size(), "typedef and const resolved");
        assertEquals(Btf.KIND_INT, btf.kind(family.typeId()));
        assertEquals(28, btf.member("sock", "sk_protocol").offset());
        assertEquals(0, btf.member("sock_common", "skc_daddr").offset());
    }

    @Test
    void bitfieldsAreReportedAsSuch() throws Exception {
        Btf.Member flag = BtfReader.parse(ByteBuffer.wrap(kernelLike().bytes())).member("sock", "sk_flag");
        assertTrue(flag.bitfield());
        assertEquals(3, flag.bitSize());
        assertEquals(197, flag.bitOffset());
    }

    @Test
    void findsSeveralTypesInOneScanAsOneByOne() throws Exception {
        int[] kinds = {Btf.KIND_FUNC, Btf.KIND_STRUCT, Btf.KIND_TYPEDEF, Btf.KIND_STRUCT, Btf.KIND_FUNC};
        String[] names = {"inet_sendmsg", "sock", "btf_trace_sock_send_length", "no_such_struct", "sock"};
        int[] ids = BtfReader.parse(ByteBuffer.wrap(kernelLike().bytes())).find(kinds, names);
        Btf fresh = BtfReader.parse(ByteBuffer.wrap(kernelLike().bytes()));
        for (int i = 0; i < ids.length; i++) {
            assertEquals(fresh.find(kinds[i], names[i]), ids[i], names[i]);
        }
        assertEquals(12, ids[0]);
        assertTrue(ids[1] > 0);
        assertEquals(11, ids[2]);
        assertEquals(-1, ids[3]);
        assertEquals(-1, ids[4], "a name of another kind is not a match");
    }

    @Test
    void findsTypedefsAndFunctionsByKindAndName() throws Exception {
        Btf btf = BtfReader.parse(ByteBuffer.wrap(kernelLike().bytes()));
        int tp = btf.find(Btf.KIND_TYPEDEF, "btf_trace_sock_send_length");
        assertEquals(11, tp);
        assertEquals("btf_trace_sock_send_length", btf.name(tp));
        assertEquals(12, btf.find(Btf.KIND_FUNC, "inet_sendmsg"));
        assertEquals(-1, btf.find(Btf.KIND_FUNC, "inet_sendms"), "no prefix match");
        assertEquals(-1, btf.find(Btf.KIND_TYPEDEF, "inet_sendmsg"), "kind matters");
        assertEquals(16, btf.size(13), "array of 8 u16");
        assertEquals(14, btf.typeCount());
    }

    @Test
    void readsBigEndianBtf() throws Exception {
        Btf btf = BtfReader.parse(ByteBuffer.wrap(kernelLike().bytes(ByteOrder.BIG_ENDIAN)));
        assertEquals(16, btf.member("sock", "__sk_common", "skc_family").offset());
    }

    @Test
    void missingStructsAndMembersAreNamedInTheError() throws Exception {
        Btf btf = BtfReader.parse(ByteBuffer.wrap(kernelLike().bytes()));
        assertTrue(assertThrows(BtfException.class, () -> btf.member("task_struct", "tgid")).getMessage()
                .contains("no struct task_struct"));
        assertTrue(assertThrows(BtfException.class, () -> btf.member("sock", "__sk_common", "skc_cookie")).getMessage()
                .contains("no member skc_cookie"));
        assertTrue(assertThrows(BtfException.class, () -> btf.member("sock", "sk_protocol", "x")).getMessage()
                .contains("not a struct"));
    }

    @Test
    void rejectsShortOrForeignData() {
        assertMalformed(new byte[10], "too short");
        byte[] b = kernelLike().bytes();
        b[0] = 0x12;
        assertMalformed(b, "not BTF");
        byte[] v = kernelLike().bytes();
        v[2] = 2;
        assertMalformed(v, "version 2");
    }

    @Test
    void rejectsLengthsBeyondTheData() {
        byte[] b = kernelLike().bytes();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 100_000);
        assertMalformed(b, "header length");
        byte[] t = kernelLike().bytes();
        ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0x7fffffff);
        assertMalformed(t, "beyond the data");
        byte[] cut = kernelLike().bytes();
        assertMalformed(Arrays.copyOf(cut, cut.length - 40), "beyond the data");
    }

    @Test
    void rejectsARecordThatRunsPastTheTypeSection() {
        BtfWriter w = new BtfWriter();
        w.type(Btf.KIND_STRUCT, "huge", 0xffffff, false, 4);
        assertMalformed(w.bytes(), "runs past the type section");
        BtfWriter half = new BtfWriter();
        half.type(Btf.KIND_INT, "int", 0, false, 4, 32);
        byte[] b = half.bytes();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(12, 10); // type_len: less than one record
        assertMalformed(b, "truncated");
    }

    @Test
    void unknownKindsNeedALayoutSection() throws Exception {
        BtfWriter w = new BtfWriter();
        w.type(25, "future", 2, false, 0, 1, 2, 3, 4, 5);
        w.type(Btf.KIND_INT, "int", 0, false, 4, 32);
        assertMalformed(w.bytes(), "unknown kind 25");
        byte[] layout = new byte[26 * 4];
        layout[25 * 4] = 4; // info_sz
        layout[25 * 4 + 1] = 8; // elem_sz
        Btf btf = BtfReader.parse(ByteBuffer.wrap(w.layout(layout).bytes()));
        assertEquals(2, btf.find(Btf.KIND_INT, "int"), "skipped the future kind's 4 + 2 x 8 bytes");
    }

    @Test
    void badNamesAndTypeIdsFailClearly() throws Exception {
        BtfWriter w = new BtfWriter();
        w.type(Btf.KIND_INT, "int", 0, false, 4, 32);
        byte[] b = w.bytes();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 5000); // name_off of type 1
        Btf bad = BtfReader.parse(ByteBuffer.wrap(b));
        assertTrue(assertThrows(BtfException.class, () -> bad.find(Btf.KIND_INT, "int")).getMessage()
                .contains("beyond the string section"));

        BtfWriter dangling = new BtfWriter();
        dangling.struct(Btf.KIND_STRUCT, "s", 4, false, dangling.member("m", 77, 0));
        Btf d = BtfReader.parse(ByteBuffer.wrap(dangling.bytes()));
        assertTrue(assertThrows(BtfException.class, () -> d.member("s", "m")).getMessage().contains("out of range"));

        BtfWriter last = new BtfWriter();
        last.type(Btf.KIND_INT, "int", 0, false, 4, 32);
        byte[] cut = last.bytes();
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 4); // str_len without the final NUL
        Btf u = BtfReader.parse(ByteBuffer.wrap(cut));
        assertTrue(assertThrows(BtfException.class, () -> u.name(1)).getMessage().contains("no terminating NUL"));
        assertEquals(-1, u.find(Btf.KIND_INT, "int"), "a name cut short matches nothing");
    }

    @Test
    void cyclesEndInAnErrorNotARunawayLoop() throws Exception {
        BtfWriter w = new BtfWriter();
        w.type(Btf.KIND_TYPEDEF, "a", 0, false, 2);
        w.type(Btf.KIND_TYPEDEF, "b", 0, false, 1);
        w.struct(Btf.KIND_STRUCT, "s", 4, false, w.member("m", 1, 0));
        w.struct(Btf.KIND_STRUCT, "selfish", 4, false, w.member(null, 4, 0));
        w.type(Btf.KIND_ARRAY, null, 0, false, 0, 5, 0, 2);
        Btf btf = BtfReader.parse(ByteBuffer.wrap(w.bytes()));
        assertTrue(assertThrows(BtfException.class, () -> btf.member("s", "m")).getMessage().contains("cycle"));
        assertTrue(assertThrows(BtfException.class, () -> btf.member("selfish", "x")).getMessage().contains("nested deeper"));
        assertTrue(assertThrows(BtfException.class, () -> btf.size(5)).getMessage().contains("cycle"));
    }

    private static void assertMalformed(byte[] data, String expected) {
        BtfException e = assertThrows(BtfException.class, () -> BtfReader.parse(ByteBuffer.wrap(data)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
