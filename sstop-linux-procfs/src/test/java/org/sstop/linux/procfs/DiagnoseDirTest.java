package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.testkit.DiagnoseDir;

/**
 * A directory written by {@code sstop --diagnose DIR --mask-addresses} on a Linux machine (this
 * project's build machine, x86-64, kernel 6.18), copied in as it was: what a bug report turns into.
 * The procfs tier's parsers read its {@code /proc/net} copies.
 */
class DiagnoseDirTest {

    private final DiagnoseDir dir = DiagnoseDir.resource("/diagnose/linux-example");

    @Test
    void everySocketLineOfTheCopiesParses() {
        ProcNetParser parser = new ProcNetParser(ByteOrder.LITTLE_ENDIAN); // x86-64 wrote it
        int sockets = 0;
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            DiagnoseDir.Entry e = dir.file("/proc/net/" + table).orElseThrow();
            byte[] text = e.text().getBytes(StandardCharsets.US_ASCII);
            List<SocketInfo> out = new ArrayList<>();
            int bad = parser.parse(text, text.length, table.startsWith("tcp") ? Protocol.TCP : Protocol.UDP, table.endsWith("6"), out);
            assertEquals(0, bad, table);
            assertEquals(e.text().strip().split("\n").length - 1, out.size(), table + ": one socket per line after the header");
            sockets += out.size();
        }
        assertEquals(54, sockets, "49 tcp, 5 tcp6, no UDP socket");
    }

    @Test
    void maskedAddressesStillMeanWhatTheOriginalsMeant() {
        ProcNetParser parser = new ProcNetParser(ByteOrder.LITTLE_ENDIAN);
        byte[] text = dir.file("/proc/net/tcp").orElseThrow().text().getBytes(StandardCharsets.US_ASCII);
        List<SocketInfo> out = new ArrayList<>();
        parser.parse(text, text.length, Protocol.TCP, false, out);
        assertTrue(out.stream().anyMatch(s -> s.local().address().isLoopback()), "loopback stays loopback");
        assertTrue(out.stream().allMatch(s -> s.local().address().isLoopback() || s.local().address().isAny()
                || s.local().address().toString().startsWith("198.18.")), "anything else is a stand-in");
        assertTrue(dir.named("host.txt").orElseThrow().text().contains("addresses\tmasked"));
    }

    @Test
    void theInterfaceCountersParse() {
        List<NetDev.Entry> interfaces = NetDev.parse(dir.file("/proc/net/dev").orElseThrow().text());
        assertEquals(List.of("lo", "ifb0", "ifb1", "eth0"), interfaces.stream().map(NetDev.Entry::name).toList());
        assertTrue(interfaces.get(3).rxBytes() > 0);
    }
}
