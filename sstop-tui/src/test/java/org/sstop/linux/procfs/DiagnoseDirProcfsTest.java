package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;
import org.sstop.testkit.ChildJvm;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.DiagnoseDir;

/**
 * A {@code --diagnose} directory written on this Linux machine by the real command (sstop's main
 * in a child JVM), loaded with the fixture loader, and read by the procfs tier's own parsers: what a
 * user attaches to a report is what the backends would have read. (In sstop-tui, the module that
 * has both the app and the backends; in the parsers' package to reach them.)
 */
class DiagnoseDirProcfsTest {

    @TempDir
    Path tmp;

    @Test
    void theProcNetCopiesParseAndHoldAListenerOpenedBeforehand() throws Exception {
        CiAssume.linux();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path d = tmp.resolve("report");
            String out = ChildJvm.run(List.of(), List.of("-Xmx128m"), "org.sstop.app.Main",
                    List.of("--diagnose", d.toString(), "--mask-addresses", "--interval", "200ms"));
            assertTrue(out.contains("(addresses masked)"), out);
            DiagnoseDir dir = DiagnoseDir.load(d);
            ProcNetParser parser = new ProcNetParser(ByteOrder.nativeOrder());
            List<SocketInfo> sockets = new ArrayList<>();
            int bad = 0;
            for (String table : List.of("tcp", "tcp6")) {
                byte[] text = dir.file("/proc/net/" + table).orElseThrow().text().getBytes(StandardCharsets.US_ASCII);
                bad += parser.parse(text, text.length, Protocol.TCP, table.endsWith("6"), sockets);
            }
            assertEquals(0, bad, "every line of the copies is well formed");
            assertTrue(sockets.stream().anyMatch(s -> s.local().port() == listener.getLocalPort() && s.state() == SocketState.LISTEN
                    && s.local().address().isLoopback()), "the listener on " + listener.getLocalPort() + " among " + sockets.size());
            List<NetDev.Entry> interfaces = NetDev.parse(dir.file("/proc/net/dev").orElseThrow().text());
            assertTrue(interfaces.stream().anyMatch(i -> i.name().equals("lo")), interfaces.toString());
        }
    }
}
