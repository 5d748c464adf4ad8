package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.CiAssume;

/** The BTF parser on this kernel's own BTF: the members and types the counter needs are all there and sane. */
class BtfVmlinuxTest {

    private static Btf btf;

    @BeforeAll
    static void read() throws Exception {
        CiAssume.linux();
        CiAssume.that(Files.isReadable(Btf.VMLINUX), "needs kernel BTF (CONFIG_DEBUG_INFO_BTF): " + Btf.VMLINUX);
        btf = BtfReader.read(Btf.VMLINUX);
    }

    @Test
    void theSocketAddressesAreWhereTheKernelPutsThem() throws Exception {
        Btf.Member daddr = btf.member("sock", "__sk_common", "skc_daddr");
        assertEquals(0, daddr.offset(), "skc_daddr opens struct sock_common");
        assertEquals(4, daddr.size());
        assertEquals(4, btf.member("sock", "__sk_common", "skc_rcv_saddr").offset());
        assertEquals(16, btf.member("sock", "__sk_common", "skc_v6_daddr").size());
        assertEquals(16, btf.member("sock", "__sk_common", "skc_v6_rcv_saddr").size());
        assertEquals(2, btf.member("sock", "__sk_common", "skc_family").size());
        assertEquals(8, btf.member("sock", "__sk_common", "skc_cookie").size());
        Btf.Member protocol = btf.member("sock", "sk_protocol");
        assertFalse(protocol.bitfield(), "u16 since Linux 5.6");
        assertEquals(2, protocol.size());
    }

    @Test
    void theTaskAndSocketPointersAreThere() throws Exception {
        Btf.Member sk = btf.member("socket", "sk");
        assertEquals(Btf.KIND_PTR, btf.kind(sk.typeId()));
        assertEquals(8, sk.size());
        assertEquals(4, btf.member("task_struct", "tgid").size());
        assertEquals(Btf.KIND_PTR, btf.kind(btf.member("task_struct", "real_parent").typeId()));
        assertEquals(Btf.KIND_PTR, btf.kind(btf.member("task_struct", "group_leader").typeId()));
        assertEquals(8, btf.member("task_struct", "start_boottime").size());
        assertEquals(16, btf.member("task_struct", "comm").size());
    }

    @Test
    void theAttachPointsAreThere() throws Exception {
        assertTrue(btf.typeCount() > 10_000, "a whole kernel: " + btf.typeCount());
        for (String f : new String[] {"inet_sendmsg", "inet6_sendmsg", "inet_recvmsg", "inet6_recvmsg"}) {
            int id = btf.find(Btf.KIND_FUNC, f);
            assertTrue(id > 0, f);
            assertEquals(Btf.KIND_FUNC_PROTO, btf.kind(btf.referenced(id)), "a FUNC names its prototype");
        }
        String[] release = System.getProperty("os.version").split("[.-]");
        int version = Integer.parseInt(release[0]) * 100 + Integer.parseInt(release[1]);
        if (version >= 603) {
            assertTrue(btf.find(Btf.KIND_TYPEDEF, "btf_trace_sock_send_length") > 0);
            assertTrue(btf.find(Btf.KIND_TYPEDEF, "btf_trace_sock_recv_length") > 0);
        }
    }
}
