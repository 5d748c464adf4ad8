package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.CounterSample;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.TestNetwork;

/**
 * Sockets and calls Java cannot make, moved by a Python child with known bytes: Multipath TCP
 * (counted at its own socket), a read of a UDP socket's error queue (no payload moved), and TCP
 * reads with {@code splice(2)} (no {@code recvmsg}: counted by the read marks).
 */
class ProtocolEdgeKernelTest {

    private static final int BYTES = 1_000_000;

    private EbpfTrafficCounter counter;

    @BeforeEach
    void open() throws Exception {
        CiAssume.onPath("python3");
        counter = CounterContract.open(CounterSetup.Attach.AUTO, 4096, 4096);
        counter.drain();
    }

    @AfterEach
    void close() {
        if (counter != null) {
            counter.close();
        }
    }

    /** Runs a Python script that prints its pid, and returns the counts of that pid. */
    private Totals run(String script) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        CounterSample s = counter.drain();
        return Totals.process(s, Long.parseLong(out));
    }

    @Test
    void multipathTcpIsCountedOnceAtItsOwnSocket() throws Exception {
        Path enabled = Path.of("/proc/sys/net/mptcp/enabled");
        CiAssume.that(Files.isReadable(enabled) && Files.readString(enabled).strip().equals("1"),
                "needs Multipath TCP enabled (net.mptcp.enabled=1)");
        String script = String.join("\n",
                "import os, socket",
                "srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)",
                "srv.bind(('127.0.0.1', 0)); srv.listen(1)",
                "c = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)",
                "c.connect(srv.getsockname()); a, _ = srv.accept()",
                "c.sendall(b'x' * 1000000); c.shutdown(socket.SHUT_WR)",
                "n = 0",
                "while True:",
                "    b = a.recv(65536)",
                "    if not b: break",
                "    n += len(b)",
                "assert n == 1000000, n",
                "print(os.getpid())");
        assertEquals(Totals.loopback(1_000_000, 1_000_000), run(script), "sent once, received once, not per subflow");
    }

    @Test
    void aSocketSharedAfterAForkNamesTheProcessThatMovedItsBytes() throws Exception {
        // The parent holds both ends; its child writes to one (and exits), the parent reads the other.
        String script = String.join("\n",
                "import os, socket, struct",
                "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)",
                "c = socket.socket(); c.connect(srv.getsockname()); a, _ = srv.accept()",
                "cookie = lambda s: struct.unpack('Q', s.getsockopt(socket.SOL_SOCKET, 57, 8))[0]  # SO_COOKIE",
                "child = os.fork()",
                "if child == 0:",
                "    c.sendall(b'x' * 300000); os._exit(0)",
                "n = 0",
                "while n < 300000:",
                "    n += len(a.recv(65536))",
                "os.waitpid(child, 0)",
                "print(os.getpid(), child, cookie(c), cookie(a))");
        Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python did not finish");
        String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split(" ");
        assertEquals(0, p.exitValue(), String.join(" ", out));
        CounterSample s = counter.drain();
        int parent = Integer.parseInt(out[0]);
        int child = Integer.parseInt(out[1]);
        CounterSample.SocketCount written = socket(s, Long.parseUnsignedLong(out[2]));
        CounterSample.SocketCount read = socket(s, Long.parseUnsignedLong(out[3]));
        assertEquals(new CounterSample.SocketCount(written.cookie(), 300_000, 0, child), written,
                "the child moved the bytes of the socket its parent opened");
        assertEquals(new CounterSample.SocketCount(read.cookie(), 0, 300_000, parent), read, "the parent read them");
    }

    private static CounterSample.SocketCount socket(CounterSample s, long cookie) {
        return s.sockets().stream().filter(c -> c.cookie() == cookie).findFirst()
                .orElseThrow(() -> new AssertionError("no count for socket " + cookie + " in " + s.sockets()));
    }

    @Test
    void readingTheErrorQueueMovesNoPayload() throws Exception {
        String script = String.join("\n",
                "import os, socket, time",
                "free = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); free.bind(('127.0.0.1', 0))",
                "port = free.getsockname()[1]; free.close()",
                "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                "s.setsockopt(socket.SOL_IP, 11, 1)  # IP_RECVERR",
                "s.connect(('127.0.0.1', port)); s.send(b'y' * 1000)",
                "for _ in range(100):",
                "    try:",
                "        data, _, _, _ = s.recvmsg(4096, 1024, socket.MSG_ERRQUEUE | socket.MSG_DONTWAIT)",
                "        break",
                "    except BlockingIOError:",
                "        time.sleep(0.01)",
                "assert len(data) > 0, len(data)  # the quoted datagram (ICMP quotes at most 576 bytes)",
                "print(os.getpid())");
        assertEquals(Totals.loopback(1000, 0), run(script), "the datagram sent; the ICMP error read back is not payload");
    }

    @Test
    void splicedReadsOfAnAcceptedSocketAreCounted() throws Exception {
        assertEquals(Totals.loopback(BYTES, BYTES), run(splice("a", "c", BYTES, false)),
                "received with splice by the accepting end");
    }

    @Test
    void splicedReadsOfAConnectedSocketAreCounted() throws Exception {
        assertEquals(Totals.loopback(BYTES, BYTES), run(splice("c", "a", BYTES, false)),
                "received with splice by the connecting end");
    }

    @Test
    void splicedReadsAfterBothEndsClosedAreCounted() throws Exception {
        int bytes = 50_000; // fits in the receive buffer: all of it arrives before the first read
        assertEquals(Totals.loopback(bytes, bytes), run(splice("c", "a", bytes, true)),
                "the reader had shut down its side, so its socket is CLOSE when it reads");
    }

    @Test
    void splicedReadsOfASocketOpenBeforeCountingStartedAreCounted() throws Exception {
        assertEquals(Totals.loopback(50_000, 50_000), spliceOnASocketOpenBeforeCounting(ProcessBuilder::start),
                "the socket got its mark from the iterator when counting started");
    }

    @Test
    void splicedReadsOfASocketOpenBeforeCountingStartedInAnotherNamespaceAreCounted() throws Exception {
        try (TestNetwork net = TestNetwork.toPeer(TestNetwork.Ipv6.DISABLED)) {
            assertEquals(Totals.loopback(50_000, 50_000), spliceOnASocketOpenBeforeCounting(net.far()::start),
                    "the iterator goes through every process's files, whatever its network namespace");
        }
    }

    /** How a test starts the Python child: here, or in a namespace. */
    private interface Starter {
        Process start(ProcessBuilder b) throws IOException;
    }

    /**
     * A Python child connects over loopback and reads once with recv; a new counter opens; then
     * 50,000 bytes move and are read with splice. Returns the child's counts in the new counter.
     */
    private Totals spliceOnASocketOpenBeforeCounting(Starter starter) throws Exception {
        String script = String.join("\n",
                "import os, socket, sys",
                "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)",
                "c = socket.create_connection(srv.getsockname()); a, _ = srv.accept()",
                "c.sendall(b'x' * 1000); got = a.recv(1000)",
                "print('open', flush=True); sys.stdin.readline()",
                "c.sendall(b'x' * 50000); c.shutdown(socket.SHUT_WR)",
                "r, w = os.pipe(); null = os.open('/dev/null', os.O_WRONLY); n = 0",
                "while True:",
                "    m = os.splice(a.fileno(), w, 65536)",
                "    if m == 0: break",
                "    n += m",
                "    while m > 0: m -= os.splice(r, null, m)",
                "assert n == 50000 and len(got) == 1000, (n, len(got))",
                "print(os.getpid(), flush=True)");
        counter.close();
        Process p = starter.start(new ProcessBuilder("python3", "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("open", out.readLine());
            counter = CounterContract.open(CounterSetup.Attach.AUTO, 4096, 4096);
            counter.drain();
            p.getOutputStream().write('\n');
            p.getOutputStream().flush();
            long pid = Long.parseLong(out.readLine().strip());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "python failed");
            return Totals.process(counter.drain(), pid);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aRawSocketThatNamesTcpIsCountedAsItsReadsReturn() throws Exception {
        // Not a TCP socket (SOCK_RAW): it has no copied_seq, so no read mark may be taken from it.
        String script = String.join("\n",
                "import os, socket",
                "raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP); raw.settimeout(0.5)",
                "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)",
                "c = socket.create_connection(srv.getsockname()); a, _ = srv.accept()",
                "c.sendall(b'x' * 1000); got = len(a.recv(1000))",
                "c.close(); a.close(); n = 0",
                "try:",
                "    while True: n += len(raw.recv(65536))",
                "except socket.timeout:",
                "    pass",
                "assert got == 1000 and n > 1000, (got, n)",
                "print(os.getpid(), n)");
        Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python did not finish");
        String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split(" ");
        assertEquals(0, p.exitValue(), String.join(" ", out));
        long raw = Long.parseLong(out[1]);
        assertEquals(new Totals(0, raw, 1000, 1000), Totals.process(counter.drain(), Long.parseLong(out[0])),
                "the TCP socket's 1000 bytes, and what the raw socket's reads returned (unconnected and bound to no"
                        + " address: network traffic, as an unconnected UDP socket's)");
    }

    @Test
    void readsAfterAResetCountEveryByte() throws Exception {
        String recv = "m = len(a.recv(65536))";
        String splice = "m = os.splice(a.fileno(), w, 65536); k = m\n        while k > 0: k -= os.splice(r, null, k)";
        for (String read : new String[] {recv, splice}) {
            String script = String.join("\n",
                    "import os, socket, struct, time",
                    "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)",
                    "c = socket.create_connection(srv.getsockname()); a, _ = srv.accept()",
                    "c.sendall(b'x' * 1000); time.sleep(0.1)",
                    "c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); c.close()  # a reset",
                    "time.sleep(0.1)",
                    "r, w = os.pipe(); null = os.open('/dev/null', os.O_WRONLY); n = 0",
                    "try:",
                    "    while True:",
                    "        " + read,
                    "        if m == 0: break",
                    "        n += m",
                    "except ConnectionResetError:",
                    "    pass",
                    "assert n == 1000, n",
                    "print(os.getpid())");
            assertEquals(Totals.loopback(1000, 1000), run(script),
                    (read == recv ? "recv" : "splice") + " after the peer's reset: no FIN to take off");
        }
    }

    @Test
    void readsOfASockmapRedirectAreCountedAsRecvmsgReturnsThem() throws Exception {
        // An sk_msg program redirects what one end sends into the other's ingress queue (as
        // service-mesh accelerators do): the receiver's copied_seq never moves.
        String script = String.join("\n",
                "import ctypes, os, socket, struct, threading",
                "libc = ctypes.CDLL(None, use_errno=True)",
                "def bpf(cmd, attr):",
                "    buf = ctypes.create_string_buffer(attr, 128)",
                "    r = libc.syscall(321, cmd, buf, 128)",
                "    assert r >= 0, ('bpf', cmd, ctypes.get_errno())",
                "    return r",
                "def insn(code, dst, src, off, imm): return struct.pack('<BBhi', code, (src << 4) | dst, off, imm)",
                "smap = bpf(0, struct.pack('IIIII', 15, 4, 4, 2, 0))  # BPF_MAP_TYPE_SOCKMAP",
                "code = (insn(0x18, 2, 1, 0, smap) + insn(0, 0, 0, 0, 0) + insn(0xb7, 3, 0, 0, 0) + insn(0xb7, 4, 0, 0, 1)",
                "        + insn(0x85, 0, 0, 0, 60) + insn(0x95, 0, 0, 0, 0))  # msg_redirect_map(msg, map, 0, BPF_F_INGRESS)",
                "insns = ctypes.create_string_buffer(code); gpl = ctypes.create_string_buffer(b'GPL')",
                "prog = bpf(5, struct.pack('IIQQ', 16, len(code) // 8, ctypes.addressof(insns), ctypes.addressof(gpl)))",
                "bpf(8, struct.pack('IIII', smap, prog, 7, 0))  # attach as the map's sk_msg verdict",
                "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)",
                "c = socket.create_connection(srv.getsockname()); a, _ = srv.accept()",
                "for key, s in ((0, a), (1, c)):",
                "    k = ctypes.c_uint32(key); v = ctypes.c_uint32(s.fileno())",
                "    bpf(2, struct.pack('IIQQQ', smap, 0, ctypes.addressof(k), ctypes.addressof(v), 0))",
                "t = threading.Thread(target=lambda: c.sendall(b'x' * " + BYTES + ")); t.start(); n = 0",
                "while n < " + BYTES + ":",
                "    b = a.recv(65536)",
                "    if not b: break",
                "    n += len(b)",
                "t.join()",
                "assert n == " + BYTES + ", n",
                "print(os.getpid())");
        assertEquals(Totals.loopback(BYTES, BYTES), run(script), "received through the sockmap, counted once");
    }

    @Test
    void twoThreadsReadingOneSocketCountEachByteOnce() throws Exception {
        String script = String.join("\n",
                "import os, socket, threading",
                "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)",
                "c = socket.create_connection(srv.getsockname()); a, _ = srv.accept()",
                "got = [0, 0]",
                "def read(i):",
                "    while True:",
                "        b = a.recv(1000)",
                "        if not b: return",
                "        got[i] += len(b)",
                "readers = [threading.Thread(target=read, args=(i,)) for i in (0, 1)]",
                "[t.start() for t in readers]",
                "c.sendall(b'x' * " + BYTES + "); c.shutdown(socket.SHUT_WR)",
                "[t.join() for t in readers]",
                "assert sum(got) == " + BYTES + " and min(got) > 0, got",
                "print(os.getpid())");
        assertEquals(Totals.loopback(BYTES, BYTES), run(script), "each byte once, whichever thread read it");
    }

    /**
     * A script that moves {@code bytes} over loopback from one end to the other ({@code a} the
     * accepted socket, {@code c} the connected one), read with splice into a pipe and on to
     * /dev/null. Where {@code readerClosedFirst}, the reader shuts down its side and the writer
     * sends all and closes before the first read.
     */
    private static String splice(String reader, String writer, int bytes, boolean readerClosedFirst) {
        String send = writer + ".sendall(b'x' * " + bytes + "); " + writer + ".shutdown(socket.SHUT_WR)";
        return String.join("\n",
                "import os, socket, threading, time",
                "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)",
                "c = socket.create_connection(srv.getsockname()); a, _ = srv.accept()",
                readerClosedFirst ? reader + ".shutdown(socket.SHUT_WR); " + send + "; " + writer + ".close(); time.sleep(0.2)"
                        : "t = threading.Thread(target=lambda: (" + send.replace("; ", ", ") + ")); t.start()",
                "r, w = os.pipe(); null = os.open('/dev/null', os.O_WRONLY); n = 0",
                "while True:",
                "    m = os.splice(" + reader + ".fileno(), w, 65536)",
                "    if m == 0: break",
                "    n += m",
                "    while m > 0: m -= os.splice(r, null, m)",
                readerClosedFirst ? "" : "t.join()",
                "assert n == " + bytes + ", n",
                "print(os.getpid())");
    }
}
