package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sstop.api.Availability;
import org.sstop.testkit.ChildJvm;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.KernelSockets;

/**
 * Every provider's availability where a native piece is missing, seen from a child JVM: when JNA
 * cannot load its native library (told not to unpack it), and when the process lacks CAP_NET_RAW.
 */
class ProviderAvailabilityTest {

    /**
     * The packet counter is unavailable with JNA's error as the cause, the others stay available,
     * and the mapper maps a socket through its plain-Java path.
     */
    @Test
    void withoutJnaOnlyThePacketCounterIsUnavailableAndTheMapperFallsBackToJava() throws Exception {
        CiAssume.linux();
        Map<String, String[]> lines = runChild(List.of(), List.of("-Djna.nounpack=true", "-Djna.nosys=true"));

        String[] packet = lines.get("linux-packet");
        assertEquals(List.of("false", UnsatisfiedLinkError.class.getName()), List.of(packet[1], packet[2]));
        assertTrue(packet[3].startsWith("JNA cannot call libc here"), packet[3]);
        String[] open = lines.get("packet-open");
        assertEquals(List.of("failed", UnsatisfiedLinkError.class.getName()), List.of(open[1], open[2]),
                "opening anyway fails with the cause");

        String[] mapper = lines.get("mapper");
        assertEquals("true", mapper[1]);
        assertTrue(mapper[3].contains("plain Java"), mapper[3]);
        assertEquals("true", lines.get("interfaces")[1]);
        assertEquals("true", lines.get("sockets")[1]);

        String[] mapped = lines.get("mapped");
        assertEquals(mapped[1], mapped[2], "the child's listening socket maps to the child");
    }

    /** The failed socket() call's errno exception is the cause, and the reason names the capability. */
    @Test
    void withoutCapNetRawThePacketCounterIsUnavailableWithTheErrno() throws Exception {
        CiAssume.root();
        Path setpriv = Path.of("/usr/bin/setpriv");
        CiAssume.that(Files.isExecutable(setpriv), "needs setpriv (util-linux) to drop a capability");
        Map<String, String[]> lines = runChild(
                List.of(setpriv.toString(), "--inh-caps=-net_raw", "--bounding-set=-net_raw"), List.of());
        String[] packet = lines.get("linux-packet");
        assertEquals(List.of("false", ErrnoException.class.getName()), List.of(packet[1], packet[2]));
        assertEquals(PacketRing.socketError(Libc.EPERM), packet[3]);
        String[] open = lines.get("packet-open");
        assertEquals(List.of("failed", ErrnoException.class.getName()), List.of(open[1], open[2]),
                "opening anyway fails with the errno");
        assertEquals("true", lines.get("mapper")[1]);
        assertEquals("", lines.get("mapper")[3], "native calls work: nothing to note");
    }

    /** Runs {@link Child} as {@code prefix java jvmOptions Child}; returns its lines by their first field. */
    private static Map<String, String[]> runChild(List<String> prefix, List<String> jvmOptions) throws Exception {
        String output = ChildJvm.run(prefix, jvmOptions, Child.class);
        Map<String, String[]> lines = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] f = line.split("\t", 4);
            lines.put(f[0], f);
        }
        return lines;
    }

    /** Runs in the child JVM: prints each provider's availability, then maps its own socket. */
    static final class Child {

        private Child() {
        }

        public static void main(String[] args) throws IOException {
            print("linux-packet", new PacketFlowCounterProvider().availability());
            print("mapper", new ProcProcessMapperProvider().availability());
            print("interfaces", new ProcInterfaceSourceProvider().availability());
            print("sockets", new ProcNetSocketSourceProvider().availability());
            try {
                new PacketFlowCounterProvider().open().close();
                System.out.println("packet-open\topened");
            } catch (IOException e) {
                String cause = e.getCause() == null ? "-" : e.getCause().getClass().getName();
                System.out.println("packet-open\tfailed\t" + cause);
            }
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    ProcProcessMapper mapper = new ProcProcessMapper()) {
                long inode = KernelSockets.listeningInode(server.getLocalPort());
                int[] owners = mapper.owners(Sockets.sockets(inode));
                System.out.println("mapped\t" + ProcessHandle.current().pid() + "\t" + owners[0]);
            }
        }

        private static void print(String what, Availability a) {
            String cause = a.cause() == null ? "-" : a.cause().getClass().getName();
            System.out.println(what + "\t" + a.available() + "\t" + cause + "\t" + a.reason().replace('\n', ' '));
        }
    }
}
