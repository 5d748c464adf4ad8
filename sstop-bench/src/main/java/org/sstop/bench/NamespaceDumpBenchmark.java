package org.sstop.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;
import org.sstop.linux.netlink.NetlinkSocketSourceProvider;

/**
 * One sample of the netlink socket source on a host with {@code namespaces} other network
 * namespaces, each holding {@code socketsPerNamespace} TCP sockets (a process in each keeps
 * loopback connections open): the sock_diag dumps of every namespace (each walks the host-wide
 * established table in the kernel, which JMH's wall time includes), their parsing, and the
 * namespace finder. {@code namespaces = 0} is the host without containers. With {@code busy}, a
 * byte moves in every namespace every 10 ms, so none is ever quiet and each is dumped every
 * sample; without, the namespaces are idle and their TCP dumps are left out while their TCP
 * counters stand still. Root and Linux only.
 * Run: {@code java -jar sstop-bench/target/benchmarks.jar NamespaceDumpBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NamespaceDumpBenchmark {

    /** Holds {@code argv[1]} loopback TCP sockets open (half clients, half accepted), prints ready, sleeps. */
    private static final String HOLDER = String.join("\n",
            "import socket, sys, time",
            "n = int(sys.argv[1]) // 2",
            "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(n)",
            "keep = []",
            "for _ in range(n):",
            "    c = socket.create_connection(srv.getsockname()); keep += [c, srv.accept()[0]]",
            "print('ready', flush=True)",
            "while True:",
            "    time.sleep(0.01)",
            "    if sys.argv[2] == 'true': keep[0].send(b'x')");

    /** Other network namespaces, each with a process holding sockets. */
    @Param({"0", "20"})
    public int namespaces;

    /** Whether every namespace moves a byte every 10 ms. */
    @Param({"false", "true"})
    public boolean busy;

    /** TCP sockets in each namespace. */
    @Param({"500"})
    public int socketsPerNamespace;

    private final List<String> made = new ArrayList<>();
    private final List<Process> holders = new ArrayList<>();
    private SocketSource source;

    /** Makes the namespaces and their sockets, then opens the source and lets it find them. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        String prefix = "sstop-jmh-" + ProcessHandle.current().pid() + "-";
        for (int i = 0; i < namespaces; i++) {
            String ns = prefix + i;
            run("ip", "netns", "add", ns);
            made.add(ns);
            run("ip", "-n", ns, "link", "set", "lo", "up");
            Process p = new ProcessBuilder("ip", "netns", "exec", ns, "python3", "-c", HOLDER,
                    Integer.toString(socketsPerNamespace), Boolean.toString(busy)).redirectErrorStream(true).start();
            holders.add(p);
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (!"ready".equals(line)) {
                throw new IllegalStateException("socket holder in " + ns + " said: " + line);
            }
        }
        source = new NetlinkSocketSourceProvider().open();
        int expected = namespaces * socketsPerNamespace;
        int seen = 0;
        for (int i = 0; i < 3; i++) { // the finder reads a new process's namespace on its first and second look
            SocketSample s = source.sample();
            seen = (int) s.sockets().stream().filter(x -> x.netns() != 0).count();
        }
        if (seen < expected) {
            throw new IllegalStateException("saw " + seen + " sockets in other namespaces, expected " + expected);
        }
    }

    /** One sample of every namespace. */
    @Benchmark
    public SocketSample sample() throws IOException {
        return source.sample();
    }

    /** Closes the source, ends the holders, deletes the namespaces. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        if (source != null) {
            source.close();
        }
        for (Process p : holders) {
            p.destroyForcibly().waitFor();
        }
        for (String ns : made) {
            run("ip", "netns", "del", ns);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
    }
}
